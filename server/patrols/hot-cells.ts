/**
 * Which cells are hot, for a proposal: by count (the cells with the most reports, at least
 * MIN_CELL_REPORTS) or by Gi* (cells with reports whose z is positive with pFdr ≤ 0.05 over the
 * study region of DESIGN §5, the analytics' own region and statistic).
 */
import type { GiStarResult } from '../stats/gi-star';
import { byHeat, type ScoredCell } from './target-merge';

/** A single report is not a hot spot. */
export const MIN_CELL_REPORTS = 2;
export const GI_ALPHA = 0.05;

export interface HotCell extends ScoredCell {
  count: number;
  z: number | null;
  pFdr: number | null;
}

export function hotByCount(counts: ReadonlyMap<string, number>, limit: number): HotCell[] {
  return [...counts.entries()]
    .filter(([, count]) => count >= MIN_CELL_REPORTS)
    .map(([cell, count]) => ({ cell, score: count, count, z: null, pFdr: null }))
    .sort(byHeat)
    .slice(0, limit);
}

/** Gi* hot cells of a region (cell i named by cellAt(i), count x[i]), hottest z first. */
export function hotByGi(region: { n: number; cellAt(i: number): string }, x: ArrayLike<number>, gi: GiStarResult, limit: number): HotCell[] {
  const hot: HotCell[] = [];
  for (let i = 0; i < region.n; i++) {
    if (gi.z[i]! > 0 && gi.pFdr[i]! <= GI_ALPHA && x[i]! > 0) hot.push({ cell: region.cellAt(i), score: gi.z[i]!, count: x[i]!, z: gi.z[i]!, pFdr: gi.pFdr[i]! });
  }
  return hot.sort(byHeat).slice(0, limit);
}
