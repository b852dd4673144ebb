import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, confidenceBin } from '../../server/stats/fdr';
import { expectStatsError } from './stats-error';

const expectClose = (got: ArrayLike<number>, expected: readonly number[], digits = 12) => {
  expect(got.length).toBe(expected.length);
  expected.forEach((e, i) => expect(got[i], `index ${i}`).toBeCloseTo(e, digits));
};

describe('benjaminiHochberg', () => {
  it('matches a hand-computed step-up, in input order', () => {
    // Sorted: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4), 0.5 (5); n·p/rank = 0.025, 0.025, 0.05, 0.05, 0.5;
    // the running minimum from the top leaves them unchanged.
    expectClose(benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5]), [0.025, 0.05, 0.05, 0.025, 0.5]);
  });

  it('takes the minimum over higher ranks (the step-up makes adjusted values monotone)', () => {
    // n·p/rank is 2·0.04/1 = 0.08 for 0.04 and 2·0.045/2 = 0.045 for 0.045: rank 1 inherits 0.045.
    expectClose(benjaminiHochberg([0.045, 0.04]), [0.045, 0.045]);
  });

  it('gives tied p-values one adjusted value, that of the last rank of the tie', () => {
    // Three ties at rank 1..3 of n = 4: 4·0.02/3 = 0.02666…
    expectClose(benjaminiHochberg([0.02, 0.9, 0.02, 0.02]), [0.08 / 3, 0.9, 0.08 / 3, 0.08 / 3]);
  });

  it('reproduces R’s p.adjust(p, "BH") on the 15 p-values of Benjamini & Hochberg (1995)', () => {
    const p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];
    // p.adjust(p, "BH") in R 4.x (the same figures from scipy.stats.false_discovery_control).
    const r = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.0765, 0.486,
      0.5811818181818181, 0.714875, 0.7532307692307693, 0.8132142857142857, 1,
    ];
    expectClose(benjaminiHochberg(p), r, 14);
    // Shuffled input gives the same adjusted value for each p.
    const order = [14, 3, 7, 0, 11, 5, 9, 1, 13, 2, 8, 6, 12, 4, 10];
    expectClose(benjaminiHochberg(order.map((i) => p[i]!)), order.map((i) => r[i]!), 14);
  });

  it('never lowers a p-value, never exceeds 1 and keeps the order of the raw p-values', () => {
    const p = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 1000) / 1000);
    const adjusted = benjaminiHochberg(p);
    const byP = p.map((v, i) => [v, adjusted[i]!] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 0; i < byP.length; i++) {
      expect(byP[i]![1]).toBeGreaterThanOrEqual(byP[i]![0]);
      expect(byP[i]![1]).toBeLessThanOrEqual(1);
      if (i > 0) expect(byP[i]![1]).toBeGreaterThanOrEqual(byP[i - 1]![1]);
    }
  });

  it('handles an empty family and a single p-value', () => {
    expect(benjaminiHochberg([])).toHaveLength(0);
    expectClose(benjaminiHochberg([0.3]), [0.3]);
  });

  it('rejects a value that is not a probability', () => {
    for (const bad of [NaN, -0.1, 1.5]) expectStatsError(() => benjaminiHochberg([0.1, bad]), 'invalid_input');
  });
});

describe('confidenceBin', () => {
  it.each([
    [2.8, 0.01, 3],
    [2.8, 0.0100001, 2],
    [2.1, 0.05, 2],
    [1.8, 0.1, 1],
    [1.8, 0.1000001, 0],
    [-2.8, 0.001, -3],
    [-2.1, 0.04, -2],
    [-1.7, 0.08, -1],
    [0, 0, 0],
    [NaN, 0.01, 0],
  ])('z = %d, pFdr = %d → %d', (z, pFdr, bin) => {
    expect(confidenceBin(z, pFdr)).toBe(bin);
  });
});
