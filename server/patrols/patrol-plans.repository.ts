import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { PlanStatus } from '../db/schema';
import { bigintToCell, cellToBigint } from '../h3/cells';
import type { PatrolWindow, ScheduledStop } from './koper-schedule';

type Conn = Db | Tx;

export interface TopCategory {
  category: string;
  label?: string;
  count: number;
}

export interface PlanTarget {
  id: string;
  name: string | null;
  cells: string[] | null;
  res: number | null;
  zoneId: string | null;
  /** The zone's current name (null when the target is cells, or its zone was deleted). */
  zoneName: string | null;
  windows: PatrolWindow[];
  dwellMinutes: number;
  visitsPerWeek: number;
  plannedMinutesPerWeek: number;
  unit: string | null;
  priority: number;
  schedule: ScheduledStop[] | null;
  reason: string | null;
  topCategories: TopCategory[] | null;
  geometry: { type: 'MultiPolygon' | 'Polygon'; coordinates: unknown };
}

export interface PlanRow {
  id: string;
  name: string;
  from: Date;
  to: Date;
  status: PlanStatus;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

interface TargetRow {
  id: string;
  plan_id: string;
  name: string | null;
  cells: string[] | string | null;
  res: number | null;
  zone_id: string | null;
  zone_name: string | null;
  windows: PatrolWindow[] | string;
  dwell_minutes: number;
  visits_per_week: number;
  unit: string | null;
  priority: number;
  schedule: ScheduledStop[] | string | null;
  reason: string | null;
  top_categories: TopCategory[] | string | null;
  geometry: string;
}

const json = <T>(v: T | string | null): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** int8[] selected as text[]: an array from node-postgres, possibly a '{…}' literal elsewhere. */
function textArray(v: string[] | string | null): string[] | null {
  if (v === null) return null;
  if (Array.isArray(v)) return v;
  const inner = v.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}

function rowToTarget(r: TargetRow): PlanTarget {
  return {
    id: r.id,
    name: r.name,
    cells: textArray(r.cells)?.map((c) => bigintToCell(c)) ?? null,
    res: r.res === null ? null : Number(r.res),
    zoneId: r.zone_id,
    zoneName: r.zone_name,
    windows: json(r.windows) ?? [],
    dwellMinutes: Number(r.dwell_minutes),
    visitsPerWeek: Number(r.visits_per_week),
    plannedMinutesPerWeek: Number(r.dwell_minutes) * Number(r.visits_per_week),
    unit: r.unit,
    priority: Number(r.priority),
    schedule: json(r.schedule),
    reason: r.reason,
    topCategories: json(r.top_categories),
    geometry: JSON.parse(r.geometry),
  };
}

export interface NewPlan {
  areaId: number;
  id: string;
  name: string;
  from: Date;
  to: Date;
  createdBy: number;
}

export async function insertPlan(db: Conn, p: NewPlan): Promise<void> {
  await db
    .insertInto('patrol_plans')
    .values({ area_id: p.areaId, id: p.id, name: p.name, period_from: p.from, period_to: p.to, created_by: p.createdBy })
    .execute();
}

export interface NewTarget {
  id: string;
  position: number;
  name: string | null;
  place: { kind: 'cells'; cells: string[]; res: number; outline: string } | { kind: 'zone'; zoneId: string };
  windows: PatrolWindow[];
  dwellMinutes: number;
  visitsPerWeek: number;
  unit: string | null;
  priority: number;
  schedule: ScheduledStop[] | null;
  reason: string | null;
  topCategories: TopCategory[] | null;
}

/**
 * Inserts a plan's targets. A zone target copies the zone's outline (the zone must exist in the
 * area: the caller checks); a cell target stores the dissolved outline of its cells.
 */
export async function insertTargets(db: Conn, areaId: number, planId: string, targets: readonly NewTarget[]): Promise<void> {
  for (const t of targets) {
    const geom =
      t.place.kind === 'cells'
        ? sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${t.place.outline}), 4326))`
        : sql`(SELECT z.geom FROM zones z WHERE z.area_id = ${areaId} AND z.id = ${t.place.zoneId})`;
    await db
      .insertInto('patrol_targets')
      .values({
        area_id: areaId,
        id: t.id,
        plan_id: planId,
        position: t.position,
        name: t.name,
        res: t.place.kind === 'cells' ? t.place.res : null,
        cells: t.place.kind === 'cells' ? t.place.cells.map((c) => cellToBigint(c).toString()) : null,
        zone_id: t.place.kind === 'zone' ? t.place.zoneId : null,
        geom,
        windows: JSON.stringify(t.windows),
        dwell_minutes: t.dwellMinutes,
        visits_per_week: t.visitsPerWeek,
        unit: t.unit,
        priority: t.priority,
        schedule: t.schedule ? JSON.stringify(t.schedule) : null,
        reason: t.reason,
        top_categories: t.topCategories ? JSON.stringify(t.topCategories) : null,
      })
      .execute();
  }
}

export async function deleteTargets(db: Conn, areaId: number, planId: string): Promise<void> {
  await db.deleteFrom('patrol_targets').where('area_id', '=', areaId).where('plan_id', '=', planId).execute();
}

/** Ids among `ids` that are zones of the area. */
export async function existingZoneIds(db: Conn, areaId: number, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('zones').select('id').where('area_id', '=', areaId).where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}

const planColumns = sql`p.id, p.name, p.period_from, p.period_to, p.status, p.created_by, p.created_at, p.updated_at`;

interface PlanDbRow {
  id: string;
  name: string;
  period_from: Date;
  period_to: Date;
  status: PlanStatus;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
}

const rowToPlan = (r: PlanDbRow): PlanRow => ({
  id: r.id,
  name: r.name,
  from: r.period_from,
  to: r.period_to,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function findPlan(db: Conn, areaId: number, id: string): Promise<PlanRow | undefined> {
  const result = await sql<PlanDbRow>`SELECT ${planColumns} FROM patrol_plans p WHERE p.area_id = ${areaId} AND p.id = ${id}`.execute(db);
  return result.rows[0] && rowToPlan(result.rows[0]);
}

/** Plans of the area, newest period first, optionally of some statuses. */
export async function listPlans(db: Conn, areaId: number, statuses?: readonly PlanStatus[]): Promise<PlanRow[]> {
  const filter = statuses ? sql`AND p.status IN (${sql.join(statuses)})` : sql``;
  const result = await sql<PlanDbRow>`
    SELECT ${planColumns} FROM patrol_plans p WHERE p.area_id = ${areaId} ${filter}
    ORDER BY p.period_from DESC, p.created_at DESC, p.id`.execute(db);
  return result.rows.map(rowToPlan);
}

/** The targets of some plans, in their saved order, with outlines as GeoJSON. */
export async function targetsOfPlans(db: Conn, areaId: number, planIds: readonly string[]): Promise<Map<string, PlanTarget[]>> {
  const byPlan = new Map<string, PlanTarget[]>(planIds.map((id) => [id, []]));
  if (planIds.length === 0) return byPlan;
  const result = await sql<TargetRow>`
    SELECT t.id, t.plan_id, t.name, t.cells::text[] AS cells, t.res, t.zone_id, z.name AS zone_name, t.windows,
           t.dwell_minutes, t.visits_per_week, t.unit, t.priority, t.schedule, t.reason, t.top_categories,
           ST_AsGeoJSON(CASE WHEN ST_NumGeometries(t.geom) = 1 THEN ST_GeometryN(t.geom, 1) ELSE t.geom END, 7) AS geometry
    FROM patrol_targets t
    LEFT JOIN zones z ON z.area_id = t.area_id AND z.id = t.zone_id
    WHERE t.area_id = ${areaId} AND t.plan_id IN (${sql.join(planIds)})
    ORDER BY t.plan_id, t.position`.execute(db);
  for (const row of result.rows) byPlan.get(row.plan_id)?.push(rowToTarget(row));
  return byPlan;
}

export async function updatePlan(
  db: Conn,
  areaId: number,
  id: string,
  patch: { name?: string; from?: Date; to?: Date; status?: PlanStatus },
): Promise<void> {
  await db
    .updateTable('patrol_plans')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.from !== undefined ? { period_from: patch.from } : {}),
      ...(patch.to !== undefined ? { period_to: patch.to } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updated_at: sql`now()` as unknown as Date,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .execute();
}

/** Target ids of a plan (a PATCH may keep them). */
export async function targetIdsOfPlan(db: Conn, areaId: number, planId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('patrol_targets').select('id').where('area_id', '=', areaId).where('plan_id', '=', planId).execute();
  return new Set(rows.map((r) => r.id));
}
