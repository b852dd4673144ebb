/**
 * Accepts what admins have at hand for an area boundary: a Polygon, a MultiPolygon, a Feature
 * of either, or a FeatureCollection holding exactly one such Feature. Returns the geometry;
 * PostGIS makes it a valid MultiPolygon.
 */
export class BoundaryError extends Error {}

type Geometry = { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };

export function boundaryGeometry(input: unknown): Geometry {
  if (!input || typeof input !== 'object') throw new BoundaryError('Boundary must be a GeoJSON object');
  const obj = input as { type?: unknown; features?: unknown; geometry?: unknown; coordinates?: unknown };
  switch (obj.type) {
    case 'Polygon':
    case 'MultiPolygon':
      if (!Array.isArray(obj.coordinates) || obj.coordinates.length === 0) {
        throw new BoundaryError(`${obj.type} has no coordinates`);
      }
      return { type: obj.type, coordinates: obj.coordinates };
    case 'Feature':
      return boundaryGeometry(obj.geometry);
    case 'FeatureCollection': {
      const features = Array.isArray(obj.features) ? obj.features : [];
      if (features.length !== 1) {
        throw new BoundaryError(`A FeatureCollection boundary must hold exactly one feature (it has ${features.length})`);
      }
      return boundaryGeometry(features[0]);
    }
    default:
      throw new BoundaryError(`Boundary must be a Polygon, MultiPolygon, Feature or FeatureCollection, not ${String(obj.type)}`);
  }
}
