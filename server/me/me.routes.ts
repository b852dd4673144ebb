import type { Router } from 'express';
import type { Db } from '../db/database';
import { auth } from '../auth/auth.middleware';
import { guardedRouter } from '../http/guarded-router';
import { reportFeature } from '../reports/reports.routes';
import { exportMyData } from './me.service';

/** GET /me/export: the caller's own data as a JSON download (GDPR access request). */
export function meRoutes(db: Db): Router {
  const r = guardedRouter();
  r.get('/me/export', async (req, res) => {
    const caller = auth(req);
    const data = await exportMyData(db, caller);
    const day = data.exportedAt.slice(0, 10);
    res.set('Cache-Control', 'no-store');
    res.attachment(`tryggkarta-export-${caller.areaCode}-user-${caller.userId}-${day}.json`);
    res.json({ ...data, reports: { type: 'FeatureCollection', features: data.reports.map(reportFeature) } });
  });
  return r.router;
}
