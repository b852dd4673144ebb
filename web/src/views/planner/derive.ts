/** From the planner's picture to the periods and filters the API is asked about. Pure. */
import { presetRange, previousRange, rangeToWindow, type DateRange } from '../../lib/period';
import { sameWeeksLastYear } from '../../lib/iso-week';
import type { Filters, Window } from './planner-api';
import { hoursParam, type PlannerView } from './url-state';

/** The period shown (B), as inclusive local days. */
export function periodOf(view: PlannerView, timeZone: string, now = new Date()): DateRange {
  if (view.preset === 'custom' && view.custom) return view.custom;
  return presetRange(view.preset === 'custom' ? 'days14' : view.preset, timeZone, now);
}

/** The reference period (A) the shown one is compared with. */
export function referenceOf(view: PlannerView, period: DateRange): DateRange {
  return view.reference === 'lastYear' ? sameWeeksLastYear(period) : previousRange(period);
}

export function windowOf(range: DateRange, timeZone: string): Window {
  return rangeToWindow(range, timeZone);
}

/**
 * The filters as query parameters. Category codes the area does not have (an old link) are
 * dropped rather than sent, so the map shows what can be shown.
 */
export function filtersOf(view: PlannerView, knownCategories: readonly string[] | null): Filters {
  const categories = view.categories === null || knownCategories === null ? view.categories : view.categories.filter((c) => knownCategories.includes(c));
  return {
    categories: categories ?? undefined,
    organisations: view.organisations?.map(String),
    weekdays: view.weekdays ?? undefined,
    hours: hoursParam(view.hours),
    precision: view.centroids ? 'all' : 'point',
  };
}

/** A stable key for a request, so an unchanged question is not asked again. */
export function requestKey(parts: unknown): string {
  return JSON.stringify(parts);
}
