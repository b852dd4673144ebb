/**
 * Patrol windows from a place's weekday × hour profile: the hours that hold most of its reports.
 * The week is one circular timeline of 168 hour blocks (Monday 00 = 0), so a night from Friday
 * 22:00 to Saturday 03:00 is one window on Friday ("22-3").
 */
import { formatWindowHours, type PatrolWindow } from './koper-schedule';

/** Share of a place's reports the chosen blocks must hold. */
export const WINDOW_COVERAGE = 0.6;
const WEEK_HOURS = 168;

/** One weekday's run of hours, with its report count per hour (for trimming the quieter end). */
export interface WindowDay {
  weekday: number;
  startHour: number;
  hourly: number[];
}

export const windowDayReports = (d: WindowDay) => d.hourly.reduce((a, b) => a + b, 0);

/**
 * The window-days of a profile (matrix[weekday][hour], Monday = 0): the smallest set of hour
 * blocks holding ≥ `coverage` of the reports (most reports first; ties to the block whose
 * neighbouring hours are busier, then the earlier one), then single-hour gaps between chosen
 * blocks filled and lone hours widened to a two-hour Koper slot toward the busier side.
 * Runs are split at 24 hours. Empty profile → none.
 */
export function windowDaysFromProfile(matrix: readonly (readonly number[])[], coverage = WINDOW_COVERAGE): WindowDay[] {
  const count = (i: number) => matrix[Math.floor(((i + WEEK_HOURS) % WEEK_HOURS) / 24)]?.[((i % 24) + 24) % 24] ?? 0;
  let total = 0;
  for (let i = 0; i < WEEK_HOURS; i++) total += count(i);
  if (total === 0) return [];

  const smoothed = (i: number) => count(i) + 0.5 * (count(i - 1) + count(i + 1));
  const order = Array.from({ length: WEEK_HOURS }, (_, i) => i).sort((a, b) => count(b) - count(a) || smoothed(b) - smoothed(a) || a - b);
  const chosen = new Uint8Array(WEEK_HOURS);
  let held = 0;
  for (const i of order) {
    if (held >= coverage * total || count(i) === 0) break;
    chosen[i] = 1;
    held += count(i);
  }
  const at = (i: number) => chosen[(i + WEEK_HOURS) % WEEK_HOURS]! > 0;
  for (let i = 0; i < WEEK_HOURS; i++) if (!at(i) && at(i - 1) && at(i + 1)) chosen[i] = 2;
  for (let i = 0; i < WEEK_HOURS; i++) {
    if (at(i) && !at(i - 1) && !at(i + 1)) chosen[(count(i + 1) >= count(i - 1) ? i + 1 : i - 1 + WEEK_HOURS) % WEEK_HOURS] = 3;
  }
  return runs(chosen).flatMap(({ start, length }) => {
    const days: WindowDay[] = [];
    for (let offset = 0; offset < length; offset += 24) {
      const first = (start + offset) % WEEK_HOURS;
      const hours = Math.min(24, length - offset);
      days.push({
        weekday: Math.floor(first / 24),
        startHour: first % 24,
        hourly: Array.from({ length: hours }, (_, h) => count(first + h)),
      });
    }
    return days;
  });
}

/** Maximal runs of chosen blocks on the circular week, each from its first block. */
function runs(chosen: Uint8Array): { start: number; length: number }[] {
  if (chosen.every((c) => c > 0)) return [{ start: 0, length: WEEK_HOURS }];
  const first = chosen.findIndex((c) => c === 0);
  const result: { start: number; length: number }[] = [];
  let start = -1;
  for (let step = 1; step <= WEEK_HOURS; step++) {
    const i = (first + step) % WEEK_HOURS;
    if (chosen[i]! > 0 && start < 0) start = i;
    if (chosen[i] === 0 && start >= 0) {
      result.push({ start, length: (i - start + WEEK_HOURS) % WEEK_HOURS });
      start = -1;
    }
  }
  return result.sort((a, b) => a.start - b.start);
}

/**
 * Window-days grouped into API windows: days with the same hours share one window. Ordered by
 * the reports they hold, busiest first.
 */
export function groupWindowDays(days: readonly WindowDay[]): PatrolWindow[] {
  const groups = new Map<string, { weekdays: number[]; reports: number; startHour: number }>();
  for (const day of days) {
    const hours = formatWindowHours({ startHour: day.startHour, hours: day.hourly.length });
    const group = groups.get(hours) ?? { weekdays: [], reports: 0, startHour: day.startHour };
    group.weekdays.push(day.weekday);
    group.reports += windowDayReports(day);
    groups.set(hours, group);
  }
  return [...groups.entries()]
    .sort(([, a], [, b]) => b.reports - a.reports || a.startHour - b.startHour)
    .map(([hours, g]) => ({ weekdays: [...new Set(g.weekdays)].sort((a, b) => a - b), hours }));
}
