import type { Polygon, Position } from 'geojson';
import type { ZoneGeometry } from '../../lib/zones-api';

export type Corner = [number, number];

/** [[west, south], [east, north]] of a zone, for fitBounds. */
export function geometryBounds(geometry: ZoneGeometry): [[number, number], [number, number]] {
  const rings: Position[][] = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings)
    for (const [lng, lat] of ring) {
      w = Math.min(w, lng!);
      e = Math.max(e, lng!);
      s = Math.min(s, lat!);
      n = Math.max(n, lat!);
    }
  return [
    [w, s],
    [e, n],
  ];
}

/** The corners of a closed polygon drawn as a list of clicks. */
export function polygonOf(corners: readonly Corner[]): Polygon {
  return { type: 'Polygon', coordinates: [[...corners, corners[0]!]] };
}

/**
 * The corners a shape can be edited by: only a single polygon without holes has one ring to
 * drag; for anything else null (it can be renamed or deleted, and drawn anew).
 */
export function editableCorners(geometry: ZoneGeometry): Corner[] | null {
  const polygon = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.length === 1 ? geometry.coordinates[0]! : null;
  if (!polygon || polygon.length !== 1) return null;
  return polygon[0]!.slice(0, -1).map(([lng, lat]) => [lng!, lat!]);
}
