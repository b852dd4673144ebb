/**
 * Which cells are hot, for a proposal: by count (the cells with the most reports, at least
 * MIN_CELL_REPORTS) or by Gi* (cells whose z is positive with pFdr ≤ 0.05 over the study region
 * of DESIGN §5: the boundary's cells ∪ cells with a counted report).
 */
import { cellToBigint } from '../h3/cells';
import { cellsWithCentreIn, diskAround } from '../h3/cell-groups';
import { adjacencyFromLists } from '../stats/adjacency';
import { giStar } from '../stats/gi-star';
import type { ScoredCell } from './target-merge';

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
    .sort((a, b) => b.score - a.score || (a.cell < b.cell ? -1 : 1))
    .slice(0, limit);
}

/** Gi* hot cells (z > 0, pFdr ≤ 0.05), hottest first; fewer than 3 region cells → none. */
export function hotByGi(counts: ReadonlyMap<string, number>, boundary: { type: 'MultiPolygon'; coordinates: unknown }, res: number, limit: number): HotCell[] {
  const region = [...new Set([...cellsWithCentreIn(boundary, res), ...counts.keys()])].sort((a, b) => {
    const x = cellToBigint(a);
    const y = cellToBigint(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  if (region.length < 3) return [];
  const position = new Map(region.map((cell, i) => [cell, i]));
  const lists = region.map((cell) => diskAround(cell, 1).flatMap((n) => (position.has(n) ? [position.get(n)!] : [])));
  const x = region.map((cell) => counts.get(cell) ?? 0);
  const gi = giStar(x, adjacencyFromLists(lists));
  const hot: HotCell[] = [];
  region.forEach((cell, i) => {
    if (gi.z[i]! > 0 && gi.pFdr[i]! <= GI_ALPHA && x[i]! > 0) hot.push({ cell, score: gi.z[i]!, count: x[i]!, z: gi.z[i]!, pFdr: gi.pFdr[i]! });
  });
  return hot.sort((a, b) => b.score - a.score || (a.cell < b.cell ? -1 : 1)).slice(0, limit);
}
