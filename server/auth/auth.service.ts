import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import { HttpError } from '../http/errors';
import type { AuthContext } from './auth-context';
import * as repo from './auth.repository';
import { hashPassword, newSecret, sha256, verifyPassword } from './passwords';

export const SESSION_IDLE_SECONDS = 8 * 3600;
/** 5 failed logins for an account within 15 minutes lock it until the window passes. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const SESSION_ABSOLUTE_SECONDS = 7 * 24 * 3600;

// A valid hash to verify against when the email is unknown, so timing does not reveal which emails exist.
const dummyHash = hashPassword('not-a-real-password-at-all');

function toContext(row: repo.UserRow, via: AuthContext['via'], readOnly = false): AuthContext {
  return {
    userId: row.id,
    areaId: row.area_id,
    areaCode: row.area_code,
    areaName: row.area_name,
    email: row.email,
    name: row.name,
    role: row.role,
    organisationId: row.organisation_id,
    via,
    readOnly,
  };
}

export async function login(db: Db, email: string, password: string): Promise<{ auth: AuthContext; sessionSecret: string }> {
  const lockedFor = await repo.loginLockSeconds(db, email, LOGIN_MAX_FAILURES, LOGIN_WINDOW_SECONDS);
  if (lockedFor > 0) {
    // Locked even for the right password; attempts while locked do not extend the lock.
    throw new HttpError(429, 'too_many_requests', `Too many failed logins; try again in ${Math.ceil(lockedFor / 60)} minute(s)`, [], {
      retryAfterSeconds: lockedFor,
    });
  }
  const user = await repo.findUserByEmail(db, email);
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash));
  if (!user || !ok || user.disabled_at) {
    await repo.recordLoginFailure(db, email);
    throw new HttpError(401, 'invalid_credentials', 'Wrong email or password');
  }
  await repo.clearLoginFailures(db, email);
  const sessionSecret = newSecret();
  await withArea(db, user.area_id, (tx) =>
    repo.createSession(tx, {
      areaId: user.area_id,
      userId: user.id,
      idHash: sha256(sessionSecret),
      expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_SECONDS * 1000),
    }),
  );
  return { auth: toContext(user, 'session'), sessionSecret };
}

export async function authenticateSession(db: Db, sessionSecret: string): Promise<AuthContext | undefined> {
  const row = await repo.touchSession(db, sha256(sessionSecret), SESSION_IDLE_SECONDS, SESSION_ABSOLUTE_SECONDS);
  return row ? toContext(row, 'session') : undefined;
}

export async function authenticateToken(db: Db, token: string): Promise<AuthContext | undefined> {
  const row = await repo.findToken(db, sha256(token));
  return row ? toContext(row, 'token', row.read_only) : undefined;
}

export async function logout(db: Db, sessionSecret: string): Promise<void> {
  await repo.deleteSession(db, sha256(sessionSecret));
}

export async function logoutEverywhere(db: Db, auth: AuthContext): Promise<void> {
  await withArea(db, auth.areaId, (tx) => repo.deleteUserSessions(tx, auth.areaId, auth.userId));
}

/** Creates an API token for a user; the plain token is returned once and only its hash is kept. */
export async function createApiToken(
  db: Db,
  user: { id: number; areaId: number },
  name: string,
  readOnly = false,
): Promise<{ id: number; token: string }> {
  const token = newSecret('tk_');
  const row = await withArea(db, user.areaId, (tx) =>
    repo.insertToken(tx, { areaId: user.areaId, userId: user.id, tokenHash: sha256(token), name, readOnly }),
  );
  return { id: row.id, token };
}
