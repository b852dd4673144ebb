import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { HttpError, type ErrorDetail } from '../http/errors';
import { positionsBeyondReach, AREA_REACH_METERS } from '../areas/area-reach';
import { toLineString, type LineString } from '../shared/geo-types';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../shared/paging-cursor';
import type { CreateWalkInput, ListWalksQueryInput, ParticipantInput, PatchWalkInput } from './walk.schema';
import * as repo from './walks.repository';
import { assertMayChangeWalk, assertOpenForWalker, managesAllWalks } from './walk-access';
import { nextStatus } from './walk-status';
import { walkDetailView, walkViews } from './walk-view';

const EARLIEST_PLANNED = Date.UTC(2000, 0, 1);
const LATEST_PLANNED_YEARS = 5;

/** A walk is planned for a real date: not before 2000, not more than five years ahead. */
export function checkPlannedAt(plannedAt: Date, path = 'plannedAt', now = Date.now()) {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + LATEST_PLANNED_YEARS);
  if (plannedAt.getTime() < EARLIEST_PLANNED || plannedAt > latest) {
    throw HttpError.unprocessable('invalid_date', `${path} must lie between 2000-01-01 and ${LATEST_PLANNED_YEARS} years from now`, [
      { path, message: `must lie between 2000-01-01 and ${LATEST_PLANNED_YEARS} years from now` },
    ]);
  }
}

/** A planned route must stay near the area: every vertex within the area's reach. */
async function checkRoute(tx: Tx, caller: AuthContext, route: LineString) {
  const outside = await positionsBeyondReach(tx, caller.areaId, route.coordinates);
  if (outside.length) {
    throw HttpError.unprocessable(
      'outside_area',
      `The planned route leaves ${caller.areaName} by more than ${AREA_REACH_METERS} m`,
      outside.slice(0, 20).map((i) => ({ path: `plannedRoute.coordinates.${i}`, message: `is more than ${AREA_REACH_METERS} m outside the area` })),
    );
  }
}

async function checkParticipants(tx: Tx, caller: AuthContext, participants: readonly ParticipantInput[]) {
  const unknown = await repo.unknownOrganisations(
    tx,
    caller.areaId,
    participants.flatMap((p) => (p.organisationId === undefined ? [] : [p.organisationId])),
  );
  const details: ErrorDetail[] = participants.flatMap((p, i) =>
    p.organisationId !== undefined && unknown.has(p.organisationId)
      ? [{ path: `participants.${i}.organisationId`, message: 'is not an organisation of this area' }]
      : [],
  );
  if (details.length) throw HttpError.unprocessable('validation_failed', 'Unknown organisation among the participants', details);
}

export async function checkLeader(tx: Tx, caller: AuthContext, leaderId: number | null | undefined) {
  if (leaderId === null || leaderId === undefined) return;
  if (!(await repo.findWalkLeader(tx, caller.areaId, leaderId))) {
    throw HttpError.unprocessable('validation_failed', 'The leader must be an active walker, planner or admin of this area', [
      { path: 'leaderId', message: 'is not a walker, planner or admin of this area' },
    ]);
  }
}

export const idTaken = () => new HttpError(409, 'conflict', 'A walk with this id already exists', [{ path: 'id', message: 'already used' }]);

/**
 * Creates a walk. The same client id again returns the stored walk (created = false), so a phone
 * may retry freely; two concurrent retries insert once (ON CONFLICT), and the loser reads the
 * winner's row.
 */
export async function createWalk(db: Db, caller: AuthContext, input: CreateWalkInput) {
  const id = input.id ?? randomUUID();
  const storedRetry = async (tx: Tx, existing: repo.WalkRecord) => {
    if (!managesAllWalks(caller.role) && existing.createdBy?.id !== caller.userId) throw idTaken();
    return { walk: await walkDetailView(tx, caller, existing), created: false };
  };
  return withArea(db, caller.areaId, async (tx) => {
    const existing = await repo.findWalk(tx, caller.areaId, id);
    if (existing) return storedRetry(tx, existing);
    checkPlannedAt(input.plannedAt);
    const plannedRoute = input.plannedRoute ? toLineString(input.plannedRoute) : null;
    if (plannedRoute) await checkRoute(tx, caller, plannedRoute);
    await checkParticipants(tx, caller, input.participants);
    await checkLeader(tx, caller, input.leaderId);
    const inserted = await repo.insertWalk(tx, {
      id,
      areaId: caller.areaId,
      name: input.name,
      plannedAt: input.plannedAt,
      plannedRoute,
      notes: input.notes?.trim() || null,
      leaderId: input.leaderId === undefined ? caller.userId : input.leaderId,
      createdBy: caller.userId,
    });
    if (!inserted) {
      // A concurrent retry won the insert (READ COMMITTED shows it now), or the id is another area's.
      const raced = await repo.findWalk(tx, caller.areaId, id);
      if (raced) return storedRetry(tx, raced);
      throw idTaken();
    }
    await repo.replaceParticipants(tx, caller.areaId, id, input.participants);
    const walk = (await repo.findWalk(tx, caller.areaId, id))!;
    return { walk: await walkDetailView(tx, caller, walk), created: true };
  });
}

export async function listWalks(db: Db, caller: AuthContext, q: ListWalksQueryInput) {
  const cursor = q.cursor ? decodeTimeIdCursor(q.cursor) : undefined;
  return withArea(db, caller.areaId, async (tx) => {
    const records = await repo.listWalks(tx, caller.areaId, q, cursor);
    const walks = await walkViews(tx, caller, records);
    const last = records[records.length - 1];
    const nextCursor = records.length === q.limit && last ? encodeTimeIdCursor({ at: last.plannedAt, id: last.id }) : null;
    return { walks, nextCursor };
  });
}

export async function getWalk(db: Db, caller: AuthContext, id: string) {
  return withArea(db, caller.areaId, async (tx) => {
    const walk = await repo.findWalk(tx, caller.areaId, id);
    if (!walk) throw HttpError.notFound('Walk');
    return walkDetailView(tx, caller, walk);
  });
}

/** The walk, locked for this transaction, after checking the caller may change it. */
export async function walkToChange(tx: Tx, caller: AuthContext, id: string): Promise<repo.WalkRecord> {
  const walk = await repo.findWalk(tx, caller.areaId, id, { forUpdate: true });
  if (!walk) throw HttpError.notFound('Walk');
  assertMayChangeWalk(caller, walk);
  return walk;
}

/**
 * Changes a walk. Status only moves forward (planned → ongoing → done; the same status again is
 * a no-op, so a re-sent change is harmless); once done, only planners and admins may correct the
 * name, notes, route or participants.
 */
export async function patchWalk(db: Db, caller: AuthContext, id: string, patch: PatchWalkInput) {
  return withArea(db, caller.areaId, async (tx) => {
    const walk = await walkToChange(tx, caller, id);
    const changesContent = Object.entries(patch).some(([key, value]) => value !== undefined && key !== 'status' && key !== 'statusAt');
    if (changesContent) assertOpenForWalker(caller, walk, 'correct it');
    if (patch.plannedAt) checkPlannedAt(patch.plannedAt);
    const plannedRoute = patch.plannedRoute ? toLineString(patch.plannedRoute) : patch.plannedRoute;
    if (plannedRoute) await checkRoute(tx, caller, plannedRoute);
    if (patch.participants) await checkParticipants(tx, caller, patch.participants);
    await checkLeader(tx, caller, patch.leaderId);
    const statusChange = patch.status ? await nextStatus(tx, caller.areaId, walk, patch.status, patch.statusAt) : {};
    await repo.updateWalk(tx, caller.areaId, id, {
      name: patch.name,
      plannedAt: patch.plannedAt,
      plannedRoute,
      notes: patch.notes === undefined ? undefined : patch.notes?.trim() || null,
      leaderId: patch.leaderId,
      ...statusChange,
    });
    if (patch.participants) await repo.replaceParticipants(tx, caller.areaId, id, patch.participants);
    return walkDetailView(tx, caller, (await repo.findWalk(tx, caller.areaId, id))!);
  });
}
