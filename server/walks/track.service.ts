import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { HttpError, type ErrorDetail } from '../http/errors';
import { AREA_REACH_METERS, positionsBeyondReach } from '../areas/area-reach';
import { insertTrackPoints, trackSummaries, type TrackPoint } from './track.repository';
import { updateWalk } from './walks.repository';
import { walkToChange } from './walks.service';
import type { TrackInput } from './walk.schema';
import { FUTURE_SLACK_MS } from '../shared/iso-time';

const EARLIEST = Date.UTC(2000, 0, 1);
const MAX_LISTED = 20;

/** Points must come in time order within a batch (400 naming the first that does not). */
function checkOrder(points: TrackPoint[]) {
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.recordedAt <= points[i - 1]!.recordedAt) {
      throw HttpError.badRequest(`points.${i} is not after points.${i - 1}: send a batch in time order`, [
        { path: `points.${i}`, message: `must be later than points.${i - 1} (${points[i - 1]!.recordedAt.toISOString()})` },
      ]);
    }
  }
}

function checkTimes(points: TrackPoint[], now = Date.now()) {
  const details: ErrorDetail[] = [];
  points.forEach((p, i) => {
    const t = p.recordedAt.getTime();
    if (t < EARLIEST || t > now + FUTURE_SLACK_MS) details.push({ path: `points.${i}`, message: 'must not be before 2000 or more than 24 hours ahead' });
  });
  if (details.length) throw HttpError.unprocessable('invalid_date', `${details.length} point(s) have impossible times`, details.slice(0, MAX_LISTED));
}

/**
 * Appends GPS fixes to a walk's recorded route. A fix is identified by its time, so a batch sent
 * again (the answer was lost) adds nothing: the answer counts new fixes and duplicates. The whole
 * batch is refused when any fix is out of order, impossible in time or far outside the area.
 * Recording starts a planned walk; a done walk takes only fixes from before it ended (a phone
 * that synced late).
 */
export async function appendTrack(db: Db, caller: AuthContext, walkId: string, input: TrackInput) {
  const points: TrackPoint[] = input.points.map(([lng, lat, recordedAt, accuracyMeters]) => ({ lng, lat, recordedAt, accuracyMeters }));
  checkOrder(points);
  checkTimes(points);
  return withArea(db, caller.areaId, async (tx) => {
    const walk = await walkToChange(tx, caller, walkId);
    const outside = await positionsBeyondReach(tx, caller.areaId, points.map((p) => [p.lng, p.lat] as const));
    if (outside.length) {
      throw HttpError.unprocessable(
        'outside_area',
        `${outside.length} point(s) lie more than ${AREA_REACH_METERS} m outside ${caller.areaName}: nothing was stored`,
        outside.slice(0, MAX_LISTED).map((i) => ({ path: `points.${i}`, message: `[${points[i]!.lng}, ${points[i]!.lat}] is more than ${AREA_REACH_METERS} m outside the area` })),
      );
    }
    if (walk.status === 'done') {
      const end = new Date(walk.endedAt!);
      const late = points.findIndex((p) => p.recordedAt > end);
      if (late >= 0) {
        throw new HttpError(409, 'conflict', `The walk ended at ${end.toISOString()}: points after that are not part of it`, [
          { path: `points.${late}`, message: `is after the end of the walk (${end.toISOString()})` },
        ]);
      }
    }
    const stored = await insertTrackPoints(tx, caller.areaId, walkId, points);
    const first = points[0]!.recordedAt;
    if (walk.status === 'planned') {
      await updateWalk(tx, caller.areaId, walkId, { status: 'ongoing', startedAt: first < new Date() ? first : new Date() });
    } else if (walk.startedAt && first < new Date(walk.startedAt)) {
      // The phone recorded before "start" reached us: the walk began with its first fix.
      await updateWalk(tx, caller.areaId, walkId, { startedAt: first });
    }
    const { route: _route, ...track } = (await trackSummaries(tx, caller.areaId, [walkId])).get(walkId)!;
    return {
      walkId,
      status: walk.status === 'planned' ? 'ongoing' : walk.status,
      received: points.length,
      stored,
      duplicates: points.length - stored,
      track,
    };
  });
}
