import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import type { Role } from '../db/schema';

type Conn = Db | Tx;

/**
 * Account lookups before the caller's area is known go through the SECURITY DEFINER functions of
 * migration 0003; everything else runs inside the caller's area like any other query.
 */
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
  token_id: number | null;
  read_only: boolean;
}

export async function findUserByEmail(db: Conn, email: string): Promise<UserRow | undefined> {
  const result = await sql<UserRow>`SELECT * FROM auth_user_by_email(${email.toLowerCase()})`.execute(db);
  return result.rows[0];
}

/** Looks up a live session and slides its idle expiry in one statement. */
export async function touchSession(db: Conn, idHash: string, idleSeconds: number, absoluteSeconds: number) {
  const result = await sql<UserRow>`SELECT * FROM auth_touch_session(${idHash}, ${idleSeconds}, ${absoluteSeconds})`.execute(db);
  return result.rows[0];
}

export async function findToken(db: Conn, tokenHash: string) {
  const result = await sql<UserRow>`SELECT * FROM auth_use_token(${tokenHash})`.execute(db);
  return result.rows[0];
}

export async function deleteSession(db: Conn, idHash: string) {
  await sql`SELECT auth_end_session(${idHash})`.execute(db);
}

export async function createSession(db: Conn, s: { areaId: number; userId: number; idHash: string; expiresAt: Date }) {
  await db
    .insertInto('sessions')
    .values({ area_id: s.areaId, user_id: s.userId, id_hash: s.idHash, expires_at: s.expiresAt })
    .execute();
}

export async function deleteUserSessions(db: Conn, areaId: number, userId: number) {
  await db.deleteFrom('sessions').where('area_id', '=', areaId).where('user_id', '=', userId).execute();
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

/** Seconds the account stays locked after too many failed logins, 0 when it may try. */
export async function loginLockSeconds(db: Conn, email: string, maxFailures: number, windowSeconds: number): Promise<number> {
  const result = await sql<{ s: number | null }>`SELECT auth_login_lock_seconds(${email}, ${maxFailures}, ${windowSeconds}) AS s`.execute(db);
  return Math.max(0, result.rows[0]?.s ?? 0);
}

export async function recordLoginFailure(db: Conn, email: string) {
  await sql`SELECT auth_record_login_failure(${email})`.execute(db);
}

export async function clearLoginFailures(db: Conn, email: string) {
  await sql`SELECT auth_clear_login_failures(${email})`.execute(db);
}
