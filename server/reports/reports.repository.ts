import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { LocationPrecision, ReportStatus, Source } from '../db/schema';
import { bigintToCell } from '../h3/cells';

type Conn = Db | Tx;

/** A report as the API shows it (camelCase, GeoJSON location, H3 as a hex string). */
export interface Report {
  id: string;
  category: string;
  observedAt: string;
  observedUntil: string | null;
  reportedAt: string;
  location: { type: 'Point'; coordinates: [number, number] };
  cell: string;
  severity: number;
  description: string | null;
  organisationId: number | null;
  reporterId: number | null;
  source: Source;
  sourceType: string | null;
  externalId: string | null;
  locationPrecision: LocationPrecision;
  inAnalytics: boolean;
  status: ReportStatus;
  /** How many times someone added "I saw this too" (POST /reports/:id/confirmations) instead of a duplicate report. */
  confirmations: number;
}

export interface ReportRow {
  id: string;
  category: string;
  observed_at: Date;
  observed_until: Date | null;
  reported_at: Date;
  lng: number;
  lat: number;
  h3: string;
  severity: number;
  description: string | null;
  organisation_id: number | null;
  reporter_id: number | null;
  source: Source;
  source_type: string | null;
  external_id: string | null;
  location_precision: LocationPrecision;
  in_analytics: boolean;
  status: ReportStatus;
  confirmations: number;
}

export function rowToReport(r: ReportRow): Report {
  return {
    id: r.id,
    category: r.category,
    observedAt: r.observed_at.toISOString(),
    observedUntil: r.observed_until ? r.observed_until.toISOString() : null,
    reportedAt: r.reported_at.toISOString(),
    location: { type: 'Point', coordinates: [Number(r.lng), Number(r.lat)] },
    cell: bigintToCell(r.h3),
    severity: Number(r.severity),
    description: r.description,
    organisationId: r.organisation_id,
    reporterId: r.reporter_id,
    source: r.source,
    sourceType: r.source_type,
    externalId: r.external_id,
    locationPrecision: r.location_precision,
    inAnalytics: r.in_analytics,
    status: r.status,
    confirmations: Number(r.confirmations),
  };
}

export function reportSelect(db: Conn) {
  return db
    .selectFrom('reports')
    .select([
      'id',
      'category',
      'observed_at',
      'observed_until',
      'reported_at',
      sql<number>`ST_X(geom)`.as('lng'),
      sql<number>`ST_Y(geom)`.as('lat'),
      'h3',
      'severity',
      'description',
      'organisation_id',
      'reporter_id',
      'source',
      'source_type',
      'external_id',
      'location_precision',
      'in_analytics',
      'status',
      sql<number>`(SELECT count(*)::int FROM report_confirmations c WHERE c.area_id = reports.area_id AND c.report_id = reports.id)`.as('confirmations'),
    ]);
}

export async function findReport(db: Conn, areaId: number, id: string): Promise<Report | undefined> {
  const row = await reportSelect(db).where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return row ? rowToReport(row as ReportRow) : undefined;
}

/** True when the point lies in the area's boundary (on the edge counts as inside). */
export async function isInsideArea(db: Conn, areaId: number, lng: number, lat: number): Promise<boolean> {
  const result = await sql<{ inside: boolean }>`
    SELECT ST_Covers(boundary, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)) AS inside
    FROM areas WHERE id = ${areaId}`.execute(db);
  return result.rows[0]?.inside === true;
}

export interface NewReport {
  id: string;
  areaId: number;
  category: string;
  observedAt: Date;
  observedUntil: Date | null;
  lng: number;
  lat: number;
  h3: string;
  severity: number;
  description: string | null;
  organisationId: number | null;
  reporterId: number | null;
  source: Source;
}

/** Inserts unless the id exists already; returns whether a row was written. */
export async function insertReport(db: Conn, r: NewReport): Promise<boolean> {
  const result = await db
    .insertInto('reports')
    .values({
      id: r.id,
      area_id: r.areaId,
      category: r.category,
      observed_at: r.observedAt,
      observed_until: r.observedUntil,
      geom: sql`ST_SetSRID(ST_MakePoint(${r.lng}, ${r.lat}), 4326)`,
      h3: r.h3,
      severity: r.severity,
      description: r.description,
      organisation_id: r.organisationId,
      reporter_id: r.reporterId,
      source: r.source,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Status, category and source of these reports, locked until the transaction ends (triage reads, then writes). */
export async function lockTriageState(db: Conn, areaId: number, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('reports')
    .select(['id', 'status', 'category', 'source'])
    .where('area_id', '=', areaId)
    .where('id', 'in', ids)
    .forUpdate()
    .execute();
}

export async function updateReports(db: Conn, areaId: number, ids: readonly string[], patch: { status?: ReportStatus; category?: string }): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('reports')
    .set({ ...patch, updated_at: sql`now()` as unknown as Date })
    .where('area_id', '=', areaId)
    .where('id', 'in', ids)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteReport(db: Conn, areaId: number, id: string): Promise<boolean> {
  const result = await db.deleteFrom('reports').where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function categoryExists(db: Conn, areaId: number, code: string, kind: 'report' | 'finding' = 'report') {
  const row = await db
    .selectFrom('categories')
    .select('code')
    .where('area_id', '=', areaId)
    .where('kind', '=', kind)
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

export async function organisationExists(db: Conn, areaId: number, id: number) {
  const row = await db.selectFrom('organisations').select('id').where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}
