import { StatsError } from './errors';

/**
 * Neighbour lists in compressed sparse rows: the neighbours of cell i are
 * `index[offsets[i] .. offsets[i + 1])`. Two flat typed arrays instead of one array per cell keep
 * a 50,000-cell region in a few hundred kilobytes and the Gi* loop free of pointer chasing.
 * For Gi* the list of i includes i itself (binary weights, w = 1).
 */
export interface Adjacency {
  offsets: Int32Array;
  index: Int32Array;
}

/**
 * Packs per-cell neighbour lists into an {@link Adjacency}.
 *
 * @param lists `lists[i]` holds the indices of the neighbours of cell i (include i itself for Gi*).
 * @throws StatsError('invalid_input') on an index outside 0..n−1 or a neighbour listed twice
 *   (binary weights: a repeated neighbour would silently count twice).
 * @example
 * // A path 0 – 1 – 2, self included:
 * adjacencyFromLists([[0, 1], [0, 1, 2], [1, 2]]);
 */
export function adjacencyFromLists(lists: readonly (readonly number[])[]): Adjacency {
  const n = lists.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + lists[i]!.length;
  const index = new Int32Array(offsets[n]!);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const seen = new Set<number>();
    for (const j of lists[i]!) {
      if (!Number.isInteger(j) || j < 0 || j >= n) {
        throw new StatsError('invalid_input', `Neighbour ${j} of cell ${i} is not a cell index 0..${n - 1}`);
      }
      if (seen.has(j)) throw new StatsError('invalid_input', `Neighbour ${j} of cell ${i} is listed twice`);
      seen.add(j);
      index[k++] = j;
    }
  }
  return { offsets, index };
}

/**
 * Checks that an adjacency fits a region of n cells, so the hot loops can index without checks.
 * O(number of neighbour entries): negligible next to the statistic itself.
 */
export function assertAdjacency(adjacency: Adjacency, n: number): void {
  const { offsets, index } = adjacency;
  if (offsets.length !== n + 1 || offsets[0] !== 0 || offsets[n] !== index.length) {
    throw new StatsError('invalid_input', `Adjacency does not describe ${n} cells (offsets must have length n + 1)`);
  }
  for (let i = 0; i < n; i++) {
    if (offsets[i + 1]! < offsets[i]!) throw new StatsError('invalid_input', `Adjacency offsets decrease at cell ${i}`);
  }
  for (let k = 0; k < index.length; k++) {
    const j = index[k]!;
    if (j < 0 || j >= n) throw new StatsError('invalid_input', `Adjacency refers to cell ${j} outside 0..${n - 1}`);
  }
}
