import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { ListLogsFilter } from './patrol-log.schema';
import type { TimeIdCursor } from '../shared/paging-cursor';

type Conn = Db | Tx;

type LogGeometry = { type: 'LineString'; coordinates: number[][] } | { type: 'Point'; coordinates: number[] };

export interface PatrolLog {
  id: string;
  planId: string | null;
  unit: string;
  startedAt: string;
  endedAt: string;
  durationMinutes: number;
  track: LogGeometry | null;
  location: LogGeometry | null;
  createdBy: number | null;
  createdAt: string;
}

interface LogRow {
  id: string;
  plan_id: string | null;
  unit: string;
  started_at: Date;
  ended_at: Date;
  geometry: string;
  created_by: number | null;
  created_at: Date;
}

function rowToLog(r: LogRow): PatrolLog {
  const geometry = JSON.parse(r.geometry) as LogGeometry;
  return {
    id: r.id,
    planId: r.plan_id,
    unit: r.unit,
    startedAt: r.started_at.toISOString(),
    endedAt: r.ended_at.toISOString(),
    durationMinutes: Math.round((r.ended_at.getTime() - r.started_at.getTime()) / 6_000) / 10,
    track: geometry.type === 'LineString' ? geometry : null,
    location: geometry.type === 'Point' ? geometry : null,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
  };
}

const logColumns = sql`l.id, l.plan_id, l.unit, l.started_at, l.ended_at, ST_AsGeoJSON(l.geom, 7) AS geometry, l.created_by, l.created_at`;

export async function findLog(db: Conn, areaId: number, id: string): Promise<PatrolLog | undefined> {
  const result = await sql<LogRow>`SELECT ${logColumns} FROM patrol_logs l WHERE l.area_id = ${areaId} AND l.id = ${id}`.execute(db);
  return result.rows[0] && rowToLog(result.rows[0]);
}

export interface NewLog {
  areaId: number;
  id: string;
  planId: string | null;
  unit: string;
  startedAt: Date;
  endedAt: Date;
  geojson: string;
  createdBy: number;
}

/** Inserts unless the id exists (anywhere); returns whether a row was written. */
export async function insertLog(db: Conn, l: NewLog): Promise<boolean> {
  const result = await db
    .insertInto('patrol_logs')
    .values({
      area_id: l.areaId,
      id: l.id,
      plan_id: l.planId,
      unit: l.unit,
      started_at: l.startedAt,
      ended_at: l.endedAt,
      // 2D: a phone may send altitude, which measures nothing here.
      geom: sql`ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${l.geojson}), 4326))`,
      created_by: l.createdBy,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function planExists(db: Conn, areaId: number, id: string): Promise<boolean> {
  const row = await db.selectFrom('patrol_plans').select('id').where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Logs newest first, keyset-paged by (started_at, id). */
export async function listLogs(db: Conn, areaId: number, f: ListLogsFilter, opts: { createdBy?: number; cursor?: TimeIdCursor }): Promise<PatrolLog[]> {
  const parts = [sql`l.area_id = ${areaId}`];
  if (opts.createdBy !== undefined) parts.push(sql`l.created_by = ${opts.createdBy}`);
  if (f.planId) parts.push(sql`l.plan_id = ${f.planId}`);
  if (f.from) parts.push(sql`l.started_at >= ${f.from}`);
  if (f.to) parts.push(sql`l.started_at < ${f.to}`);
  if (f.unit) parts.push(sql`l.unit = ${f.unit}`);
  if (opts.cursor) {
    const at = new Date(opts.cursor.at);
    parts.push(sql`(l.started_at < ${at} OR (l.started_at = ${at} AND l.id < ${opts.cursor.id}))`);
  }
  const result = await sql<LogRow>`
    SELECT ${logColumns} FROM patrol_logs l WHERE ${sql.join(parts, sql` AND `)}
    ORDER BY l.started_at DESC, l.id DESC LIMIT ${f.limit}`.execute(db);
  return result.rows.map(rowToLog);
}

/** Every log a user made, oldest first (their GDPR export: where and when they patrolled). */
export async function logsCreatedBy(db: Conn, areaId: number, userId: number): Promise<PatrolLog[]> {
  const result = await sql<LogRow>`
    SELECT ${logColumns} FROM patrol_logs l WHERE l.area_id = ${areaId} AND l.created_by = ${userId}
    ORDER BY l.started_at, l.id`.execute(db);
  return result.rows.map(rowToLog);
}
