/** Plan, promise and report periods written the current language's way. */
import { formatLocalDate } from '../../lib/format';
import { inclusiveDays, lastDayOf, localDateOf } from './dates';

/** "19 okt. 2026 – 27 dec. 2026". */
export function periodText(period: { from: string; to: string }, locale: string): string {
  const { fromDate, toDate } = inclusiveDays(period);
  return `${formatLocalDate(fromDate, locale)} – ${formatLocalDate(toDate, locale)}`;
}

/** A window of reports as days: "16 nov. 2026 – 29 nov. 2026", whether its ends are midnights or instants. */
export function windowText(window: { from: string; to: string }, locale: string): string {
  return `${formatLocalDate(localDateOf(window.from), locale)} – ${formatLocalDate(lastDayOf(window.to), locale)}`;
}
