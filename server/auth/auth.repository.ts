import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { Role } from '../db/schema';

type Conn = Db | Tx;

export interface UserRow {
  id: number;
  area_id: number;
  email: string;
  name: string;
  role: Role;
  organisation_id: number | null;
  password_hash: string;
  disabled_at: Date | null;
  area_code: string;
  area_name: string;
}

const userColumns = [
  'users.id',
  'users.area_id',
  'users.email',
  'users.name',
  'users.role',
  'users.organisation_id',
  'users.password_hash',
  'users.disabled_at',
  'areas.code as area_code',
  'areas.name as area_name',
] as const;

export function findUserByEmail(db: Conn, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .innerJoin('areas', 'areas.id', 'users.area_id')
    .select(userColumns)
    .where('users.email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function createSession(db: Conn, s: { areaId: number; userId: number; idHash: string; expiresAt: Date }) {
  await db
    .insertInto('sessions')
    .values({ area_id: s.areaId, user_id: s.userId, id_hash: s.idHash, expires_at: s.expiresAt })
    .execute();
}

/** Looks up a live session and slides its idle expiry in one statement. */
export async function touchSession(db: Conn, idHash: string, idleSeconds: number, absoluteSeconds: number) {
  const row = await sql<UserRow>`
    UPDATE sessions s SET last_seen_at = now()
    FROM users, areas
    WHERE s.id_hash = ${idHash}
      AND users.id = s.user_id AND users.area_id = s.area_id AND areas.id = s.area_id
      AND users.disabled_at IS NULL
      AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(secs => ${idleSeconds})
      AND s.created_at > now() - make_interval(secs => ${absoluteSeconds})
    RETURNING users.id, users.area_id, users.email, users.name, users.role, users.organisation_id,
              users.password_hash, users.disabled_at, areas.code AS area_code, areas.name AS area_name`.execute(db);
  return row.rows[0];
}

export async function deleteSession(db: Conn, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteUserSessions(db: Conn, areaId: number, userId: number) {
  await db.deleteFrom('sessions').where('area_id', '=', areaId).where('user_id', '=', userId).execute();
}

export async function findToken(db: Conn, tokenHash: string) {
  const row = await sql<UserRow & { token_id: number; read_only: boolean }>`
    UPDATE api_tokens t SET last_used_at = now()
    FROM users, areas
    WHERE t.token_hash = ${tokenHash} AND t.revoked_at IS NULL
      AND users.id = t.user_id AND users.area_id = t.area_id AND areas.id = t.area_id
      AND users.disabled_at IS NULL
    RETURNING t.id AS token_id, t.read_only, users.id, users.area_id, users.email, users.name, users.role,
              users.organisation_id, users.password_hash, users.disabled_at, areas.code AS area_code, areas.name AS area_name`.execute(
    db,
  );
  return row.rows[0];
}

export async function insertToken(
  db: Conn,
  t: { areaId: number; userId: number; tokenHash: string; name: string; readOnly: boolean },
) {
  return db
    .insertInto('api_tokens')
    .values({ area_id: t.areaId, user_id: t.userId, token_hash: t.tokenHash, name: t.name, read_only: t.readOnly })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}
