import { StatsError } from './errors';
import { ascendingOrder } from './sort-order';

/**
 * Benjamini–Hochberg adjusted p-values (step-up, monotone, capped at 1), in the order of the input;
 * the same numbers as R's `p.adjust(p, "BH")`: sorted ascending, p(k)·n/k, then the running minimum
 * from the largest p down. Tied p-values end up with one adjusted value, that of the last of them.
 *
 * One radix sort of the indices (see sort-order.ts) keeps this O(n) on the n·T ≈ 1.3M p-values of
 * an emerging-hotspot cube, where a comparator sort alone takes about a second.
 *
 * @param p p-values in [0, 1].
 * @throws StatsError('invalid_input') when a value is NaN or outside [0, 1].
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5]); // [0.025, 0.05, 0.05, 0.025, 0.5]
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const n = p.length;
  // Typed input is read in place (it is 10 MB for an emerging cube); anything else is copied once.
  const values = p instanceof Float64Array ? p : Float64Array.from(p);
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    if (!(value >= 0 && value <= 1)) throw new StatsError('invalid_input', `p-value ${value} at ${i} is not in [0, 1]`);
  }
  const order = ascendingOrder(values);
  const adjusted = new Float64Array(n);
  let running = 1;
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k]!;
    const candidate = (n * values[i]!) / (k + 1);
    if (candidate < running) running = candidate;
    adjusted[i] = running;
  }
  return adjusted;
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
