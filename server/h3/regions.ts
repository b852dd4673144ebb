import { cellArea, gridDisk, latLngToCell, polygonToCells } from 'h3-js';
import { cellToBigint } from './cells';

/** One implementation, in cells.ts; re-exported for the importers of this module (cell-export.ts). */
export { cellCentre } from './cells';

/**
 * Sets of cells for the study regions of the statistics (DESIGN §5). Cells travel here as
 * BigInt64Array sorted ascending: 8 bytes a cell (a hex string costs ~60), and ascending order is
 * what the statistics' "ties by ascending cell index" means (bit 63 is 0, so signed order is index order).
 */

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}

/**
 * The cells whose centre lies inside the boundary (h3-js polygonToCells, in lon/lat), over every
 * part of a MultiPolygon, holes excluded; sorted ascending, without duplicates.
 */
export function boundaryCells(boundary: MultiPolygonGeometry, res: number): BigInt64Array {
  const parts = boundary.coordinates.map((polygon) => polygonToCells(polygon, res, true));
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const cells = new BigInt64Array(total);
  let i = 0;
  for (const part of parts) for (const cell of part) cells[i++] = cellToBigint(cell);
  cells.sort();
  return dedupeSorted(cells);
}

function dedupeSorted(cells: BigInt64Array): BigInt64Array {
  let unique = 0;
  for (let i = 0; i < cells.length; i++) if (i === 0 || cells[i] !== cells[i - 1]) cells[unique++] = cells[i]!;
  return unique === cells.length ? cells : cells.slice(0, unique);
}

/** Position of a cell in a sorted array, or −1. */
export function indexOfCell(sorted: BigInt64Array, cell: bigint): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = sorted[mid]!;
    if (value < cell) lo = mid + 1;
    else if (value > cell) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** The cells within grid distance k of a cell, itself included (h3-js gridDisk; pentagons have fewer). */
export function diskOf(cell: string, k: number): string[] {
  return gridDisk(cell, k);
}

/** Area in km² of the res-r cell at a point: H3 cells in Sweden are ~25 % smaller than the global average. */
export function cellAreaKm2At(lng: number, lat: number, res: number): number {
  return cellArea(latLngToCell(lat, lng, res), 'km2');
}
