import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { toHotspotFilter } from '../hotspots/hotspot-filters';
import { countByCell } from '../hotspots/hotspots.repository';
import { giStar, type GiStarResult } from '../stats/gi-star';
import { fromStatsError, openAnalytics } from './analytics-context';
import type { GiQueryInput } from './analytics.schema';
import type { CellRow, CsvLine } from './export/cell-export';
import type { Regions } from './region/regions';
import { StudyRegion } from './region/study-region';

export interface GiCell {
  cell: string;
  count: number;
  /** Σ severity, only when weighted (the x of the statistic then). */
  weight?: number;
  z: number;
  p: number;
  pFdr: number;
  bin: number;
}

export const TOO_FEW_CELLS_ADVICE = 'the study region needs at least 3 cells: use a finer resolution';

/** Runs Gi*, turning "fewer than 3 cells" into the API's 422. */
export function giStarOrRefuse(x: Float64Array, adjacency: Parameters<typeof giStar>[1]): GiStarResult {
  try {
    return giStar(x, adjacency);
  } catch (err) {
    return fromStatsError(err, TOO_FEW_CELLS_ADVICE);
  }
}

/**
 * Getis-Ord Gi* over the study region (DESIGN §5): every region cell enters the statistic, zeros
 * included, but only cells with a non-zero neighbourhood are listed; the z of the others depends
 * only on their number of neighbours and is given once per Σw in meta.zeroNeighbourhoodZ.
 */
export async function giHotspots(db: Db, regions: Regions, caller: AuthContext, q: GiQueryInput, now = new Date()) {
  const filter = toHotspotFilter(caller.areaId, q, now);
  const { area, boundary, counted } = await withArea(db, caller.areaId, async (tx) => {
    const area = await openAnalytics(tx, caller.areaId, filter.categories);
    // The region's size is checked before any report is counted.
    const boundary = await regions.boundaryCells(tx, area, q.res);
    return { area, boundary, counted: await countByCell(tx, q.res, filter) };
  });

  const region = StudyRegion.of(boundary, counted.map((c) => BigInt(c.cell)));
  const x = new Float64Array(region.n);
  const count = new Int32Array(region.n);
  let total = 0;
  for (const c of counted) {
    const i = region.indexOf(BigInt(c.cell));
    count[i] = c.count;
    x[i] = q.weighted ? c.weight : c.count;
    total += c.count;
  }
  const gi = giStarOrRefuse(x, await regions.adjacency(area, q.res, q.k, region, boundary));

  const rows: CellRow<GiCell>[] = [];
  for (let i = 0; i < region.n; i++) {
    if (gi.neighbourhoodSum[i] === 0) continue;
    const cell = region.cellAt(i);
    const weight = q.weighted ? { weight: x[i]! } : {};
    rows.push({ cell, properties: { cell, count: count[i]!, ...weight, z: gi.z[i]!, p: gi.p[i]!, pFdr: gi.pFdr[i]!, bin: gi.bin[i]! } });
  }
  const zeroNeighbourhoodZ = Object.fromEntries([...gi.zeroNeighbourhoodZ].sort(([a], [b]) => a - b).map(([w, z]) => [String(w), z]));
  return {
    rows,
    meta: {
      res: q.res,
      k: q.k,
      n: gi.n,
      mean: gi.mean,
      sd: gi.sd,
      zeroNeighbourhoodZ,
      from: filter.from.toISOString(),
      to: filter.to.toISOString(),
      precision: filter.precision,
      weighted: q.weighted,
      total,
      boundaryCells: region.boundaryCount,
      cells: rows.length,
    },
  };
}

export const GI_CSV_COLUMNS = ['count', 'weight', 'z', 'p', 'pFdr', 'bin'] as const;

export function giCsvLines(rows: readonly CellRow<GiCell>[]): Iterable<CsvLine> {
  return rows.map(({ cell, properties: p }) => ({ cell, values: [p.count, p.weight ?? p.count, p.z, p.p, p.pFdr, p.bin] }));
}
