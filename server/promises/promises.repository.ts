import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { ActivityKind, PlanStatus, PromiseMetric, PromiseOwner, PromisePer } from '../db/schema';

type Conn = Db | Tx;

export interface PromiseRow {
  id: string;
  title: string;
  owner: PromiseOwner;
  from: Date;
  to: Date;
  status: PlanStatus;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PromiseTarget {
  id: string;
  metric: PromiseMetric;
  zoneId: string | null;
  /** The zone's name when the target was saved (kept if the zone is deleted later). */
  zoneName: string | null;
  per: PromisePer;
  goal: number;
}

interface PromiseDbRow {
  id: string;
  title: string;
  owner: PromiseOwner;
  period_from: Date;
  period_to: Date;
  status: PlanStatus;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
}

const rowToPromise = (r: PromiseDbRow): PromiseRow => ({
  id: r.id,
  title: r.title,
  owner: r.owner,
  from: r.period_from,
  to: r.period_to,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const promiseColumns = sql`p.id, p.title, p.owner, p.period_from, p.period_to, p.status, p.created_by, p.created_at, p.updated_at`;

export async function insertPromise(db: Conn, p: { areaId: number; id: string; title: string; owner: PromiseOwner; from: Date; to: Date; createdBy: number }) {
  await db
    .insertInto('promises')
    .values({ area_id: p.areaId, id: p.id, title: p.title, owner: p.owner, period_from: p.from, period_to: p.to, created_by: p.createdBy })
    .execute();
}

export async function findPromise(db: Conn, areaId: number, id: string): Promise<PromiseRow | undefined> {
  const result = await sql<PromiseDbRow>`SELECT ${promiseColumns} FROM promises p WHERE p.area_id = ${areaId} AND p.id = ${id}`.execute(db);
  return result.rows[0] && rowToPromise(result.rows[0]);
}

export async function listPromises(db: Conn, areaId: number, statuses?: readonly PlanStatus[]): Promise<PromiseRow[]> {
  const filter = statuses ? sql`AND p.status IN (${sql.join(statuses)})` : sql``;
  const result = await sql<PromiseDbRow>`
    SELECT ${promiseColumns} FROM promises p WHERE p.area_id = ${areaId} ${filter}
    ORDER BY p.period_from DESC, p.created_at DESC, p.id`.execute(db);
  return result.rows.map(rowToPromise);
}

export async function updatePromise(
  db: Conn,
  areaId: number,
  id: string,
  patch: { title?: string; owner?: PromiseOwner; from?: Date; to?: Date; status?: PlanStatus },
): Promise<void> {
  await db
    .updateTable('promises')
    .set({
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
      ...(patch.from !== undefined ? { period_from: patch.from } : {}),
      ...(patch.to !== undefined ? { period_to: patch.to } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updated_at: sql`now()` as unknown as Date,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .execute();
}

export interface NewPromiseTarget {
  id: string;
  position: number;
  metric: PromiseMetric;
  zoneId: string | null;
  per: PromisePer;
  goal: number;
}

/** Inserts targets; a zone target copies the zone's name and outline (the caller checked it exists). */
export async function insertPromiseTargets(db: Conn, areaId: number, promiseId: string, targets: readonly NewPromiseTarget[]) {
  for (const t of targets) {
    const zone = (column: 'name' | 'geom') =>
      t.zoneId ? sql`(SELECT ${sql.ref(`z.${column}`)} FROM zones z WHERE z.area_id = ${areaId} AND z.id = ${t.zoneId})` : sql`NULL`;
    await db
      .insertInto('promise_targets')
      .values({
        area_id: areaId,
        id: t.id,
        promise_id: promiseId,
        position: t.position,
        metric: t.metric,
        zone_id: t.zoneId,
        zone_name: zone('name') as unknown as string,
        geom: zone('geom'),
        per: t.per,
        goal: t.goal,
      })
      .execute();
  }
}

export async function deletePromiseTargets(db: Conn, areaId: number, promiseId: string) {
  await db.deleteFrom('promise_targets').where('area_id', '=', areaId).where('promise_id', '=', promiseId).execute();
}

export async function targetsOfPromises(db: Conn, areaId: number, ids: readonly string[]): Promise<Map<string, PromiseTarget[]>> {
  const byPromise = new Map<string, PromiseTarget[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byPromise;
  const rows = await db
    .selectFrom('promise_targets')
    .select(['id', 'promise_id', 'metric', 'zone_id', 'zone_name', 'per', 'goal'])
    .where('area_id', '=', areaId)
    .where('promise_id', 'in', ids)
    .orderBy('promise_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    byPromise.get(r.promise_id)?.push({ id: r.id, metric: r.metric, zoneId: r.zone_id, zoneName: r.zone_name, per: r.per, goal: Number(r.goal) });
  }
  return byPromise;
}

export async function targetIdsOfPromise(db: Conn, areaId: number, promiseId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('promise_targets').select('id').where('area_id', '=', areaId).where('promise_id', '=', promiseId).execute();
  return new Set(rows.map((r) => r.id));
}

export interface Activity {
  id: string;
  promiseId: string;
  kind: ActivityKind;
  date: string;
  zoneId: string | null;
  note: string | null;
  count: number;
  createdBy: number | null;
  createdAt: string;
}

interface ActivityRow {
  id: string;
  promise_id: string;
  kind: ActivityKind;
  date: string;
  zone_id: string | null;
  note: string | null;
  count: number;
  created_by: number | null;
  created_at: Date;
}

const rowToActivity = (r: ActivityRow): Activity => ({
  id: r.id,
  promiseId: r.promise_id,
  kind: r.kind,
  date: r.date,
  zoneId: r.zone_id,
  note: r.note,
  count: Number(r.count),
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

// Dates as text: drivers turn a `date` into a JavaScript Date at the server process's midnight.
const activityColumns = sql`a.id, a.promise_id, a.kind, to_char(a.date, 'YYYY-MM-DD') AS date, a.zone_id, a.note, a.count, a.created_by, a.created_at`;

export async function findActivity(db: Conn, areaId: number, id: string): Promise<Activity | undefined> {
  const result = await sql<ActivityRow>`SELECT ${activityColumns} FROM promise_activities a WHERE a.area_id = ${areaId} AND a.id = ${id}`.execute(db);
  return result.rows[0] && rowToActivity(result.rows[0]);
}

export async function listActivities(db: Conn, areaId: number, promiseId: string): Promise<Activity[]> {
  const result = await sql<ActivityRow>`
    SELECT ${activityColumns} FROM promise_activities a
    WHERE a.area_id = ${areaId} AND a.promise_id = ${promiseId} ORDER BY a.date, a.created_at, a.id`.execute(db);
  return result.rows.map(rowToActivity);
}

export async function insertActivity(
  db: Conn,
  a: { areaId: number; id: string; promiseId: string; kind: ActivityKind; date: string; zoneId: string | null; note: string | null; count: number; createdBy: number },
): Promise<boolean> {
  const result = await db
    .insertInto('promise_activities')
    .values({
      area_id: a.areaId,
      id: a.id,
      promise_id: a.promiseId,
      kind: a.kind,
      date: a.date,
      zone_id: a.zoneId,
      note: a.note,
      count: a.count,
      created_by: a.createdBy,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
