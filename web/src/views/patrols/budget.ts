/**
 * Minutes against the budget. A target's planned minutes a week are dwell × visits (the issue's
 * definition); the plan's are their sum, which a proposal keeps within budgetMinutesPerWeek and
 * the planner may push over while adjusting (the bar then says so).
 */
export interface Dosed {
  dwellMinutes: number;
  visitsPerWeek: number;
}

export function plannedMinutes(target: Dosed): number {
  return target.dwellMinutes * target.visitsPerWeek;
}

export interface BudgetUse {
  used: number;
  budget: number;
  /** Budget minus used; negative when over. */
  remaining: number;
  /** used / budget, 0 for a zero budget with nothing used. */
  share: number;
  over: boolean;
}

export function budgetUse(targets: readonly Dosed[], budget: number): BudgetUse {
  const used = targets.reduce((sum, t) => sum + plannedMinutes(t), 0);
  return {
    used,
    budget,
    remaining: budget - used,
    share: budget > 0 ? used / budget : used > 0 ? Infinity : 0,
    over: used > budget,
  };
}

/** Each target's share of the bar's width (of the budget, or of what is used when over it). */
export function barSegments(targets: readonly Dosed[], budget: number): number[] {
  const scale = Math.max(budget, budgetUse(targets, budget).used);
  return targets.map((t) => (scale > 0 ? plannedMinutes(t) / scale : 0));
}
