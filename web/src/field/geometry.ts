import type { Polygon } from 'geojson';

/**
 * A circle of `radius` metres around [lng, lat] as a polygon, for the GPS accuracy on the map
 * (a 64-gon: smooth at any zoom a phone uses).
 */
export function circlePolygon(center: readonly [number, number], radius: number, steps = 64): Polygon {
  const [lng, lat] = center;
  const dLat = radius / 111_320;
  const dLng = radius / (111_320 * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const a = (i / steps) * 2 * Math.PI;
    ring.push([lng + dLng * Math.cos(a), lat + dLat * Math.sin(a)]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

/** Whether [lng, lat] lies inside a (Multi)Polygon's outer rings minus holes (even-odd rule). */
export function insidePolygons(point: readonly [number, number], polygons: readonly (readonly (readonly [number, number][])[])[]): boolean {
  let inside = false;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}
