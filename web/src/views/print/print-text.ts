/** Words and numbers of the printed lägesbild. Pure, so the wording is tested without a browser. */
import type { Translate } from '../planner/wording';
import type { PlannerView } from '../planner/url-state';

/**
 * A count as printed: in the shared version, counts below the area's threshold become "< k" so
 * no small group of incidents can be singled out.
 * @example shownCount(3, { shared: true, minCount: 5 }, tr) === '< 5'
 */
export function shownCount(count: number, opts: { shared: boolean; minCount: number }, tr: Translate, format: (n: number) => string = String): string {
  if (opts.shared && count > 0 && count < opts.minCount) return tr('print.suppressed', { k: opts.minCount });
  return format(count);
}

/** The filters in words, e.g. "kategorier: Våld/hot, Narkotika; veckodagar: fre, lör; kl. 22.00–03.59". */
export function filtersInWords(
  view: PlannerView,
  labels: { category: (code: string) => string; organisation: (id: number) => string; weekday: (day: number) => string },
  tr: Translate,
): string {
  const parts: string[] = [];
  if (view.categories !== null) parts.push(tr('print.filters.categories', { list: view.categories.map(labels.category).join(', ') }));
  if (view.organisations !== null) parts.push(tr('print.filters.organisations', { list: view.organisations.map(labels.organisation).join(', ') }));
  if (view.weekdays !== null) parts.push(tr('print.filters.weekdays', { list: view.weekdays.map(labels.weekday).join(', ') }));
  if (view.hours !== null) parts.push(tr('print.filters.hours', { from: String(view.hours.from).padStart(2, '0'), to: String(view.hours.to).padStart(2, '0') }));
  return parts.length === 0 ? tr('print.filters.all') : parts.join('; ');
}
