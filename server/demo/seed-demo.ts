import { sql } from 'kysely';
import type { Db } from '../db/database';
import { createArea, createUser } from '../areas/areas.service';
import { insertOrganisation } from '../areas/areas.repository';
import { pointToStorageCell } from '../h3/cells';
import { generateDemoData, DEMO_PASSWORD } from '../../scripts/demo/generate';
import { DEMO_ZONES } from '../../scripts/demo/zones';
import { insertZone } from '../zones/zones.repository';
import { randomUUID } from 'node:crypto';
import { generateDemoWalks } from '../../scripts/demo/walks';
import { seedDemoWalks } from './seed-walks';
import { seedDemoPatrols } from './seed-patrols';

export interface DemoSeedResult {
  areaCode: string;
  reports: number;
  /** Safety walks (a re-walk among them) and their findings. */
  walks: number;
  findings: number;
  users: { email: string; role: string }[];
  password: string;
}

const INSERT_CHUNK = 1000;

/** Creates the demo area (synthetic EST data around Eskilstuna centre) unless it exists. */
export async function seedDemo(
  db: Db,
  opts: { now?: Date; reportCount?: number; onlyIntoEmptyDatabase?: boolean } = {},
): Promise<DemoSeedResult | undefined> {
  // First start only: once an admin has created areas of their own, the server never adds the demo.
  if (opts.onlyIntoEmptyDatabase && (await db.selectFrom('areas').select('id').limit(1).executeTakeFirst())) return undefined;
  const data = generateDemoData({ now: opts.now, reportCount: opts.reportCount });
  const existing = await db.selectFrom('areas').select('id').where('code', '=', data.area.code).executeTakeFirst();
  if (existing) return undefined;

  const area = await createArea(db, { code: data.area.code, name: data.area.name, boundary: data.area.boundary });
  const orgIds = new Map<string, number>();
  for (const org of data.organisations) {
    orgIds.set(org.key, (await insertOrganisation(db, area.id, org.name, org.kind)).id);
  }
  const userIds = new Map<string, number>();
  for (const user of data.users) {
    const created = await createUser(db, {
      email: user.email,
      name: user.name,
      role: user.role,
      areaCode: area.code,
      password: user.password,
      organisationId: user.organisationKey ? orgIds.get(user.organisationKey) ?? null : null,
    });
    userIds.set(user.email, created.id);
  }
  // The places the lägesbild names its hotspots after, drawn by the demo planner.
  const planner = data.users.find((u) => u.role === 'planner');
  for (const zone of DEMO_ZONES) {
    await insertZone(db, {
      areaId: area.id,
      id: randomUUID(),
      name: zone.name,
      geojson: JSON.stringify(zone.geometry),
      createdBy: planner ? userIds.get(planner.email) ?? null : null,
    });
  }
  for (let i = 0; i < data.reports.length; i += INSERT_CHUNK) {
    const chunk = data.reports.slice(i, i + INSERT_CHUNK);
    await db
      .insertInto('reports')
      .values(
        chunk.map((r) => ({
          area_id: area.id,
          id: r.id,
          category: r.category,
          observed_at: r.observedAt,
          observed_until: r.observedUntil,
          reported_at: new Date(Math.max(r.observedAt.getTime(), (r.observedUntil ?? r.observedAt).getTime()) + 15 * 60_000),
          geom: sql`ST_SetSRID(ST_MakePoint(${r.lng}, ${r.lat}), 4326)`,
          h3: pointToStorageCell(r.lng, r.lat),
          severity: r.severity,
          description: r.description,
          organisation_id: orgIds.get(r.organisationKey) ?? null,
          reporter_id: userIds.get(r.reporterEmail) ?? null,
          source: 'app' as const,
        })),
      )
      .execute();
  }
  const walks = generateDemoWalks({ now: opts.now });
  await seedDemoWalks(db, area.id, walks, orgIds, userIds);
  await sql`ANALYZE reports`.execute(db);
  // Patrols and a medborgarlöfte on the demo's places, so the planner's screens have data (issue 6).
  await seedDemoPatrols(
    db,
    area.id,
    { planner: userIds.get('planerare@demo.tryggkarta.se')!, police: userIds.get('rapportor@demo.tryggkarta.se')! },
    opts.now ?? new Date(),
  );
  // One account per role is enough to print; the field reporters log in the same way.
  const roleOrder = ['planner', 'analyst', 'admin', 'reporter', 'walker'];
  const firstPerRole = roleOrder.flatMap((role) => data.users.find((u) => u.role === role) ?? []);
  return {
    areaCode: area.code,
    reports: data.reports.length,
    walks: walks.length,
    findings: walks.reduce((n, w) => n + w.findings.length, 0),
    users: firstPerRole.map((u) => ({ email: u.email, role: u.role })),
    password: DEMO_PASSWORD,
  };
}
