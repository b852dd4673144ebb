import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';

type Conn = Db | Tx;

export interface VisitRow {
  target_id: string;
  started_at: Date;
  ended_at: Date;
  minutes_inside: number | string;
}

/**
 * Time on site of a log in a place (an outline `place`), in minutes, as SQL: the whole log for a
 * point; for a track, the log's duration × (length of the track inside the place / its whole
 * length), lengths on the spheroid. A track has no time per vertex, so this assumes the patrol
 * moved at constant speed. A track of zero length counts as a point.
 */
export function minutesInsideSql(log: string, place: string) {
  const l = sql.ref(log);
  const p = sql.ref(place);
  return sql<number>`(extract(epoch FROM (${l}.ended_at - ${l}.started_at)) / 60.0 *
    CASE WHEN GeometryType(${l}.geom) = 'POINT' OR ST_Length(${l}.geom::geography) = 0 THEN 1.0
         ELSE ST_Length(ST_CollectionExtract(ST_Intersection(${l}.geom, ${p}.geom), 2)::geography) / ST_Length(${l}.geom::geography)
    END)::float8`;
}

/**
 * The visits to each target of a plan: every log started in [from, to) whose point, or some part
 * of whose track, lies in the target's outline, with its minutes on site. Logs made under another
 * plan do not count; logs without a plan do (a patrol passing by is presence all the same).
 */
export async function visitsOfPlan(db: Conn, areaId: number, planId: string, from: Date, to: Date): Promise<VisitRow[]> {
  const result = await sql<VisitRow>`
    SELECT t.id AS target_id, l.started_at, l.ended_at, ${minutesInsideSql('l', 't')} AS minutes_inside
    FROM patrol_targets t
    JOIN patrol_logs l ON l.area_id = t.area_id AND ST_Intersects(l.geom, t.geom)
    WHERE t.area_id = ${areaId} AND t.plan_id = ${planId}
      AND l.started_at >= ${from} AND l.started_at < ${to}
      AND (l.plan_id IS NULL OR l.plan_id = ${planId})
    ORDER BY t.id, l.started_at, l.id`.execute(db);
  return result.rows;
}
