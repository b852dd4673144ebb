import { describe, expect, it } from 'vitest';
import { binomialTestTwoSided } from '../../server/stats/binomial';
import { periodChange } from '../../server/stats/period-change';
import { expectStatsError } from './stats-error';

// Four weeks of reference (A) against the following two weeks (B): B's expected share is 14/42 = 1/3.
const FOUR_AGAINST_TWO_WEEKS = { tA: 28, tB: 14, baseline: 'time' } as const;

describe('periodChange with unequal period lengths (hand-checked)', () => {
  // P(j) for Bin(n, 1/3) is C(n, j)·2^(n−j)/3ⁿ.
  //  cell 0: a = 2, b = 7, n = 9: P(7) = 144/3⁹; lower side 512, 2304, 4608, 5376 (all > 144);
  //          upper side 144 + 18 + 1 → p = 163/19683.
  //  cell 1: a = b = 0: not a row.
  //  cell 2: a = 10, b = 5, n = 15: b = n/3 exactly → p = 1.
  //  cell 3: a = 0, b = 6, n = 6: P(6) = 1/729; P(0..2) = 64, 192, 240 (/729) are all larger → p = 1/729.
  //  cell 4: a = 9, b = 0, n = 9: P(0) = 512/3⁹; upper side P(6..9) = 672, 144, 18, 1: 144 + 18 + 1 qualify
  //          → p = (512 + 163)/19683 = 675/19683.
  // BH over the four rows: sorted 1/729, 163/19683, 675/19683, 1; 4·p/rank = 4/729, 326/19683,
  // 900/19683, 1 (already increasing, so these are the adjusted values).
  const result = periodChange(
    [
      { a: 2, b: 7 },
      { a: 0, b: 0 },
      { a: 10, b: 5 },
      { a: 0, b: 6 },
      { a: 9, b: 0 },
    ],
    FOUR_AGAINST_TWO_WEEKS,
  );

  it('tests b against the time share t_B/(t_A + t_B) and lists only cells with a + b > 0', () => {
    expect(result.share).toBeCloseTo(1 / 3, 15);
    expect(result.rows.map((row) => row.index)).toEqual([0, 2, 3, 4]);
    const p = result.rows.map((row) => row.p);
    [163 / 19683, 1, 1 / 729, 675 / 19683].forEach((expected, i) => expect(p[i]).toBeCloseTo(expected, 14));
  });

  it('adjusts the p-values with Benjamini–Hochberg over the rows', () => {
    const pFdr = result.rows.map((row) => row.pFdr);
    [326 / 19683, 1, 4 / 729, 900 / 19683].forEach((expected, i) => expect(pFdr[i]).toBeCloseTo(expected, 14));
  });

  it('names the change: increased, stable, new, gone', () => {
    expect(result.rows.map((row) => row.change)).toEqual(['increased', 'stable', 'new', 'gone']);
  });

  it('reports rates per time: rateRatio = (b/t_B)/(a/t_A), null when a = 0; diff = b − a', () => {
    expect(result.rows.map((row) => row.rateRatio)).toEqual([7, 1, null, 0]);
    expect(result.rows.map((row) => row.diff)).toEqual([5, -5, 6, -9]);
  });

  it('sums the totals and the area-wide rate ratio', () => {
    expect(result.totalA).toBe(21);
    expect(result.totalB).toBe(18);
    // (18/14)/(21/28) = 12/7.
    expect(result.areaRateRatio).toBeCloseTo(12 / 7, 14);
  });
});

describe('periodChange decisions', () => {
  it('a significant fall in rate is decreased', () => {
    // Equal periods, 30 then 2: binom.test(2, 32, 0.5) = 2·(1 + 32 + 496)/2³² = 1058/2³².
    const [row] = periodChange([{ a: 30, b: 2 }], { tA: 7, tB: 7, baseline: 'time' }).rows;
    expect(row!.p).toBeCloseTo(1058 / 2 ** 32, 18);
    expect(row!.change).toBe('decreased');
    expect(row!.rateRatio).toBeCloseTo(2 / 30, 15);
  });

  it('a raw p ≤ 0.05 that FDR lifts above 0.05 is stable', () => {
    // binom.test(6, 6, 0.5) = 2/64 = 0.03125; with a second row (p = 1) BH gives 2·0.03125 = 0.0625.
    const { rows } = periodChange(
      [
        { a: 0, b: 6 },
        { a: 1, b: 1 },
      ],
      { tA: 1, tB: 1, baseline: 'time' },
    );
    expect(rows[0]!.p).toBeCloseTo(0.03125, 15);
    expect(rows[0]!.pFdr).toBeCloseTo(0.0625, 15);
    expect(rows[0]!.change).toBe('stable');
    // Alone it is significant and new.
    expect(periodChange([{ a: 0, b: 6 }], { tA: 1, tB: 1, baseline: 'time' }).rows[0]!.change).toBe('new');
  });

  it('baseline area tests against the area-wide share ΣB/(ΣA + ΣB)', () => {
    // ΣA = 20, ΣB = 40: share 2/3. Cell 1 (10 → 10) is then tested as binom.test(10, 20, 2/3) = 0.1523…,
    // where the time baseline (equal periods, share 1/2) would give exactly 1.
    const cells = [
      { a: 10, b: 30 },
      { a: 10, b: 10 },
    ];
    const area = periodChange(cells, { tA: 7, tB: 7, baseline: 'area' });
    expect(area.share).toBeCloseTo(2 / 3, 15);
    expect(area.rows[1]!.p).toBeCloseTo(0.15234223511142753, 12);
    expect(area.rows[1]!.p).toBe(binomialTestTwoSided(10, 20, 40 / 60));
    expect(area.areaRateRatio).toBe(2);
    expect(periodChange(cells, { tA: 7, tB: 7, baseline: 'time' }).rows[1]!.p).toBe(1);
  });

  it('baseline area: a cell far below the area-wide growth but with an unchanged rate is stable (direction is by rate)', () => {
    // ΣA = 100, ΣB = 500: share 5/6; 100 of 200 is far from it (p ≈ 2e−27), yet the cell's own rate did not move.
    const { rows } = periodChange(
      [
        { a: 100, b: 100 },
        { a: 0, b: 400 },
      ],
      { tA: 7, tB: 7, baseline: 'area' },
    );
    expect(rows[0]!.p).toBeLessThan(1e-26);
    expect(rows[0]!.change).toBe('stable');
    expect(rows[1]!.change).toBe('new');
  });

  it('with no reports at all there are no rows, the share is the time share and the area rate ratio is null', () => {
    const result = periodChange([{ a: 0, b: 0 }], { tA: 3, tB: 1, baseline: 'area' });
    expect(result.rows).toEqual([]);
    expect(result.share).toBe(0.25);
    expect(result.areaRateRatio).toBeNull();
  });
});

describe('periodChange input checks', () => {
  it('rejects non-positive period lengths, bad counts and an unknown baseline', () => {
    expectStatsError(() => periodChange([{ a: 1, b: 1 }], { tA: 0, tB: 1, baseline: 'time' }), 'invalid_input');
    expectStatsError(() => periodChange([{ a: 1, b: 1 }], { tA: 1, tB: -2, baseline: 'time' }), 'invalid_input');
    expectStatsError(() => periodChange([{ a: -1, b: 1 }], { tA: 1, tB: 1, baseline: 'time' }), 'invalid_input');
    expectStatsError(() => periodChange([{ a: 1.5, b: 1 }], { tA: 1, tB: 1, baseline: 'time' }), 'invalid_input');
    expectStatsError(
      () => periodChange([{ a: 1, b: 1 }], { tA: 1, tB: 1, baseline: 'week' as unknown as 'time' }),
      'invalid_input',
    );
  });
});
