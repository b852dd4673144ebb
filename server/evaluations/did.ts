/**
 * Difference-in-differences of report rates with matched controls ("did it help?").
 *
 * Rates are reports per cell per week. Each treated cell (and, separately, each ring cell) is
 * matched to the k control cells whose before-period counts are nearest to its own (ties to the
 * lower cell index), with replacement, so the control group has the same before-period level.
 * estimate = (treated after − treated before) − (control after − control before).
 *
 * The interval is the normal approximation under Poisson counts: a sum of counts S has variance
 * ≈ S, a control cell used m times contributes m² × its count, and the four rates are treated as
 * independent. Real crime counts are overdispersed, so this interval is on the narrow side; the
 * verdict therefore speaks of "certain at the 95 % level" only, never of proof, and says "too few
 * reports to tell" below MIN_REPORTS.
 */
import { normalQuantile } from '../stats/normal';

export interface CellCounts {
  before: number;
  after: number;
}

/** For each cell to match, the indices of its k nearest controls by before-period count. */
export function matchControls(toMatch: readonly number[], controlsBefore: readonly number[], k: number): number[][] {
  // Controls sorted by count, ties by index: the k nearest are a window around the insertion point.
  const order = controlsBefore.map((c, i) => [c, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return toMatch.map((target) => {
    let lo = lowerBound(order, target) - 1;
    let hi = lo + 1;
    const picked: number[] = [];
    while (picked.length < Math.min(k, order.length)) {
      const left = lo >= 0 ? order[lo]! : undefined;
      const right = hi < order.length ? order[hi]! : undefined;
      const takeLeft =
        left !== undefined &&
        (right === undefined || target - left[0] < right[0] - target || (target - left[0] === right[0] - target && left[1] < right[1]));
      if (takeLeft) {
        picked.push(left[1]);
        lo--;
      } else {
        picked.push(right![1]);
        hi++;
      }
    }
    return picked;
  });
}

function lowerBound(order: readonly (readonly [number, number])[], value: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order[mid]![0] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface GroupRates {
  /** Cells in the group (controls: matched slots, k per matched cell). */
  cells: number;
  countBefore: number;
  countAfter: number;
  rateBefore: number;
  rateAfter: number;
  /** Poisson variances of the two rates. */
  varBefore: number;
  varAfter: number;
}

/** Rates of a group of cells, each weighted by how often it is used (1 for treated cells). */
export function groupRates(cells: readonly CellCounts[], uses: readonly number[], weeksBefore: number, weeksAfter: number): GroupRates {
  let slots = 0;
  let before = 0;
  let after = 0;
  let varBefore = 0;
  let varAfter = 0;
  cells.forEach((c, i) => {
    const m = uses[i] ?? 0;
    slots += m;
    before += m * c.before;
    after += m * c.after;
    varBefore += m * m * c.before;
    varAfter += m * m * c.after;
  });
  const db = slots * weeksBefore;
  const da = slots * weeksAfter;
  return {
    cells: slots,
    countBefore: before,
    countAfter: after,
    rateBefore: db > 0 ? before / db : 0,
    rateAfter: da > 0 ? after / da : 0,
    varBefore: db > 0 ? varBefore / (db * db) : 0,
    varAfter: da > 0 ? varAfter / (da * da) : 0,
  };
}

export interface Difference {
  estimate: number;
  standardError: number;
  ciLow: number;
  ciHigh: number;
  /** Whether the 90 % interval excludes 0 (a weaker sign than the 95 % one). */
  excludesZeroAt90: boolean;
}

export const CONFIDENCE = 0.95;

/** (a.after − a.before) − (b.after − b.before) with its normal-approximation interval. */
export function differenceInDifferences(group: GroupRates, control: GroupRates, confidence = CONFIDENCE): Difference {
  const estimate = group.rateAfter - group.rateBefore - (control.rateAfter - control.rateBefore);
  const standardError = Math.sqrt(group.varBefore + group.varAfter + control.varBefore + control.varAfter);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z90 = normalQuantile(0.95);
  return {
    estimate,
    standardError,
    ciLow: estimate - z * standardError,
    ciHigh: estimate + z * standardError,
    excludesZeroAt90: standardError > 0 && Math.abs(estimate) > z90 * standardError,
  };
}

/** How many times each control is used by a matching (the multiplicities m). */
export function usesOf(matches: readonly number[][], controls: number): number[] {
  const uses = new Array<number>(controls).fill(0);
  for (const list of matches) for (const j of list) uses[j]!++;
  return uses;
}
