/**
 * Plan and promise periods as people read them. The API answers half-open periods as local
 * midnights with the area's offset ("2026-12-28T00:00:00+01:00" ends on 27 December), so the
 * local date is the string's first ten characters and the last day is the day before `to`.
 */
import { formatLocalDate } from '../../lib/format';
import { addDays, type LocalDate } from '../../lib/period';

export function localDateOf(iso: string): LocalDate {
  return iso.slice(0, 10);
}

/** The inclusive first and last day of a half-open period. */
export function inclusiveDays(period: { from: string; to: string }): { fromDate: LocalDate; toDate: LocalDate } {
  return { fromDate: localDateOf(period.from), toDate: addDays(localDateOf(period.to), -1) };
}

/** "19 okt. 2026 – 27 dec. 2026". */
export function periodText(period: { from: string; to: string }, locale: string): string {
  const { fromDate, toDate } = inclusiveDays(period);
  return `${formatLocalDate(fromDate, locale)} – ${formatLocalDate(toDate, locale)}`;
}

/** The last day a period ending at `to` touches: the day before a local midnight, else `to`'s own day. */
export function lastDayOf(to: string): LocalDate {
  return /T00:00(:00(\.0+)?)?[+-Z]/.test(to) ? addDays(localDateOf(to), -1) : localDateOf(to);
}

/** A window of reports as days: "16 nov. 2026 – 29 nov. 2026", whether its ends are midnights or instants. */
export function windowText(window: { from: string; to: string }, locale: string): string {
  return `${formatLocalDate(localDateOf(window.from), locale)} – ${formatLocalDate(lastDayOf(window.to), locale)}`;
}
