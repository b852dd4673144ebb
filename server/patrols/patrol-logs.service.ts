import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { seesAllReports } from '../auth/auth-context';
import { outsideArea } from '../areas/areas.repository';
import { HttpError, type ErrorDetail } from '../http/errors';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../shared/paging-cursor';
import { EARLIEST_OBSERVED_MS as EARLIEST, FUTURE_SLACK_MS } from '../shared/iso-time';
import type { CreateLogInput, ListLogsFilter } from './patrol-log.schema';
import * as repo from './patrol-logs.repository';

/** Like reports: not before 1970, at most 24 h ahead (phone clocks drift; a log is never planned). */
function checkLogTimes(input: CreateLogInput, now = Date.now()) {
  const details: ErrorDetail[] = [];
  if (input.startedAt.getTime() < EARLIEST) details.push({ path: 'startedAt', message: 'must not be before 1970-01-01' });
  for (const field of ['startedAt', 'endedAt'] as const) {
    if (input[field].getTime() > now + FUTURE_SLACK_MS) details.push({ path: field, message: 'must not be more than 24 hours in the future' });
  }
  if (details.length) throw HttpError.unprocessable('invalid_date', details.map((d) => `${d.path} ${d.message}`).join('; '), details);
}

/**
 * Stores a phone's check-in/check-out. The same client id again returns the stored log
 * (created = false), so a phone can retry after a lost answer. A log entirely outside the area
 * is refused (422 naming track or location); one that crosses the boundary is kept whole.
 */
export async function createLog(db: Db, caller: AuthContext, input: CreateLogInput) {
  const id = input.id ?? randomUUID();
  const taken = () => new HttpError(409, 'conflict', 'A patrol log with this id already exists', [{ path: 'id', message: 'already used' }]);
  const retry = (existing: repo.PatrolLog) => {
    if (!seesAllReports(caller.role) && existing.createdBy !== caller.userId) throw taken();
    return { log: existing, created: false };
  };
  return withArea(db, caller.areaId, async (tx) => {
    const existing = await repo.findLog(tx, caller.areaId, id);
    if (existing) return retry(existing);
    checkLogTimes(input);
    if (input.planId && !(await repo.planExists(tx, caller.areaId, input.planId))) {
      throw HttpError.unprocessable('validation_failed', 'Unknown patrol plan', [{ path: 'planId', message: 'is not a patrol plan of this area' }]);
    }
    const field = input.track ? 'track' : 'location';
    const geojson = JSON.stringify(input.track ?? input.location);
    if ((await outsideArea(tx, caller.areaId, [geojson])).length > 0) {
      throw HttpError.unprocessable('outside_area', `The ${field} lies entirely outside your area`, [
        { path: field, message: `lies entirely outside the boundary of ${caller.areaName}` },
      ]);
    }
    const inserted = await repo.insertLog(tx, {
      areaId: caller.areaId,
      id,
      planId: input.planId ?? null,
      unit: input.unit,
      startedAt: input.startedAt,
      endedAt: input.endedAt,
      geojson,
      createdBy: caller.userId,
    });
    if (!inserted) {
      // A concurrent retry committed first (READ COMMITTED sees it now), or the id is another area's.
      const raced = await repo.findLog(tx, caller.areaId, id);
      if (raced) return retry(raced);
      throw taken();
    }
    return { log: (await repo.findLog(tx, caller.areaId, id))!, created: true };
  });
}

/** Planners, analysts and admins see every log of the area; reporters and walkers their own. */
export async function listLogs(db: Db, caller: AuthContext, filter: ListLogsFilter) {
  const cursor = filter.cursor ? decodeTimeIdCursor(filter.cursor) : undefined;
  const logs = await withArea(db, caller.areaId, (tx) =>
    repo.listLogs(tx, caller.areaId, filter, { cursor, createdBy: seesAllReports(caller.role) ? undefined : caller.userId }),
  );
  const last = logs.at(-1);
  return { logs, nextCursor: logs.length === filter.limit && last ? encodeTimeIdCursor({ at: last.startedAt, id: last.id }) : null };
}
