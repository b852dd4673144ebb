import type { Db } from '../db/database';
import type { Tx } from '../db/scope';
import { auditConn, type AuditVia } from './audit.table';

type Conn = Db | Tx;

/** One thing that happened, as the code that saw it describes it. */
export interface AuditRecord {
  areaId: number;
  userId: number | null;
  role: string | null;
  via: AuditVia;
  action: string;
  resource?: string | null;
  resourceId?: string | null;
  method?: string | null;
  /** Without the query string. */
  path?: string | null;
  status?: number | null;
  ip?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown> | null;
}

/** An audit entry as the API shows it (id as a string: it is int8). */
export interface AuditEntry {
  id: string;
  at: string;
  userId: number | null;
  role: string | null;
  via: AuditVia;
  action: string;
  resource: string | null;
  resourceId: string | null;
  method: string | null;
  path: string | null;
  status: number | null;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

export async function insertAuditEntry(conn: Conn, r: AuditRecord): Promise<void> {
  await auditConn(conn)
    .insertInto('audit_log')
    .values({
      area_id: r.areaId,
      user_id: r.userId,
      role: r.role,
      via: r.via,
      action: r.action,
      resource: r.resource ?? null,
      resource_id: r.resourceId ?? null,
      method: r.method ?? null,
      path: r.path ?? null,
      status: r.status ?? null,
      ip: r.ip ?? null,
      request_id: r.requestId ?? null,
      details: r.details ? JSON.stringify(r.details) : null,
    })
    .execute();
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actions?: string[];
  userId?: number;
  /** Keyset: entries recorded before this id. */
  beforeId?: string;
  /** No limit: every matching entry (the GDPR export). */
  limit?: number;
}

/**
 * Newest first by id: the identity is the one total order of the log (`at` is each writer's
 * transaction start, so two concurrent writers can commit in the other order).
 */
export async function listAuditEntries(conn: Conn, areaId: number, f: AuditFilter): Promise<AuditEntry[]> {
  let q = auditConn(conn).selectFrom('audit_log').selectAll().where('area_id', '=', areaId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.actions) q = q.where('action', 'in', f.actions);
  if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  q = q.orderBy('id', 'desc');
  if (f.limit !== undefined) q = q.limit(f.limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    userId: r.user_id,
    role: r.role,
    via: r.via,
    action: r.action,
    resource: r.resource,
    resourceId: r.resource_id,
    method: r.method,
    path: r.path,
    status: r.status,
    ip: r.ip,
    requestId: r.request_id,
    details: r.details,
  }));
}
