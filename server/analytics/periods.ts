import { localToUtc, zoneOffsetMs } from '../imports/parsers/local-time';
import type { Step } from './analytics-params';

/**
 * Periods in the area's local calendar. A lägesbild period is "the last 14 days" from local
 * midnight to local midnight, so a period that spans a DST change is 14 days of 24 h ± 1 h:
 * days and weeks step by the calendar, hours by the clock.
 */

export interface Period {
  from: Date;
  to: Date;
}

const HOUR_MS = 3_600_000;

function wallClock(instant: Date, timeZone: string) {
  const wall = new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
  };
}

/** 00:00 local time of the day the instant falls on. */
export function localMidnight(instant: Date, timeZone: string): Date {
  const wall = wallClock(instant, timeZone);
  return localToUtc({ ...wall, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/** The same local wall-clock time `days` calendar days later (earlier when negative). */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  const wall = wallClock(instant, timeZone);
  // Date.UTC normalises day overflow across months and years.
  const shifted = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return localToUtc({ ...wall, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() }, timeZone);
}

/** The instant one step before `edge`. */
export function stepBefore(edge: Date, step: Step, timeZone: string): Date {
  if (step.unit === 'h') return new Date(edge.getTime() - step.count * HOUR_MS);
  return addLocalDays(edge, -(step.unit === 'w' ? 7 : 1) * step.count, timeZone);
}

/**
 * The default comparison: the last `days` complete local days against the `days` before them,
 * both ending at local midnight (today, a partial day, is left out so both periods are whole).
 */
export function defaultPeriodPair(now: Date, timeZone: string, days = 14): { a: Period; b: Period } {
  const bTo = localMidnight(now, timeZone);
  const bFrom = addLocalDays(bTo, -days, timeZone);
  return { a: { from: addLocalDays(bFrom, -days, timeZone), to: bFrom }, b: { from: bFrom, to: bTo } };
}

/**
 * Bin edges for [from, to): bins of `step` laid back from `to`, so the last bin ends at `to`, until
 * one starts at or before `from` (the first bin is whole and may begin before `from`). Ascending,
 * T + 1 edges for T bins; undefined when more than `maxBins` bins would be needed.
 */
export function binEdges(period: Period, step: Step, timeZone: string, maxBins: number): Date[] | undefined {
  const edges = [period.to];
  let edge = period.to;
  while (edge > period.from) {
    if (edges.length > maxBins) return undefined;
    edge = stepBefore(edge, step, timeZone);
    edges.push(edge);
  }
  return edges.reverse();
}

/** Length in seconds (the t of DESIGN §5). */
export const seconds = (p: Period) => (p.to.getTime() - p.from.getTime()) / 1000;
