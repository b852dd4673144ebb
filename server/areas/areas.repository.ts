import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { TaxonomyEntry } from './taxonomy';

type Conn = Db | Tx;

export interface AreaRow {
  id: number;
  code: string;
  name: string;
  timezone: string;
  settings: Record<string, unknown>;
}

/** Inserts an area; PostGIS repairs an invalid boundary and makes it a MultiPolygon in EPSG:4326. */
export async function insertArea(
  db: Conn,
  a: { code: string; name: string; boundaryGeoJson: string; timezone?: string },
): Promise<AreaRow> {
  const result = await sql<AreaRow>`
    INSERT INTO areas (code, name, boundary, timezone)
    VALUES (${a.code}, ${a.name},
      ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${a.boundaryGeoJson}), 4326)), 3)),
      ${a.timezone ?? 'Europe/Stockholm'})
    RETURNING id, code, name, timezone, settings`.execute(db);
  return result.rows[0]!;
}

export async function insertTaxonomy(db: Conn, areaId: number, entries: readonly TaxonomyEntry[]) {
  await db
    .insertInto('categories')
    .values(
      entries.map((e, i) => ({
        area_id: areaId,
        code: e.code,
        kind: e.kind,
        label_sv: e.labelSv,
        label_en: e.labelEn,
        group: e.group,
        sort: i,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function findAreaByCode(db: Conn, code: string) {
  return db.selectFrom('areas').select(['id', 'code', 'name', 'timezone', 'settings']).where('code', '=', code).executeTakeFirst();
}

export interface AreaWithBoundary extends AreaRow {
  boundary: { type: 'MultiPolygon'; coordinates: number[][][][] };
  bbox: [number, number, number, number];
}

export async function findAreaWithBoundary(db: Conn, areaId: number): Promise<AreaWithBoundary | undefined> {
  const result = await sql<AreaRow & { boundary: string; xmin: number; ymin: number; xmax: number; ymax: number }>`
    SELECT id, code, name, timezone, settings, ST_AsGeoJSON(boundary, 7) AS boundary,
           ST_XMin(boundary) AS xmin, ST_YMin(boundary) AS ymin, ST_XMax(boundary) AS xmax, ST_YMax(boundary) AS ymax
    FROM areas WHERE id = ${areaId}`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  const { xmin, ymin, xmax, ymax, boundary, ...rest } = row;
  return { ...rest, boundary: JSON.parse(boundary), bbox: [xmin, ymin, xmax, ymax] };
}

export function listOrganisations(db: Conn, areaId: number) {
  return db.selectFrom('organisations').select(['id', 'name', 'kind']).where('area_id', '=', areaId).orderBy('name').execute();
}

export function listCategories(db: Conn, areaId: number) {
  return db
    .selectFrom('categories')
    .select(['code', 'kind', 'label_sv', 'label_en', 'group', 'active'])
    .where('area_id', '=', areaId)
    .orderBy('kind', 'desc')
    .orderBy('sort')
    .execute();
}

export function insertOrganisation(db: Conn, areaId: number, name: string, kind: string) {
  return db
    .insertInto('organisations')
    .values({ area_id: areaId, name, kind })
    .returning(['id', 'name', 'kind'])
    .executeTakeFirstOrThrow();
}

/** The area's IANA time zone: weeks, weekdays and hours of plans and promises are local to it. */
export async function findAreaTimezone(db: Conn, areaId: number): Promise<string> {
  const row = await db.selectFrom('areas').select('timezone').where('id', '=', areaId).executeTakeFirst();
  return row?.timezone ?? 'Europe/Stockholm';
}

/** Indices of the GeoJSON geometries that share no point with the area (touching its edge is enough to count as in), in one query. */
export async function outsideArea(db: Conn, areaId: number, geojsons: readonly string[]): Promise<number[]> {
  if (geojsons.length === 0) return [];
  const result = await sql<{ i: number }>`
    SELECT (g.ord - 1)::int AS i
    FROM unnest(${geojsons}::text[]) WITH ORDINALITY AS g(geojson, ord), areas a
    WHERE a.id = ${areaId} AND NOT ST_Intersects(a.boundary, ST_SetSRID(ST_GeomFromGeoJSON(g.geojson), 4326))
    ORDER BY 1`.execute(db);
  return result.rows.map((r) => r.i);
}
