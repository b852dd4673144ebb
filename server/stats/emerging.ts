import { assertAdjacency, type Adjacency } from './adjacency';
import { classifyPattern, type EmergingPattern } from './emerging-patterns';
import { StatsError } from './errors';
import { benjaminiHochberg } from './fdr';
import { giStarZ, MIN_REGION_CELLS, populationMoments } from './gi-star';
import { mannKendallOf } from './mann-kendall';
import { twoSidedP } from './normal';

export { classifyPattern, type EmergingPattern } from './emerging-patterns';

/** A bin is hot (z > 0) or cold (z < 0) when its FDR-adjusted p is at most this; also the trend level. */
export const EMERGING_ALPHA = 0.05;

export interface SpaceTimeCube {
  /** Region cells. */
  n: number;
  /** Time bins, oldest first. */
  T: number;
  /** Length n·T: the value of cell i in bin t at i·T + t (non-negative). */
  counts: Float64Array;
  /** Spatial k-ring ∩ region, self included. */
  adjacency: Adjacency;
  /** How many previous bins belong to the neighbourhood (DESIGN default 1). */
  lag: number;
  /** The cells to classify (those with any report), as region indices. */
  cells: ArrayLike<number>;
}

export interface EmergingBin {
  z: number;
  p: number;
  pFdr: number;
}

export interface EmergingCell {
  index: number;
  pattern: EmergingPattern;
  /** Mann–Kendall z, p and tau of the cell's z series. */
  trendZ: number;
  trendP: number;
  tau: number;
  hotBins: number;
  coldBins: number;
  bins: EmergingBin[];
}

export interface EmergingResult {
  /** x̄ and the population S over all n·T cube values. */
  mean: number;
  sd: number;
  cells: EmergingCell[];
}

/**
 * Emerging hot spots on a space-time cube (Esri's Emerging Hot Spot Analysis; DESIGN §5).
 *
 * Space-time Gi*: the neighbourhood of (i, t) is ring(i) × bins t−lag..t (those ≥ 0), binary
 * weights; x̄ and S are over all n·T values and BH over all n·T p-values, because every cell-bin is
 * one test of the same question. A bin is hot if z > 0 and pFdr ≤ 0.05, cold if z < 0 and
 * pFdr ≤ 0.05; the trend is Mann–Kendall on each classified cell's T z-values.
 *
 * Work is O(n·|ring|·T + n·T·lag) plus one sort of the n·T p-values: the per-cell lagged sums are
 * formed once, then each cell adds its ring's lagged sums bin by bin (contiguous memory).
 *
 * @param cube the counts, adjacency, lag and the cells to classify.
 * @throws StatsError('region_too_small') when n < 3; StatsError('invalid_input') on inconsistent input.
 * @example
 * // Cells 0 – 1 – 2 over two bins; cell 1 has 6 reports in bin 0, cell 2 has 3 in bin 1:
 * const adjacency = adjacencyFromLists([[0, 1], [0, 1, 2], [1, 2]]);
 * const cube = { n: 3, T: 2, counts: Float64Array.from([0, 0, 6, 0, 0, 3]), adjacency, lag: 1, cells: [2] };
 * emergingHotspots(cube).cells[0].bins.map((bin) => bin.z); // [1.0350983390135313, 1.0350983390135313]
 */
export function emergingHotspots(cube: SpaceTimeCube): EmergingResult {
  const { n, T, counts, adjacency, lag } = cube;
  validateCube(cube);
  const total = n * T;
  const { mean, sd } = populationMoments(counts);

  // windowSum[j·T + t] = Σ x[j·T + s] over s = max(0, t − lag) .. t.
  const windowSum = new Float64Array(total);
  for (let base = 0; base < total; base += T) {
    for (let t = 0; t < T; t++) {
      let sum = 0;
      for (let s = Math.max(0, t - lag); s <= t; s++) sum += counts[base + s]!;
      windowSum[base + t] = sum;
    }
  }

  const z = new Float64Array(total);
  const p = new Float64Array(total);
  const neighbourhood = new Float64Array(T);
  const { offsets, index } = adjacency;
  let largestRing = 0;
  for (let i = 0; i < n; i++) largestRing = Math.max(largestRing, offsets[i + 1]! - offsets[i]!);
  const zeroZ = new Float64Array(largestRing * (Math.min(lag, T - 1) + 1) + 1).fill(NaN);
  const zeroP = new Float64Array(zeroZ.length);
  for (let i = 0; i < n; i++) {
    neighbourhood.fill(0);
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    for (let k = start; k < end; k++) {
      const base = index[k]! * T;
      for (let t = 0; t < T; t++) neighbourhood[t]! += windowSum[base + t]!;
    }
    const ring = end - start;
    for (let t = 0; t < T; t++) {
      const weight = ring * (Math.min(t, lag) + 1);
      const sum = neighbourhood[t]!;
      if (sum === 0) {
        // Most of a cube is empty neighbourhoods, whose z depends on the weight alone.
        if (Number.isNaN(zeroZ[weight]!)) {
          zeroZ[weight] = giStarZ(0, weight, total, mean, sd);
          zeroP[weight] = twoSidedP(zeroZ[weight]!);
        }
        z[i * T + t] = zeroZ[weight]!;
        p[i * T + t] = zeroP[weight]!;
      } else {
        const zit = giStarZ(sum, weight, total, mean, sd);
        z[i * T + t] = zit;
        p[i * T + t] = twoSidedP(zit);
      }
    }
  }
  const pFdr = benjaminiHochberg(p);

  const hot: boolean[] = new Array<boolean>(T);
  const cold: boolean[] = new Array<boolean>(T);
  const scratch = new Float64Array(T);
  const cells: EmergingCell[] = [];
  for (let c = 0; c < cube.cells.length; c++) {
    const cell = cube.cells[c]!;
    const base = cell * T;
    const bins: EmergingBin[] = new Array<EmergingBin>(T);
    let hotBins = 0;
    let coldBins = 0;
    for (let t = 0; t < T; t++) {
      const zt = z[base + t]!;
      const adjusted = pFdr[base + t]!;
      hot[t] = zt > 0 && adjusted <= EMERGING_ALPHA;
      cold[t] = zt < 0 && adjusted <= EMERGING_ALPHA;
      if (hot[t]) hotBins++;
      if (cold[t]) coldBins++;
      bins[t] = { z: zt, p: p[base + t]!, pFdr: adjusted };
    }
    const trend = mannKendallOf(z, base, T, EMERGING_ALPHA, scratch);
    cells.push({
      index: cell,
      pattern: classifyPattern(hot, cold, trend),
      trendZ: trend.z,
      trendP: trend.p,
      tau: trend.tau,
      hotBins,
      coldBins,
      bins,
    });
  }
  return { mean, sd, cells };
}

function validateCube(cube: SpaceTimeCube): void {
  const { n, T, counts, adjacency, lag, cells } = cube;
  if (!Number.isInteger(n) || n < 0) throw new StatsError('invalid_input', `n = ${n} is not a cell count`);
  if (n < MIN_REGION_CELLS) {
    throw new StatsError('region_too_small', `The space-time Gi* needs a region of at least ${MIN_REGION_CELLS} cells, got ${n}`);
  }
  if (!Number.isInteger(T) || T < 1) throw new StatsError('invalid_input', `T = ${T} is not a positive number of bins`);
  if (!Number.isInteger(lag) || lag < 0) throw new StatsError('invalid_input', `lag = ${lag} is not a non-negative integer`);
  if (counts.length !== n * T) throw new StatsError('invalid_input', `counts has ${counts.length} values, expected n·T = ${n * T}`);
  assertAdjacency(adjacency, n);
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c]!;
    if (!Number.isInteger(cell) || cell < 0 || cell >= n) throw new StatsError('invalid_input', `Cell ${cell} is not a region index 0..${n - 1}`);
  }
}
