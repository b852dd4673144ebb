import { sql } from 'kysely';
import type { Tx } from '../db/scope';
import { confirmationsConn } from './confirmations.table';

/** A report near the one being written, as far as a reporter may know of others' reports. */
export interface SimilarReport {
  id: string;
  category: string;
  observedAt: string;
  /** Metres from the position given, rounded. */
  distance: number;
  /** The caller sent it. */
  own: boolean;
  confirmations: number;
}

const METRES_PER_DEGREE_LAT = 111_320;

/**
 * Reports of one category within `radius` metres whose observed time (or window) comes within
 * `windowMs` of `at`, nearest first. The bounding box in degrees lets the GiST index on geom do
 * the first cut; the exact distance is on the spheroid. Findings from safety walks (source 'walk')
 * are not reports one can add to.
 */
export async function findSimilarReports(
  tx: Tx,
  areaId: number,
  q: { category: string; lng: number; lat: number; at: Date; radius: number; windowMs: number; callerId: number; limit: number },
): Promise<SimilarReport[]> {
  const dLat = q.radius / METRES_PER_DEGREE_LAT;
  const dLng = q.radius / (METRES_PER_DEGREE_LAT * Math.max(Math.cos((q.lat * Math.PI) / 180), 0.01));
  const from = new Date(q.at.getTime() - q.windowMs);
  const to = new Date(q.at.getTime() + q.windowMs);
  const result = await sql<{ id: string; category: string; observed_at: Date; distance: number; own: boolean; confirmations: number }>`
    WITH here AS (SELECT ST_SetSRID(ST_MakePoint(${q.lng}, ${q.lat}), 4326) AS point)
    SELECT r.id, r.category, r.observed_at,
           round(ST_Distance(r.geom::geography, here.point::geography))::int AS distance,
           coalesce(r.reporter_id = ${q.callerId}, false) AS own,
           (SELECT count(*)::int FROM report_confirmations c WHERE c.area_id = r.area_id AND c.report_id = r.id) AS confirmations
    FROM reports r, here
    WHERE r.area_id = ${areaId}
      AND r.category = ${q.category}
      AND r.source <> 'walk'
      AND r.observed_at <= ${to}
      AND coalesce(r.observed_until, r.observed_at) >= ${from}
      AND r.geom && ST_MakeEnvelope(${q.lng - dLng}, ${q.lat - dLat}, ${q.lng + dLng}, ${q.lat + dLat}, 4326)
      AND ST_DWithin(r.geom::geography, here.point::geography, ${q.radius})
    ORDER BY distance, abs(extract(epoch FROM r.observed_at - ${q.at}::timestamptz)), r.id
    LIMIT ${q.limit}`.execute(tx);
  return result.rows.map((r) => ({
    id: r.id,
    category: r.category,
    observedAt: r.observed_at.toISOString(),
    distance: Number(r.distance),
    own: r.own,
    confirmations: Number(r.confirmations),
  }));
}

/** What a confirmation needs to know of its report: that it is one (not a walk finding) in this area. */
export async function confirmableReportExists(tx: Tx, areaId: number, reportId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('reports')
    .select('id')
    .where('area_id', '=', areaId)
    .where('id', '=', reportId)
    .where('source', '<>', 'walk')
    .executeTakeFirst();
  return row !== undefined;
}

export interface Confirmation {
  id: string;
  reportId: string;
  userId: number | null;
  note: string | null;
  confirmedAt: string;
  receivedAt: string;
}

export async function findConfirmation(tx: Tx, areaId: number, id: string): Promise<Confirmation | undefined> {
  const row = await confirmationsConn(tx)
    .selectFrom('report_confirmations')
    .selectAll()
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    reportId: row.report_id,
    userId: row.user_id,
    note: row.note,
    confirmedAt: row.confirmed_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
  };
}

/** Inserts unless the id exists already (anywhere); returns whether a row was written. */
export async function insertConfirmation(
  tx: Tx,
  c: { id: string; areaId: number; reportId: string; userId: number; note: string | null; confirmedAt: Date },
): Promise<boolean> {
  const result = await confirmationsConn(tx)
    .insertInto('report_confirmations')
    .values({ area_id: c.areaId, id: c.id, report_id: c.reportId, user_id: c.userId, note: c.note, confirmed_at: c.confirmedAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function countConfirmations(tx: Tx, areaId: number, reportId: string): Promise<number> {
  const row = await confirmationsConn(tx)
    .selectFrom('report_confirmations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('area_id', '=', areaId)
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every confirmation a user made, newest first (their GDPR export). */
export async function listConfirmationsBy(tx: Tx, areaId: number, userId: number): Promise<Confirmation[]> {
  const rows = await confirmationsConn(tx)
    .selectFrom('report_confirmations')
    .selectAll()
    .where('area_id', '=', areaId)
    .where('user_id', '=', userId)
    .orderBy('confirmed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    reportId: row.report_id,
    userId: row.user_id,
    note: row.note,
    confirmedAt: row.confirmed_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
  }));
}
