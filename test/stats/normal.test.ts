import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalSf, twoSidedP } from '../../server/stats/normal';

/** Relative difference, for values that span hundreds of orders of magnitude. */
const relative = (got: number, expected: number) => Math.abs(got - expected) / Math.abs(expected);

// Reference values from mpmath at 40 digits (ncdf, erfinv), rounded to 17 significant digits.
describe('normalCdf', () => {
  it.each([
    [1.96, 0.9750021048517795],
    [0, 0.5],
    [-1, 0.15865525393145705],
    [0.5, 0.6914624612740131],
    [-3, 0.0013498980316300945],
    [-8, 6.2209605742717841e-16],
    [-20, 2.7536241186062337e-89],
    [-37, 5.7255712225245768e-300],
  ])('Φ(%d) = %d to 1e−14 relative', (x, expected) => {
    expect(relative(normalCdf(x), expected)).toBeLessThan(1e-14);
  });

  it('keeps the lower tail where 1 − Φ(8) would be all rounding', () => {
    expect(relative(normalSf(8), 6.22096057427178e-16)).toBeLessThan(1e-14);
    // The naive complement is off by more than 5 % (1 − 0.9999999999999993 is all rounding).
    expect(relative(1 - normalCdf(8), 6.22096057427178e-16)).toBeGreaterThan(0.05);
  });

  it('is symmetric: Φ(x) + Φ(−x) = 1', () => {
    for (const x of [0.1, 0.6, 0.7, 1.5, 3.2, 5.7, 7.9]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
  });

  it('is 0 and 1 at the infinities and NaN at NaN', () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(NaN)).toBeNaN();
  });

  it('is continuous at the algorithm’s range boundaries 0.67448975 and √32', () => {
    for (const edge of [0.67448975, Math.sqrt(32)]) {
      const below = normalCdf(-edge + 1e-12);
      const above = normalCdf(-edge - 1e-12);
      expect(relative(below, above)).toBeLessThan(1e-9);
    }
  });
});

describe('twoSidedP', () => {
  it('is 2·Φ(−|z|), the same for z and −z', () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 15);
    expect(twoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 15);
    expect(relative(twoSidedP(8), 2 * 6.22096057427178e-16)).toBeLessThan(1e-14);
  });

  it('is exactly 1 at z = 0', () => {
    expect(twoSidedP(0)).toBe(1);
  });
});

describe('normalQuantile', () => {
  it.each([
    [0.975, 1.9599639845400542],
    [0.5, 0],
    [0.025, -1.9599639845400542],
    [0.95, 1.6448536269514727],
    [0.995, 2.5758293035489008],
    [1e-10, -6.3613409024040562],
    [1e-300, -37.047096299361199],
  ])('Φ⁻¹(%d) = %d', (p, expected) => {
    const got = normalQuantile(p);
    if (expected === 0) expect(got).toBe(0);
    else expect(relative(got, expected)).toBeLessThan(1e-12);
  });

  it('inverts normalCdf across the range, lower tail included', () => {
    for (const x of [-30, -12, -6, -2.5, -0.3, 0.2, 0.6]) {
      expect(relative(normalQuantile(normalCdf(x)), x)).toBeLessThan(1e-13);
    }
  });

  it('inverts the upper tail through normalSf (Φ(x) itself rounds to 1 there)', () => {
    for (const x of [1.1, 4.4, 7.5, 20]) expect(relative(-normalQuantile(normalSf(x)), x)).toBeLessThan(1e-13);
  });

  it('gives ∓Infinity at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });
});
