import type { RequestHandler, Router } from 'express';
import type { Db } from '../db/database';
import { guardedRouter } from '../http/guarded-router';
import { parseQuery } from '../http/validate';
import { PublicHotspotsQuery } from './public.schema';
import { publicAreaInfo, publicHotspots } from './public.service';

/** Aggregates only, changing weekly: let browsers and proxies keep them for five minutes. */
const CACHE_CONTROL = 'public, max-age=300';

/** The public view: no login, mounted before session handling, behind the app's one public limiter (app.ts). */
export function publicRoutes(db: Db, limit: RequestHandler): Router {
  const r = guardedRouter();

  r.get('/public/areas/:code', limit, async (req, res) => {
    const info = await publicAreaInfo(db, String(req.params.code));
    res.set('Cache-Control', CACHE_CONTROL).json(info);
  });

  r.get('/public/areas/:code/hotspots', limit, async (req, res) => {
    const q = parseQuery(req, PublicHotspotsQuery);
    const collection = await publicHotspots(db, String(req.params.code), q);
    res.set('Cache-Control', CACHE_CONTROL).type('application/geo+json').send(JSON.stringify(collection));
  });

  return r.router;
}
