import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { Database, WalkStatus } from '../db/schema';
import type { LineString } from '../shared/geo-types';
import type { TimeIdCursor } from '../shared/paging-cursor';
import type { ParticipantInput } from './walk.schema';

type Conn = Db | Tx;

export interface PersonRef {
  id: number;
  name: string;
}

/** A walk row with its people resolved, as the service builds the API's Walk from it. */
export interface WalkRecord {
  id: string;
  name: string;
  plannedAt: string;
  plannedRoute: LineString | null;
  notes: string | null;
  status: WalkStatus;
  startedAt: string | null;
  endedAt: string | null;
  leader: PersonRef | null;
  createdBy: PersonRef | null;
  rewalkOf: string | null;
  createdAt: string;
  updatedAt: string;
}

interface WalkRow {
  id: string;
  name: string;
  planned_at: Date;
  planned_route: string | null;
  notes: string | null;
  status: WalkStatus;
  started_at: Date | null;
  ended_at: Date | null;
  leader_id: number | null;
  leader_name: string | null;
  created_by: number | null;
  creator_name: string | null;
  rewalk_of: string | null;
  created_at: Date;
  updated_at: Date;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function rowToWalk(r: WalkRow): WalkRecord {
  return {
    id: r.id,
    name: r.name,
    plannedAt: iso(r.planned_at)!,
    plannedRoute: r.planned_route ? (JSON.parse(r.planned_route) as LineString) : null,
    notes: r.notes,
    status: r.status,
    startedAt: iso(r.started_at),
    endedAt: iso(r.ended_at),
    leader: r.leader_id === null ? null : { id: r.leader_id, name: r.leader_name ?? '' },
    createdBy: r.created_by === null ? null : { id: r.created_by, name: r.creator_name ?? '' },
    rewalkOf: r.rewalk_of,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

function walkSelect(db: Conn, areaId: number) {
  return db
    .selectFrom('walks as w')
    .leftJoin('users as l', (j) => j.onRef('l.id', '=', 'w.leader_id').onRef('l.area_id', '=', 'w.area_id'))
    .leftJoin('users as c', (j) => j.onRef('c.id', '=', 'w.created_by').onRef('c.area_id', '=', 'w.area_id'))
    .select([
      'w.id',
      'w.name',
      'w.planned_at',
      sql<string | null>`ST_AsGeoJSON(w.planned_route, 7)`.as('planned_route'),
      'w.notes',
      'w.status',
      'w.started_at',
      'w.ended_at',
      'w.leader_id',
      'l.name as leader_name',
      'w.created_by',
      'c.name as creator_name',
      'w.rewalk_of',
      'w.created_at',
      'w.updated_at',
    ])
    .where('w.area_id', '=', areaId);
}

export async function findWalk(db: Conn, areaId: number, id: string, opts: { forUpdate?: boolean } = {}): Promise<WalkRecord | undefined> {
  if (opts.forUpdate) {
    // Serialises changes to one walk (status moves, track batches) without locking the joined users.
    await db.selectFrom('walks').select('id').where('area_id', '=', areaId).where('id', '=', id).forUpdate().execute();
  }
  const row = await walkSelect(db, areaId).where('w.id', '=', id).executeTakeFirst();
  return row ? rowToWalk(row as WalkRow) : undefined;
}

export interface NewWalk {
  id: string;
  areaId: number;
  name: string;
  plannedAt: Date;
  plannedRoute: LineString | null;
  notes: string | null;
  leaderId: number | null;
  createdBy: number;
  rewalkOf?: string | null;
}

const lineSql = (line: LineString | null) => (line ? sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(line)}), 4326)` : null);

/** Inserts unless the id exists already (a retry, or a concurrent one); returns whether it wrote. */
export async function insertWalk(db: Conn, w: NewWalk): Promise<boolean> {
  const result = await db
    .insertInto('walks')
    .values({
      area_id: w.areaId,
      id: w.id,
      name: w.name,
      planned_at: w.plannedAt,
      planned_route: lineSql(w.plannedRoute),
      notes: w.notes,
      leader_id: w.leaderId,
      created_by: w.createdBy,
      rewalk_of: w.rewalkOf ?? null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export interface WalkChanges {
  name?: string;
  plannedAt?: Date;
  plannedRoute?: LineString | null;
  notes?: string | null;
  leaderId?: number | null;
  status?: WalkStatus;
  startedAt?: Date;
  endedAt?: Date;
}

export async function updateWalk(db: Conn, areaId: number, id: string, c: WalkChanges): Promise<void> {
  await db
    .updateTable('walks')
    .set({
      ...(c.name !== undefined && { name: c.name }),
      ...(c.plannedAt !== undefined && { planned_at: c.plannedAt }),
      ...(c.plannedRoute !== undefined && { planned_route: lineSql(c.plannedRoute) }),
      ...(c.notes !== undefined && { notes: c.notes }),
      ...(c.leaderId !== undefined && { leader_id: c.leaderId }),
      ...(c.status !== undefined && { status: c.status }),
      ...(c.startedAt !== undefined && { started_at: c.startedAt }),
      ...(c.endedAt !== undefined && { ended_at: c.endedAt }),
      updated_at: sql`now()` as unknown as Date,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .execute();
}

export async function replaceParticipants(db: Conn, areaId: number, walkId: string, participants: readonly ParticipantInput[]) {
  await db.deleteFrom('walk_participants').where('area_id', '=', areaId).where('walk_id', '=', walkId).execute();
  if (participants.length === 0) return;
  await db
    .insertInto('walk_participants')
    .values(
      participants.map((p, position) => ({
        area_id: areaId,
        walk_id: walkId,
        position,
        organisation_id: p.organisationId ?? null,
        name: p.name ?? null,
      })),
    )
    .execute();
}

export interface Participant {
  organisationId: number | null;
  organisationName: string | null;
  name: string | null;
}

export async function listParticipants(db: Conn, areaId: number, walkIds: readonly string[]): Promise<Map<string, Participant[]>> {
  const byWalk = new Map<string, Participant[]>(walkIds.map((id) => [id, []]));
  if (walkIds.length === 0) return byWalk;
  const rows = await db
    .selectFrom('walk_participants as p')
    .leftJoin('organisations as o', (j) => j.onRef('o.id', '=', 'p.organisation_id').onRef('o.area_id', '=', 'p.area_id'))
    .select(['p.walk_id', 'p.organisation_id', 'o.name as organisation_name', 'p.name'])
    .where('p.area_id', '=', areaId)
    .where('p.walk_id', 'in', walkIds)
    .orderBy('p.walk_id')
    .orderBy('p.position')
    .execute();
  for (const r of rows) {
    byWalk.get(r.walk_id)?.push({ organisationId: r.organisation_id, organisationName: r.organisation_name, name: r.name });
  }
  return byWalk;
}

/** The organisation ids among these that are not organisations of the area. */
export async function unknownOrganisations(db: Conn, areaId: number, ids: readonly number[]): Promise<Set<number>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db.selectFrom('organisations').select('id').where('area_id', '=', areaId).where('id', 'in', unique).execute();
  const known = new Set(rows.map((r) => r.id));
  return new Set(unique.filter((id) => !known.has(id)));
}

/** A user of the area who may lead a walk (walkers, planners, admins), or undefined. */
export async function findWalkLeader(db: Conn, areaId: number, userId: number): Promise<PersonRef | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('area_id', '=', areaId)
    .where('id', '=', userId)
    .where('role', 'in', ['walker', 'planner', 'admin'])
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function listWalks(
  db: Conn,
  areaId: number,
  f: { status?: WalkStatus[]; from?: Date; to?: Date; limit: number },
  cursor?: TimeIdCursor,
): Promise<WalkRecord[]> {
  let q = walkSelect(db, areaId);
  if (f.status) q = q.where('w.status', 'in', f.status);
  if (f.from) q = q.where('w.planned_at', '>=', f.from);
  if (f.to) q = q.where('w.planned_at', '<', f.to);
  if (cursor) {
    const at = new Date(cursor.at);
    q = q.where((eb: ExpressionBuilder<Database & { w: Database['walks'] }, 'w'>): Expression<SqlBool> =>
      eb.or([eb('w.planned_at', '<', at), eb.and([eb('w.planned_at', '=', at), eb('w.id', '<', cursor.id)])]),
    );
  }
  const rows = await q.orderBy('w.planned_at', 'desc').orderBy('w.id', 'desc').limit(f.limit).execute();
  return rows.map((r) => rowToWalk(r as WalkRow));
}
