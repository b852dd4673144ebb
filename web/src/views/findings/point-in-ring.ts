import type { Position } from 'geojson';

/**
 * Whether a point lies inside a closed ring (even–odd ray casting), in degrees. Fine for
 * hexagons a few hundred metres across, where the plate carrée distortion does not matter.
 * @example pointInRing([0.5, 0.5], [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]) === true
 */
export function pointInRing([x, y]: [number, number], ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
