/**
 * The demo area's named places (zones), drawn around the places the synthetic reports cluster
 * at (area.ts), so the lägesbild's top list reads "Fristadstorget", "Stationen"... The shapes are
 * rough outlines, not surveyed ones; one zone nests inside another (Lagersbergsskolan in
 * Lagersberg) and one is a corridor along a path (Strandpromenaden), as planners draw them.
 */
import type { Polygon } from 'geojson';
import { DEMO_PLACES, type LngLat } from './area.js';
import { offsetByMetres } from './geometry.js';

export interface DemoZone {
  name: string;
  geometry: Polygon;
}

/**
 * An irregular eight-cornered outline around a point: radii vary by corner so it looks drawn by
 * hand, not stamped. Counter-clockwise, closed (RFC 7946).
 */
function outline(centre: LngLat, radiusMetres: number, stretchEast = 1): Polygon {
  const wobble = [1, 0.86, 1.08, 0.92, 1.04, 0.88, 1.1, 0.94];
  const ring = wobble.map((w, i) => {
    const angle = (i / wobble.length) * 2 * Math.PI;
    const r = radiusMetres * w;
    const [lng, lat] = offsetByMetres(centre[0], centre[1], Math.cos(angle) * r * stretchEast, Math.sin(angle) * r);
    return [round(lng), round(lat)];
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

/** A band of halfWidth metres on either side of a path (the riverside walk). */
function corridor(path: readonly LngLat[], halfWidthMetres: number): Polygon {
  const normals = path.map((_, i) => {
    const a = path[Math.max(0, i - 1)]!;
    const b = path[Math.min(path.length - 1, i + 1)]!;
    const east = (b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180);
    const north = b[1] - a[1];
    const length = Math.hypot(east, north);
    return [-north / length, east / length] as const;
  });
  const side = (sign: number) =>
    path.map((p, i) => {
      const [lng, lat] = offsetByMetres(p[0], p[1], normals[i]![0] * halfWidthMetres * sign, normals[i]![1] * halfWidthMetres * sign);
      return [round(lng), round(lat)];
    });
  const right = side(-1);
  const left = side(1).reverse();
  return { type: 'Polygon', coordinates: [[...right, ...left, right[0]!]] };
}

const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

function place(key: string) {
  const found = DEMO_PLACES.find((p) => p.key === key);
  if (!found) throw new Error(`demo zones: unknown place ${key}`);
  return found;
}

const at = (key: string): LngLat => [place(key).lng, place(key).lat];

export const DEMO_ZONES: readonly DemoZone[] = [
  { name: 'Fristadstorget', geometry: outline(at('krogstraket'), 170, 1.15) },
  { name: 'Stationen', geometry: outline(at('resecentrum'), 170, 1.4) },
  { name: 'Stadsparken', geometry: outline(at('stadsparken'), 150) },
  { name: 'Rinmansskolan', geometry: outline(at('skola-rinman'), 90) },
  { name: 'Munktellstaden', geometry: outline(at('munktell-parkering'), 200, 1.2) },
  { name: 'Fröslunda centrum', geometry: outline(at('fritidsgard'), 230) },
  { name: 'Lagersberg', geometry: outline(at('lagersberg'), 380, 1.2) },
  { name: 'Lagersbergsskolan', geometry: outline(at('skola-lagersberg'), 110) },
  { name: 'Tuna Park', geometry: outline(at('tunapark'), 260, 1.3) },
  { name: 'Tunavallen', geometry: outline(at('tunavallen'), 170) },
  { name: 'Nyfors centrum', geometry: outline(at('nyfors-centrum'), 180) },
  { name: 'Strandpromenaden', geometry: corridor(place('strandpromenaden').path!.slice(0, 3), 45) },
];
