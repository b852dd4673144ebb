import { describe, expect, it } from 'vitest';
import { binomialTestTwoSided } from '../../server/stats/binomial';
import { binomialPmf } from '../../server/stats/binomial-pmf';
import { expectStatsError } from './stats-error';

const relative = (got: number, expected: number) => Math.abs(got - expected) / Math.abs(expected);

describe('binomialTestTwoSided, checked by summing the probabilities by hand', () => {
  it('binom.test(7, 10, 0.5): p = 0.34375', () => {
    // P(j) = C(10, j)/1024. P(7) = 120/1024. As or less likely: j ≤ 3 and j ≥ 7,
    // (1 + 10 + 45 + 120)·2/1024 = 352/1024 = 0.34375.
    expect(binomialTestTwoSided(7, 10, 0.5)).toBeCloseTo(0.34375, 14);
    expect(binomialTestTwoSided(3, 10, 0.5)).toBeCloseTo(0.34375, 14);
  });

  it('binom.test(0, 5, 0.5): p = 0.0625', () => {
    // P(0) = P(5) = 1/32, every other outcome is more likely: 2/32.
    expect(binomialTestTwoSided(0, 5, 0.5)).toBeCloseTo(0.0625, 15);
  });

  it('binom.test(3, 10, 0.2): p = 0.429574656, both tails', () => {
    // np = 2, so 3 is in the upper tail. P(3) = 120·0.2³·0.8⁷ = 0.201326592.
    // Lower side, j ≤ 2: P(0) = 0.8¹⁰ = 0.1073741824 ≤ P(3); P(1) = 0.268435456 and P(2) = 0.301989888 are not.
    // Upper side: P(X ≥ 3) = 1 − (0.1073741824 + 0.268435456 + 0.301989888) = 0.3222004736.
    // Two-sided: 0.1073741824 + 0.3222004736 = 0.429574656 (0.3222004736 alone is the one-sided
    // alternative = "greater" p-value).
    expect(binomialTestTwoSided(3, 10, 0.2)).toBeCloseTo(0.429574656, 14);
  });

  it('unequal shares: 7 of 9 when 1/3 is expected', () => {
    // P(j) = C(9, j)·2^(9−j)/3⁹; P(7) = 36·4 = 144/3⁹. Lower side j ≤ 3: 512, 2304, 4608, 5376 (all > 144).
    // Upper side: j = 7, 8, 9: (144 + 18 + 1)/19683 = 163/19683.
    expect(binomialTestTwoSided(7, 9, 1 / 3)).toBeCloseTo(163 / 19683, 15);
  });

  it('the expected count itself gives p = 1', () => {
    expect(binomialTestTwoSided(5, 10, 0.5)).toBe(1);
    expect(binomialTestTwoSided(0, 0, 0.3)).toBe(1);
  });

  it('is at most 1 when the observed count is the most likely one but not the mean', () => {
    // np = 3.3; P(3) is the mode: every outcome qualifies, the sum is 1 (capped against rounding).
    const p = binomialTestTwoSided(3, 11, 0.3);
    expect(p).toBeLessThanOrEqual(1);
    expect(p).toBeCloseTo(1, 12);
  });

  it('p = 0 or 1 leaves a single possible outcome', () => {
    expect(binomialTestTwoSided(0, 4, 0)).toBe(1);
    expect(binomialTestTwoSided(1, 4, 0)).toBe(0);
    expect(binomialTestTwoSided(4, 4, 1)).toBe(1);
    expect(binomialTestTwoSided(3, 4, 1)).toBe(0);
  });
});

describe('binomialTestTwoSided against R’s binom.test at larger n', () => {
  // binom.test(k, n, p)$p.value (the same figures from scipy.stats.binomtest, which follows R).
  it.each([
    [520, 1000, 0.5, 0.2174482932041415],
    [60, 1000, 0.05, 0.14654705743676422],
    [30, 1000, 0.05, 0.0028186552844724853],
    [1, 200, 0.002, 0.32994838626217726],
    [12, 40, 1 / 3, 0.7390566022197993],
  ])('binom.test(%i, %i, %d) = %d', (k, n, p, expected) => {
    expect(relative(binomialTestTwoSided(k, n, p), expected)).toBeLessThan(1e-10);
  });

  it('stays finite and tiny (not 0 or NaN) far in the tail of a large n', () => {
    const p = binomialTestTwoSided(1_020_000, 2_000_000, 0.5);
    expect(relative(p, 5.3601372356288474e-176)).toBeLessThan(1e-9);
  });
});

describe('binomialPmf', () => {
  it('matches exact values', () => {
    expect(binomialPmf(3, 10, 0.2)).toBeCloseTo(0.201326592, 15);
    expect(relative(binomialPmf(500, 1000, 0.5), 0.025225018178360802)).toBeLessThan(1e-13);
    expect(relative(binomialPmf(30_000, 100_000, 0.3), 0.002752954648397428)).toBeLessThan(1e-12);
    expect(binomialPmf(0, 3, 0.5)).toBeCloseTo(0.125, 16);
    expect(binomialPmf(3, 3, 0.5)).toBeCloseTo(0.125, 16);
    expect(binomialPmf(4, 3, 0.5)).toBe(0);
  });
});

describe('binomialTestTwoSided input checks', () => {
  it('rejects k outside 0..n, a non-integer n and a p outside [0, 1]', () => {
    expectStatsError(() => binomialTestTwoSided(5, 4, 0.5), 'invalid_input');
    expectStatsError(() => binomialTestTwoSided(-1, 4, 0.5), 'invalid_input');
    expectStatsError(() => binomialTestTwoSided(1.5, 4, 0.5), 'invalid_input');
    expectStatsError(() => binomialTestTwoSided(1, 4.2, 0.5), 'invalid_input');
    expectStatsError(() => binomialTestTwoSided(1, 4, 1.2), 'invalid_input');
    expectStatsError(() => binomialTestTwoSided(1, 4, NaN), 'invalid_input');
  });
});
