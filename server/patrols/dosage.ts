/**
 * Dosage: how much patrol presence a target got, week by week, against its plan.
 *  - A visit is a patrol log that touched the target (computed in SQL, with its minutes on site).
 *    It counts in the ISO week (area time zone) its log started in.
 *  - plannedVisits = visitsPerWeek in a whole plan week; in a week the plan only partly covers,
 *    visitsPerWeek × the share of the week's window slots that lie inside the plan, rounded.
 *    plannedMinutes = plannedVisits × dwellMinutes.
 *  - windowCoverage = share of the week's window slots (each window-day cut into two-hour slots
 *    from its start, the Koper rule; the last one shorter in an odd window) that some visit
 *    overlapped in time; null when the week has no slot inside the plan. A window-day belongs to
 *    the week and the plan when its start does; slot times are local wall-clock times.
 */
import { localParts, localTimeOnDay, periodsCovering } from '../shared/local-periods';
import { parseWindowHours, SLOT_HOURS, type PatrolWindow } from './koper-schedule';

export interface DosageTarget {
  windows: readonly PatrolWindow[];
  visitsPerWeek: number;
  dwellMinutes: number;
}

export interface Visit {
  startedAt: Date;
  endedAt: Date;
  minutesInside: number;
}

export interface DosageWeek {
  week: string;
  plannedVisits: number;
  doneVisits: number;
  plannedMinutes: number;
  doneMinutes: number;
  windowCoverage: number | null;
  /** The slots behind windowCoverage: planned inside the plan, and those with a visit. */
  slots: number;
  coveredSlots: number;
}

export interface Slot {
  start: Date;
  end: Date;
}

/** The window slots of the local days [from, to) whose window-day starts inside [from, to). */
export function windowSlots(windows: readonly PatrolWindow[], from: Date, to: Date, timeZone: string): Slot[] {
  const slots: Slot[] = [];
  const first = localParts(from, timeZone);
  // Local days from the one holding `from`; a window-day starting before `from` is left out.
  for (let d = 0; ; d++) {
    const dayStart = localTimeOnDay(first.year, first.month, first.day + d, 0, timeZone);
    if (dayStart >= to) break;
    const weekday = localParts(dayStart, timeZone).weekday;
    for (const w of windows) {
      const span = parseWindowHours(w.hours);
      if (!span || !w.weekdays.includes(weekday)) continue;
      const startMinute = span.startHour * 60;
      const windowStart = localTimeOnDay(first.year, first.month, first.day + d, startMinute, timeZone);
      if (windowStart < from || windowStart >= to) continue;
      for (let offset = 0; offset < span.hours * 60; offset += SLOT_HOURS * 60) {
        const endOffset = Math.min(offset + SLOT_HOURS * 60, span.hours * 60);
        slots.push({
          start: localTimeOnDay(first.year, first.month, first.day + d, startMinute + offset, timeZone),
          end: localTimeOnDay(first.year, first.month, first.day + d, startMinute + endOffset, timeZone),
        });
      }
    }
  }
  return slots;
}

const overlaps = (v: Visit, s: Slot) =>
  v.endedAt.getTime() === v.startedAt.getTime() ? v.startedAt >= s.start && v.startedAt < s.end : v.startedAt < s.end && v.endedAt > s.start;

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** The dosage of one target over the plan's period [from, to), one row per ISO week. */
export function targetDosage(target: DosageTarget, visits: readonly Visit[], plan: { from: Date; to: Date }, timeZone: string): DosageWeek[] {
  const weeks = periodsCovering(plan.from, plan.to, 'week', timeZone);
  const fullWeekSlots = weeks.length ? windowSlots(target.windows, weeks[0]!.start, weeks[0]!.end, timeZone).length : 0;
  return weeks.map((week) => {
    const slots = windowSlots(target.windows, week.from, week.to, timeZone);
    const inWeek = visits.filter((v) => v.startedAt >= week.from && v.startedAt < week.to);
    const covered = slots.filter((s) => visits.some((v) => overlaps(v, s))).length;
    const whole = week.from.getTime() === week.start.getTime() && week.to.getTime() === week.end.getTime();
    const plannedVisits = whole ? target.visitsPerWeek : fullWeekSlots === 0 ? 0 : Math.round((target.visitsPerWeek * slots.length) / fullWeekSlots);
    return {
      week: week.label,
      plannedVisits,
      doneVisits: inWeek.length,
      plannedMinutes: plannedVisits * target.dwellMinutes,
      doneMinutes: oneDecimal(inWeek.reduce((sum, v) => sum + v.minutesInside, 0)),
      windowCoverage: slots.length === 0 ? null : covered / slots.length,
      slots: slots.length,
      coveredSlots: covered,
    };
  });
}
