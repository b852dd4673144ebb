/**
 * ISO week labels ("2026-W47") and whole-week periods for the public map. Pure calendar
 * arithmetic: the server turns week labels into local Mondays in the area's time zone.
 */

const DAY_MS = 86_400_000;
const WEEK_LABEL = /^(\d{4})-W(\d{2})$/;

export interface IsoWeek {
  year: number;
  week: number;
}

export function parseIsoWeek(label: string): IsoWeek {
  const match = WEEK_LABEL.exec(label);
  if (!match) throw new RangeError(`Not an ISO week: ${label}`);
  return { year: Number(match[1]), week: Number(match[2]) };
}

const mondayIndex = (ms: number) => (new Date(ms).getUTCDay() + 6) % 7;

/** The Monday of ISO week 1 (the week holding 4 January), as UTC midnight in ms. */
function firstMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - mondayIndex(jan4) * DAY_MS;
}

function weekOfDate(ms: number): IsoWeek {
  const thursday = ms + (3 - mondayIndex(ms)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: Math.floor((ms - firstMonday(year)) / (7 * DAY_MS)) + 1 };
}

export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The week `weeks` weeks after `label` (before, if negative).
 * @example shiftWeek('2026-W02', -3) === '2025-W51'
 */
export function shiftWeek(label: string, weeks: number): string {
  const { year, week } = parseIsoWeek(label);
  return formatIsoWeek(weekOfDate(firstMonday(year) + (week - 1 + weeks) * 7 * DAY_MS));
}

/** Period lengths the page offers, in whole weeks, all ending with the last complete week. */
export const PUBLIC_PERIOD_WEEKS = [4, 13, 26, 52] as const;
export type PublicPeriodWeeks = (typeof PUBLIC_PERIOD_WEEKS)[number];

/** The `weeks` complete weeks before `currentWeek`: `from` is the first, `to` the week in progress. */
export function periodBefore(currentWeek: string, weeks: number): { from: string; to: string; first: IsoWeek; last: IsoWeek } {
  const from = shiftWeek(currentWeek, -weeks);
  return { from, to: currentWeek, first: parseIsoWeek(from), last: parseIsoWeek(shiftWeek(currentWeek, -1)) };
}
