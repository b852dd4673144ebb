import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';

type Conn = Db | Tx;

/**
 * How far outside its boundary an area's walks may go: a route along the border, or a GPS fix a
 * few hundred metres off in a street canyon, still belongs to the walk; a fix kilometres away is
 * a wrong position or the wrong area.
 */
export const AREA_REACH_METERS = 1000;

/**
 * The indices of the positions lying more than `meters` outside the area's boundary, in order.
 * The cheap planar containment test runs first, so only positions outside pay for the geodesic
 * distance.
 */
export async function positionsBeyondReach(
  db: Conn,
  areaId: number,
  positions: readonly (readonly [number, number])[],
  meters = AREA_REACH_METERS,
): Promise<number[]> {
  if (positions.length === 0) return [];
  const lngs = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const result = await sql<{ index: number }>`
    SELECT (p.i - 1)::int AS index
    FROM unnest(${lngs}::float8[], ${lats}::float8[]) WITH ORDINALITY AS p(lng, lat, i)
    CROSS JOIN areas a
    WHERE a.id = ${areaId}
      AND NOT ST_Covers(a.boundary, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326))
      AND NOT ST_DWithin(a.boundary::geography, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326)::geography, ${meters})
    ORDER BY p.i`.execute(db);
  return result.rows.map((r) => Number(r.index));
}
