import { cellsToMultiPolygon, cellToLatLng, getResolution, gridDisk, polygonToCells } from 'h3-js';

/**
 * Groups of cells as patrol targets and evaluation areas use them: their outline, neighbours and
 * the cells of a zone. (cells.ts converts single cells; this works on sets.)
 */

export function getCellResolution(cell: string): number {
  return getResolution(cell);
}

/** The outline of a set of cells as one GeoJSON MultiPolygon ([lng, lat], shared edges dissolved). */
export function cellsOutline(cells: readonly string[]): { type: 'MultiPolygon'; coordinates: number[][][][] } {
  return { type: 'MultiPolygon', coordinates: cellsToMultiPolygon([...cells], true) };
}

/** The cells within grid distance k, the cell itself excluded. */
export function neighboursOf(cell: string, k = 1): string[] {
  return gridDisk(cell, k).filter((c) => c !== cell);
}

/** Cells within grid distance k, the cell itself included. */
export function diskAround(cell: string, k: number): string[] {
  return gridDisk(cell, k);
}

/** The centre of a cell as [lng, lat]. */
export function cellCentreLngLat(cell: string): [number, number] {
  const [lat, lng] = cellToLatLng(cell);
  return [lng, lat];
}

/** The res-r cells whose centre lies in a (Multi)Polygon ([lng, lat] rings), over every part. */
export function cellsWithCentreIn(geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }, res: number): string[] {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][];
  return [...new Set(polygons.flatMap((polygon) => polygonToCells(polygon, res, true)))].sort();
}
