import { assertAdjacency, type Adjacency } from './adjacency';
import { StatsError } from './errors';
import { benjaminiHochberg, confidenceBin } from './fdr';
import { twoSidedP } from './normal';

export interface GiStarResult {
  n: number;
  mean: number;
  /** The population S = √(Σx²/n − x̄²), zeros included. */
  sd: number;
  /** Σ_j w_ij per cell (binary weights: the neighbourhood size, self included). */
  sumW: Int32Array;
  /** Σ_j w_ij x_j per cell; 0 means a zero neighbourhood (values are non-negative). */
  neighbourhoodSum: Float64Array;
  z: Float64Array;
  /** Two-sided p from the normal. */
  p: Float64Array;
  /** Benjamini–Hochberg over all n cells of the region. */
  pFdr: Float64Array;
  bin: Int8Array;
  /** Σw → z for cells whose whole neighbourhood is zero (their z depends only on Σw). */
  zeroNeighbourhoodZ: Map<number, number>;
}

/** The smallest region Gi* is defined for; the service answers 422 region_too_small below it. */
export const MIN_REGION_CELLS = 3;

/**
 * x̄ and the population S over all values. Population (÷ n, not n − 1): Getis and Ord's
 * z derives from the permutation moments of the whole region, and esda and Esri use this S, so the
 * z-scores match theirs. Two passes (Σ(x − x̄)²/n) rather than Σx²/n − x̄²: the same quantity
 * without the cancellation of two large sums; a constant region is S = 0 exactly.
 * @throws StatsError('invalid_input') on a negative or non-finite value.
 */
export function populationMoments(values: Float64Array): { mean: number; sd: number } {
  const n = values.length;
  let sum = 0;
  let constant = true;
  const first = values[0];
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v < Infinity)) throw new StatsError('invalid_input', `Value ${v} at ${i} is not a finite non-negative number`);
    sum += v;
    if (v !== first) constant = false;
  }
  const mean = sum / n;
  if (constant) return { mean, sd: 0 };
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    squares += d * d;
  }
  return { mean, sd: Math.sqrt(squares / n) };
}

/**
 * Getis-Ord z for one neighbourhood with binary weights (Σw² = Σw = W) among `total` values:
 * (Σ_j x_j − x̄·W) / (S·√((total·W − W²)/(total − 1))). S = 0 (nothing varies) and W = total (the
 * neighbourhood is the whole region, so it cannot differ from it) carry no evidence: z = 0.
 */
export function giStarZ(neighbourhoodSum: number, weight: number, total: number, mean: number, sd: number): number {
  if (sd === 0 || weight <= 0 || weight >= total) return 0;
  return (neighbourhoodSum - mean * weight) / (sd * Math.sqrt((total * weight - weight * weight) / (total - 1)));
}

/**
 * Getis-Ord Gi* with binary weights, self included (DESIGN §5): equal to Esri's Hot Spot Analysis
 * and to esda's `G_Local(star=True, transform='B')`.
 *
 * The mean, S and the FDR family are over all n region cells, zeros included: the region is the
 * area's cells, not only those with reports, so an empty corner counts as evidence of "little
 * here" and BH corrects for every cell the analyst is shown.
 *
 * @param x one non-negative value per region cell (counts or weighted counts).
 * @param adjacency neighbours per cell, self included.
 * @throws StatsError('region_too_small') when n < 3; StatsError('invalid_input') on bad values or adjacency.
 * @example
 * // A path of five cells with one report in the middle (hand-checked in test/stats/gi-star.test.ts):
 * const ring = adjacencyFromLists([[0, 1], [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4]]);
 * giStar([0, 0, 1, 0, 0], ring).z[2]; // 0.816496580927726 (= 1/√1.5)
 */
export function giStar(x: ArrayLike<number>, adjacency: Adjacency): GiStarResult {
  const n = x.length;
  if (n < MIN_REGION_CELLS) {
    throw new StatsError('region_too_small', `Gi* needs a region of at least ${MIN_REGION_CELLS} cells, got ${n}`);
  }
  assertAdjacency(adjacency, n);
  const values = Float64Array.from(x);
  const { mean, sd } = populationMoments(values);
  const { offsets, index } = adjacency;

  const sumW = new Int32Array(n);
  const neighbourhoodSum = new Float64Array(n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const zeroNeighbourhoodZ = new Map<number, number>();
  const zeroNeighbourhoodP = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    let sum = 0;
    for (let k = start; k < end; k++) sum += values[index[k]!]!;
    const weight = end - start;
    sumW[i] = weight;
    neighbourhoodSum[i] = sum;
    if (sum === 0) {
      // Most cells of a region are empty and their z depends on Σw alone: compute it once per Σw.
      let zero = zeroNeighbourhoodZ.get(weight);
      if (zero === undefined) {
        zero = giStarZ(0, weight, n, mean, sd);
        zeroNeighbourhoodZ.set(weight, zero);
        zeroNeighbourhoodP.set(weight, twoSidedP(zero));
      }
      z[i] = zero;
      p[i] = zeroNeighbourhoodP.get(weight)!;
    } else {
      const zi = giStarZ(sum, weight, n, mean, sd);
      z[i] = zi;
      p[i] = twoSidedP(zi);
    }
  }
  const pFdr = benjaminiHochberg(p);
  const bin = new Int8Array(n);
  for (let i = 0; i < n; i++) bin[i] = confidenceBin(z[i]!, pFdr[i]!);
  return { n, mean, sd, sumW, neighbourhoodSum, z, p, pFdr, bin, zeroNeighbourhoodZ };
}
