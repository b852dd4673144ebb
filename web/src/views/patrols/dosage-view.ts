/**
 * The dosage as the planner reads it: which weeks have happened, how much of the planned presence
 * each got, and whether anything was logged at all. Weeks still to come are not "0 of 6": they
 * are shown as coming, and the totals count only the completed weeks (the current one is still
 * filling up and would read as a shortfall).
 */
import { isoWeekDate } from '../../lib/iso-week';
import { todayIn } from '../../lib/period';
import type { DosageWeek, PlanDosage } from './types';

/** The ISO week holding `now` in `timeZone`, as the API writes weeks: "2026-W05". */
export function isoWeekOf(now: Date, timeZone: string): string {
  const { year, week } = isoWeekDate(todayIn(timeZone, now));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export type WeekState = 'past' | 'current' | 'future';

/** Week labels compare as strings: both are "YYYY-Www" with a zero-padded week. */
export function weekState(week: string, current: string): WeekState {
  return week < current ? 'past' : week === current ? 'current' : 'future';
}

/** "2026-W47" → 47. */
export function weekNumber(week: string): number {
  return Number(week.slice(week.indexOf('W') + 1));
}

/**
 * How much of the planned visits a week got: `met` all, `part` at least half, `low` some but
 * under half, `none` nothing, `unplanned` when nothing was planned that week.
 */
export type DoseClass = 'met' | 'part' | 'low' | 'none' | 'unplanned';

export const DOSE_CLASSES: readonly DoseClass[] = ['met', 'part', 'low', 'none', 'unplanned'];

export function doseClass(done: number, planned: number): DoseClass {
  if (planned <= 0) return 'unplanned';
  if (done >= planned) return 'met';
  if (done * 2 >= planned) return 'part';
  return done > 0 ? 'low' : 'none';
}

export interface DosageTotals {
  plannedVisits: number;
  doneVisits: number;
  plannedMinutes: number;
  doneMinutes: number;
  /** Weeks counted: the completed ones. */
  weeks: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Sums over the completed weeks; the current week and those to come are left out. */
export function dosageTotals(weeks: readonly DosageWeek[], current: string): DosageTotals {
  const begun = weeks.filter((w) => weekState(w.week, current) === 'past');
  return {
    plannedVisits: begun.reduce((s, w) => s + w.plannedVisits, 0),
    doneVisits: begun.reduce((s, w) => s + w.doneVisits, 0),
    plannedMinutes: begun.reduce((s, w) => s + w.plannedMinutes, 0),
    doneMinutes: round1(begun.reduce((s, w) => s + w.doneMinutes, 0)),
    weeks: begun.length,
  };
}

/** Whether any visit was logged under the plan at all (else the screens say so plainly). */
export function anythingLogged(dosage: PlanDosage): boolean {
  return dosage.targets.some((t) => t.weeks.some((w) => w.doneVisits > 0));
}

/** The week of a target's dosage to colour the map by: the current one, else the plan's last begun. */
export function weekToShow(weeks: readonly DosageWeek[], current: string): DosageWeek | null {
  return weeks.find((w) => w.week === current) ?? weeks.filter((w) => w.week < current).at(-1) ?? null;
}
