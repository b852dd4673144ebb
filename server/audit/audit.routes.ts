import type { Router } from 'express';
import type { Db } from '../db/database';
import { auth } from '../auth/auth.middleware';
import { guardedRouter } from '../http/guarded-router';
import { parseQuery } from '../http/validate';
import { AuditQuery } from './audit.schema';
import { listAudit } from './audit.service';

/** GET /audit: the area's audit log for its admin (ACCESS_POLICY). */
export function auditRoutes(db: Db): Router {
  const r = guardedRouter();
  r.get('/audit', async (req, res) => {
    const q = parseQuery(req, AuditQuery);
    const { entries, nextCursor } = await listAudit(db, auth(req), q);
    res.set('Cache-Control', 'no-store');
    res.json({ entries, meta: { count: entries.length, nextCursor } });
  });
  return r.router;
}
