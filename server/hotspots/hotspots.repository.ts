import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import { REPORT_SOURCES, type HotspotFilter } from './hotspot-filters';

type Conn = Db | Tx;

/** The res-p ancestor of the stored res-15 cell, in SQL (DESIGN §4; note the bigint literals). */
export function parentCellSql(res: number): RawBuilder<string> {
  const p = sql.lit(res);
  return sql<string>`((r.h3 & ~(15::bigint << 52)) | (${p}::bigint << 52) | ((1::bigint << (45 - 3 * ${p})) - 1))`;
}

/** Local weekday/hour filters need the area's time zone (areas a); nothing else does. */
export function needsAreaJoin(f: HotspotFilter): boolean {
  return f.weekdays !== undefined || f.hours !== undefined;
}

/** FROM clause for hotspot-style aggregations: reports r, joined with areas a only when needed. */
export function hotspotFrom(f: HotspotFilter): RawBuilder<unknown> {
  return needsAreaJoin(f) ? sql`reports r JOIN areas a ON a.id = r.area_id` : sql`reports r`;
}

/**
 * Planner settings for one analytics transaction. The planner cannot estimate how few groups the
 * parent-cell expression yields, so it plans a sort that spills at the default 4 MB work_mem; and
 * PostGIS cost estimates trigger JIT compilation that costs more than the query (measured at 1M).
 */
export async function tuneForAnalytics(tx: Tx) {
  await sql`SELECT set_config('work_mem', '32MB', true), set_config('jit', 'off', true)`.execute(tx);
}

/** WHERE clause shared by hotspot-style aggregations over hotspotFrom(). */
export function hotspotWhere(f: HotspotFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [
    sql`r.area_id = ${f.areaId}`,
    sql`r.observed_at >= ${f.from}`,
    sql`r.observed_at < ${f.to}`,
  ];
  if (f.precision === 'point') parts.push(sql`r.location_precision = 'point'`);
  if (!f.includeExcluded) parts.push(sql`r.in_analytics`);
  if (f.categories) parts.push(sql`r.category IN (${sql.join(f.categories)})`);
  if (f.organisations) parts.push(sql`r.organisation_id IN (${sql.join(f.organisations)})`);
  parts.push(sql`r.source IN (${sql.join([...(f.sources ?? REPORT_SOURCES)])})`);
  // Weekday (Monday = 0) and hour in the area's own time zone, so "Friday night" means local Friday night.
  if (f.weekdays) parts.push(sql`(extract(isodow FROM r.observed_at AT TIME ZONE a.timezone)::int - 1) IN (${sql.join(f.weekdays)})`);
  if (f.hours) parts.push(sql`extract(hour FROM r.observed_at AT TIME ZONE a.timezone)::int IN (${sql.join(f.hours)})`);
  if (f.bbox) {
    const [w, s, e, n] = f.bbox;
    parts.push(sql`r.geom && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`);
  }
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

export interface CellCount {
  cell: string; // int8 as a decimal string
  count: number;
  weight: number;
}

/**
 * Counts per cell at resolution res: a GROUP BY over the bitwise parent, no geometry work.
 * Unordered (a hash aggregate); callers sort the few hundred cells if they need to.
 */
export async function countByCell(db: Conn, res: number, f: HotspotFilter): Promise<CellCount[]> {
  const result = await sql<CellCount>`
    SELECT ${parentCellSql(res)} AS cell, count(*)::int AS count, sum(r.severity)::int AS weight
    FROM ${hotspotFrom(f)}
    WHERE ${hotspotWhere(f)}
    GROUP BY 1`.execute(db);
  return result.rows;
}
