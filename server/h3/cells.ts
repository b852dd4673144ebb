import { cellToBoundary, cellToLatLng, getResolution, isValidCell, latLngToCell } from 'h3-js';

/**
 * Single cells (regions.ts holds sorted sets of them, cell-groups.ts outlines and neighbours of
 * patrol targets). Cells travel through the API as 15-character hex strings and live in the
 * database as bigint; JavaScript numbers cannot hold them, so conversions go via BigInt.
 */
export const STORAGE_RES = 15;

export function cellToBigint(cell: string): bigint {
  return BigInt(`0x${cell}`);
}

export function bigintToCell(value: bigint | string): string {
  return (typeof value === 'bigint' ? value : BigInt(value)).toString(16).padStart(15, '0');
}

/** The res-15 cell of a point as the decimal string Postgres takes for an int8 parameter. */
export function pointToStorageCell(lng: number, lat: number): string {
  return cellToBigint(latLngToCell(lat, lng, STORAGE_RES)).toString();
}

export function isCell(cell: string): boolean {
  return /^[0-9a-f]{15}$/.test(cell) && isValidCell(cell);
}

const RES_MASK = 15n << 52n;

/** Parent at resolution p of an int8 cell, the same bit arithmetic the SQL uses (DESIGN §4). */
export function parentOf(h: bigint, p: number): bigint {
  const res = BigInt(p);
  return (h & ~RES_MASK) | (res << 52n) | ((1n << (45n - 3n * res)) - 1n);
}

/** The contiguous range [lo, hi] of res-15 descendants of a cell, for a btree range scan. */
export function descendantRange(cell: string): { lo: bigint; hi: bigint } {
  const p = BigInt(getResolution(cell));
  const m = (1n << (45n - 3n * p)) - 1n;
  const lo = ((cellToBigint(cell) & ~RES_MASK) | (15n << 52n)) & ~m;
  return { lo, hi: lo | m };
}

/** The cell outline as a closed GeoJSON ring in [lng, lat] order. */
export function cellPolygon(cell: string): { type: 'Polygon'; coordinates: number[][][] } {
  const ring = cellToBoundary(cell, true);
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** The resolution (0–15) of a valid cell string. */
export function cellResolution(cell: string): number {
  return getResolution(cell);
}

/** The centre of a cell as [lng, lat] (GeoJSON order; h3-js answers [lat, lng]). */
export function cellCentre(cell: string): [number, number] {
  const [lat, lng] = cellToLatLng(cell);
  return [lng, lat];
}
