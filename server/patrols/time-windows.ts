/**
 * Patrol windows from a place's weekday × hour profile: the hours that hold most of its reports.
 * The week is one circular timeline of 168 hour blocks (Monday 00 = 0), so a night from Friday
 * 22:00 to Saturday 03:00 is one window on Friday ("22-3").
 */
import { formatWindowHours, type PatrolWindow } from './koper-schedule';

/** Share of a place's reports the chosen blocks must hold. */
export const WINDOW_COVERAGE = 0.6;
/** Gaps of up to this many hours between chosen blocks are patrolled through (one Koper slot). */
export const MAX_GAP_HOURS = 2;
const WEEK_HOURS = 168;

/** One weekday's run of hours, with its report count per hour (for trimming the quieter end). */
export interface WindowDay {
  weekday: number;
  startHour: number;
  hourly: number[];
}

export const windowDayReports = (d: WindowDay) => d.hourly.reduce((a, b) => a + b, 0);

/**
 * The window-days of a profile (matrix[weekday][hour], Monday = 0): hour blocks in order of a
 * smoothed score until they hold ≥ `coverage` of the reports, then gaps of up to two hours
 * between chosen blocks filled and lone hours widened to a two-hour Koper slot toward the busier
 * side. Runs are split at 24 hours. Empty profile → none.
 *
 * Two weeks of a place's reports are a few dozen spread over 168 blocks, so raw counts alone
 * pick noise. The score adds half of each neighbouring hour and half the mean of the same hour
 * on the other days: a busy evening on most days, or the hours around a busy one, rank first.
 * Ties go to the earlier block. Finally runs of different days that overlap in clock time and
 * differ by at most two hours get their common span (see harmonise), so the plan reads
 * "mån–tor 19–01", not four windows an hour apart.
 */
export function windowDaysFromProfile(matrix: readonly (readonly number[])[], coverage = WINDOW_COVERAGE): WindowDay[] {
  const count = (i: number) => matrix[Math.floor(((i + WEEK_HOURS) % WEEK_HOURS) / 24)]?.[((i % 24) + 24) % 24] ?? 0;
  let total = 0;
  for (let i = 0; i < WEEK_HOURS; i++) total += count(i);
  if (total === 0) return [];

  const hourTotal = (h: number) => matrix.reduce((sum, day) => sum + (day[h] ?? 0), 0);
  const score = (i: number) => count(i) + 0.5 * (count(i - 1) + count(i + 1)) + (0.5 * (hourTotal(i % 24) - count(i))) / 6;
  const scores = Array.from({ length: WEEK_HOURS }, (_, i) => score(i));
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const chosen = new Uint8Array(WEEK_HOURS);
  let held = 0;
  for (const i of order) {
    if (held >= coverage * total || scores[i] === 0) break;
    chosen[i] = 1;
    held += count(i);
  }
  const at = (i: number) => chosen[(i + WEEK_HOURS) % WEEK_HOURS]! > 0;
  for (let gap = 1; gap <= MAX_GAP_HOURS; gap++) {
    for (let i = 0; i < WEEK_HOURS; i++) {
      const open = Array.from({ length: gap }, (_, g) => i + g);
      if (at(i - 1) && at(i + gap) && open.every((j) => !at(j))) for (const j of open) chosen[j % WEEK_HOURS] = 2;
    }
  }
  for (let i = 0; i < WEEK_HOURS; i++) {
    if (at(i) && !at(i - 1) && !at(i + 1)) chosen[(count(i + 1) >= count(i - 1) ? i + 1 : i - 1 + WEEK_HOURS) % WEEK_HOURS] = 3;
  }
  return runs(harmonise(chosen, count)).flatMap(({ start, length }) => {
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

/** Extra hours a run may gain from harmonising with runs of other days. */
export const MAX_HARMONISE_HOURS = 2;

/**
 * Gives overlapping runs of different days one common span: runs (busiest first) join a group
 * whose span overlaps theirs in clock time when the union is at most MAX_HARMONISE_HOURS longer
 * than both; every run then covers its group's union on its own day. Returns the new blocks.
 */
function harmonise(chosen: Uint8Array, count: (i: number) => number): Uint8Array {
  const days = runs(chosen)
    .filter((r) => r.length < 24)
    .map((r) => ({ ...r, reports: Array.from({ length: r.length }, (_, h) => count(r.start + h)).reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.reports - a.reports || a.start - b.start);
  // Clock spans as [start, end) in hours from midnight; a night run ends past 24.
  const groups: { start: number; end: number; members: { start: number; length: number }[] }[] = [];
  for (const day of days) {
    const s = day.start % 24;
    const e = s + day.length;
    const group = groups.find((g) => {
      for (const shift of [-24, 0, 24]) {
        const [gs, ge] = [g.start + shift, g.end + shift];
        const union = Math.max(ge, e) - Math.min(gs, s);
        if (Math.min(ge, e) > Math.max(gs, s) && union <= Math.min(ge - gs, e - s) + MAX_HARMONISE_HOURS) {
          g.start = Math.min(gs, s) - shift;
          g.end = Math.max(ge, e) - shift;
          return true;
        }
      }
      return false;
    });
    if (group) group.members.push(day);
    else groups.push({ start: s, end: e, members: [day] });
  }
  const out = new Uint8Array(chosen);
  for (const g of groups) {
    for (const m of g.members) {
      const dayStart = m.start - (m.start % 24);
      for (let h = g.start; h < g.end; h++) out[(dayStart + h + WEEK_HOURS) % WEEK_HOURS] = 4;
    }
  }
  return out;
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
