import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { listTokens } from '../auth/tokens.repository';
import { listAuditEntries } from '../audit/audit.repository';
import { HttpError } from '../http/errors';
import * as reportsRepo from '../reports/reports.repository';
import { listReports } from '../reports/report-list.repository';
import { DEFAULT_SORT, type Cursor } from '../reports/report-sort';
import { findProfile, listSessions } from './me.repository';
import { logsCreatedBy } from '../patrols/patrol-logs.repository';
import { listConfirmationsBy } from '../reports/similar.repository';
import { findingsRecordedBy } from '../findings/findings.repository';
import { photosUploadedBy } from '../photos/photos.repository';

const PAGE = 1000;

/**
 * Everything stored about the calling user and everything they submitted (GDPR art. 15): the
 * profile, their reports with every field, the safety-walk findings they recorded, the photos they
 * uploaded, their patrol logs (tracks and stops), their API tokens' and sessions' metadata and
 * their audit trail. Never a password hash, token hash or session hash. One transaction, so the
 * parts agree with each other.
 */
export async function exportMyData(db: Db, caller: AuthContext) {
  return withArea(db, caller.areaId, async (tx) => {
    const user = await findProfile(tx, caller.areaId, caller.userId);
    if (!user) throw HttpError.notFound('User');
    return {
      exportedAt: new Date().toISOString(),
      user,
      reports: await allReportsBy(tx, caller),
      patrolLogs: await logsCreatedBy(tx, caller.areaId, caller.userId),
      confirmations: await listConfirmationsBy(tx, caller.areaId, caller.userId),
      // Safety-walk findings they recorded, and every photo they uploaded (download each by its url).
      findings: await findingsRecordedBy(tx, caller.areaId, caller.userId),
      photos: await photosUploadedBy(tx, caller.areaId, caller.userId),
      apiTokens: (await listTokens(tx, caller.areaId, caller.userId)).map(({ userId: _userId, ...token }) => token),
      sessions: await listSessions(tx, caller.areaId, caller.userId),
      auditTrail: await listAuditEntries(tx, caller.areaId, { userId: caller.userId }),
    };
  });
}

/** The reports the user submitted, newest first, through the same query and mapping as GET /reports. */
async function allReportsBy(tx: Tx, caller: AuthContext): Promise<reportsRepo.Report[]> {
  const all: reportsRepo.Report[] = [];
  let cursor: Cursor | undefined;
  for (;;) {
    const page = await listReports(tx, caller.areaId, { limit: PAGE, sort: DEFAULT_SORT }, { reporterId: caller.userId, cursor });
    all.push(...page.reports);
    const last = page.reports[page.reports.length - 1];
    if (page.reports.length < PAGE || !last || page.lastKey === null) return all;
    cursor = { sort: DEFAULT_SORT, key: page.lastKey, id: last.id };
  }
}
