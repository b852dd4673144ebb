import { binomialPmf } from './binomial-pmf';
import { StatsError } from './errors';

/** R's tolerance for "as or less likely than the observed count": floating noise must not split ties. */
const RELATIVE_ERROR = 1 + 1e-7;

/**
 * Exact two-sided binomial test the way R's `binom.test` does it: the p-value is Σ P(j) over all j
 * with P(j) ≤ P(k)·(1 + 1e−7), i.e. every outcome at most as likely as the observed one. Used for
 * the period comparison, where b ~ Bin(a + b, share) under "no change" (DESIGN §5).
 *
 * The outcomes that qualify form one tail beyond the mode on each side, so each side's boundary is
 * found by bisection and each tail summed outward from its start (O(tail) work, no overflow).
 *
 * @param k observed successes, an integer 0..n.
 * @param n trials, a non-negative integer (n = 0 gives 1: no evidence).
 * @param p success probability in [0, 1].
 * @throws StatsError('invalid_input') when k, n or p is out of range.
 * @example
 * binomialTestTwoSided(7, 10, 0.5); // 0.34375 (= 2·176/1024)
 */
export function binomialTestTwoSided(k: number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new StatsError('invalid_input', `n = ${n} is not a non-negative integer`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new StatsError('invalid_input', `k = ${k} is not an integer in 0..${n}`);
  if (!(p >= 0 && p <= 1)) throw new StatsError('invalid_input', `p = ${p} is not a probability`);
  if (n === 0) return 1;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;

  const threshold = binomialPmf(k, n, p) * RELATIVE_ERROR;
  const mean = n * p;
  if (k === mean) return 1;
  let pValue: number;
  if (k < mean) {
    // The pmf does not increase from ⌈np⌉ on: the qualifying upper outcomes are a suffix.
    const firstUpper = firstAtMost(Math.ceil(mean), n, threshold, n, p);
    pValue = lowerTail(k, n, p) + upperTail(firstUpper, n, p);
  } else {
    // The pmf does not decrease up to ⌊np⌋: the qualifying lower outcomes are a prefix.
    const lastLower = lastAtMost(0, Math.floor(mean), threshold, n, p);
    pValue = lowerTail(lastLower, n, p) + upperTail(k, n, p);
  }
  return Math.min(1, pValue);
}

/** The first j in [from, to] with P(j) ≤ threshold on a non-increasing stretch; to + 1 when none. */
function firstAtMost(from: number, to: number, threshold: number, n: number, p: number): number {
  let lo = from;
  let hi = to + 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (binomialPmf(mid, n, p) <= threshold) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The last j in [from, to] with P(j) ≤ threshold on a non-decreasing stretch; from − 1 when none. */
function lastAtMost(from: number, to: number, threshold: number, n: number, p: number): number {
  let lo = from - 1;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (binomialPmf(mid, n, p) <= threshold) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** P(X ≤ j) for j below the mode, summed downward by the ratio P(i − 1)/P(i) until negligible. */
function lowerTail(j: number, n: number, p: number): number {
  if (j < 0) return 0;
  const odds = (1 - p) / p;
  let term = binomialPmf(j, n, p);
  let sum = term;
  for (let i = j; i > 0 && term > sum * 1e-17; i--) {
    term *= (i / (n - i + 1)) * odds;
    sum += term;
  }
  return sum;
}

/** P(X ≥ j) for j above the mode, summed upward by the ratio P(i + 1)/P(i) until negligible. */
function upperTail(j: number, n: number, p: number): number {
  if (j > n) return 0;
  const odds = p / (1 - p);
  let term = binomialPmf(j, n, p);
  let sum = term;
  for (let i = j; i < n && term > sum * 1e-17; i++) {
    term *= ((n - i) / (i + 1)) * odds;
    sum += term;
  }
  return sum;
}
