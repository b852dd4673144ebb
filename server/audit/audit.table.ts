import type { ColumnType } from 'kysely';
import type { Db } from '../db/database';
import type { Tx } from '../db/scope';

/** How an audited action reached the system: over HTTP (session, token), the admin CLI, or the server itself. */
export type AuditVia = 'session' | 'token' | 'cli' | 'system';

/** audit_log (migration 0004). Typed beside the audit feature, which is the only code that touches it. */
export interface AuditLogTable {
  area_id: number;
  /** int8: a string from both drivers, like every bigint here. */
  id: ColumnType<string, never, never>;
  at: ColumnType<Date, never, never>;
  user_id: number | null;
  role: string | null;
  via: AuditVia;
  action: string;
  resource: string | null;
  resource_id: string | null;
  method: string | null;
  path: string | null;
  status: number | null;
  ip: string | null;
  request_id: string | null;
  details: ColumnType<Record<string, unknown> | null, string | null, never>;
}

export type AuditTables = {
  audit_log: AuditLogTable;
};

/**
 * The same connection or transaction, typed to know audit_log. A transaction is a Kysely
 * instance whose withTables keeps the transaction's connection.
 */
export function auditConn(conn: Db | Tx) {
  return (conn as Db).withTables<AuditTables>();
}
