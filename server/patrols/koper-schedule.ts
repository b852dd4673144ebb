/**
 * The Koper rule for hot-spot patrols: stops of 10–16 minutes, at unpredictable times, repeated
 * at least every two hours while the place is hot (Koper 1995; Telep, Mitchell & Weisburd 2014).
 * A window "18-23" on a weekday is a window-day; it gets one stop per started two hours, so
 * visits per window-day = ceil(window hours / 2), and each two-hour slot is one unit of
 * windowCoverage in the dosage.
 */
import type { Prng } from '../shared/prng';

export const MIN_DWELL_MINUTES = 10;
export const MAX_DWELL_MINUTES = 16;
/** The dwell a proposal starts from: the middle of Koper's 10–16 minutes, near his optimum. */
export const DEFAULT_DWELL_MINUTES = 15;
/** Longest gap between the starts of two stops, and from the window's start to the first stop. */
export const MAX_GAP_MINUTES = 120;
export const SLOT_HOURS = 2;

/** A patrol window as the API writes it: weekdays Monday = 0 … Sunday = 6 and an hour range. */
export interface PatrolWindow {
  weekdays: number[];
  /** "18-23": the hour blocks 18:00 … 23:59 (the /hotspots notation); "22-3" runs past midnight. */
  hours: string;
}

/** A window's hours as a start hour and a length in whole hours (1–24). */
export interface WindowSpan {
  startHour: number;
  hours: number;
}

const RANGE = /^(\d{1,2})(?:-(\d{1,2}))?$/;

/**
 * "18-23" → {startHour: 18, hours: 6}; "22-3" → {22, 6}; "7" → {7, 1}; "0-23" → 24 hours.
 * Undefined for anything else: a window is one contiguous run of hours.
 */
export function parseWindowHours(spec: string): WindowSpan | undefined {
  const m = RANGE.exec(spec.trim());
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start > 23 || end > 23) return undefined;
  return { startHour: start, hours: ((end - start + 24) % 24) + 1 };
}

export function formatWindowHours(span: WindowSpan): string {
  const last = (span.startHour + span.hours - 1) % 24;
  return span.hours === 1 ? String(span.startHour) : `${span.startHour}-${last}`;
}

/** Stops per window-day under the Koper rule. */
export function visitsPerWindowDay(span: WindowSpan): number {
  return Math.ceil(span.hours / SLOT_HOURS);
}

/** Planned visits per week of a set of windows: Σ weekdays × ceil(hours / 2). */
export function koperVisitsPerWeek(windows: readonly PatrolWindow[]): number {
  let visits = 0;
  for (const w of windows) {
    const span = parseWindowHours(w.hours);
    if (span) visits += new Set(w.weekdays).size * visitsPerWindowDay(span);
  }
  return visits;
}

export interface ScheduledStop {
  /** The calendar weekday the stop falls on (after midnight in a night window: the next day). */
  weekday: number;
  time: string;
  dwellMinutes: number;
}

/**
 * Random stop times for one window-day, in minutes from the window's start. With n =
 * ceil(L/2) stops in a window of L hours, each start is drawn uniformly from what keeps the rule
 * satisfiable: the first within two hours of the window's start, each next one after the previous
 * stop ends and at most two hours after the previous start, the last within two hours of the
 * window's end, and every stop over before the window closes.
 */
export function stopOffsets(span: WindowSpan, dwellMinutes: number, prng: Prng): number[] {
  const end = span.hours * 60;
  const n = visitsPerWindowDay(span);
  const offsets: number[] = [];
  for (let k = 1; k <= n; k++) {
    const previous = offsets[k - 2];
    const earliest = Math.max(previous === undefined ? 0 : previous + dwellMinutes, end - (n - k + 1) * MAX_GAP_MINUTES);
    const latest = Math.min((previous ?? 0) + MAX_GAP_MINUTES, end - dwellMinutes);
    // Always earliest ≤ latest for 10–16 minute stops (see the unit tests); clamp defensively.
    offsets.push(latest <= earliest ? earliest : prng.int(earliest, latest));
  }
  return offsets;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A week's Koper schedule for a target's windows, ordered by weekday and time. */
export function koperSchedule(windows: readonly PatrolWindow[], dwellMinutes: number, prng: Prng): ScheduledStop[] {
  const stops: { weekday: number; minute: number }[] = [];
  for (const w of windows) {
    const span = parseWindowHours(w.hours);
    if (!span) continue;
    for (const weekday of [...new Set(w.weekdays)].sort((a, b) => a - b)) {
      for (const offset of stopOffsets(span, dwellMinutes, prng)) {
        const fromMidnight = span.startHour * 60 + offset;
        stops.push({ weekday: (weekday + Math.floor(fromMidnight / 1440)) % 7, minute: fromMidnight % 1440 });
      }
    }
  }
  stops.sort((a, b) => a.weekday - b.weekday || a.minute - b.minute);
  return stops.map((s) => ({ weekday: s.weekday, time: hhmm(s.minute), dwellMinutes }));
}
