import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import * as repo from './audit.repository';
import type { AuditQueryInput } from './audit.schema';

/** Writes one entry in its own transaction, in the entry's area (as the app role, RLS checks the area). */
export function recordAudit(db: Db, record: repo.AuditRecord): Promise<void> {
  return withArea(db, record.areaId, (tx) => repo.insertAuditEntry(tx, record));
}

export function encodeAuditCursor(id: string): string {
  return Buffer.from(JSON.stringify([id])).toString('base64url');
}

export function decodeAuditCursor(cursor: string): string {
  try {
    const [id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown];
    // A forged cursor must fail here, not as a bigint cast error (500) in the database.
    if (typeof id !== 'string' || !/^\d{1,18}$/.test(id)) throw new Error();
    return id;
  } catch {
    throw HttpError.badRequest('Invalid cursor', [{ path: 'cursor', message: 'is not a cursor this API returned' }]);
  }
}

/** The caller's area's audit log, newest first, one page at a time. */
export async function listAudit(db: Db, caller: AuthContext, q: AuditQueryInput) {
  const beforeId = q.cursor ? decodeAuditCursor(q.cursor) : undefined;
  const entries = await withArea(db, caller.areaId, (tx) =>
    repo.listAuditEntries(tx, caller.areaId, { from: q.from, to: q.to, actions: q.action, userId: q.userId, beforeId, limit: q.limit }),
  );
  const last = entries[entries.length - 1];
  return { entries, nextCursor: entries.length === q.limit && last ? encodeAuditCursor(last.id) : null };
}
