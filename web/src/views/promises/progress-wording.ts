/**
 * A medborgarlöfte's progress in words: period labels ("v. 47", "nov. 2026"), what a target asks
 * for, and whether it is on track, said with the figures behind it. Pure: the caller passes its
 * translate function and locale.
 */
import type { Translate } from '../patrols/windows';
import type { PeriodProgress, PromisePer, TargetProgress } from './types';

/** "2026-W47" → "v. 47", "2026-11" → "nov. 2026", "2026" → "2026". */
export function periodLabel(period: string, per: PromisePer, tr: Translate, locale: string): string {
  if (per === 'week') return tr('promises.period.week', { week: Number(period.slice(period.indexOf('W') + 1)), year: period.slice(0, 4) });
  if (per === 'month') {
    const [y, m] = period.split('-').map(Number) as [number, number];
    return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
  }
  return period;
}

/** "Patrullbesök i Nyfors centrum: 4 per vecka". */
export function targetLabel(target: Pick<TargetProgress, 'metric' | 'zoneName' | 'per' | 'goal'>, tr: Translate, formatNumber: (n: number) => string): string {
  const what = tr(`promises.metric.${target.metric}`);
  const place = target.zoneName ? tr('promises.inZone', { zone: target.zoneName }) : '';
  return tr('promises.targetLabel', { what, place, goal: formatNumber(target.goal), per: tr(`promises.per.${target.per}`) });
}

/** The period in progress, if the promise is running. */
export function currentPeriod(target: TargetProgress): PeriodProgress | null {
  return target.periods.find((p) => p.status === 'current') ?? null;
}

/**
 * "I fas: 21 av 27 veckor uppfyllda. Denna vecka hittills 2 av 4." — the verdict with its figures,
 * or that nothing can be judged yet.
 */
export function onTrackWords(target: TargetProgress, tr: Translate, formatNumber: (n: number) => string): string {
  if (target.onTrack === null) return tr('promises.onTrack.notStarted');
  const unit = tr(`promises.unit.${target.per}`);
  const verdict = tr(target.onTrack ? 'promises.onTrack.yes' : 'promises.onTrack.no');
  const completed =
    target.completedPeriods === 0
      ? tr('promises.onTrack.noneCompleted', { unit })
      : tr('promises.onTrack.completed', { met: target.metPeriods, completed: target.completedPeriods, unit });
  const current = currentPeriod(target);
  const now = current ? ' ' + tr(`promises.onTrack.current.${target.per}`, { done: formatNumber(current.done), goal: formatNumber(current.goal) }) : '';
  return `${verdict}: ${completed}.${now}`;
}
