import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { seesAllReports } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import * as repo from './reports.repository';
import { refuseFindingMirror } from './finding-mirror-guard';
import { insertTriageEntries, listTriage, type NewTriageEntry } from './report-triage.repository';
import type { BulkTriageInput, PatchReportInput } from './report.schema';

async function ensureCategory(tx: Tx, areaId: number, category: string | undefined) {
  if (category && !(await repo.categoryExists(tx, areaId, category))) {
    throw HttpError.unprocessable('unknown_category', `Unknown category ${category}`, [{ path: 'category', message: 'is not a report category of this area' }]);
  }
}

/**
 * Applies one triage decision to reports already locked: only those it changes are written, and
 * each change is recorded in the triage history in the same transaction. A walk finding's mirror
 * report changes category only through /findings (issue 5); `pathOf` names it in the refusal.
 */
async function applyTriage(
  tx: Tx,
  caller: AuthContext,
  current: { id: string; status: repo.Report['status']; category: string; source: repo.Report['source'] }[],
  patch: PatchReportInput,
  pathOf: (id: string) => string,
): Promise<number> {
  if (patch.category !== undefined) for (const r of current) refuseFindingMirror(r, pathOf(r.id));
  const entries: NewTriageEntry[] = current
    .map((r) => ({
      reportId: r.id,
      userId: caller.userId,
      statusFrom: patch.status !== undefined && patch.status !== r.status ? r.status : null,
      statusTo: patch.status !== undefined && patch.status !== r.status ? patch.status : null,
      categoryFrom: patch.category !== undefined && patch.category !== r.category ? r.category : null,
      categoryTo: patch.category !== undefined && patch.category !== r.category ? patch.category : null,
    }))
    .filter((e) => e.statusTo !== null || e.categoryTo !== null);
  await repo.updateReports(tx, caller.areaId, entries.map((e) => e.reportId), patch);
  await insertTriageEntries(tx, caller.areaId, entries);
  return entries.length;
}

/** Status and/or category of one report (planner, admin). Setting what is already there changes nothing. */
export async function patchReport(db: Db, caller: AuthContext, id: string, patch: PatchReportInput) {
  return withArea(db, caller.areaId, async (tx) => {
    await ensureCategory(tx, caller.areaId, patch.category);
    const [current] = await repo.lockTriageState(tx, caller.areaId, [id]);
    if (!current) throw HttpError.notFound('Report');
    await applyTriage(tx, caller, [current], patch, () => 'category');
    return (await repo.findReport(tx, caller.areaId, id))!;
  });
}

/**
 * One decision for many reports ("mark the selected rows reviewed"), all or nothing: an id that
 * is not a report of the area refuses the whole request, naming it.
 */
export async function bulkTriage(db: Db, caller: AuthContext, input: BulkTriageInput) {
  const ids = [...new Set(input.ids)];
  const { ids: _ids, ...patch } = input;
  return withArea(db, caller.areaId, async (tx) => {
    await ensureCategory(tx, caller.areaId, patch.category);
    const current = await repo.lockTriageState(tx, caller.areaId, ids);
    if (current.length < ids.length) {
      const found = new Set(current.map((r) => r.id));
      const details = input.ids.flatMap((id, i) => (found.has(id) ? [] : [{ path: `ids.${i}`, message: 'is not a report in your area' }]));
      throw HttpError.unprocessable('validation_failed', `${details.length} of the reports were not found; nothing was changed`, details);
    }
    const updated = await applyTriage(tx, caller, current, patch, (id) => `ids.${input.ids.indexOf(id)}`);
    return { updated, unchanged: ids.length - updated, ids };
  });
}

/** Who changed the report's status or category, and when (analyst roles; reporters see the status itself). */
export async function triageHistory(db: Db, caller: AuthContext, id: string) {
  if (!seesAllReports(caller.role)) throw HttpError.forbidden();
  return withArea(db, caller.areaId, async (tx) => {
    if (!(await repo.findReport(tx, caller.areaId, id))) throw HttpError.notFound('Report');
    return listTriage(tx, caller.areaId, id);
  });
}
