import { sql } from 'kysely';
import type { Tx } from '../db/scope';
import type { MultiPolygonGeometry } from '../h3/regions';

/** Indices of the GeoJSON geometries that share no point with the area. */
export async function outsideArea(tx: Tx, areaId: number, geojsons: readonly string[]): Promise<number[]> {
  if (geojsons.length === 0) return [];
  const result = await sql<{ i: number }>`
    SELECT (g.ord - 1)::int AS i
    FROM unnest(${geojsons}::text[]) WITH ORDINALITY AS g(geojson, ord), areas a
    WHERE a.id = ${areaId} AND NOT ST_Intersects(a.boundary, ST_SetSRID(ST_GeomFromGeoJSON(g.geojson), 4326))
    ORDER BY 1`.execute(tx);
  return result.rows.map((r) => r.i);
}

/** A zone's outline as GeoJSON and a point surely inside it, or nothing for an unknown zone. */
export async function zoneShape(tx: Tx, areaId: number, zoneId: string): Promise<{ name: string; geometry: MultiPolygonGeometry; lng: number; lat: number } | undefined> {
  const result = await sql<{ name: string; geojson: string; lng: number; lat: number }>`
    SELECT name, ST_AsGeoJSON(geom) AS geojson, ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat
    FROM zones WHERE area_id = ${areaId} AND id = ${zoneId}`.execute(tx);
  const row = result.rows[0];
  return row && { name: row.name, geometry: JSON.parse(row.geojson), lng: Number(row.lng), lat: Number(row.lat) };
}
