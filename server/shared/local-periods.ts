/**
 * Calendar periods in an area's own time zone: ISO weeks ("2026-W47"), months ("2026-11") and
 * years ("2026"), each starting at local midnight, DST-safe. Patrol dosage and promise progress
 * count per period; a log or an activity belongs to the period its start falls in, locally.
 */
import { localToUtc, zoneOffsetMs } from '../imports/parsers/local-time';
import { addLocalWeeks, isoWeekLabel, startOfLocalWeek } from '../public/public-weeks';

export type Per = 'week' | 'month' | 'year';

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** Monday = 0 … Sunday = 6 (DESIGN §5). */
  weekday: number;
  hour: number;
  minute: number;
}

/** The wall-clock reading of an instant in `timeZone`. */
export function localParts(at: Date, timeZone: string): LocalParts {
  const wall = new Date(at.getTime() + zoneOffsetMs(at.getTime(), timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    weekday: (wall.getUTCDay() + 6) % 7,
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/** Local midnight starting the calendar day year-month-day (the day may overflow: day 32 is the 1st of the next month). */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, month - 1, day);
  return localToUtc(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 0, minute: 0, second: 0, millisecond: 0 },
    timeZone,
  );
}

/** Local wall time `minutes` after midnight of the given day, as an instant (minutes may exceed a day). */
export function localTimeOnDay(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCMinutes(minutes);
  return localToUtc(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: 0,
      millisecond: 0,
    },
    timeZone,
  );
}

/**
 * The label of the period holding `at`.
 * @example periodLabel(new Date('2026-11-16T10:00:00Z'), 'week', 'Europe/Stockholm') // '2026-W47'
 */
export function periodLabel(at: Date, per: Per, timeZone: string): string {
  if (per === 'week') return isoWeekLabel(at, timeZone);
  const p = localParts(at, timeZone);
  return per === 'month' ? `${p.year}-${String(p.month).padStart(2, '0')}` : String(p.year);
}

/** Local start of the period holding `at`. */
export function periodStart(at: Date, per: Per, timeZone: string): Date {
  if (per === 'week') return startOfLocalWeek(at, timeZone);
  const p = localParts(at, timeZone);
  return per === 'month' ? localMidnight(p.year, p.month, 1, timeZone) : localMidnight(p.year, 1, 1, timeZone);
}

/** Local start of the period after the one starting at `start`. */
export function nextPeriodStart(start: Date, per: Per, timeZone: string): Date {
  if (per === 'week') return addLocalWeeks(start, 1, timeZone);
  const p = localParts(start, timeZone);
  return per === 'month' ? localMidnight(p.year, p.month + 1, 1, timeZone) : localMidnight(p.year + 1, 1, 1, timeZone);
}

export interface Period {
  label: string;
  /** The whole calendar period [start, end). */
  start: Date;
  end: Date;
  /** The part of it inside the requested window [from, to). */
  from: Date;
  to: Date;
}

/** Every period overlapping [from, to), in order, with the part of each that lies inside. */
export function periodsCovering(from: Date, to: Date, per: Per, timeZone: string): Period[] {
  const periods: Period[] = [];
  for (let start = periodStart(from, per, timeZone); start < to; ) {
    const end = nextPeriodStart(start, per, timeZone);
    periods.push({
      label: periodLabel(start, per, timeZone),
      start,
      end,
      from: start < from ? from : start,
      to: end > to ? to : end,
    });
    start = end;
  }
  return periods;
}
