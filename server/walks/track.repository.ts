import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';

type Conn = Db | Tx;

/**
 * A gap longer than this between two fixes is a pause (or a long signal loss): the recorded route
 * is split there rather than drawn as a straight line across places nobody walked.
 */
export const PAUSE_GAP_SECONDS = 120;

/** Fixes less precise than this are stored but left out of the drawn route and its length. */
export const ROUTE_MAX_ACCURACY_METERS = 100;

export interface TrackPoint {
  lng: number;
  lat: number;
  recordedAt: Date;
  accuracyMeters: number | null;
}

/**
 * Appends fixes; a fix whose time the walk already has is skipped (a re-sent batch). Returns how
 * many were new. One statement over arrays, so 5,000 fixes are one round trip.
 */
export async function insertTrackPoints(db: Conn, areaId: number, walkId: string, points: readonly TrackPoint[]): Promise<number> {
  if (points.length === 0) return 0;
  const result = await sql<{ inserted: number }>`
    WITH inserted AS (
      INSERT INTO walk_track_points (area_id, walk_id, recorded_at, geom, accuracy_m)
      SELECT ${areaId}, ${walkId}::uuid, p.at, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326), p.acc
      FROM unnest(${points.map((p) => p.lng)}::float8[], ${points.map((p) => p.lat)}::float8[],
                  ${points.map((p) => p.recordedAt.toISOString())}::timestamptz[],
                  ${points.map((p) => p.accuracyMeters)}::float4[]) AS p(lng, lat, at, acc)
      ON CONFLICT (area_id, walk_id, recorded_at) DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::int AS inserted FROM inserted`.execute(db);
  return Number(result.rows[0]?.inserted ?? 0);
}

export interface TrackSummary {
  points: number;
  firstAt: string | null;
  lastAt: string | null;
  lengthMeters: number;
  /** Segments between pauses, as one MultiLineString; null before two usable fixes exist. */
  route: { type: 'MultiLineString'; coordinates: [number, number][][] } | null;
}

const EMPTY: TrackSummary = { points: 0, firstAt: null, lastAt: null, lengthMeters: 0, route: null };

/** When the walk's first and last fix were recorded (every fix, as trackSummaries counts them); undefined without a track. */
export async function trackBounds(db: Conn, areaId: number, walkId: string): Promise<{ first?: Date; last?: Date }> {
  const { rows } = await sql<{ first_at: Date | null; last_at: Date | null }>`
    SELECT min(recorded_at) AS first_at, max(recorded_at) AS last_at
    FROM walk_track_points WHERE area_id = ${areaId} AND walk_id = ${walkId}`.execute(db);
  const r = rows[0];
  return { first: r?.first_at ? new Date(r.first_at) : undefined, last: r?.last_at ? new Date(r.last_at) : undefined };
}

/**
 * Per walk: how many fixes, when recording began and ended, and the walked route split at pauses
 * (only with `withRoute`; lists need the summary alone).
 */
export async function trackSummaries(db: Conn, areaId: number, walkIds: readonly string[], withRoute = false): Promise<Map<string, TrackSummary>> {
  const byWalk = new Map<string, TrackSummary>(walkIds.map((id) => [id, { ...EMPTY }]));
  if (walkIds.length === 0) return byWalk;
  const result = await sql<{ walk_id: string; points: number; first_at: Date; last_at: Date; length_m: number | null; route: string | null }>`
    WITH fixes AS (
      SELECT walk_id, recorded_at, geom, accuracy_m IS NULL OR accuracy_m <= ${ROUTE_MAX_ACCURACY_METERS} AS usable
      FROM walk_track_points
      WHERE area_id = ${areaId} AND walk_id IN (${sql.join(walkIds)})
    ), usable AS (
      SELECT walk_id, recorded_at, geom,
             CASE WHEN lag(recorded_at) OVER w IS NULL
                    OR recorded_at - lag(recorded_at) OVER w > make_interval(secs => ${PAUSE_GAP_SECONDS})
                  THEN 1 ELSE 0 END AS starts_segment
      FROM fixes WHERE usable
      WINDOW w AS (PARTITION BY walk_id ORDER BY recorded_at)
    ), numbered AS (
      SELECT walk_id, recorded_at, geom, sum(starts_segment) OVER (PARTITION BY walk_id ORDER BY recorded_at) AS segment
      FROM usable
    ), segments AS (
      SELECT walk_id, segment, ST_MakeLine(geom ORDER BY recorded_at) AS line
      FROM numbered GROUP BY walk_id, segment HAVING count(*) >= 2
    ), routes AS (
      SELECT walk_id, sum(ST_Length(line::geography)) AS length_m,
             ${withRoute ? sql`ST_AsGeoJSON(ST_Multi(ST_Collect(line ORDER BY segment)), 7)` : sql`NULL::text`} AS route
      FROM segments GROUP BY walk_id
    ), counts AS (
      SELECT walk_id, count(*)::int AS points, min(recorded_at) AS first_at, max(recorded_at) AS last_at
      FROM fixes GROUP BY walk_id
    )
    SELECT c.walk_id, c.points, c.first_at, c.last_at, r.length_m, r.route
    FROM counts c LEFT JOIN routes r ON r.walk_id = c.walk_id`.execute(db);
  for (const r of result.rows) {
    byWalk.set(r.walk_id, {
      points: Number(r.points),
      firstAt: new Date(r.first_at).toISOString(),
      lastAt: new Date(r.last_at).toISOString(),
      lengthMeters: r.length_m === null ? 0 : Math.round(Number(r.length_m)),
      route: r.route ? JSON.parse(r.route) : null,
    });
  }
  return byWalk;
}
