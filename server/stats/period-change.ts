import { binomialTestTwoSided } from './binomial';
import { StatsError } from './errors';
import { benjaminiHochberg } from './fdr';

export type Change = 'new' | 'increased' | 'decreased' | 'gone' | 'stable';

/** Counts of one cell in the reference period A and the compared period B. */
export interface PeriodCell {
  a: number;
  b: number;
}

export interface PeriodChangeRow {
  /** Position of the cell in the input (rows skip cells with a + b = 0). */
  index: number;
  a: number;
  b: number;
  /** b − a, in reports (not per time: the periods may differ in length, rateRatio accounts for that). */
  diff: number;
  /** (b/t_B)/(a/t_A); null when a = 0. */
  rateRatio: number | null;
  /** The raw exact two-sided binomial p. */
  p: number;
  /** Benjamini–Hochberg over the rows. */
  pFdr: number;
  change: Change;
}

export interface PeriodChangeOptions {
  /** Length of period A (any unit, the same as tB), > 0. */
  tA: number;
  tB: number;
  /** 'time': B's expected share is t_B/(t_A + t_B); 'area': the area-wide ΣB/(ΣA + ΣB). */
  baseline: 'time' | 'area';
}

export interface PeriodChange {
  /** The expected share of B under "no change" that every cell is tested against. */
  share: number;
  totalA: number;
  totalB: number;
  /** (ΣB/t_B)/(ΣA/t_A); null when ΣA = 0. */
  areaRateRatio: number | null;
  rows: PeriodChangeRow[];
}

/** A change is reported when its FDR-adjusted p is at most this. */
export const CHANGE_ALPHA = 0.05;

/**
 * Period change per cell (DESIGN §5 "Period change"): conditional on the a + b reports a cell had
 * in both periods, b ~ Bin(a + b, share) if nothing changed, tested exactly and two-sided as R's
 * `binom.test`. Conditioning removes the unknown base rate of the cell, so a quiet corner and a
 * busy square are judged by the same rule. BH runs over the cells with a + b > 0 (the only cells
 * that can show a change; cells with a + b = 0 are not rows).
 *
 * `change` is `stable` when pFdr > 0.05; otherwise `new` (a = 0), `gone` (b = 0), or by rate
 * (b/t_B against a/t_A) `increased` or `decreased`. With baseline 'area' a cell can differ
 * significantly from the area-wide share while its own rate is exactly unchanged: that is `stable`.
 *
 * @param cells counts per cell, non-negative integers.
 * @param opts period lengths and baseline.
 * @throws StatsError('invalid_input') on a non-integer or negative count or a non-positive length.
 * @example
 * // Four weeks against the following two, one cell:
 * periodChange([{ a: 2, b: 7 }], { tA: 28, tB: 14, baseline: 'time' }).rows[0];
 * // { index: 0, a: 2, b: 7, diff: 5, rateRatio: 7, p: 163/19683, pFdr: 163/19683, change: 'increased' }
 */
export function periodChange(cells: readonly PeriodCell[], opts: PeriodChangeOptions): PeriodChange {
  const { tA, tB, baseline } = opts;
  if (!(tA > 0 && tA < Infinity) || !(tB > 0 && tB < Infinity)) {
    throw new StatsError('invalid_input', `Period lengths must be positive, got tA = ${tA}, tB = ${tB}`);
  }
  if (baseline !== 'time' && baseline !== 'area') throw new StatsError('invalid_input', `Unknown baseline ${String(baseline)}`);
  let totalA = 0;
  let totalB = 0;
  cells.forEach(({ a, b }, i) => {
    if (!isCount(a) || !isCount(b)) throw new StatsError('invalid_input', `Counts of cell ${i} must be non-negative integers, got a = ${a}, b = ${b}`);
    totalA += a;
    totalB += b;
  });
  const timeShare = tB / (tA + tB);
  // With no reports at all there are no rows to test; the time share is then the honest default.
  const share = baseline === 'area' && totalA + totalB > 0 ? totalB / (totalA + totalB) : timeShare;

  const tested: { index: number; a: number; b: number; p: number }[] = [];
  cells.forEach(({ a, b }, index) => {
    if (a + b > 0) tested.push({ index, a, b, p: binomialTestTwoSided(b, a + b, share) });
  });
  const pFdr = benjaminiHochberg(tested.map((row) => row.p));
  const rows = tested.map(({ index, a, b, p }, k): PeriodChangeRow => {
    const adjusted = pFdr[k]!;
    return {
      index,
      a,
      b,
      diff: b - a,
      rateRatio: a === 0 ? null : (b / tB) / (a / tA),
      p,
      pFdr: adjusted,
      change: classifyChange(a, b, tA, tB, adjusted),
    };
  });
  return { share, totalA, totalB, areaRateRatio: totalA === 0 ? null : (totalB / tB) / (totalA / tA), rows };
}

function classifyChange(a: number, b: number, tA: number, tB: number, pFdr: number): Change {
  if (pFdr > CHANGE_ALPHA) return 'stable';
  if (a === 0) return 'new';
  if (b === 0) return 'gone';
  // Cross-multiplied rates: b/tB against a/tA without rounding the two quotients separately.
  const rateB = b * tA;
  const rateA = a * tB;
  return rateB > rateA ? 'increased' : rateB < rateA ? 'decreased' : 'stable';
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}
