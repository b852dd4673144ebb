import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { findAreaTimezone } from '../areas/areas.repository';
import { HttpError } from '../http/errors';
import { toLocalIso } from '../public/public-weeks';
import { localMidnight } from '../shared/local-periods';
import { activityEvents, patrolEvents, walkEvents } from './progress.repository';
import { targetProgress, type ProgressEvent } from './progress';
import type { PromiseDto } from './promises.service';
import { loadPromise } from './promises.service';
import type { PromiseTarget } from './promises.repository';

/** The events a target counts: patrol logs, done walks or manual activities (see progress.repository.ts). */
async function eventsOf(tx: Tx, areaId: number, promise: { id: string; from: Date; to: Date }, t: PromiseTarget, timeZone: string): Promise<ProgressEvent[]> {
  const inZone = t.zoneId || t.zoneName ? t.id : null;
  switch (t.metric) {
    case 'patrol-visits':
    case 'patrol-minutes':
      return (await patrolEvents(tx, areaId, promise.from, promise.to, inZone, t.metric)).map((e) => ({ at: e.at, amount: Number(e.amount) }));
    case 'walks':
      return (await walkEvents(tx, areaId, promise.from, promise.to, inZone)).map((e) => ({ at: e.at, amount: Number(e.amount) }));
    case 'activities':
      // An activity names its zone by id only, and deleting the zone clears that link on the
      // activity as on the target: once a target's zone is gone, no activity can be told to have
      // been in it, so none counts (counting them all would credit the zone with the whole promise).
      if (!t.zoneId && t.zoneName) return [];
      return (await activityEvents(tx, areaId, promise.id, t.zoneId)).map((a) => {
        const [y, m, d] = a.date.split('-').map(Number) as [number, number, number];
        return { at: localMidnight(y, m, d, timeZone), amount: Number(a.count) };
      });
  }
}

export interface ProgressAnswer {
  promise: PromiseDto;
  targets: {
    targetId: string;
    metric: PromiseTarget['metric'];
    zoneId: string | null;
    zoneName: string | null;
    per: PromiseTarget['per'];
    goal: number;
    total: number;
    completedPeriods: number;
    metPeriods: number;
    onTrack: boolean | null;
    periods: { period: string; from: string; to: string; goal: number; done: number; met: boolean; status: 'done' | 'current' | 'future' }[];
  }[];
}

/** Progress of every target of a promise, as of `now`. */
export async function promiseProgressIn(tx: Tx, areaId: number, id: string, now = new Date()): Promise<ProgressAnswer | undefined> {
  const timeZone = await findAreaTimezone(tx, areaId);
  const promise = await loadPromise(tx, areaId, id, timeZone);
  if (!promise) return undefined;
  const period = { id, from: new Date(promise.from), to: new Date(promise.to) };
  const targets = [];
  for (const t of promise.targets) {
    const progress = targetProgress(await eventsOf(tx, areaId, period, t, timeZone), t, period, timeZone, now);
    targets.push({
      targetId: t.id,
      metric: t.metric,
      zoneId: t.zoneId,
      zoneName: t.zoneName,
      per: t.per,
      goal: t.goal,
      total: Math.round(progress.periods.reduce((sum, p) => sum + p.done, 0) * 10) / 10,
      completedPeriods: progress.completedPeriods,
      metPeriods: progress.metPeriods,
      onTrack: progress.onTrack,
      periods: progress.periods.map((p) => ({ ...p, from: toLocalIso(p.from, timeZone), to: toLocalIso(p.to, timeZone) })),
    });
  }
  return { promise, targets };
}

/** GET /promises/:id/progress. */
export async function promiseProgress(db: Db, caller: AuthContext, id: string, now = new Date()) {
  const answer = await withArea(db, caller.areaId, (tx) => promiseProgressIn(tx, caller.areaId, id, now));
  if (!answer) throw HttpError.notFound('Promise');
  return { promiseId: id, timezone: answer.promise.timezone, asOf: now.toISOString(), targets: answer.targets };
}
