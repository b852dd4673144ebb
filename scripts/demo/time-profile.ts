/**
 * Turns a report source's time description (weekly windows, season, school holidays, trend,
 * special dates) into one weight per local hour of the demo year.
 */
import { DAY_MS, type LocalDay, type LocalHourGrid } from './local-time.js';
import type { AnnualWindow, ReportSource, SeasonCurve, Trend, WeeklyWindow } from './sources.js';

const HOUR_MS = 3_600_000;

/** Everyday activity by local hour: quiet at night, busiest in the afternoon. */
const DIURNAL: readonly number[] = [
  0.35, 0.25, 0.18, 0.12, 0.1, 0.15, 0.35, 0.6, 0.75, 0.8, 0.85, 0.9,
  0.95, 0.95, 0.95, 1.0, 1.05, 1.05, 1.0, 0.95, 0.85, 0.75, 0.6, 0.45,
];

/**
 * Approximate Eskilstuna school holidays: summer and Christmas by date, the one-week breaks by
 * ISO week (påsklov really follows Easter; week 14 is close enough for synthetic data).
 */
const SCHOOL_HOLIDAY_DATES: readonly { from: readonly [number, number]; to: readonly [number, number] }[] = [
  { from: [6, 13], to: [8, 17] },
  { from: [12, 21], to: [12, 31] },
  { from: [1, 1], to: [1, 7] },
];
const SCHOOL_HOLIDAY_WEEKS: ReadonlySet<number> = new Set([8, 14, 44]);

export interface Window {
  fromMs: number;
  toMs: number;
}

/**
 * Weight of each grid hour for one source. Hours outside `window` (or skipped by DST) get 0, so
 * sampling only has to reject draws inside the two partial hours at the window's ends.
 */
export function hourlyWeights(source: ReportSource, grid: LocalHourGrid, window: Window): Float64Array {
  const weekly = weeklyProfile(source.baseline, source.weekly);
  const annual = annualBoost(source.annual ?? [], grid.days);
  const weights = new Float64Array(grid.hourStartMs.length);
  grid.days.forEach((day, d) => {
    const ageDays = (window.toMs - grid.hourStartMs[d * 24 + 12]!) / DAY_MS;
    const trend = trendFactor(source.trend, ageDays);
    const dayFactor = seasonFactor(source.season, day) * holidayFactor(source.schoolHolidayFactor, day);
    for (let h = 0; h < 24; h++) {
      const cell = d * 24 + h;
      const start = grid.hourStartMs[cell]!;
      if (Number.isNaN(start) || start + HOUR_MS <= window.fromMs || start > window.toMs) continue;
      weights[cell] = trend * (dayFactor * weekly[day.weekday * 24 + h]! + annual[cell]!);
    }
  });
  return weights;
}

/** 168 weights (Monday 00 first): the diurnal baseline plus every weekly window. */
function weeklyProfile(baseline: number, windows: readonly WeeklyWindow[]): Float64Array {
  const profile = new Float64Array(7 * 24);
  for (let i = 0; i < profile.length; i++) profile[i] = baseline * DIURNAL[i % 24]!;
  for (const window of windows) {
    for (const day of window.days) {
      for (let k = 0; k < windowLength(window); k++) {
        // Modulo the week: Saturday night's small hours are Sunday's, Sunday's are Monday's.
        profile[(day * 24 + window.from + k) % profile.length]! += window.weight;
      }
    }
  }
  return profile;
}

/** Extra weight per grid hour for yearly dates; the grid is contiguous, so past-midnight hours just run on. */
function annualBoost(windows: readonly AnnualWindow[], days: readonly LocalDay[]): Float64Array {
  const boost = new Float64Array(days.length * 24);
  days.forEach((day, d) => {
    for (const window of windows) {
      if (window.month !== day.month || window.day !== day.day) continue;
      for (let k = 0; k < windowLength(window); k++) {
        const cell = d * 24 + window.from + k;
        if (cell < boost.length) boost[cell]! += window.weight;
      }
    }
  });
  return boost;
}

function windowLength(window: { from: number; to: number }): number {
  return window.to > window.from ? window.to - window.from : window.to + 24 - window.from;
}

/** Season curve interpolated linearly between mid-month values, wrapping December to January. */
function seasonFactor(curve: SeasonCurve, day: LocalDay): number {
  const position = (day.dayOfYear + 0.5) / (365 / 12) - 0.5;
  const lower = Math.floor(position);
  const fraction = position - lower;
  const a = curve[(lower + 12) % 12]!;
  const b = curve[(lower + 13) % 12]!;
  return a + (b - a) * fraction;
}

function holidayFactor(factor: number | undefined, day: LocalDay): number {
  return factor !== undefined && isSchoolHoliday(day) ? factor : 1;
}

export function isSchoolHoliday(day: LocalDay): boolean {
  if (SCHOOL_HOLIDAY_WEEKS.has(day.isoWeek)) return true;
  const monthDay = day.month * 100 + day.day;
  return SCHOOL_HOLIDAY_DATES.some(
    ({ from, to }) => monthDay >= from[0] * 100 + from[1] && monthDay <= to[0] * 100 + to[1],
  );
}

function trendFactor(trend: Trend | undefined, ageDays: number): number {
  if (trend === undefined || trend.length === 0) return 1;
  const first = trend[0]!;
  if (ageDays >= first[0]) return first[1];
  for (let i = 1; i < trend.length; i++) {
    const [olderAge, olderFactor] = trend[i - 1]!;
    const [youngerAge, youngerFactor] = trend[i]!;
    if (ageDays >= youngerAge) {
      return youngerFactor + ((olderFactor - youngerFactor) * (ageDays - youngerAge)) / (olderAge - youngerAge);
    }
  }
  return trend[trend.length - 1]![1];
}
