/**
 * The binomial probability P(X = x), X ~ Bin(n, p), by Catherine Loader's saddle-point method
 * ("Fast and accurate computation of binomial probabilities", 2000; R's `dbinom`). It is accurate
 * to a few ulps even for n in the millions, where C(n, x)·pˣ·qⁿ⁻ˣ overflows and a log-gamma
 * difference loses all its digits to cancellation.
 */

const LN_2PI = 1.8378770664093454836;

/** stirlerr(n) = ln n! − (n + ½)·ln n + n − ln √(2π) for n = 0..15 (mpmath, 20 digits). */
const STIRLING_ERROR_SMALL = [
  0, 0.08106146679532725822, 0.041340695955409294094, 0.027677925684998339149, 0.020790672103765093112,
  0.016644691189821192163, 0.013876128823070747999, 0.011896709945891770095, 0.010411265261972096497,
  0.0092554621827127329177, 0.0083305634333628712565, 0.007573675487951840795, 0.0069428401072095298657,
  0.0064089941880042070684, 0.0059513701127588477356, 0.005554733551962801371,
];
const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

/** The error of Stirling's formula for ln n!, integer n ≥ 0: a table, then the asymptotic series. */
export function stirlingError(n: number): number {
  if (n <= 15) return STIRLING_ERROR_SMALL[n]!;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** Loader's deviance term x·ln(x/np) + np − x, by its series where the two parts nearly cancel. */
export function devianceTerm(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let sum = (x - np) * v;
    if (Math.abs(sum) < Number.MIN_VALUE) return sum;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
  }
  return x * Math.log(x / np) + np - x;
}

/**
 * P(X = x) for X ~ Bin(n, p) with integer 0 ≤ x ≤ n and 0 ≤ p ≤ 1.
 *
 * @example
 * binomialPmf(3, 10, 0.2); // 0.201326592
 */
export function binomialPmf(x: number, n: number, p: number): number {
  const q = 1 - p;
  if (x < 0 || x > n) return 0;
  if (p === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === n ? 1 : 0;
  if (x === 0) {
    if (n === 0) return 1;
    return Math.exp(p < 0.1 ? -devianceTerm(n, n * q) - n * p : n * Math.log(q));
  }
  if (x === n) return Math.exp(q < 0.1 ? -devianceTerm(n, n * p) - n * q : n * Math.log(p));
  const logCore =
    stirlingError(n) - stirlingError(x) - stirlingError(n - x) - devianceTerm(x, n * p) - devianceTerm(n - x, n * q);
  const logScale = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(logCore - 0.5 * logScale);
}
