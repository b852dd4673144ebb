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

/** A text element of an array literal: always quoted, so neither commas, braces nor "NULL" can break it. */
const quoted = (s: string) => `"${s.replace(/[\\"]/g, '\\$&')}"`;

/**
 * A batch of rows ready to send: one array literal per column, which the statements unnest (13
 * parameters whatever the batch size). Built by the driver's generic array serialiser these cost
 * more per element; uuids, timestamps, numbers and the precision codes never need quoting. Only
 * these strings stay in memory while the batch is written, not the rows they came from.
 */
export interface RowBatch {
  readonly size: number;
  readonly literals: readonly string[];
}

export function toRowBatch(rows: PlacedRow[]): RowBatch {
  const n = rows.length;
  const id = new Array<string>(n);
  const externalId = new Array<string>(n);
  const category = new Array<string>(n);
  const observedAt = new Array<string>(n);
  const observedUntil = new Array<string>(n);
  const lng = new Array<number>(n);
  const lat = new Array<number>(n);
  const h3 = new Array<string>(n);
  const severity = new Array<number>(n);
  const description = new Array<string>(n);
  const sourceType = new Array<string>(n);
  const locationPrecision = new Array<string>(n);
  const inAnalytics = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    id[i] = r.id;
    externalId[i] = quoted(r.externalId);
    category[i] = quoted(r.category);
    observedAt[i] = r.observedAt.toISOString();
    observedUntil[i] = r.observedUntil ? r.observedUntil.toISOString() : 'NULL';
    lng[i] = r.lng;
    lat[i] = r.lat;
    h3[i] = r.h3;
    severity[i] = r.severity;
    description[i] = r.description === null ? 'NULL' : quoted(r.description);
    sourceType[i] = r.sourceType === null ? 'NULL' : quoted(r.sourceType);
    locationPrecision[i] = r.locationPrecision;
    inAnalytics[i] = r.inAnalytics ? 't' : 'f';
  }
  const literal = (elements: Array<string | number>) => `{${elements.join(',')}}`;
  return {
    size: n,
    literals: [id, externalId, category, observedAt, observedUntil, lng, lat, h3, severity, description, sourceType, locationPrecision, inAnalytics].map(literal),
  };
}

function unnestBatch(batch: RowBatch) {
  const [id, externalId, category, observedAt, observedUntil, lng, lat, h3, severity, description, sourceType, locationPrecision, inAnalytics] = batch.literals;
  return sql`unnest(${id}::uuid[], ${externalId}::text[], ${category}::text[], ${observedAt}::timestamptz[],
                    ${observedUntil}::timestamptz[], ${lng}::float8[], ${lat}::float8[], ${h3}::int8[], ${severity}::int2[],
                    ${description}::text[], ${sourceType}::text[], ${locationPrecision}::text[], ${inAnalytics}::bool[])
             AS t(id, external_id, category, observed_at, observed_until, lng, lat, h3, severity, description,
                  source_type, location_precision, in_analytics)`;
}

/** Inserts a batch; rows whose (source, external id) the area already has are skipped. Returns how many were written. */
export async function insertBatch(tx: Tx, areaId: number, source: 'import' | 'polisen', batch: RowBatch): Promise<number> {
  if (batch.size === 0) return 0;
  const result = await sql<{ n: number }>`
    WITH inserted AS (
      INSERT INTO reports (area_id, id, external_id, category, observed_at, observed_until, geom, h3, severity,
                           description, source, source_type, location_precision, in_analytics)
      SELECT ${areaId}, t.id, t.external_id, t.category, t.observed_at, t.observed_until,
             ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326), t.h3, t.severity, t.description, ${source},
             t.source_type, t.location_precision, t.in_analytics
      FROM ${unnestBatch(batch)}
      ON CONFLICT (area_id, source, external_id) DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM inserted`.execute(tx);
  return result.rows[0]?.n ?? 0;
}

/**
 * Rows already in WGS 84, in one round trip: tests each point against the area boundary and
 * inserts those inside, skipping (source, external id) pairs the area already has. Returns how
 * many were inside and how many of those were written (the rest were duplicates).
 */
export async function insertInsideArea(
  tx: Tx,
  areaId: number,
  source: 'import' | 'polisen',
  batch: RowBatch,
): Promise<{ inside: number; inserted: number }> {
  if (batch.size === 0) return { inside: 0, inserted: 0 };
  const result = await sql<{ inside: number; inserted: number }>`
    WITH area AS MATERIALIZED (
      SELECT boundary FROM areas WHERE id = ${areaId}
    ), inside AS MATERIALIZED (
      SELECT t.*, ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326) AS geom
      FROM ${unnestBatch(batch)}, area
      WHERE ST_Covers(area.boundary, ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326))
    ), inserted AS (
      INSERT INTO reports (area_id, id, external_id, category, observed_at, observed_until, geom, h3, severity,
                           description, source, source_type, location_precision, in_analytics)
      SELECT ${areaId}, id, external_id, category, observed_at, observed_until, geom, h3, severity, description,
             ${source}, source_type, location_precision, in_analytics
      FROM inside
      ON CONFLICT (area_id, source, external_id) DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM inside)::int AS inside, (SELECT count(*) FROM inserted)::int AS inserted`.execute(tx);
  const row = result.rows[0]!;
  return { inside: Number(row.inside), inserted: Number(row.inserted) };
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
