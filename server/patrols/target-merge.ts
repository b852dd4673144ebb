/**
 * Hot cells merged into patrol targets: neighbouring hot cells are one place to walk, so a target
 * is a connected group of hot cells (neighbours = gridDisk(1)). A group is grown from its hottest
 * cell, always taking the hottest hot neighbour next, and stops at `maxCells` (a cell and its
 * ring: what one foot patrol can keep an eye on); the rest of a larger component seeds further
 * groups. Pure: the caller passes the neighbour function (h3 gridDisk).
 */

export interface ScoredCell {
  cell: string;
  /** What ranks the cells: report count, or Gi* z. */
  score: number;
}

/** Cells per target: one hexagon and its six neighbours. */
export const MAX_TARGET_CELLS = 7;

/** Hottest first; ties by ascending cell index (H3 strings of one resolution sort like their index). */
export const byHeat = (a: ScoredCell, b: ScoredCell) => b.score - a.score || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0);

/**
 * Groups of hot cells, each listed hottest first; groups in the order their seeds were taken
 * (the hottest remaining cell seeds the next group).
 * @example mergeHotCells([{cell: a, score: 9}, {cell: b, score: 5}], (c) => ring(c)) // [[a, b]] when a and b touch
 */
export function mergeHotCells(hot: readonly ScoredCell[], neighbours: (cell: string) => readonly string[], maxCells = MAX_TARGET_CELLS): ScoredCell[][] {
  const sorted = [...hot].sort(byHeat);
  const byCell = new Map(sorted.map((c) => [c.cell, c]));
  const taken = new Set<string>();
  const groups: ScoredCell[][] = [];
  for (const seed of sorted) {
    if (taken.has(seed.cell)) continue;
    const group = [seed];
    taken.add(seed.cell);
    while (group.length < maxCells) {
      let best: ScoredCell | undefined;
      for (const member of group) {
        for (const n of neighbours(member.cell)) {
          const candidate = byCell.get(n);
          if (candidate && !taken.has(n) && (!best || byHeat(candidate, best) < 0)) best = candidate;
        }
      }
      if (!best) break;
      group.push(best);
      taken.add(best.cell);
    }
    groups.push(group.sort(byHeat));
  }
  return groups;
}
