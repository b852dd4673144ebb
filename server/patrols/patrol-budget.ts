/**
 * Fits proposed targets into the weekly patrol budget. Planned minutes of a target are
 * dwellMinutes × visitsPerWeek, with Koper visits (one per started two hours of each window-day).
 * In order, until the sum fits:
 *  1. shorter stops for everyone, down to Koper's 10 minutes;
 *  2. the lowest-ranked target loses one visit at a time: the quieter two-hour end of its
 *     quietest window-day (a window-day of at most two hours goes entirely); a target with no
 *     window-day left is dropped.
 * Afterwards the stops are lengthened again as far as the budget allows (at most 15 minutes).
 * Every cut is reported.
 */
import { DEFAULT_DWELL_MINUTES, MIN_DWELL_MINUTES, SLOT_HOURS, visitsPerWindowDay } from './koper-schedule';
import { windowDayReports, type WindowDay } from './time-windows';

export interface BudgetedTarget {
  /** Index in the ranked input. */
  index: number;
  windowDays: WindowDay[];
  visitsPerWeek: number;
}

export interface Cut {
  /** Rank (1 = hottest) of the target concerned, or null for a cut that concerns every target. */
  rank: number | null;
  kind: 'dwell-shortened' | 'windows-shortened' | 'target-dropped';
  message: string;
}

export interface BudgetFit {
  dwellMinutes: number;
  targets: BudgetedTarget[];
  plannedMinutesPerWeek: number;
  cuts: Cut[];
}

const visitsOf = (days: readonly WindowDay[]) => days.reduce((sum, d) => sum + visitsPerWindowDay({ startHour: d.startHour, hours: d.hourly.length }), 0);

/** Removes one visit from the quietest window-day: two hours off its quieter end, or the whole day. */
function removeOneVisit(days: WindowDay[]): WindowDay[] {
  let quietest = 0;
  for (let i = 1; i < days.length; i++) {
    if (windowDayReports(days[i]!) < windowDayReports(days[quietest]!)) quietest = i;
  }
  const day = days[quietest]!;
  if (day.hourly.length <= SLOT_HOURS) return days.filter((_, i) => i !== quietest);
  const head = day.hourly.slice(0, SLOT_HOURS).reduce((a, b) => a + b, 0);
  const tail = day.hourly.slice(-SLOT_HOURS).reduce((a, b) => a + b, 0);
  // An odd-length day loses its lone last hour first, which also takes one visit off.
  const drop = day.hourly.length % 2 === 1 ? 1 : SLOT_HOURS;
  const shortened: WindowDay =
    head < tail
      ? { weekday: (day.weekday + Math.floor((day.startHour + drop) / 24)) % 7, startHour: (day.startHour + drop) % 24, hourly: day.hourly.slice(drop) }
      : { ...day, hourly: day.hourly.slice(0, day.hourly.length - drop) };
  return days.map((d, i) => (i === quietest ? shortened : d));
}

/** Fits ranked targets (hottest first) into `budgetMinutesPerWeek` (≥ 10, checked by the caller). */
export function fitBudget(ranked: readonly WindowDay[][], budgetMinutesPerWeek: number): BudgetFit {
  const cuts: Cut[] = [];
  const days = ranked.map((d) => [...d]);
  const visits = () => days.reduce((sum, d) => sum + visitsOf(d), 0);
  const before = days.map(visitsOf);
  const fullVisits = visits();

  for (let t = days.length - 1; t >= 0 && visits() * MIN_DWELL_MINUTES > budgetMinutesPerWeek; t--) {
    while (days[t]!.length > 0 && visits() * MIN_DWELL_MINUTES > budgetMinutesPerWeek) days[t] = removeOneVisit(days[t]!);
  }
  const left = visits();
  const dwellMinutes = left === 0 ? MIN_DWELL_MINUTES : Math.min(DEFAULT_DWELL_MINUTES, Math.floor(budgetMinutesPerWeek / left));
  if (left > 0 && dwellMinutes < DEFAULT_DWELL_MINUTES) {
    cuts.push({
      rank: null,
      kind: 'dwell-shortened',
      message: `Stoppen kortade från ${DEFAULT_DWELL_MINUTES} till ${dwellMinutes} minuter (${fullVisits} besök × ${DEFAULT_DWELL_MINUTES} min = ${fullVisits * DEFAULT_DWELL_MINUTES} min per vecka ryms inte i ${budgetMinutesPerWeek} min)`,
    });
  }

  const targets: BudgetedTarget[] = [];
  days.forEach((d, index) => {
    const now = visitsOf(d);
    const rank = index + 1;
    if (now === 0) {
      cuts.push({ rank, kind: 'target-dropped', message: `Mål ${rank} utelämnat: budgeten räcker inte (${before[index]} besök/vecka behövdes)` });
      return;
    }
    if (now < before[index]!) {
      cuts.push({ rank, kind: 'windows-shortened', message: `Mål ${rank}: fönstren kortade från ${before[index]} till ${now} besök/vecka för att rymmas i budgeten` });
    }
    targets.push({ index, windowDays: d, visitsPerWeek: now });
  });
  return { dwellMinutes, targets, plannedMinutesPerWeek: left * dwellMinutes, cuts };
}
