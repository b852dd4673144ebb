import type { Tx } from '../db/scope';
import type { WalkStatus } from '../db/schema';
import { HttpError } from '../http/errors';
import { trackBounds } from './track.repository';
import type { WalkChanges, WalkRecord } from './walks.repository';
import { FUTURE_SLACK_MS } from '../shared/iso-time';

const ORDER: Record<WalkStatus, number> = { planned: 0, ongoing: 1, done: 2 };

/**
 * The columns a status change sets. Status only moves forward; the same status again changes
 * nothing (a phone re-sending "done" after a lost answer). `at` is when it happened on the phone
 * (offline, it may reach us hours later); start and end also cover the recorded track, so a walk
 * never ends before its last fix.
 */
export async function nextStatus(tx: Tx, areaId: number, walk: WalkRecord, to: WalkStatus, at?: Date): Promise<WalkChanges> {
  if (ORDER[to] < ORDER[walk.status]) {
    throw new HttpError(409, 'conflict', `A walk cannot go back from ${walk.status} to ${to}`, [
      { path: 'status', message: `is ${walk.status}; it moves only forward: planned → ongoing → done` },
    ]);
  }
  if (to === walk.status) return {};
  const now = Date.now();
  if (at && (at.getTime() > now + FUTURE_SLACK_MS || at.getTime() < Date.UTC(2000, 0, 1))) {
    throw HttpError.unprocessable('invalid_date', 'statusAt must not lie in the future or before 2000', [
      { path: 'statusAt', message: 'must not be more than 24 hours ahead or before 2000-01-01' },
    ]);
  }
  const when = at ?? new Date(now);
  const { first, last } = await trackBounds(tx, areaId, walk.id);
  const startedAt = walk.startedAt ? new Date(walk.startedAt) : first && first < when ? first : when;
  if (to === 'ongoing') return { status: to, startedAt };
  if (when < startedAt && at) {
    throw HttpError.unprocessable('invalid_date', 'statusAt is before the walk started', [
      { path: 'statusAt', message: `must not be before the start, ${startedAt.toISOString()}` },
    ]);
  }
  const endedAt = last && last > when ? last : when < startedAt ? startedAt : when;
  return { status: to, startedAt, endedAt };
}
