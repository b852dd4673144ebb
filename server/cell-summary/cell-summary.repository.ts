import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../db/scope';
import type { HotspotFilter } from '../hotspots/hotspot-filters';
import { hotspotFrom, hotspotWhere } from '../hotspots/hotspots.repository';

/** Res-15 descendants of one cell as a contiguous range (DESIGN §4), or the whole area. */
export type CellRange = { lo: bigint; hi: bigint } | null;

function where(f: HotspotFilter, range: CellRange): RawBuilder<SqlBool> {
  // A btree range scan on (area_id, h3) answers "reports in this hexagon" at any resolution.
  if (!range) return hotspotWhere(f);
  return sql<SqlBool>`${hotspotWhere(f)} AND r.h3 BETWEEN ${range.lo.toString()}::bigint AND ${range.hi.toString()}::bigint`;
}

/**
 * Bin edges, oldest first, `bins` steps of `stepDays` local days ending at `to`. Stepping in the
 * area's wall-clock time keeps every bin whole local days across daylight-saving changes.
 */
export async function binEdges(tx: Tx, areaId: number, to: Date, stepDays: number, bins: number): Promise<Date[]> {
  const result = await sql<{ edge: Date }>`
    SELECT ((${to}::timestamptz AT TIME ZONE a.timezone) - make_interval(days => i * ${stepDays}::int)) AT TIME ZONE a.timezone AS edge
    FROM areas a CROSS JOIN generate_series(${bins}::int, 0, -1) AS i
    WHERE a.id = ${areaId}
    ORDER BY i DESC`.execute(tx);
  return result.rows.map((row) => new Date(row.edge));
}

export async function countByCategory(tx: Tx, f: HotspotFilter, range: CellRange): Promise<{ category: string; count: number }[]> {
  const result = await sql<{ category: string; count: number }>`
    SELECT r.category, count(*)::int AS count
    FROM ${hotspotFrom(f)}
    WHERE ${where(f, range)}
    GROUP BY r.category`.execute(tx);
  return result.rows;
}

/** Counts per bin in one pass: width_bucket gives 1..n for [edges[i-1], edges[i]). */
export async function countByBin(tx: Tx, f: HotspotFilter, range: CellRange, edges: Date[]): Promise<Map<number, number>> {
  const series = { ...f, from: edges[0]!, to: edges[edges.length - 1]! };
  const result = await sql<{ bin: number; count: number }>`
    SELECT width_bucket(r.observed_at, ARRAY[${sql.join(edges.map((e) => sql`${e}::timestamptz`))}]) AS bin, count(*)::int AS count
    FROM ${hotspotFrom(series)}
    WHERE ${where(series, range)}
    GROUP BY 1`.execute(tx);
  return new Map(result.rows.map((row) => [Number(row.bin), row.count]));
}
