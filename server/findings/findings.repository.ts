import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { FindingStatus, Responsible } from '../db/schema';
import { descendantRange } from '../h3/cells';
import type { TimeIdCursor } from '../shared/paging-cursor';
import type { PersonRef } from '../walks/walks.repository';
import type { ListFindingsFilter } from './finding.schema';

type Conn = Db | Tx;

/** A finding as stored, before photos and history are attached. */
export interface FindingRecord {
  id: string;
  walkId: string;
  walkName: string;
  category: string;
  location: { type: 'Point'; coordinates: [number, number] };
  priority: number;
  description: string | null;
  proposedFix: string | null;
  responsible: Responsible;
  responsibleName: string | null;
  status: FindingStatus;
  owner: string | null;
  dueDate: string | null;
  overdue: boolean;
  observedAt: string;
  createdBy: PersonRef | null;
  createdAt: string;
  updatedAt: string;
  historyCount: number;
}

interface FindingRow {
  id: string;
  walk_id: string;
  walk_name: string;
  category: string;
  lng: number;
  lat: number;
  priority: number;
  description: string | null;
  proposed_fix: string | null;
  responsible: Responsible;
  responsible_name: string | null;
  status: FindingStatus;
  owner: string | null;
  due_date: string | null;
  overdue: boolean;
  observed_at: Date;
  created_by: number | null;
  creator_name: string | null;
  created_at: Date;
  updated_at: Date;
  history_count: number;
}

function rowToFinding(r: FindingRow): FindingRecord {
  return {
    id: r.id,
    walkId: r.walk_id,
    walkName: r.walk_name,
    category: r.category,
    location: { type: 'Point', coordinates: [Number(r.lng), Number(r.lat)] },
    priority: Number(r.priority),
    description: r.description,
    proposedFix: r.proposed_fix,
    responsible: r.responsible,
    responsibleName: r.responsible_name,
    status: r.status,
    owner: r.owner,
    dueDate: r.due_date,
    overdue: r.overdue,
    observedAt: new Date(r.observed_at).toISOString(),
    createdBy: r.created_by === null ? null : { id: r.created_by, name: r.creator_name ?? '' },
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    historyCount: Number(r.history_count),
  };
}

/**
 * Overdue: the due date has passed in the area's own time zone (a deadline is a calendar day
 * there) and nobody has closed the finding.
 */
const OVERDUE = sql<boolean>`(f.due_date IS NOT NULL AND f.status IN ('open', 'planned') AND f.due_date < (now() AT TIME ZONE a.timezone)::date)`;

function findingQuery(areaId: number, where: RawBuilder<SqlBool>, tail: RawBuilder<unknown> = sql``) {
  return sql<FindingRow>`
    SELECT f.id, f.walk_id, w.name AS walk_name, f.category, ST_X(f.geom) AS lng, ST_Y(f.geom) AS lat,
           f.priority, f.description, f.proposed_fix, f.responsible, f.responsible_name, f.status, f.owner,
           f.due_date::text AS due_date, ${OVERDUE} AS overdue, f.observed_at, f.created_by, u.name AS creator_name,
           f.created_at, f.updated_at,
           (SELECT count(*)::int FROM finding_events e WHERE e.area_id = f.area_id AND e.finding_id = f.id) AS history_count
    FROM findings f
    JOIN walks w ON w.area_id = f.area_id AND w.id = f.walk_id
    JOIN areas a ON a.id = f.area_id
    LEFT JOIN users u ON u.area_id = f.area_id AND u.id = f.created_by
    WHERE f.area_id = ${areaId} AND ${where}
    ${tail}`;
}

export async function findFinding(db: Conn, areaId: number, id: string, opts: { forUpdate?: boolean } = {}): Promise<FindingRecord | undefined> {
  if (opts.forUpdate) {
    await db.selectFrom('findings').select('id').where('area_id', '=', areaId).where('id', '=', id).forUpdate().execute();
  }
  const result = await findingQuery(areaId, sql<SqlBool>`f.id = ${id}`).execute(db);
  return result.rows[0] ? rowToFinding(result.rows[0]) : undefined;
}

export async function findFindings(db: Conn, areaId: number, ids: readonly string[]): Promise<FindingRecord[]> {
  if (ids.length === 0) return [];
  const result = await findingQuery(areaId, sql<SqlBool>`f.id IN (${sql.join(ids)})`, sql`ORDER BY f.observed_at, f.id`).execute(db);
  return result.rows.map(rowToFinding);
}

/** Every finding the user recorded, oldest first (their GDPR export). */
export async function findingsRecordedBy(db: Conn, areaId: number, userId: number): Promise<FindingRecord[]> {
  const result = await findingQuery(areaId, sql<SqlBool>`f.created_by = ${userId}`, sql`ORDER BY f.observed_at, f.id`).execute(db);
  return result.rows.map(rowToFinding);
}

export async function listFindings(db: Conn, areaId: number, f: ListFindingsFilter, cursor?: TimeIdCursor): Promise<FindingRecord[]> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.status) parts.push(sql`f.status IN (${sql.join(f.status)})`);
  if (f.responsible) parts.push(sql`f.responsible IN (${sql.join(f.responsible)})`);
  if (f.overdue !== undefined) parts.push(f.overdue ? OVERDUE : sql`NOT ${OVERDUE}`);
  if (f.walk) parts.push(sql`f.walk_id = ${f.walk}`);
  if (f.categories) parts.push(sql`f.category IN (${sql.join(f.categories)})`);
  if (f.bbox) {
    const [w, s, e, n] = f.bbox;
    parts.push(sql`f.geom && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`);
  }
  if (f.cell) {
    // The mirror report holds the finding's res-15 cell: the same cells the hotspot map counts.
    const { lo, hi } = descendantRange(f.cell);
    parts.push(sql`EXISTS (SELECT 1 FROM reports r WHERE r.area_id = f.area_id AND r.id = f.id AND r.h3 BETWEEN ${lo.toString()} AND ${hi.toString()})`);
  }
  if (cursor) {
    parts.push(sql`(f.observed_at < ${new Date(cursor.at)} OR (f.observed_at = ${new Date(cursor.at)} AND f.id < ${cursor.id}))`);
  }
  const result = await findingQuery(areaId, sql<SqlBool>`${sql.join(parts, sql` AND `)}`, sql`ORDER BY f.observed_at DESC, f.id DESC LIMIT ${f.limit}`).execute(db);
  return result.rows.map(rowToFinding);
}

export interface NewFinding {
  id: string;
  areaId: number;
  walkId: string;
  category: string;
  lng: number;
  lat: number;
  priority: number;
  description: string | null;
  proposedFix: string | null;
  responsible: Responsible;
  responsibleName: string | null;
  observedAt: Date;
  createdBy: number;
}

export async function insertFinding(db: Conn, f: NewFinding): Promise<void> {
  await db
    .insertInto('findings')
    .values({
      area_id: f.areaId,
      id: f.id,
      walk_id: f.walkId,
      category: f.category,
      geom: sql`ST_SetSRID(ST_MakePoint(${f.lng}, ${f.lat}), 4326)`,
      priority: f.priority,
      description: f.description,
      proposed_fix: f.proposedFix,
      responsible: f.responsible,
      responsible_name: f.responsibleName,
      observed_at: f.observedAt,
      created_by: f.createdBy,
    })
    .execute();
}

export interface FindingChanges {
  status?: FindingStatus;
  owner?: string | null;
  dueDate?: string | null;
  category?: string;
  location?: [number, number];
  priority?: number;
  description?: string | null;
  proposedFix?: string | null;
  responsible?: Responsible;
  responsibleName?: string | null;
}

export async function updateFinding(db: Conn, areaId: number, id: string, c: FindingChanges): Promise<void> {
  await db
    .updateTable('findings')
    .set({
      ...(c.status !== undefined && { status: c.status }),
      ...(c.owner !== undefined && { owner: c.owner }),
      ...(c.dueDate !== undefined && { due_date: c.dueDate }),
      ...(c.category !== undefined && { category: c.category }),
      ...(c.location !== undefined && { geom: sql`ST_SetSRID(ST_MakePoint(${c.location[0]}, ${c.location[1]}), 4326)` }),
      ...(c.priority !== undefined && { priority: c.priority }),
      ...(c.description !== undefined && { description: c.description }),
      ...(c.proposedFix !== undefined && { proposed_fix: c.proposedFix }),
      ...(c.responsible !== undefined && { responsible: c.responsible }),
      ...(c.responsibleName !== undefined && { responsible_name: c.responsibleName }),
      updated_at: sql`now()` as unknown as Date,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .execute();
}

/** Deleting the finding deletes its mirror report, events, checks and photos (see migration 0009). */
export async function deleteFinding(db: Conn, areaId: number, id: string): Promise<boolean> {
  const result = await db.deleteFrom('findings').where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface FindingsSummary {
  total: number;
  open: number;
  planned: number;
  fixed: number;
  wontFix: number;
  overdue: number;
}

const NO_FINDINGS: FindingsSummary = { total: 0, open: 0, planned: 0, fixed: 0, wontFix: 0, overdue: 0 };

export async function findingSummaries(db: Conn, areaId: number, walkIds: readonly string[]): Promise<Map<string, FindingsSummary>> {
  const byWalk = new Map<string, FindingsSummary>(walkIds.map((id) => [id, { ...NO_FINDINGS }]));
  if (walkIds.length === 0) return byWalk;
  const result = await sql<FindingsSummary & { walk_id: string }>`
    SELECT f.walk_id, count(*)::int AS total,
           count(*) FILTER (WHERE f.status = 'open')::int AS open,
           count(*) FILTER (WHERE f.status = 'planned')::int AS planned,
           count(*) FILTER (WHERE f.status = 'fixed')::int AS fixed,
           count(*) FILTER (WHERE f.status = 'wont-fix')::int AS "wontFix",
           count(*) FILTER (WHERE ${OVERDUE})::int AS overdue
    FROM findings f JOIN areas a ON a.id = f.area_id
    WHERE f.area_id = ${areaId} AND f.walk_id IN (${sql.join(walkIds)})
    GROUP BY f.walk_id`.execute(db);
  for (const { walk_id, ...summary } of result.rows) byWalk.set(walk_id, summary);
  return byWalk;
}
