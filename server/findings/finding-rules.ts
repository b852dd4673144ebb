import type { AuthContext } from '../auth/auth-context';
import type { FindingStatus } from '../db/schema';
import { HttpError } from '../http/errors';
import { assertOpenForWalker, leadsWalk, managesAllWalks } from '../walks/walk-access';
import type { WalkRecord } from '../walks/walks.repository';
import type { PatchFindingInput } from './finding.schema';

/**
 * Who may do what with a finding (issue 5 item 4):
 *  - planners and admins: everything, at any time (they run the follow-up meeting and correct
 *    the record);
 *  - the walker who leads the finding's walk: record and correct findings while the walk is not
 *    done; follow them up (owner, deadline, comment, open ↔ planned) at any time;
 *  - the walker who leads an ongoing re-walk that checks the finding: mark it fixed or not fixed
 *    on site (that is what the re-walk is for), and comment;
 *  - closing as wont-fix, and reopening a closed finding, is a decision of the follow-up meeting:
 *    planners and admins only.
 */
export interface FindingContext {
  /** The walk the finding was recorded on. */
  walk: Pick<WalkRecord, 'leader' | 'createdBy' | 'status'>;
  /** Ongoing re-walks checking this finding that the caller leads (any, for planners). */
  checkingWalks: readonly Pick<WalkRecord, 'id' | 'leader' | 'createdBy'>[];
}

const CORRECTIONS = ['category', 'location', 'priority', 'description', 'proposedFix', 'responsible', 'responsibleName'] as const;
const FOLLOW_UP = ['owner', 'dueDate'] as const;
const CLOSED: readonly FindingStatus[] = ['fixed', 'wont-fix'];

const forbidden = (path: string, message: string) => new HttpError(403, 'forbidden', message, [{ path, message }]);

/** Throws 403 (naming the field) or 409 when the caller may not make this change; returns nothing when allowed. */
export function assertMayPatchFinding(caller: AuthContext, current: { status: FindingStatus }, ctx: FindingContext, patch: PatchFindingInput): void {
  if (managesAllWalks(caller.role)) return;
  const leadsOwnWalk = caller.role === 'walker' && leadsWalk(caller, ctx.walk);
  const checksOnSite = caller.role === 'walker' && ctx.checkingWalks.some((w) => leadsWalk(caller, w));
  if (!leadsOwnWalk && !checksOnSite) throw HttpError.forbidden("This finding belongs to someone else's walk: only its leader, a planner or an admin may change it");

  const corrections = CORRECTIONS.filter((field) => patch[field] !== undefined);
  if (corrections.length) {
    if (!leadsOwnWalk) throw forbidden(corrections[0]!, 'only the leader of the walk that recorded it, a planner or an admin may correct a finding');
    assertOpenForWalker(caller, ctx.walk, 'correct its findings', corrections[0]!);
  }
  const followUp = FOLLOW_UP.filter((field) => patch[field] !== undefined);
  if (followUp.length && !leadsOwnWalk) throw forbidden(followUp[0]!, 'only the leader of the walk, a planner or an admin may set the owner and deadline');

  const to = patch.status;
  if (to === undefined || to === current.status) return;
  if (CLOSED.includes(current.status)) throw forbidden('status', `the finding is ${current.status}: only a planner or an admin may reopen it`);
  if (to === 'wont-fix') throw forbidden('status', 'only a planner or an admin may close a finding as wont-fix');
  if (to === 'fixed' && !checksOnSite) throw forbidden('status', 'a walker marks a finding fixed on the re-walk that checks it; otherwise a planner or an admin closes it');
  if (to === 'planned' && !leadsOwnWalk) throw forbidden('status', 'only the leader of the walk, a planner or an admin may plan the fix');
}

/** May the caller record findings on (or delete findings of) this walk? 403/409 otherwise. */
export function assertMayRecordOn(caller: AuthContext, walk: Pick<WalkRecord, 'leader' | 'createdBy' | 'status'>): void {
  if (managesAllWalks(caller.role)) return;
  if (!(caller.role === 'walker' && leadsWalk(caller, walk))) {
    throw HttpError.forbidden("This walk is led by someone else: only its leader, a planner or an admin may record findings on it");
  }
  assertOpenForWalker(caller, walk, 'add or remove findings');
}
