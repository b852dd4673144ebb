/**
 * The little planar geometry the generator needs. Distances are local metres on an
 * equirectangular approximation, fine over a town of a few kilometres. The point-in-polygon test
 * is our own so that seeding demo data at start-up needs no dev dependency (Turf checks it in tests).
 */
import type { MultiPolygon, Position } from 'geojson';
import type { LngLat } from './area.js';

const METRES_PER_DEGREE_LAT = 111_320;

export function metresPerDegreeLng(lat: number): number {
  return METRES_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180);
}

/** Moves a point by east/north metres. */
export function offsetByMetres(lng: number, lat: number, eastMetres: number, northMetres: number): LngLat {
  return [lng + eastMetres / metresPerDegreeLng(lat), lat + northMetres / METRES_PER_DEGREE_LAT];
}

/** A polyline with cumulative lengths, so a uniform position along it is one binary search. */
export class MeasuredPath {
  private readonly cumulativeMetres: number[];

  constructor(private readonly vertices: readonly LngLat[]) {
    this.cumulativeMetres = [0];
    for (let i = 1; i < vertices.length; i++) {
      this.cumulativeMetres.push(this.cumulativeMetres[i - 1]! + segmentMetres(vertices[i - 1]!, vertices[i]!));
    }
  }

  get lengthMetres(): number {
    return this.cumulativeMetres[this.cumulativeMetres.length - 1]!;
  }

  /** The point at `fraction` (0–1) of the way along the path. */
  pointAt(fraction: number): LngLat {
    const target = fraction * this.lengthMetres;
    let i = 1;
    while (i < this.cumulativeMetres.length - 1 && this.cumulativeMetres[i]! < target) i++;
    const [aLng, aLat] = this.vertices[i - 1]!;
    const [bLng, bLat] = this.vertices[i]!;
    const segment = this.cumulativeMetres[i]! - this.cumulativeMetres[i - 1]!;
    const t = segment === 0 ? 0 : (target - this.cumulativeMetres[i - 1]!) / segment;
    return [aLng + (bLng - aLng) * t, aLat + (bLat - aLat) * t];
  }
}

function segmentMetres([aLng, aLat]: LngLat, [bLng, bLat]: LngLat): number {
  const east = (bLng - aLng) * metresPerDegreeLng((aLat + bLat) / 2);
  const north = (bLat - aLat) * METRES_PER_DEGREE_LAT;
  return Math.hypot(east, north);
}

export interface BoundingBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

export function boundingBox(area: MultiPolygon): BoundingBox {
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const polygon of area.coordinates) {
    for (const [lng, lat] of polygon[0]!) {
      box.minLng = Math.min(box.minLng, lng!);
      box.minLat = Math.min(box.minLat, lat!);
      box.maxLng = Math.max(box.maxLng, lng!);
      box.maxLat = Math.max(box.maxLat, lat!);
    }
  }
  return box;
}

/** Even-odd rule over every ring: inside an outer ring and not inside one of its holes. */
export function isInsideMultiPolygon(lng: number, lat: number, area: MultiPolygon, box: BoundingBox): boolean {
  if (lng < box.minLng || lng > box.maxLng || lat < box.minLat || lat > box.maxLat) return false;
  for (const rings of area.coordinates) {
    let inside = false;
    for (const ring of rings) if (crossesOdd(lng, lat, ring)) inside = !inside;
    if (inside) return true;
  }
  return false;
}

/** Ray casting towards +lng: true when the ray crosses the ring an odd number of times. */
function crossesOdd(lng: number, lat: number, ring: readonly Position[]): boolean {
  let odd = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    // Index access, not destructuring: this loop runs tens of millions of times for the benchmark.
    const pi = ring[i]!;
    const pj = ring[j]!;
    const xi = pi[0]!, yi = pi[1]!, xj = pj[0]!, yj = pj[1]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}
