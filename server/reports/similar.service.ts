import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import { categoryExists } from './reports.repository';
import { checkObservedTimes } from './reports.service';
import * as repo from './similar.repository';
import type { ConfirmationInput, SimilarReportsInput } from './similar.schema';

/** "Similar" as issue 5 defines it: same category, at most 100 m apart, at most 2 hours apart. */
export const SIMILAR_RADIUS_METRES = 100;
export const SIMILAR_WINDOW_MS = 2 * 3600 * 1000;
const MAX_SIMILAR = 5;

/**
 * Reports the phone form offers to add to instead of sending a duplicate. Anyone who may report
 * sees that such a report exists (id, category, time, distance, whether it is their own) but not
 * whose it is or what it says: those stay with the reporter and the planners.
 */
export async function findSimilar(db: Db, caller: AuthContext, q: SimilarReportsInput) {
  const at = q.observedAt ?? new Date();
  return withArea(db, caller.areaId, async (tx) => {
    if (!(await categoryExists(tx, caller.areaId, q.category))) {
      throw HttpError.unprocessable('unknown_category', `Unknown category ${q.category}`, [
        { path: 'category', message: 'is not a report category of this area (see GET /api/v1/categories)' },
      ]);
    }
    return repo.findSimilarReports(tx, caller.areaId, {
      category: q.category,
      lng: q.lng,
      lat: q.lat,
      at,
      radius: SIMILAR_RADIUS_METRES,
      windowMs: SIMILAR_WINDOW_MS,
      callerId: caller.userId,
      limit: MAX_SIMILAR,
    });
  });
}

/** A confirmation as its author sees it, with the report's new total. */
export interface ConfirmationView {
  id: string;
  reportId: string;
  note: string | null;
  confirmedAt: string;
  receivedAt: string;
  /** How many confirmations the report has now, this one included. */
  confirmations: number;
}

/**
 * Records "I saw this too" on a report of the caller's area, idempotent by the client's id: the
 * same id again returns what is stored (created = false). An id already used for another report
 * or by another user is a 409, like a report id.
 */
export async function confirmReport(db: Db, caller: AuthContext, reportId: string, input: ConfirmationInput) {
  const id = input.id ?? randomUUID();
  const confirmedAt = input.confirmedAt ?? new Date();
  const alreadyUsed = () => new HttpError(409, 'conflict', 'A confirmation with this id already exists', [{ path: 'id', message: 'already used' }]);
  return withArea(db, caller.areaId, async (tx) => {
    const view = async (c: repo.Confirmation): Promise<ConfirmationView> => ({
      id: c.id,
      reportId: c.reportId,
      note: c.note,
      confirmedAt: c.confirmedAt,
      receivedAt: c.receivedAt,
      confirmations: await repo.countConfirmations(tx, caller.areaId, c.reportId),
    });
    const storedRetry = async (c: repo.Confirmation) => {
      if (c.reportId !== reportId || c.userId !== caller.userId) throw alreadyUsed();
      return { confirmation: await view(c), created: false };
    };
    const existing = await repo.findConfirmation(tx, caller.areaId, id);
    if (existing) return storedRetry(existing);
    if (!(await repo.confirmableReportExists(tx, caller.areaId, reportId))) throw HttpError.notFound('Report');
    // The limits of a report's observedAt: not before 1970, at most 24 h ahead (phone clocks drift).
    checkObservedTimes(confirmedAt, null, 'confirmedAt');
    const inserted = await repo.insertConfirmation(tx, {
      id,
      areaId: caller.areaId,
      reportId,
      userId: caller.userId,
      note: input.note?.trim() || null,
      confirmedAt,
    });
    if (!inserted) {
      // A concurrent retry committed first (READ COMMITTED sees it now), or the id is another area's.
      const raced = await repo.findConfirmation(tx, caller.areaId, id);
      if (raced) return storedRetry(raced);
      throw alreadyUsed();
    }
    return { confirmation: await view((await repo.findConfirmation(tx, caller.areaId, id))!), created: true };
  });
}
