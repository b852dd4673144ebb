import type { Tx } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { findFindings, findingSummaries, type FindingRecord, type FindingsSummary } from '../findings/findings.repository';
import { listWalkChecks, type WalkCheck } from '../findings/finding-history.repository';
import { trackSummaries, type TrackSummary } from './track.repository';
import { listParticipants, type Participant, type WalkRecord } from './walks.repository';
import { mayChangeWalk } from './walk-access';

/** A walk as the API shows it. */
export interface Walk extends WalkRecord {
  participants: Participant[];
  findings: FindingsSummary;
  track: Omit<TrackSummary, 'route'>;
  /** Whether the caller may change it (the UI greys out what they may not). */
  canEdit: boolean;
}

/** The detail adds the walked route and, for a re-walk, the findings it checks. */
export interface WalkDetail extends Walk {
  recordedRoute: TrackSummary['route'];
  checks: (Omit<WalkCheck, 'walkId' | 'walkName' | 'walkStatus'> & { finding: FindingRecord })[];
}

/** Attaches participants, the findings summary and the track summary to each walk (one query each). */
export async function walkViews(tx: Tx, caller: AuthContext, walks: WalkRecord[]): Promise<Walk[]> {
  return (await viewsWithRoutes(tx, caller, walks, false)).map(({ view }) => view);
}

/** walkViews, and each walk's recorded route when `withRoute` (the same track query computes both). */
async function viewsWithRoutes(tx: Tx, caller: AuthContext, walks: WalkRecord[], withRoute: boolean) {
  const ids = walks.map((w) => w.id);
  // One after another: a transaction is one connection, so parallel queries would only queue.
  const participants = await listParticipants(tx, caller.areaId, ids);
  const findings = await findingSummaries(tx, caller.areaId, ids);
  const tracks = await trackSummaries(tx, caller.areaId, ids, withRoute);
  return walks.map((w) => {
    const { route, ...track } = tracks.get(w.id)!;
    const view: Walk = { ...w, participants: participants.get(w.id)!, findings: findings.get(w.id)!, track, canEdit: mayChangeWalk(caller, w) };
    return { view, route };
  });
}

export async function walkDetailView(tx: Tx, caller: AuthContext, walk: WalkRecord): Promise<WalkDetail> {
  const { view, route } = (await viewsWithRoutes(tx, caller, [walk], true))[0]!;
  const checks = await listWalkChecks(tx, caller.areaId, { walkIds: [walk.id] });
  const checked = new Map((await findFindings(tx, caller.areaId, checks.map((c) => c.findingId))).map((f) => [f.id, f]));
  return {
    ...view,
    recordedRoute: route,
    checks: checks.map(({ walkId: _w, walkName: _n, walkStatus: _s, ...check }) => ({ ...check, finding: checked.get(check.findingId)! })),
  };
}
