import fc from 'fast-check';
import { sql } from 'kysely';
import type { Db } from '../../../server/db/database';
import type { Role } from '../../../server/db/schema';
import { createApiToken } from '../../../server/auth/auth.service';
import { pointToStorageCell } from '../../../server/h3/cells';
import { PASSWORD, type TestArea } from '../../support/fixtures';
import { send } from '../../support/fuzz';

/** How a fuzzed request authenticates: a bearer token, or a session cookie with the same-origin header writes need. */
export interface Caller {
  role: Role;
  headers: Record<string, string>;
}

export async function tokenCaller(db: Db, area: TestArea, role: Role): Promise<Caller> {
  const { token } = await createApiToken(db, { id: area.users[role].id, areaId: area.id }, `fuzz-${role}`);
  return { role, headers: { authorization: `Bearer ${token}` } };
}

export async function cookieCaller(baseUrl: string, area: TestArea, role: Role): Promise<Caller> {
  const res = await send(baseUrl, {
    method: 'POST',
    path: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: area.users[role].email, password: PASSWORD }),
  });
  const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`login as ${role} failed: ${res.status} ${res.text}`);
  return { role, headers: { cookie, origin: baseUrl } };
}

export const callerHeaders = (...callers: Caller[]) => fc.constantFrom(...callers).map((c) => c.headers);

/** A report stored directly by the owner (not through the API), for the by-id routes to find. */
export async function storeReport(db: Db, area: TestArea, lng = 16.51, lat = 59.375): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('reports')
    .values({
      area_id: area.id,
      id,
      category: 'klotter',
      observed_at: new Date('2026-05-01T12:00:00Z'),
      geom: sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`,
      h3: pointToStorageCell(lng, lat),
      source: 'app',
      reporter_id: area.users.reporter.id,
    })
    .execute();
  return id;
}
