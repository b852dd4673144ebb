import type { AuthContext } from '../auth/auth-context';
import type { Role } from '../db/schema';
import { HttpError } from '../http/errors';
import type { WalkRecord } from './walks.repository';

/**
 * Who may change a walk. Every walk reader (walkers, planners, analysts, admins) sees every walk
 * of the area: walks are planned together and their findings are about places, not people. A
 * walker changes (status, track, findings, re-walk) only the walks they lead or created; planners
 * and admins run the follow-up for the whole area and may change any walk.
 */
export function managesAllWalks(role: Role): boolean {
  return role === 'planner' || role === 'admin';
}

export function leadsWalk(caller: AuthContext, walk: Pick<WalkRecord, 'leader' | 'createdBy'>): boolean {
  return walk.leader?.id === caller.userId || walk.createdBy?.id === caller.userId;
}

export function mayChangeWalk(caller: AuthContext, walk: Pick<WalkRecord, 'leader' | 'createdBy'>): boolean {
  return managesAllWalks(caller.role) || (caller.role === 'walker' && leadsWalk(caller, walk));
}

export function assertMayChangeWalk(caller: AuthContext, walk: Pick<WalkRecord, 'leader' | 'createdBy'>): void {
  if (!mayChangeWalk(caller, walk)) {
    throw HttpError.forbidden('This walk is led by someone else: only its leader, a planner or an admin may change it');
  }
}

/**
 * A done walk is the record of what happened: its leader may no longer change it, planners may
 * correct it. 409 "only a planner or an admin may <what> now", naming `path` (the status, or the field).
 */
export function assertOpenForWalker(caller: AuthContext, walk: Pick<WalkRecord, 'status'>, what: string, path = 'status'): void {
  if (walk.status === 'done' && !managesAllWalks(caller.role)) {
    throw new HttpError(409, 'conflict', `The walk is done: only a planner or an admin may ${what} now`, [{ path, message: 'the walk is done' }]);
  }
}
