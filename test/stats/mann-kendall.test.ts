import { describe, expect, it } from 'vitest';
import { mannKendall } from '../../server/stats/mann-kendall';
import { SHARED_DATA_SKIP_REASON } from '../support/shared-data';
import { HAS_SHARED_DATA, readBograRainfall, readOracle } from './oracles';
import { expectStatsError } from './stats-error';

describe.skipIf(!HAS_SHARED_DATA)(`Mann–Kendall against pyMannKendall${HAS_SHARED_DATA ? '' : ` (skipped: ${SHARED_DATA_SKIP_REASON})`}`, () => {
  it('reproduces S, var_s, z, p and Tau on the Bogra rainfall series (n = 353) to 1e−6', () => {
    const series = readBograRainfall();
    expect(series).toHaveLength(353);
    const expected = readOracle().mann_kendall;
    const result = mannKendall(series);
    expect(result.n).toBe(353);
    expect(result.s).toBe(expected.s);
    expect(Math.abs(result.varS - expected.var_s)).toBeLessThan(1e-6);
    expect(Math.abs(result.z - expected.z)).toBeLessThan(1e-6);
    expect(Math.abs(result.p - expected.p)).toBeLessThan(1e-6);
    expect(Math.abs(result.tau - expected.Tau)).toBeLessThan(1e-6);
    expect(result.trend).toBe('no trend');
  });
});

describe('Mann–Kendall hand-checked cases', () => {
  it('a strictly increasing series of five', () => {
    // S = 10 (all 10 pairs rise); Var(S) = 5·4·15/18 = 50/3; z = (10 − 1)/√(50/3) = 2.2045407685048604;
    // p = 2·Φ(−2.2045…) = 0.02748633611151033 ≤ 0.05; tau = 10/10.
    const result = mannKendall([1, 2, 3, 4, 5]);
    expect(result.s).toBe(10);
    expect(result.varS).toBeCloseTo(50 / 3, 12);
    expect(result.z).toBeCloseTo(2.2045407685048604, 12);
    expect(result.p).toBeCloseTo(0.02748633611151033, 12);
    expect(result.tau).toBe(1);
    expect(result.trend).toBe('increasing');
  });

  it('a decreasing series is the mirror image', () => {
    const result = mannKendall([5, 4, 3, 2, 1]);
    expect(result.s).toBe(-10);
    expect(result.z).toBeCloseTo(-2.2045407685048604, 12);
    expect(result.tau).toBe(-1);
    expect(result.trend).toBe('decreasing');
  });

  it('ties: a tied pair adds nothing to S and the tie correction lowers Var(S)', () => {
    // [1, 2, 2, 3]: five rising pairs and one tie, S = 5. One group of t = 2:
    // Var(S) = (4·3·13 − 2·1·9)/18 = 138/18; z = (5 − 1)/√(138/18) = 1.4446302370292303; tau = 5/6.
    const result = mannKendall([1, 2, 2, 3]);
    expect(result.s).toBe(5);
    expect(result.varS).toBeCloseTo(138 / 18, 12);
    expect(result.z).toBeCloseTo(1.4446302370292303, 12);
    expect(result.tau).toBeCloseTo(5 / 6, 15);
    expect(result.trend).toBe('no trend');
  });

  it('ties in two groups are each corrected', () => {
    // [0, 0, 0, 1, 1]: S = 6 (3·2 rising pairs); groups t = 3 and t = 2:
    // Var(S) = (5·4·15 − 3·2·11 − 2·1·9)/18 = (300 − 66 − 18)/18 = 12; z = 5/√12.
    const result = mannKendall([0, 0, 0, 1, 1]);
    expect(result.s).toBe(6);
    expect(result.varS).toBeCloseTo(12, 12);
    expect(result.z).toBeCloseTo(5 / Math.sqrt(12), 12);
  });

  it('a constant series has S = 0, Var(S) = 0 and no trend (not NaN)', () => {
    const result = mannKendall([2, 2, 2, 2]);
    expect(result).toMatchObject({ s: 0, varS: 0, z: 0, p: 1, tau: 0, trend: 'no trend' });
  });

  it('series of one or no values have no trend', () => {
    expect(mannKendall([3])).toMatchObject({ n: 1, s: 0, z: 0, p: 1, tau: 0, trend: 'no trend' });
    expect(mannKendall([])).toMatchObject({ n: 0, s: 0, z: 0, p: 1, tau: 0, trend: 'no trend' });
  });

  it('is significant at p ≤ alpha, inclusive', () => {
    const { p } = mannKendall([1, 2, 3, 4, 5]);
    expect(mannKendall([1, 2, 3, 4, 5], p).trend).toBe('increasing');
    expect(mannKendall([1, 2, 3, 4, 5], p * 0.999).trend).toBe('no trend');
  });

  it('rejects NaN values and an alpha outside (0, 1)', () => {
    expectStatsError(() => mannKendall([1, NaN, 3]), 'invalid_input');
    expectStatsError(() => mannKendall([1, 2, 3], 0), 'invalid_input');
    expectStatsError(() => mannKendall([1, 2, 3], 1), 'invalid_input');
  });
});
