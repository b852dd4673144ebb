/**
 * Lägesbild periods as calendar dates in the area's time zone. A period is half-open
 * `[from, to)`: both ends are local midnights, sent as ISO 8601 with their own UTC offset,
 * so a window spanning a DST change still covers whole local days.
 */
import { sameWeeksLastYear } from './iso-week';

export type PeriodPreset = 'days14' | 'weeks4' | 'quarter' | 'year' | 'lastYear' | 'custom';

export const PERIOD_PRESETS: readonly PeriodPreset[] = ['days14', 'weeks4', 'quarter', 'year', 'lastYear', 'custom'];

/** A calendar date `YYYY-MM-DD`, the format of `<input type="date">`. */
export type LocalDate = string;

/** Inclusive first and last day, as the user picks them. */
export interface DateRange {
  fromDate: LocalDate;
  toDate: LocalDate;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: LocalDate): [number, number, number] {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function fromUtcMillis(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isLocalDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const [y, m, d] = parts(value);
  return fromUtcMillis(Date.UTC(y, m - 1, d)) === value;
}

/** @example addDays('2026-03-30', 2) === '2026-04-01' */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = parts(date);
  return fromUtcMillis(Date.UTC(y, m - 1, d + days));
}

/** Calendar months, clamping the day: addMonths('2026-05-31', -3) === '2026-02-28'. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = parts(date);
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtcMillis(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth(), Math.min(d, lastDay)));
}

/** Today's date in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): LocalDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The day before today in `timeZone`: the last whole day there is data for (a date input's `max`). */
export function yesterdayIn(timeZone: string, now: Date = new Date()): LocalDate {
  return addDays(todayIn(timeZone, now), -1);
}

/** UTC offset of `timeZone` at the instant `ms`, in minutes east of UTC. */
function offsetMinutes(timeZone: string, ms: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0; // "GMT" alone means UTC itself
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Local midnight starting `date` in `timeZone`, as ISO 8601 with offset.
 * @example startOfDayIso('2026-07-01', 'Europe/Stockholm') === '2026-07-01T00:00:00+02:00'
 */
export function startOfDayIso(date: LocalDate, timeZone: string): string {
  const [y, m, d] = parts(date);
  const wallClockAsUtc = Date.UTC(y, m - 1, d);
  let offset = offsetMinutes(timeZone, wallClockAsUtc);
  // The guess used the offset at UTC midnight; re-read it at the real instant in case they differ.
  const corrected = offsetMinutes(timeZone, wallClockAsUtc - offset * 60_000);
  if (corrected !== offset) offset = corrected;
  return `${date}T00:00:00${formatOffset(offset)}`;
}

/**
 * The inclusive days a preset covers: whole local days ending yesterday, so the lägesbild
 * compares complete days (today is still filling up and would read as a fall). "Same period
 * last year" is the 14-day period moved to the same ISO weeks a year earlier.
 */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, timeZone: string, now: Date = new Date()): DateRange {
  const toExclusive = todayIn(timeZone, now);
  const toDate = addDays(toExclusive, -1);
  if (preset === 'lastYear') return sameWeeksLastYear(presetRange('days14', timeZone, now));
  const fromDate = {
    days14: () => addDays(toExclusive, -14),
    weeks4: () => addDays(toExclusive, -28),
    quarter: () => addMonths(toExclusive, -3),
    year: () => addMonths(toExclusive, -12),
  }[preset]();
  return { fromDate, toDate };
}

/** Number of days in an inclusive range. */
export function rangeDays(range: DateRange): number {
  const [fy, fm, fd] = parts(range.fromDate);
  const [ty, tm, td] = parts(range.toDate);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000) + 1;
}

/** The period of the same length just before `range`: the lägesbild's reference period A. */
export function previousRange(range: DateRange): DateRange {
  const days = rangeDays(range);
  return { fromDate: addDays(range.fromDate, -days), toDate: addDays(range.fromDate, -1) };
}

/** The half-open instant window `[from, to)` for an inclusive date range. */
export function rangeToWindow(range: DateRange, timeZone: string): { from: string; to: string } {
  return {
    from: startOfDayIso(range.fromDate, timeZone),
    to: startOfDayIso(addDays(range.toDate, 1), timeZone),
  };
}

export function isValidRange(range: DateRange): boolean {
  return isLocalDate(range.fromDate) && isLocalDate(range.toDate) && range.fromDate <= range.toDate;
}
