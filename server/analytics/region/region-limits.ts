import { HttpError } from '../../http/errors';
import { cellAreaKm2At } from '../../h3/regions';
import { MAX_RES, MIN_RES } from '../analytics-params';

/**
 * How big a study region may be. 250,000 cells is Gi* in ~50 ms and ~10 MB of cells and k = 1
 * neighbour lists; a space-time cube of 1.5M values (50,000 cells × 30 bins) is ~100 MB of
 * statistics arrays for the one request, which keeps the server under its 400 MB (DESIGN §7).
 */
export const MAX_REGION_CELLS = 250_000;
export const MAX_CUBE_VALUES = 1_500_000;

export interface BoundaryFootprint {
  /** Boundary area in km² (on the ellipsoid). */
  km2: number;
  /** A point inside the boundary: cell areas shrink towards high latitudes, so the estimate uses a local cell. */
  lng: number;
  lat: number;
}

/** Cells whose centre falls in the boundary, estimated before building them: area ÷ a local cell's area. */
export function estimatedCells(footprint: BoundaryFootprint, res: number): number {
  return Math.round(footprint.km2 / cellAreaKm2At(footprint.lng, footprint.lat, res));
}

/** The finest resolution whose region stays within `limit` cells, or undefined when none does. */
export function finestResolutionWithin(footprint: BoundaryFootprint, limit: number, cellsPerUnit = 1): number | undefined {
  for (let res = MAX_RES; res >= MIN_RES; res--) if (estimatedCells(footprint, res) * cellsPerUnit <= limit) return res;
  return undefined;
}

/** 422 region_too_large with advice, raised before anything of that size is allocated. */
export function regionTooLarge(what: string, unit: string, estimated: number, limit: number, advice: string): HttpError {
  const n = (v: number) => v.toLocaleString('en-US');
  const message = `${what} would hold about ${n(estimated)} ${unit}, more than the limit of ${n(limit)}: ${advice}`;
  return new HttpError(422, 'region_too_large', message, [{ path: 'res', message: advice }], { limit, estimated });
}

/** Refuses a boundary region estimated above MAX_REGION_CELLS at this resolution. */
export function checkRegionSize(footprint: BoundaryFootprint, res: number): void {
  const estimated = estimatedCells(footprint, res);
  if (estimated <= MAX_REGION_CELLS) return;
  const finest = finestResolutionWithin(footprint, MAX_REGION_CELLS);
  const advice = finest === undefined ? 'the area is too large for cell statistics' : `use a coarser resolution, res ${finest} or lower`;
  throw regionTooLarge(`The study region at res ${res}`, 'cells', estimated, MAX_REGION_CELLS, advice);
}
