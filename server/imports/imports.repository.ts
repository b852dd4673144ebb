import { sql } from 'kysely';
import type { Tx } from '../db/scope';

export interface PlacedRow {
  id: string;
  externalId: string;
  category: string;
  observedAt: Date;
  observedUntil: Date | null;
  lng: number;
  lat: number;
  h3: string;
  severity: number;
  description: string | null;
  sourceType: string | null;
  locationPrecision: string;
  inAnalytics: boolean;
}

/**
 * Transforms a batch of coordinates to WGS 84 (PostGIS knows the Swedish CRSs) and tests each
 * point against the area boundary, in one round trip. Returns, per input index, lng/lat and inside.
 */
export async function placeBatch(
  tx: Tx,
  areaId: number,
  xs: number[],
  ys: number[],
  srids: number[],
): Promise<Array<{ lng: number; lat: number; inside: boolean }>> {
  const result = await sql<{ ord: string; lng: number; lat: number; inside: boolean }>`
    WITH input AS (
      SELECT t.ord,
             CASE WHEN t.srid = 4326 THEN ST_SetSRID(ST_MakePoint(t.x, t.y), 4326)
                  ELSE ST_Transform(ST_SetSRID(ST_MakePoint(t.x, t.y), t.srid), 4326) END AS g
      FROM unnest(${xs}::float8[], ${ys}::float8[], ${srids}::int[]) WITH ORDINALITY AS t(x, y, srid, ord)
    )
    SELECT input.ord, ST_X(input.g) AS lng, ST_Y(input.g) AS lat, ST_Covers(a.boundary, input.g) AS inside
    FROM input, areas a WHERE a.id = ${areaId}
    ORDER BY input.ord`.execute(tx);
  return result.rows.map((r) => ({ lng: Number(r.lng), lat: Number(r.lat), inside: r.inside }));
}

/** Inserts a batch; rows whose (source, external id) the area already has are skipped. Returns how many were written. */
export async function insertBatch(tx: Tx, areaId: number, source: 'import' | 'polisen', rows: PlacedRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <T>(f: (r: PlacedRow) => T) => rows.map(f);
  const result = await sql<{ n: number }>`
    WITH inserted AS (
      INSERT INTO reports (area_id, id, external_id, category, observed_at, observed_until, geom, h3, severity,
                           description, source, source_type, location_precision, in_analytics)
      SELECT ${areaId}, t.id, t.external_id, t.category, t.observed_at, t.observed_until,
             ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326), t.h3, t.severity, t.description, ${source},
             t.source_type, t.location_precision, t.in_analytics
      FROM unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.externalId)}::text[], ${col((r) => r.category)}::text[],
                  ${col((r) => r.observedAt.toISOString())}::timestamptz[],
                  ${col((r) => r.observedUntil?.toISOString() ?? null)}::timestamptz[],
                  ${col((r) => r.lng)}::float8[], ${col((r) => r.lat)}::float8[], ${col((r) => r.h3)}::int8[],
                  ${col((r) => r.severity)}::int2[], ${col((r) => r.description)}::text[], ${col((r) => r.sourceType)}::text[],
                  ${col((r) => r.locationPrecision)}::text[], ${col((r) => r.inAnalytics)}::bool[])
           AS t(id, external_id, category, observed_at, observed_until, lng, lat, h3, severity, description,
                source_type, location_precision, in_analytics)
      ON CONFLICT (area_id, source, external_id) DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM inserted`.execute(tx);
  return result.rows[0]?.n ?? 0;
}

export async function reportCategoryCodes(tx: Tx, areaId: number): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('categories')
    .select('code')
    .where('area_id', '=', areaId)
    .where('kind', '=', 'report')
    .where('active', '=', true)
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** A point inside the area to place events that name the area's municipality but carry no usable point. */
export async function areaRepresentativePoint(tx: Tx, areaId: number): Promise<[number, number]> {
  const result = await sql<{ lng: number; lat: number }>`
    SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(boundary) AS p FROM areas WHERE id = ${areaId}) s`.execute(tx);
  const row = result.rows[0]!;
  return [Number(row.lng), Number(row.lat)];
}
