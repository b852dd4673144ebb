/**
 * Progress of a medborgarlöfte target, period by period (ISO weeks, months or years in the area's
 * time zone, over the promise's from..to).
 *  - A period the promise covers only in part (the first and last) gets a goal in proportion to
 *    the time it covers, rounded up: a weekly goal of 4 over a promise starting on a Thursday asks
 *    for ceil(4 × 4/7) = 3 in that first week.
 *  - met = done ≥ the period's goal.
 *  - onTrack: at least ON_TRACK_SHARE of the completed periods met, and the current period on
 *    pace (done ≥ goal × the share of it elapsed). Before the promise starts: null (nothing to
 *    judge); after it ends: the completed share alone.
 */
import { periodsCovering, type Per } from '../shared/local-periods';

export const ON_TRACK_SHARE = 0.8;

export interface ProgressEvent {
  at: Date;
  /** 1 per visit, walk or activity unit; minutes for patrol-minutes. */
  amount: number;
}

export type PeriodStatus = 'done' | 'current' | 'future';

export interface PeriodProgress {
  period: string;
  from: Date;
  to: Date;
  goal: number;
  done: number;
  met: boolean;
  status: PeriodStatus;
}

export interface TargetProgress {
  periods: PeriodProgress[];
  /** Completed periods and how many of them met their goal. */
  completedPeriods: number;
  metPeriods: number;
  onTrack: boolean | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function targetProgress(
  events: readonly ProgressEvent[],
  target: { per: Per; goal: number },
  promise: { from: Date; to: Date },
  timeZone: string,
  now: Date,
): TargetProgress {
  const periods = periodsCovering(promise.from, promise.to, target.per, timeZone).map((p): PeriodProgress => {
    const share = (p.to.getTime() - p.from.getTime()) / (p.end.getTime() - p.start.getTime());
    const goal = share >= 1 ? target.goal : Math.ceil(target.goal * share - 1e-9);
    const done = round1(events.filter((e) => e.at >= p.from && e.at < p.to).reduce((sum, e) => sum + e.amount, 0));
    const status: PeriodStatus = p.to <= now ? 'done' : p.from <= now ? 'current' : 'future';
    return { period: p.label, from: p.from, to: p.to, goal, done, met: done >= goal, status };
  });
  const completed = periods.filter((p) => p.status === 'done');
  const metPeriods = completed.filter((p) => p.met).length;
  const current = periods.find((p) => p.status === 'current');
  let onTrack: boolean | null = null;
  if (completed.length > 0 || current) {
    const historyOk = completed.length === 0 || metPeriods >= ON_TRACK_SHARE * completed.length;
    const elapsed = current ? (now.getTime() - current.from.getTime()) / (current.to.getTime() - current.from.getTime()) : 1;
    const onPace = !current || current.done >= current.goal * elapsed;
    onTrack = historyOk && onPace;
  }
  return { periods, completedPeriods: completed.length, metPeriods, onTrack };
}
