/**
 * Patrol windows and Koper schedules in words and in time. Pure: the caller passes its translate
 * function and the time zone, so these run (and are tested) without the app's state.
 *
 * A window `{weekdays: [4, 5], hours: "20-1"}` is the hour blocks 20:00–01:59 starting on Friday
 * and on Saturday, written "fre–lör 20–02" (the end as a clock time, exclusive). A window past
 * midnight belongs to the weekday it starts on. Koper: one stop per started two hours of a
 * window-day, so a 6-hour window-day asks for 3 visits.
 */
import { parseWindowHours, type WindowSpan } from '../../../../server/patrols/koper-schedule';
import type { PatrolWindow, ScheduledStop } from './types';

// The server's reading of a window and its Koper visit count (the module is pure), so the two cannot drift.
export { koperVisitsPerWeek, SLOT_HOURS } from '../../../../server/patrols/koper-schedule';
export type { WindowSpan } from '../../../../server/patrols/koper-schedule';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;

/** "22-3" → {22, 6}; "7" → {7, 1}; "0-23" → {0, 24}; null for anything else. */
export function parseHours(spec: string): WindowSpan | null {
  return parseWindowHours(spec) ?? null;
}

/**
 * The API's hours for a clock range whose end is exclusive: 20 → 2 is "20-1"; an end equal to
 * the start (mod 24) is the whole day.
 */
export function hoursSpec(startHour: number, endHour: number): string {
  const last = (endHour - 1 + 24) % 24;
  if (startHour === endHour % 24) return `${startHour}-${(startHour + 23) % 24}`;
  return last === startHour ? String(startHour) : `${startHour}-${last}`;
}

/** The window's end as an exclusive clock hour (0–23). */
export function endHourOf(span: WindowSpan): number {
  return (span.startHour + span.hours) % 24;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "20–02": start and exclusive end as clock hours. */
export function clockRange(span: WindowSpan): string {
  return `${two(span.startHour)}–${two(endHourOf(span))}`;
}

/** Sorted distinct weekdays cut into runs of consecutive days: [0, 1, 4, 5] → [[0, 1], [4, 5]]. */
export function weekdayRuns(days: readonly number[]): number[][] {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const day of sorted) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs;
}

/** "fre–lör", "mån, ons", "tor–lör, mån", or the every-day word for all seven. */
export function formatWeekdays(days: readonly number[], tr: Translate): string {
  if (new Set(days).size === 7) return tr('patrols.days.all');
  const name = (d: number) => tr(`patrols.day.${d}`);
  return weekdayRuns(days)
    .map((run) => (run.length === 1 ? name(run[0]!) : `${name(run[0]!)}–${name(run.at(-1)!)}`))
    .join(', ');
}

/** "fre–lör 20–02"; the hours as given when they cannot be read. */
export function formatWindow(window: PatrolWindow, tr: Translate): string {
  const span = parseHours(window.hours);
  return `${formatWeekdays(window.weekdays, tr)} ${span ? clockRange(span) : window.hours}`;
}

export function formatWindows(windows: readonly PatrolWindow[], tr: Translate): string {
  return windows.map((w) => formatWindow(w, tr)).join('; ');
}

const WEEKDAY: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** Minutes since Monday 00:00 local time in `timeZone` (0 … 10079). */
export function weekMinute(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return (WEEKDAY[get('weekday')] ?? 0) * DAY_MINUTES + Number(get('hour')) * 60 + Number(get('minute'));
}

/** The local weekday (Monday = 0) at `now` in `timeZone`. */
export function localWeekday(now: Date, timeZone: string): number {
  return Math.floor(weekMinute(now, timeZone) / DAY_MINUTES);
}

/** Minutes from `from` forward to `to` around the week (0 when equal). */
const ahead = (from: number, to: number) => (((to - from) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;

const stopMinute = (stop: ScheduledStop) => {
  const [h, m] = stop.time.split(':').map(Number) as [number, number];
  return stop.weekday * DAY_MINUTES + h * 60 + m;
};

export interface WindowDay {
  weekday: number;
  span: WindowSpan;
}

/** Every window-day of the windows, one per (weekday, window). */
export function windowDays(windows: readonly PatrolWindow[]): WindowDay[] {
  return windows.flatMap((w) => {
    const span = parseHours(w.hours);
    return span ? [...new Set(w.weekdays)].map((weekday) => ({ weekday, span })) : [];
  });
}

/** The window-day open at `minute` of the week (one started the day before may still run), or null. */
export function openWindow(windows: readonly PatrolWindow[], minute: number): WindowDay | null {
  return windowDays(windows).find((d) => ahead(d.weekday * DAY_MINUTES + d.span.startHour * 60, minute) < d.span.hours * 60) ?? null;
}

export interface Upcoming<T> {
  item: T;
  /** Minutes from now until it starts (0: now). */
  inMinutes: number;
}

/** The next scheduled stop from `minute` of the week on, around the week; null without stops. */
export function nextStop(schedule: readonly ScheduledStop[], minute: number): Upcoming<ScheduledStop> | null {
  let best: Upcoming<ScheduledStop> | null = null;
  for (const stop of schedule) {
    const inMinutes = ahead(minute, stopMinute(stop));
    if (!best || inMinutes < best.inMinutes) best = { item: stop, inMinutes };
  }
  return best;
}

/** The next window-day to open after `minute` (an open one counts from its next start). */
export function nextWindow(windows: readonly PatrolWindow[], minute: number): Upcoming<WindowDay> | null {
  let best: Upcoming<WindowDay> | null = null;
  for (const day of windowDays(windows)) {
    const inMinutes = ahead(minute, day.weekday * DAY_MINUTES + day.span.startHour * 60);
    if (!best || inMinutes < best.inMinutes) best = { item: day, inMinutes };
  }
  return best;
}

/** The window-days that start today, in order of their start. */
export function todaysWindows(windows: readonly PatrolWindow[], weekday: number): WindowDay[] {
  return windowDays(windows)
    .filter((d) => d.weekday === weekday)
    .sort((a, b) => a.span.startHour - b.span.startHour);
}

/** "om 1 h 20 min", "om 25 min", "nu": how soon, in words. */
export function inWords(minutes: number, tr: Translate): string {
  if (minutes <= 0) return tr('patrols.time.now');
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return tr('patrols.time.inMinutes', { m });
  if (h >= 24) return tr('patrols.time.inDays', { d: Math.round(h / 24) });
  return m === 0 ? tr('patrols.time.inHours', { h }) : tr('patrols.time.inHoursMinutes', { h, m });
}

/** A week of stops by weekday, each day's times in order, for the briefing and the phone. */
export function scheduleByDay(schedule: readonly ScheduledStop[]): { weekday: number; stops: ScheduledStop[] }[] {
  const days = new Map<number, ScheduledStop[]>();
  for (const stop of schedule) days.set(stop.weekday, [...(days.get(stop.weekday) ?? []), stop]);
  return [...days.entries()]
    .sort(([a], [b]) => a - b)
    .map(([weekday, stops]) => ({ weekday, stops: stops.sort((a, b) => stopMinute(a) - stopMinute(b)) }));
}
