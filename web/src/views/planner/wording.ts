/**
 * Sentences the planner views build from numbers. Pure: the caller passes its translate
 * function, so these run (and are tested) without the app's reactive i18n state.
 */
import type { DateRange } from '../../lib/period';
import { weekSpan } from '../../lib/iso-week';
import type { CompareCellProperties } from './analytics-types';
import { CHANGES, type SignificantChange } from './colours';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** "v. 33–34", "v. 33", or "v. 52 2025 – v. 1 2026" over a year end. */
export function weekLabel(range: DateRange, tr: Translate): string {
  const span = weekSpan(range);
  switch (span.kind) {
    case 'single':
      return tr('period.week.single', { week: span.week });
    case 'span':
      return tr('period.week.span', { first: span.first, last: span.last });
    case 'spanYears':
      return tr('period.week.spanYears', span);
  }
}

/** A change that is not 'stable' and holds after the false-discovery-rate correction (pFdr ≤ alpha). */
export function isSignificant(cell: CompareCellProperties, alpha = 0.05): cell is CompareCellProperties & { change: SignificantChange } {
  return cell.change !== 'stable' && cell.pFdr <= alpha;
}

/** Significant changes only (pFdr ≤ alpha), by kind. */
export function countChanges(cells: readonly CompareCellProperties[], alpha = 0.05): Record<SignificantChange, number> {
  const counts: Record<SignificantChange, number> = { new: 0, increased: 0, decreased: 0, gone: 0 };
  for (const cell of cells) {
    if (isSignificant(cell, alpha)) counts[cell.change] += 1;
  }
  return counts;
}

/** Summary order as planners say it: what appeared and vanished first, then what grew or fell. */
const SUMMARY_ORDER: readonly SignificantChange[] = ['new', 'gone', 'increased', 'decreased'];

/**
 * "3 nya hotspots, 2 försvunna, 5 ökade, 1 minskad – jämfört med v. 31–32"; kinds with none are
 * left out, and no change at all is said in words.
 */
export function changeSummary(counts: Record<SignificantChange, number>, reference: string, tr: Translate): string {
  const parts = SUMMARY_ORDER.filter((kind) => counts[kind] > 0).map((kind) =>
    tr(counts[kind] === 1 ? `compare.summary.${kind}.one` : `compare.summary.${kind}.many`, { count: counts[kind] }),
  );
  if (parts.length === 0) return tr('compare.summary.none', { reference });
  return tr('compare.summary.sentence', { changes: parts.join(', '), reference });
}

/**
 * Two hexagons in one zone get "(2)", "(3)" after the first, so a list tells them apart.
 * @example numberRepeats(['Hamnen', 'Torget', 'Hamnen']) → ['Hamnen', 'Torget', 'Hamnen (2)']
 */
export function numberRepeats(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

export { CHANGES };
