import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { CheckResult, FindingEventAction, FindingStatus } from '../db/schema';
import type { PersonRef } from '../walks/walks.repository';

type Conn = Db | Tx;

/** One entry of a finding's history: who changed what, and when. */
export interface FindingEvent {
  at: string;
  by: PersonRef | null;
  action: FindingEventAction;
  fromStatus: FindingStatus | null;
  toStatus: FindingStatus | null;
  owner: string | null;
  dueDate: string | null;
  comment: string | null;
  changes: Record<string, [unknown, unknown]> | null;
  walkId: string | null;
}

export interface NewFindingEvent {
  areaId: number;
  findingId: string;
  userId: number;
  action: FindingEventAction;
  fromStatus?: FindingStatus | null;
  toStatus?: FindingStatus | null;
  owner?: string | null;
  dueDate?: string | null;
  comment?: string | null;
  changes?: Record<string, [unknown, unknown]> | null;
  walkId?: string | null;
}

export async function insertFindingEvent(db: Conn, e: NewFindingEvent): Promise<void> {
  await sql`
    INSERT INTO finding_events (area_id, finding_id, user_id, action, from_status, to_status, owner, due_date, comment, changes, walk_id)
    VALUES (${e.areaId}, ${e.findingId}, ${e.userId}, ${e.action}, ${e.fromStatus ?? null}, ${e.toStatus ?? null},
            ${e.owner ?? null}, ${e.dueDate ?? null}::date, ${e.comment ?? null},
            ${e.changes ? JSON.stringify(e.changes) : null}::jsonb, ${e.walkId ?? null}::uuid)`.execute(db);
}

/** Histories of these findings, oldest first. */
export async function listFindingEvents(db: Conn, areaId: number, findingIds: readonly string[]): Promise<Map<string, FindingEvent[]>> {
  const byFinding = new Map<string, FindingEvent[]>(findingIds.map((id) => [id, []]));
  if (findingIds.length === 0) return byFinding;
  const result = await sql<{
    finding_id: string;
    at: Date;
    user_id: number | null;
    user_name: string | null;
    action: FindingEventAction;
    from_status: FindingStatus | null;
    to_status: FindingStatus | null;
    owner: string | null;
    due_date: string | null;
    comment: string | null;
    changes: string | null;
    walk_id: string | null;
  }>`
    SELECT e.finding_id, e.at, e.user_id, u.name AS user_name, e.action, e.from_status, e.to_status, e.owner,
           e.due_date::text AS due_date, e.comment, e.changes::text AS changes, e.walk_id
    FROM finding_events e LEFT JOIN users u ON u.area_id = e.area_id AND u.id = e.user_id
    WHERE e.area_id = ${areaId} AND e.finding_id IN (${sql.join(findingIds)})
    ORDER BY e.finding_id, e.id`.execute(db);
  for (const r of result.rows) {
    byFinding.get(r.finding_id)?.push({
      at: new Date(r.at).toISOString(),
      by: r.user_id === null ? null : { id: r.user_id, name: r.user_name ?? '' },
      action: r.action,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      owner: r.owner,
      dueDate: r.due_date,
      comment: r.comment,
      changes: r.changes ? JSON.parse(r.changes) : null,
      walkId: r.walk_id,
    });
  }
  return byFinding;
}

/** A finding a re-walk checks, with what the walk found. */
export interface WalkCheck {
  walkId: string;
  walkName: string;
  walkStatus: string;
  findingId: string;
  result: CheckResult | null;
  checkedAt: string | null;
}

export async function insertWalkChecks(db: Conn, areaId: number, walkId: string, findingIds: readonly string[]): Promise<void> {
  if (findingIds.length === 0) return;
  await db
    .insertInto('walk_checks')
    .values(findingIds.map((findingId) => ({ area_id: areaId, walk_id: walkId, finding_id: findingId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Checks on the given walks (a re-walk's list) or of the given findings (where each was checked). */
export async function listWalkChecks(db: Conn, areaId: number, by: { walkIds?: readonly string[]; findingIds?: readonly string[] }): Promise<WalkCheck[]> {
  const ids = by.walkIds ?? by.findingIds ?? [];
  if (ids.length === 0) return [];
  const column = by.walkIds ? sql`c.walk_id` : sql`c.finding_id`;
  const result = await sql<{ walk_id: string; walk_name: string; walk_status: string; finding_id: string; result: CheckResult | null; checked_at: Date | null }>`
    SELECT c.walk_id, w.name AS walk_name, w.status AS walk_status, c.finding_id, c.result, c.checked_at
    FROM walk_checks c JOIN walks w ON w.area_id = c.area_id AND w.id = c.walk_id
    JOIN findings f ON f.area_id = c.area_id AND f.id = c.finding_id
    WHERE c.area_id = ${areaId} AND ${column} IN (${sql.join(ids)})
    ORDER BY w.planned_at, f.observed_at, c.finding_id`.execute(db);
  return result.rows.map((r) => ({
    walkId: r.walk_id,
    walkName: r.walk_name,
    walkStatus: r.walk_status,
    findingId: r.finding_id,
    result: r.result,
    checkedAt: r.checked_at ? new Date(r.checked_at).toISOString() : null,
  }));
}

export async function recordCheck(db: Conn, areaId: number, walkId: string, findingId: string, result: CheckResult, userId: number): Promise<void> {
  await db
    .updateTable('walk_checks')
    .set({ result, checked_at: sql`now()` as unknown as Date, checked_by: userId })
    .where('area_id', '=', areaId)
    .where('walk_id', '=', walkId)
    .where('finding_id', '=', findingId)
    .execute();
}

/** The ongoing walks that check this finding (a re-walk under way). */
export async function ongoingCheckingWalkIds(db: Conn, areaId: number, findingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('walk_checks as c')
    .innerJoin('walks as w', (j) => j.onRef('w.area_id', '=', 'c.area_id').onRef('w.id', '=', 'c.walk_id'))
    .select('c.walk_id')
    .where('c.area_id', '=', areaId)
    .where('c.finding_id', '=', findingId)
    .where('w.status', '=', 'ongoing')
    .orderBy('c.walk_id')
    .execute();
  return rows.map((r) => r.walk_id);
}
