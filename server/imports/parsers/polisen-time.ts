/**
 * The two times of a Polisen event. `datetime` is when the police PUBLISHED it
 * ("2026-08-22 9:48:12 +02:00", hour often without leading zero); when it HAPPENED is only in
 * the start of `name` ("22 augusti 17.59, Trafikolycka, Töreboda"), without a year.
 */
import { daysInMonth, parseTimestamp } from './timestamps.js';
import { localToUtc, zoneOffsetMs } from './local-time.js';

export const POLISEN_TIME_ZONE = 'Europe/Stockholm';

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

// "22 augusti 17.59", "22 augusti 17:59", "9 juli", "22 augusti 17.00-18.00" (a range: its start counts).
const NAME_TIME = new RegExp(
  `^\\s*(\\d{1,2})\\s+(${MONTHS.join('|')})(?:\\s+(\\d{1,2})[.:](\\d{2})(?:\\s*[-–]\\s*\\d{1,2}[.:]\\d{2})?)?\\s*(?:,|$)`,
  'i',
);

/** Publication time; null if it is not the API's "YYYY-MM-DD H:MM:SS +HH:MM" (or ISO 8601 with offset). */
export function parsePolisenDatetime(text: string): Date | null {
  const parsed = parseTimestamp(text, { localTimeZone: null });
  return parsed.ok ? parsed.value : null;
}

/**
 * The incident time named at the start of `name`, in Swedish local time, or null if the name
 * does not start with a valid date. The year is the one that puts the incident closest to the
 * publication: "31 december 23.30" published 2026-01-01 is 2025-12-31, while "01 maj 08:00"
 * published 2023-04-28 (an announced operation) stays in 2023.
 *
 * @example incidentTimeFromName('22 augusti 17.59, Brand, Kävlinge', new Date('2026-08-22T17:51:41Z'))
 *   // → 2026-08-22T15:59:00.000Z
 */
export function incidentTimeFromName(name: string, publishedAt: Date): Date | null {
  const match = NAME_TIME.exec(name);
  if (!match) return null;
  const day = Number(match[1]);
  const month = MONTHS.indexOf(match[2]!.toLowerCase()) + 1;
  const hour = match[3] === undefined ? 0 : Number(match[3]);
  const minute = match[4] === undefined ? 0 : Number(match[4]);
  if (hour > 23 || minute > 59) return null;

  const publishedYear = new Date(publishedAt.getTime() + zoneOffsetMs(publishedAt.getTime(), POLISEN_TIME_ZONE)).getUTCFullYear();
  let best: Date | null = null;
  for (const year of [publishedYear - 1, publishedYear, publishedYear + 1]) {
    if (day < 1 || day > daysInMonth(year, month)) continue; // 29 februari only in leap years
    const candidate = localToUtc({ year, month, day, hour, minute, second: 0, millisecond: 0 }, POLISEN_TIME_ZONE);
    const distance = Math.abs(candidate.getTime() - publishedAt.getTime());
    if (!best || distance < Math.abs(best.getTime() - publishedAt.getTime())) best = candidate;
  }
  return best;
}
