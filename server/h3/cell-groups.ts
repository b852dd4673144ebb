import { cellsToMultiPolygon, gridDisk } from 'h3-js';

/**
 * Groups of cells as patrol targets use them: their outline and neighbours. (cells.ts converts
 * single cells; regions.ts holds the sorted cell sets of study regions and zones.)
 */

/** The outline of a set of cells as one GeoJSON MultiPolygon ([lng, lat], shared edges dissolved). */
export function cellsOutline(cells: readonly string[]): { type: 'MultiPolygon'; coordinates: number[][][][] } {
  return { type: 'MultiPolygon', coordinates: cellsToMultiPolygon([...cells], true) };
}

/** The cells within grid distance k, the cell itself excluded. */
export function neighboursOf(cell: string, k = 1): string[] {
  return gridDisk(cell, k).filter((c) => c !== cell);
}
