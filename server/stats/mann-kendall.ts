import { StatsError } from './errors';
import { twoSidedP } from './normal';

export type Trend = 'increasing' | 'decreasing' | 'no trend';

export interface MannKendall {
  n: number;
  /** Σ_{i<j} sign(x_j − x_i). */
  s: number;
  /** Var(S) with the tie correction. */
  varS: number;
  /** (S ∓ 1)/√Var(S): continuity-corrected. */
  z: number;
  /** Two-sided p from the normal. */
  p: number;
  /** Kendall's tau-a, S / (n(n−1)/2) (pyMannKendall's `Tau`). */
  tau: number;
  trend: Trend;
}

/**
 * The Mann–Kendall trend test as pyMannKendall's `original_test`: S, the tie-corrected variance
 * Var(S) = (n(n−1)(2n+5) − Σ t(t−1)(2t+5))/18 over groups of t equal values, the continuity
 * correction z = (S − sign(S))/√Var(S), and a two-sided normal p. Ties matter here: the emerging
 * hotspot analysis runs it on z series where many bins share the same z (empty neighbourhoods).
 *
 * @param x the series in time order (no NaN: drop missing values first, as pyMannKendall does).
 * @param alpha significance level; the trend is significant at p ≤ alpha (DESIGN §5).
 * @throws StatsError('invalid_input') on a non-finite value or an alpha outside (0, 1).
 * @example
 * mannKendall([1, 2, 3, 4, 5]); // { s: 10, varS: 16.67, z: 2.2045, p: 0.0275, tau: 1, trend: 'increasing' }
 */
export function mannKendall(x: ArrayLike<number>, alpha = 0.05): MannKendall {
  if (!(alpha > 0 && alpha < 1)) throw new StatsError('invalid_input', `alpha ${alpha} is not in (0, 1)`);
  const n = x.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]!)) throw new StatsError('invalid_input', `Value ${x[i]} at ${i} is not a finite number`);
  }
  return mannKendallOf(x, 0, n, alpha, new Float64Array(n));
}

/**
 * Mann–Kendall of `series[start .. start + n)` with a caller-owned scratch buffer of length ≥ n,
 * so the emerging-hotspot loop tests 50,000 cells without allocating per cell. Values must be finite.
 */
export function mannKendallOf(series: ArrayLike<number>, start: number, n: number, alpha: number, scratch: Float64Array): MannKendall {
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = series[start + i]!;
    for (let j = i + 1; j < n; j++) {
      const xj = series[start + j]!;
      if (xj > xi) s++;
      else if (xj < xi) s--;
    }
  }
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm(series, start, n, scratch)) / 18;
  // S = 0 (including n < 2 and a constant series, where Var(S) = 0) is no evidence of a trend.
  const z = s === 0 ? 0 : (s > 0 ? s - 1 : s + 1) / Math.sqrt(varS);
  const p = twoSidedP(z);
  const trend: Trend = p <= alpha && z > 0 ? 'increasing' : p <= alpha && z < 0 ? 'decreasing' : 'no trend';
  const pairs = (n * (n - 1)) / 2;
  return { n, s, varS, z, p, tau: pairs > 0 ? s / pairs : 0, trend };
}

/**
 * Σ t(t−1)(2t+5) over the groups of t equal values. An insertion sort into the scratch buffer: the
 * series are short (T ≤ 200 bins) and this runs once per classified cell, so no allocation.
 */
function tieTerm(series: ArrayLike<number>, start: number, n: number, scratch: Float64Array): number {
  for (let i = 0; i < n; i++) {
    const value = series[start + i]!;
    let j = i - 1;
    while (j >= 0 && scratch[j]! > value) {
      scratch[j + 1] = scratch[j]!;
      j--;
    }
    scratch[j + 1] = value;
  }
  let term = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && scratch[i] === scratch[i - 1]) {
      run++;
    } else {
      if (run > 1) term += run * (run - 1) * (2 * run + 5);
      run = 1;
    }
  }
  return term;
}
