import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import { insertWalkChecks } from '../findings/finding-history.repository';
import type { LineString } from '../shared/geo-types';
import type { RewalkInput } from './walk.schema';
import * as repo from './walks.repository';
import { assertMayChangeWalk, managesAllWalks } from './walk-access';
import { checkLeader, checkPlannedAt, idTaken } from './walks.service';
import { ROUTE_MAX_ACCURACY_METERS } from './track.repository';
import { walkDetailView } from './walk-view';

const REWALK_AFTER_MONTHS = 3;

/** Three months after the original walk, or after today when that has passed already. */
export function defaultRewalkDate(original: repo.WalkRecord, now = new Date()): Date {
  const base = new Date(original.endedAt ?? original.plannedAt);
  const from = base > now ? base : now;
  const at = new Date(from);
  at.setUTCMonth(at.getUTCMonth() + REWALK_AFTER_MONTHS);
  return at;
}

/** The findings a re-walk checks: the original's own and those it checked itself, still open or planned. */
async function unfinishedFindings(tx: Tx, areaId: number, walkId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT f.id FROM findings f
    WHERE f.area_id = ${areaId} AND f.status IN ('open', 'planned')
      AND (f.walk_id = ${walkId}
           OR EXISTS (SELECT 1 FROM walk_checks c WHERE c.area_id = f.area_id AND c.finding_id = f.id AND c.walk_id = ${walkId}))
    ORDER BY f.observed_at, f.id`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/** The route to walk again: the planned one, else the recorded fixes as one simplified line. */
async function routeToRepeat(tx: Tx, areaId: number, original: repo.WalkRecord): Promise<LineString | null> {
  if (original.plannedRoute) return original.plannedRoute;
  const result = await sql<{ route: string | null }>`
    SELECT ST_AsGeoJSON(ST_Simplify(ST_MakeLine(geom ORDER BY recorded_at), 0.00002), 7) AS route
    FROM walk_track_points
    WHERE area_id = ${areaId} AND walk_id = ${original.id} AND (accuracy_m IS NULL OR accuracy_m <= ${ROUTE_MAX_ACCURACY_METERS})
    HAVING count(*) >= 2`.execute(tx);
  const route = result.rows[0]?.route;
  return route ? (JSON.parse(route) as LineString) : null;
}

/**
 * Plans the re-walk of a done walk: same route and participants, and a check list of every
 * finding not yet fixed or closed, for the walkers to mark fixed or not on site. Idempotent by
 * the client id like POST /walks.
 */
export async function createRewalk(db: Db, caller: AuthContext, originalId: string, input: RewalkInput) {
  const id = input.id ?? randomUUID();
  return withArea(db, caller.areaId, async (tx) => {
    const original = await repo.findWalk(tx, caller.areaId, originalId, { forUpdate: true });
    if (!original) throw HttpError.notFound('Walk');
    const existing = await repo.findWalk(tx, caller.areaId, id);
    if (existing) {
      if (existing.rewalkOf !== originalId || (!managesAllWalks(caller.role) && existing.createdBy?.id !== caller.userId)) throw idTaken();
      return { walk: await walkDetailView(tx, caller, existing), created: false };
    }
    assertMayChangeWalk(caller, original);
    if (original.status !== 'done') {
      throw new HttpError(409, 'conflict', 'Only a done walk can be re-walked', [{ path: 'status', message: `the walk is ${original.status}; finish it first` }]);
    }
    const plannedAt = input.plannedAt ?? defaultRewalkDate(original);
    checkPlannedAt(plannedAt);
    await checkLeader(tx, caller, input.leaderId);
    const inserted = await repo.insertWalk(tx, {
      id,
      areaId: caller.areaId,
      name: input.name ?? `${original.name} – återbesök`.slice(0, 200),
      plannedAt,
      plannedRoute: await routeToRepeat(tx, caller.areaId, original),
      notes: null,
      leaderId: input.leaderId === undefined ? (original.leader?.id ?? caller.userId) : input.leaderId,
      createdBy: caller.userId,
      rewalkOf: originalId,
    });
    // The original is locked, so a concurrent retry waits above and then finds this walk; a
    // conflict here is an id of another area.
    if (!inserted) throw idTaken();
    const participants = (await repo.listParticipants(tx, caller.areaId, [originalId])).get(originalId)!;
    await repo.replaceParticipants(
      tx,
      caller.areaId,
      id,
      participants.map((p) => ({ organisationId: p.organisationId ?? undefined, name: p.name ?? undefined })),
    );
    await insertWalkChecks(tx, caller.areaId, id, await unfinishedFindings(tx, caller.areaId, originalId));
    return { walk: await walkDetailView(tx, caller, (await repo.findWalk(tx, caller.areaId, id))!), created: true };
  });
}
