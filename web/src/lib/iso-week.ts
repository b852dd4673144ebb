/**
 * ISO 8601 weeks of calendar dates ("v. 33–34"). Dates are already local dates in the area's
 * time zone (lib/period.ts), so this is pure calendar arithmetic in UTC.
 */
import { addDays, type DateRange, type LocalDate } from './period';

export interface IsoWeekDate {
  year: number;
  week: number;
  /** Monday = 1 … Sunday = 7. */
  weekday: number;
}

const DAY_MS = 86_400_000;

function utcMillis(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** The Monday of ISO week 1 (the week holding 4 January), as UTC midnight in ms. */
function week1Monday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
}

/** @example isoWeekDate('2027-01-01') → { year: 2026, week: 53, weekday: 5 } */
export function isoWeekDate(date: LocalDate): IsoWeekDate {
  const ms = utcMillis(date);
  const weekday = ((new Date(ms).getUTCDay() + 6) % 7) + 1;
  const thursday = ms + (4 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: Math.floor((ms - week1Monday(year)) / (7 * DAY_MS)) + 1, weekday };
}

/** 52 or 53: a year has week 53 when 28 December falls in it. */
export function weeksInYear(year: number): number {
  return isoWeekDate(`${year}-12-28`).week;
}

export function dateOfIsoWeek({ year, week, weekday }: IsoWeekDate): LocalDate {
  return new Date(week1Monday(year) + ((week - 1) * 7 + weekday - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** What a period's week label needs: one week, a span in one ISO year, or a span over a year end. */
export type WeekSpan =
  | { kind: 'single'; week: number; year: number }
  | { kind: 'span'; first: number; last: number; year: number }
  | { kind: 'spanYears'; first: number; firstYear: number; last: number; lastYear: number };

/** The ISO weeks a range of days touches, first to last. */
export function weekSpan(range: DateRange): WeekSpan {
  const first = isoWeekDate(range.fromDate);
  const last = isoWeekDate(range.toDate);
  if (first.year !== last.year) return { kind: 'spanYears', first: first.week, firstYear: first.year, last: last.week, lastYear: last.year };
  if (first.week === last.week) return { kind: 'single', week: first.week, year: first.year };
  return { kind: 'span', first: first.week, last: last.week, year: first.year };
}

/**
 * The same ISO weeks and weekdays one year earlier, so the weekday mix matches (a Friday night
 * compares with a Friday night); the length is kept. Week 53 maps to week 52 in a 52-week year.
 * @example sameWeeksLastYear({ fromDate: '2026-08-10', toDate: '2026-08-23' }) → v. 33–34 of 2025
 */
export function sameWeeksLastYear(range: DateRange): DateRange {
  const start = isoWeekDate(range.fromDate);
  const year = start.year - 1;
  const fromDate = dateOfIsoWeek({ year, week: Math.min(start.week, weeksInYear(year)), weekday: start.weekday });
  const days = Math.round((utcMillis(range.toDate) - utcMillis(range.fromDate)) / DAY_MS);
  return { fromDate, toDate: addDays(fromDate, days) };
}
