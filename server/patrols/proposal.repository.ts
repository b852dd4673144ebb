import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { HotspotFilter } from '../hotspots/hotspot-filters';
import { hotspotWhere, parentCellSql } from '../hotspots/hotspots.repository';

type Conn = Db | Tx;

export interface CellProfileRow {
  cell: string;
  weekday: number;
  hour: number;
  category: string;
  count: number;
}

/**
 * Reports of some res-r cells by local weekday (Monday = 0), local hour and category, in one
 * GROUP BY: what a target's windows and "what to look for" are made from.
 */
export async function profileOfCells(db: Conn, res: number, f: HotspotFilter, cells: readonly string[]): Promise<CellProfileRow[]> {
  if (cells.length === 0) return [];
  const parent = parentCellSql(res);
  const result = await sql<CellProfileRow>`
    SELECT ${parent} AS cell,
           (extract(isodow FROM r.observed_at AT TIME ZONE a.timezone)::int - 1) AS weekday,
           extract(hour FROM r.observed_at AT TIME ZONE a.timezone)::int AS hour,
           r.category, count(*)::int AS count
    FROM reports r JOIN areas a ON a.id = r.area_id
    WHERE ${hotspotWhere(f)} AND ${parent} IN (${sql.join(cells.map((c) => sql`${c}::bigint`))})
    GROUP BY 1, 2, 3, 4`.execute(db);
  return result.rows;
}
