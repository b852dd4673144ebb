import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { ReportStatus } from '../db/schema';

type Conn = Db | Tx;

/** One change of a report's status and/or category, as the detail view shows it. */
export interface TriageEntry {
  at: string;
  user: { id: number; name: string } | null;
  statusFrom: ReportStatus | null;
  statusTo: ReportStatus | null;
  categoryFrom: string | null;
  categoryTo: string | null;
}

export interface NewTriageEntry {
  reportId: string;
  userId: number;
  statusFrom: ReportStatus | null;
  statusTo: ReportStatus | null;
  categoryFrom: string | null;
  categoryTo: string | null;
}

export async function insertTriageEntries(db: Conn, areaId: number, entries: readonly NewTriageEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('report_triage')
    .values(
      entries.map((e) => ({
        area_id: areaId,
        report_id: e.reportId,
        user_id: e.userId,
        status_from: e.statusFrom,
        status_to: e.statusTo,
        category_from: e.categoryFrom,
        category_to: e.categoryTo,
      })),
    )
    .execute();
}

/** A report's triage history, oldest first, with the name of who made each change (null once that account is gone). */
export async function listTriage(db: Conn, areaId: number, reportId: string): Promise<TriageEntry[]> {
  const rows = await db
    .selectFrom('report_triage as t')
    .leftJoin('users as u', (join) => join.onRef('u.area_id', '=', 't.area_id').onRef('u.id', '=', 't.user_id'))
    .select(['t.at', 't.user_id', 'u.name', 't.status_from', 't.status_to', 't.category_from', 't.category_to'])
    .where('t.area_id', '=', areaId)
    .where('t.report_id', '=', reportId)
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    at: r.at.toISOString(),
    user: r.user_id !== null && r.name !== null ? { id: r.user_id, name: r.name } : null,
    statusFrom: r.status_from,
    statusTo: r.status_to,
    categoryFrom: r.category_from,
    categoryTo: r.category_to,
  }));
}
