import { sql } from 'kysely';
import type { Tx } from '../db/scope';
import type { MultiPolygonGeometry } from '../h3/regions';

/** A zone's outline as GeoJSON and a point surely inside it, or nothing for an unknown zone. */
export async function zoneShape(tx: Tx, areaId: number, zoneId: string): Promise<{ name: string; geometry: MultiPolygonGeometry; lng: number; lat: number } | undefined> {
  const result = await sql<{ name: string; geojson: string; lng: number; lat: number }>`
    SELECT name, ST_AsGeoJSON(geom) AS geojson, ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat
    FROM zones WHERE area_id = ${areaId} AND id = ${zoneId}`.execute(tx);
  const row = result.rows[0];
  return row && { name: row.name, geometry: JSON.parse(row.geojson), lng: Number(row.lng), lat: Number(row.lat) };
}
