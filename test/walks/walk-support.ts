import { randomUUID } from 'node:crypto';
import { createUser } from '../../server/areas/areas.service';
import type { Db } from '../../server/db/database';
import { ApiClient, PASSWORD, type TestArea } from '../support/fixtures';

/** The square test area's centre (see test/support/fixtures.ts): ±0.1° lng, ±0.05° lat. */
export const CENTER: [number, number] = [16.5, 59.37];

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/** A point inside the test area, dx/dy in degrees from the centre (7 decimals, as the API writes them). */
export const at = (dx = 0, dy = 0): [number, number] => [round7(CENTER[0] + dx), round7(CENTER[1] + dy)];

export function walkBody(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    name: 'Trygghetsvandring Centrum',
    plannedAt: '2026-09-10T18:00:00+02:00',
    plannedRoute: { type: 'LineString', coordinates: [at(0, 0), at(0.005, 0.002), at(0.01, 0.001)] },
    participants: [{ name: 'Boende i kvarteret' }],
    notes: 'Samling vid stationen',
    ...overrides,
  };
}

export function findingBody(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    category: 'belysning',
    location: { type: 'Point', coordinates: at(0.004, 0.001) },
    priority: 1,
    description: 'Trasig gatlykta i gångtunneln',
    proposedFix: 'Byt armatur',
    responsible: 'kommun',
    responsibleName: 'Gatukontoret',
    ...overrides,
  };
}

/** A second user of a role in the area, logged in (e.g. another walker whose walks are not yours). */
export async function secondUser(db: Db, baseUrl: string, area: TestArea, role: 'walker' | 'reporter' | 'planner', tag = '2') {
  const email = `${role}${tag}@${area.code}.test`;
  const user = await createUser(db, { email, name: `${role} ${tag}`, role, areaCode: area.code, password: PASSWORD, organisationId: area.organisationId });
  return { id: user.id, client: await ApiClient.login(baseUrl, email) };
}

export const detailPaths = (body: any): string[] => (body?.error?.details ?? []).map((d: { path: string }) => d.path);

/** Today's date in Stockholm, shifted by `days` (a due date is a calendar day in the area's zone). */
export function stockholmDate(days = 0): string {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
