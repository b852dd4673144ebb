import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import { minutesInsideSql } from '../patrols/dosage.repository';

type Conn = Db | Tx;

export interface EventRow {
  at: Date;
  amount: number | string;
}

/**
 * Patrol logs started in [from, to) as promise events: one visit each, or their minutes. With a
 * target (its saved zone outline), only logs whose point or track touches the zone count, with
 * their minutes inside it (constant speed along a track, as in the dosage); without, every log
 * of the area counts with its whole duration.
 */
export async function patrolEvents(db: Conn, areaId: number, from: Date, to: Date, targetId: string | null, metric: 'patrol-visits' | 'patrol-minutes'): Promise<EventRow[]> {
  const whole = sql`extract(epoch FROM (l.ended_at - l.started_at)) / 60.0`;
  const amount = metric === 'patrol-visits' ? sql`1` : targetId ? minutesInsideSql('l', 't') : whole;
  const place = targetId ? sql`JOIN promise_targets t ON t.area_id = l.area_id AND t.id = ${targetId} AND ST_Intersects(l.geom, t.geom)` : sql``;
  const result = await sql<EventRow>`
    SELECT l.started_at AS at, (${amount})::float8 AS amount
    FROM patrol_logs l ${place}
    WHERE l.area_id = ${areaId} AND l.started_at >= ${from} AND l.started_at < ${to}`.execute(db);
  return result.rows;
}

/**
 * Done safety walks as events, at the time they started (planned time if never started). With
 * a target, only walks whose recorded track or planned route enters the zone.
 */
export async function walkEvents(db: Conn, areaId: number, from: Date, to: Date, targetId: string | null): Promise<EventRow[]> {
  const inZone = targetId
    ? sql`AND EXISTS (
        SELECT 1 FROM promise_targets t WHERE t.area_id = w.area_id AND t.id = ${targetId}
          AND (ST_Intersects(w.planned_route, t.geom)
               OR EXISTS (SELECT 1 FROM walk_track_points p WHERE p.area_id = w.area_id AND p.walk_id = w.id AND ST_Intersects(p.geom, t.geom))))`
    : sql``;
  const result = await sql<EventRow>`
    SELECT coalesce(w.started_at, w.planned_at) AS at, 1 AS amount
    FROM walks w
    WHERE w.area_id = ${areaId} AND w.status = 'done'
      AND coalesce(w.started_at, w.planned_at) >= ${from} AND coalesce(w.started_at, w.planned_at) < ${to} ${inZone}`.execute(db);
  return result.rows;
}

/** A promise's manual activities (in one zone when given) as (local date, count). */
export async function activityEvents(db: Conn, areaId: number, promiseId: string, zoneId: string | null): Promise<{ date: string; count: number }[]> {
  const zone = zoneId ? sql`AND a.zone_id = ${zoneId}` : sql``;
  const result = await sql<{ date: string; count: number }>`
    SELECT to_char(a.date, 'YYYY-MM-DD') AS date, a.count
    FROM promise_activities a WHERE a.area_id = ${areaId} AND a.promise_id = ${promiseId} ${zone}`.execute(db);
  return result.rows;
}
