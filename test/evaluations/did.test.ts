import { describe, expect, it } from 'vitest';
import { differenceInDifferences, groupRates, matchControls, usesOf } from '../../server/evaluations/did';
import { MIN_REPORTS, ringVerdict, treatedVerdict } from '../../server/evaluations/verdict';

describe('nearest-neighbour matching on before-period counts', () => {
  it('takes the k controls with the closest counts, ties to the lower index', () => {
    const controls = [0, 5, 9, 10, 11, 30, 10];
    // 10: exact 3 and 6; next 9 (index 2) and 11 (index 4) tie at distance 1 → 2 first.
    expect(matchControls([10], controls, 3)).toEqual([[3, 6, 2]]);
    expect(matchControls([10], controls, 4)).toEqual([[3, 6, 2, 4]]);
    expect(matchControls([100, -1], controls, 2)).toEqual([[5, 4], [0, 1]]);
    // Fewer controls than k: all of them.
    expect(matchControls([3], [1, 2], 5)).toEqual([[1, 0]]);
    expect(usesOf([[3, 6], [3, 2]], 7)).toEqual([0, 0, 1, 2, 0, 0, 1]);
  });
});

describe('difference in differences of rates', () => {
  it('computes rates per cell per week, the estimate and the Poisson-normal interval, by hand', () => {
    // Two treated cells over 4 weeks before and 2 weeks after: 40 + 24 = 64 before, 6 + 4 = 10 after.
    const treated = groupRates([{ before: 40, after: 6 }, { before: 24, after: 4 }], [1, 1], 4, 2);
    // rate before = 64 / (2 × 4) = 8; after = 10 / (2 × 2) = 2.5; variances 64 / 64 = 1 and 10 / 16 = 0.625.
    expect(treated).toEqual({ cells: 2, countBefore: 64, countAfter: 10, rateBefore: 8, rateAfter: 2.5, varBefore: 1, varAfter: 0.625 });
    // Controls: cell A used twice (30 before, 14 after), cell B once (36, 18): slots 3.
    const control = groupRates([{ before: 30, after: 14 }, { before: 36, after: 18 }], [2, 1], 4, 2);
    // before = (60 + 36) / 12 = 8; after = (28 + 18) / 6 = 7.667; var before = (4·30 + 36) / 144; after = (4·14 + 18) / 36.
    expect(control.rateBefore).toBe(8);
    expect(control.rateAfter).toBeCloseTo(46 / 6, 12);
    expect(control.varBefore).toBeCloseTo(156 / 144, 12);
    expect(control.varAfter).toBeCloseTo(74 / 36, 12);
    const d = differenceInDifferences(treated, control);
    // (2.5 − 8) − (7.667 − 8) = −5.1667; SE = √(1 + 0.625 + 1.0833 + 2.0556) = √4.7639 = 2.1826.
    expect(d.estimate).toBeCloseTo(-5.5 + 2 / 6, 12);
    expect(d.standardError).toBeCloseTo(Math.sqrt(1 + 0.625 + 156 / 144 + 74 / 36), 12);
    expect(d.ciLow).toBeCloseTo(d.estimate - 1.959963984540054 * d.standardError, 9);
    expect(d.ciHigh).toBeCloseTo(d.estimate + 1.959963984540054 * d.standardError, 9);
    expect(d.ciHigh).toBeLessThan(0);
    expect(treatedVerdict(d, 74).code).toBe('decrease');
  });

  it('says how sure it is in plain words', () => {
    const at = (estimate: number, se: number) => ({ estimate, standardError: se, ciLow: estimate - 1.96 * se, ciHigh: estimate + 1.96 * se, excludesZeroAt90: Math.abs(estimate) > 1.645 * se });
    expect(treatedVerdict(at(-1, 1), 100).code).toBe('no-clear-change');
    expect(treatedVerdict(at(-1.8, 1), 100).code).toBe('possible-decrease');
    expect(treatedVerdict(at(3, 1), 100).code).toBe('increase');
    const few = treatedVerdict(at(-5, 0.1), MIN_REPORTS - 1);
    expect(few.code).toBe('too-few-reports');
    expect(few.text).toMatch(/För få rapporter/);
    expect(ringVerdict(at(3, 1), 100).code).toBe('displacement');
    expect(ringVerdict(at(-3, 1), 100).code).toBe('diffusion');
    expect(ringVerdict(at(-1.8, 1), 100).code).toBe('possible-diffusion');
    expect(treatedVerdict(at(-5.1667, 2.1826), 74).text).toMatch(/^Minskning: −5,17 rapporter per cell och vecka .*95 % konfidensintervall −9,44 till −0,89/);
  });
});
