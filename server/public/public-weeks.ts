/**
 * Week-granular periods of the public view, in the area's own time zone. A period is half-open
 * [from, to) and both ends are local Mondays 00:00, so every published count covers whole ISO
 * weeks (Monday–Sunday) and repeated requests cannot narrow a count down to days or hours.
 */
import type { ErrorDetail } from '../http/errors';
import { localToUtc, zoneOffsetMs } from '../imports/parsers/local-time';
import { invalidPeriod } from '../shared/period-input';

const DAY_MS = 86_400_000;
export const DEFAULT_PUBLIC_WEEKS = 4;
/** Two years, in whole weeks. */
export const MAX_PUBLIC_WEEKS = 104;

/** A `from`/`to` as the client wrote it: an ISO week ("2026-W10") or an instant with offset. */
export type WeekBoundaryInput = { kind: 'week'; year: number; week: number } | { kind: 'instant'; at: Date };

/** Calendar date (as a UTC midnight) of the wall clock in `timeZone` at instant `at`. */
function localDate(at: Date, timeZone: string): Date {
  const wall = new Date(at.getTime() + zoneOffsetMs(at.getTime(), timeZone));
  return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
}

function localMidnight(date: Date, timeZone: string): Date {
  return localToUtc(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 0, minute: 0, second: 0, millisecond: 0 },
    timeZone,
  );
}

const mondayIndex = (date: Date) => (date.getUTCDay() + 6) % 7;

/** The Monday (as a UTC midnight date) of ISO week 1 of `year`: the week holding 4 January. */
function firstMonday(year: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  return new Date(jan4.getTime() - mondayIndex(jan4) * DAY_MS);
}

/** 52 or 53: a year has 53 ISO weeks when its week 1 starts 53 weeks before the next year's. */
export function isoWeeksInYear(year: number): number {
  return Math.round((firstMonday(year + 1).getTime() - firstMonday(year).getTime()) / (7 * DAY_MS));
}

/**
 * The ISO week label of the local date at `at` in `timeZone`.
 * @example isoWeekLabel(new Date('2026-03-01T23:30:00Z'), 'Europe/Stockholm') // '2026-W10' (Monday 00:30 local)
 */
export function isoWeekLabel(at: Date, timeZone: string): string {
  const date = localDate(at, timeZone);
  const thursday = new Date(date.getTime() + (3 - mondayIndex(date)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((date.getTime() - firstMonday(year).getTime()) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Local Monday 00:00 starting ISO week `week` of `year`, as an instant. */
export function isoWeekStart(year: number, week: number, timeZone: string): Date {
  return localMidnight(new Date(firstMonday(year).getTime() + (week - 1) * 7 * DAY_MS), timeZone);
}

/** Local Monday 00:00 of the week holding `at`. */
export function startOfLocalWeek(at: Date, timeZone: string): Date {
  const date = localDate(at, timeZone);
  return localMidnight(new Date(date.getTime() - mondayIndex(date) * DAY_MS), timeZone);
}

/** `weeks` whole local weeks after (or before, if negative) a local Monday 00:00; DST-safe. */
export function addLocalWeeks(weekStart: Date, weeks: number, timeZone: string): Date {
  const date = localDate(weekStart, timeZone);
  return localMidnight(new Date(date.getTime() + weeks * 7 * DAY_MS), timeZone);
}

export function isLocalWeekStart(at: Date, timeZone: string): boolean {
  return startOfLocalWeek(at, timeZone).getTime() === at.getTime();
}

/** An instant as ISO 8601 with the area's own offset: "2026-03-02T00:00:00+01:00". */
export function toLocalIso(at: Date, timeZone: string): string {
  const offsetMinutes = Math.round(zoneOffsetMs(at.getTime(), timeZone) / 60_000);
  const wall = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export interface PublicWindow {
  from: Date;
  to: Date;
  weeks: number;
}

/**
 * The period a public request asks for, checked: both ends local Monday 00:00, `to` no later
 * than the start of the current week (only complete weeks are published), at most two years.
 * Missing ends default to the last four complete weeks. Throws 400 naming the field.
 */
export function resolvePublicWindow(q: { from?: WeekBoundaryInput; to?: WeekBoundaryInput }, timeZone: string, now = new Date()): PublicWindow {
  const details: ErrorDetail[] = [];
  const boundary = (input: WeekBoundaryInput | undefined, field: 'from' | 'to'): Date | undefined => {
    if (!input) return undefined;
    if (input.kind === 'week') return isoWeekStart(input.year, input.week, timeZone);
    if (!isLocalWeekStart(input.at, timeZone)) {
      details.push({ path: field, message: `must be a Monday 00:00 in ${timeZone} (a week boundary), e.g. ${isoWeekLabel(input.at, timeZone)} or ${toLocalIso(startOfLocalWeek(input.at, timeZone), timeZone)}` });
    }
    return input.at;
  };
  const currentWeek = startOfLocalWeek(now, timeZone);
  const givenFrom = boundary(q.from, 'from');
  const givenTo = boundary(q.to, 'to');
  if (details.length) throw invalidPeriod(details);

  const to = givenTo ?? currentWeek;
  const from = givenFrom ?? addLocalWeeks(to, -DEFAULT_PUBLIC_WEEKS, timeZone);
  const weeks = Math.round((to.getTime() - from.getTime()) / (7 * DAY_MS));
  if (to > currentWeek) {
    details.push({ path: 'to', message: `must not be after ${isoWeekLabel(currentWeek, timeZone)} starts (${toLocalIso(currentWeek, timeZone)}): only complete weeks are published` });
  } else if (from >= to) {
    details.push({ path: givenTo ? 'to' : 'from', message: 'from must be before to' });
  } else if (weeks > MAX_PUBLIC_WEEKS) {
    details.push({ path: 'from', message: `the period must be at most ${MAX_PUBLIC_WEEKS} weeks (two years)` });
  }
  if (details.length) throw invalidPeriod(details);
  return { from, to, weeks };
}
