import type { Tx } from '../../db/scope';
import type { Adjacency } from '../../stats/adjacency';
import { HttpError } from '../../http/errors';
import { boundaryCells } from '../../h3/regions';
import { selectBoundary, selectFootprint, type AreaVersion } from '../analytics.repository';
import { RegionCache } from './region-cache';
import { checkRegionSize, type BoundaryFootprint } from './region-limits';
import { adjacencyBytes, adjacencyWithin, type StudyRegion } from './study-region';

/** Default budget of the region cache; ANALYTICS_REGION_CACHE_MB overrides it. */
export const DEFAULT_REGION_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * Study regions for the analytics services (DESIGN §5): the boundary cells per (area, res) and
 * their adjacency per (area, res, k) come from a bounded cache keyed by the boundary's version,
 * so a changed boundary is rebuilt and its old entries dropped; only the few report cells outside
 * the boundary set are added per query.
 */
export class Regions {
  constructor(readonly cache = new RegionCache(DEFAULT_REGION_CACHE_BYTES)) {}

  /**
   * The area's boundary cells at res, sorted. A region estimated beyond the limit answers 422
   * region_too_large before any cell is made.
   */
  async boundaryCells(tx: Tx, area: AreaVersion, res: number): Promise<BigInt64Array> {
    this.cache.forgetAreaExcept(area.id, area.boundaryVersion);
    return this.cache.get(
      `${area.id}:${area.boundaryVersion}:cells:${res}`,
      async () => {
        const stored = await selectBoundary(tx, area.id);
        if (!stored) throw HttpError.notFound('Area');
        checkRegionSize(stored, res);
        return boundaryCells(stored.boundary, res);
      },
      (cells) => cells.byteLength,
    );
  }

  /** The boundary's area and a point inside it, for size estimates before anything is built. */
  footprint(tx: Tx, area: AreaVersion): Promise<BoundaryFootprint> {
    return this.cache.get(
      `${area.id}:${area.boundaryVersion}:footprint`,
      async () => {
        const footprint = await selectFootprint(tx, area.id);
        if (!footprint) throw HttpError.notFound('Area');
        return footprint;
      },
      () => 64,
    );
  }

  /** gridDisk(k) neighbour lists within the boundary cells (indices into them). */
  boundaryAdjacency(area: AreaVersion, res: number, k: number, cells: BigInt64Array): Promise<Adjacency> {
    return this.cache.get(`${area.id}:${area.boundaryVersion}:adjacency:${res}:${k}`, () => adjacencyWithin(cells, k), adjacencyBytes);
  }

  /** The study region's neighbour lists for k, from the cached boundary lists. */
  async adjacency(area: AreaVersion, res: number, k: number, region: StudyRegion, boundary: BigInt64Array): Promise<Adjacency> {
    return region.adjacency(await this.boundaryAdjacency(area, res, k, boundary), k);
  }
}
