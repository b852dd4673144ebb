/**
 * Plan and promise periods as people read them. The API answers half-open periods as local
 * midnights with the area's offset ("2026-12-28T00:00:00+01:00" ends on 27 December), so the
 * local date is the string's first ten characters and the last day is the day before `to`.
 */
import { addDays, type LocalDate } from '../../lib/period';

export function localDateOf(iso: string): LocalDate {
  return iso.slice(0, 10);
}

/** The inclusive first and last day of a half-open period. */
export function inclusiveDays(period: { from: string; to: string }): { fromDate: LocalDate; toDate: LocalDate } {
  return { fromDate: localDateOf(period.from), toDate: addDays(localDateOf(period.to), -1) };
}

/** The last day a period ending at `to` touches: the day before a local midnight, else `to`'s own day. */
export function lastDayOf(to: string): LocalDate {
  return /T00:00(:00(\.0+)?)?[+-Z]/.test(to) ? addDays(localDateOf(to), -1) : localDateOf(to);
}
