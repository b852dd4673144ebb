import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';

type Conn = Db | Tx;

type ZoneGeoJson = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** A zone as the API shows it. A zone of one part is a Polygon, of several a MultiPolygon. */
export interface Zone {
  id: string;
  name: string;
  geometry: ZoneGeoJson;
  areaKm2: number;
  createdAt: string;
  updatedAt: string;
}

interface ZoneRow {
  id: string;
  name: string;
  geometry: string;
  area_m2: number | string;
  created_at: Date;
  updated_at: Date;
}

function rowToZone(r: ZoneRow): Zone {
  return {
    id: r.id,
    name: r.name,
    geometry: JSON.parse(r.geometry) as ZoneGeoJson,
    // Three decimals: 1,000 m², finer than anyone draws a place.
    areaKm2: Math.round(Number(r.area_m2) / 1000) / 1000,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * What is stored for a drawn shape: 2D, repaired by ST_MakeValid (a bow-tie becomes two
 * triangles, a ring crossing itself is split where it crosses), only its polygonal parts, outer
 * rings counter-clockwise as RFC 7946 asks.
 */
function normalised(geojson: string): RawBuilder<unknown> {
  return sql`ST_ForcePolygonCCW(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326))), 3)))`;
}

const zoneColumns = sql`z.id, z.name, z.created_at, z.updated_at,
  ST_AsGeoJSON(CASE WHEN ST_NumGeometries(z.geom) = 1 THEN ST_GeometryN(z.geom, 1) ELSE z.geom END, 7) AS geometry,
  ST_Area(z.geom::geography) AS area_m2`;

export interface GeometryCheck {
  /** Nothing polygonal is left after repair (all corners on one line). */
  empty: boolean;
  areaM2: number;
  /** Shares some area with the area's boundary (touching its edge is not enough). */
  overlapsArea: boolean;
}

export async function checkGeometry(db: Conn, areaId: number, geojson: string): Promise<GeometryCheck> {
  const result = await sql<{ empty: boolean; area_m2: number | string; overlaps: boolean }>`
    WITH zone AS (SELECT ${normalised(geojson)} AS g)
    SELECT ST_IsEmpty(zone.g) AS empty,
           ST_Area(zone.g::geography) AS area_m2,
           NOT ST_IsEmpty(zone.g) AND ST_Relate(a.boundary, zone.g, 'T********') AS overlaps
    FROM zone, areas a WHERE a.id = ${areaId}`.execute(db);
  const row = result.rows[0];
  if (!row) return { empty: true, areaM2: 0, overlapsArea: false };
  return { empty: row.empty, areaM2: Number(row.area_m2), overlapsArea: row.overlaps };
}

export async function findZone(db: Conn, areaId: number, id: string): Promise<Zone | undefined> {
  const result = await sql<ZoneRow>`SELECT ${zoneColumns} FROM zones z WHERE z.area_id = ${areaId} AND z.id = ${id}`.execute(db);
  return result.rows[0] && rowToZone(result.rows[0]);
}

const SWEDISH = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });

/**
 * Every zone of the area in Swedish alphabetical order (å, ä, ö after z). Sorted here rather
 * than in SQL: neither backend is sure to have a Swedish collation.
 */
export async function listZones(db: Conn, areaId: number): Promise<Zone[]> {
  const result = await sql<ZoneRow>`SELECT ${zoneColumns} FROM zones z WHERE z.area_id = ${areaId}`.execute(db);
  return result.rows.map(rowToZone).sort((a, b) => SWEDISH.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

/** The id of the zone holding this name in the area (case-insensitive), if any. */
export async function zoneIdByName(db: Conn, areaId: number, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('zones')
    .select('id')
    .where('area_id', '=', areaId)
    .where(sql`lower(name)`, '=', sql`lower(${name})`)
    .executeTakeFirst();
  return row?.id;
}

export async function insertZone(db: Conn, z: { areaId: number; id: string; name: string; geojson: string; createdBy: number | null }) {
  await db
    .insertInto('zones')
    .values({ area_id: z.areaId, id: z.id, name: z.name, geom: normalised(z.geojson), created_by: z.createdBy })
    .execute();
}

export async function updateZone(db: Conn, areaId: number, id: string, patch: { name?: string; geojson?: string }): Promise<boolean> {
  const result = await db
    .updateTable('zones')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.geojson !== undefined ? { geom: normalised(patch.geojson) } : {}),
      updated_at: sql`now()` as unknown as Date,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteZone(db: Conn, areaId: number, id: string): Promise<boolean> {
  const result = await db.deleteFrom('zones').where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface LocatedPoint {
  zoneId: string | null;
  name: string | null;
  inside: boolean;
  distanceMeters: number | null;
}

/**
 * For each point, in one query: the zone that covers it (the smallest, when zones nest, since
 * it names the place most precisely), else the nearest zone within maxMeters, else nothing.
 * The two lookups are LIMIT 1 branches of one UNION ALL, so the nearest-zone search runs only
 * for points outside every zone; both use a GiST index (geometry, then geography).
 */
export async function locatePoints(db: Conn, areaId: number, points: readonly [number, number][], maxMeters: number): Promise<LocatedPoint[]> {
  if (points.length === 0) return [];
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const result = await sql<{ ord: string | number; zone_id: string | null; name: string | null; inside: boolean | null; distance: number | string | null }>`
    WITH pts AS (
      SELECT p.ord, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326) AS pt
      FROM unnest(${lngs}::float8[], ${lats}::float8[]) WITH ORDINALITY AS p(lng, lat, ord)
    )
    SELECT pts.ord, found.id AS zone_id, found.name, found.inside, found.distance
    FROM pts
    LEFT JOIN LATERAL (
      (SELECT z.id, z.name, true AS inside, 0::float8 AS distance
       FROM zones z
       WHERE z.area_id = ${areaId} AND ST_Covers(z.geom, pts.pt)
       ORDER BY ST_Area(z.geom), z.id
       LIMIT 1)
      UNION ALL
      (SELECT z.id, z.name, false, ST_Distance(z.geom::geography, pts.pt::geography)
       FROM zones z
       WHERE z.area_id = ${areaId} AND ST_DWithin(z.geom::geography, pts.pt::geography, ${maxMeters})
       ORDER BY z.geom::geography <-> pts.pt::geography, z.id
       LIMIT 1)
      LIMIT 1
    ) found ON true
    ORDER BY pts.ord`.execute(db);
  return result.rows.map((r) => ({
    zoneId: r.zone_id,
    name: r.name,
    inside: r.inside === true,
    distanceMeters: r.distance === null ? null : Math.round(Number(r.distance)),
  }));
}
