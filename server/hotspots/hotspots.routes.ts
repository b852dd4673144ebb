import { guardedRouter } from '../http/guarded-router';
import type { Router } from 'express';
import type { Db } from '../db/database';
import type { RateLimits } from '../http/rate-limits';
import { auth } from '../auth/auth.middleware';
import { parseQuery } from '../http/validate';
import { HotspotsQuery } from './hotspot-filters';
import { hotspotCounts } from './hotspots.service';

export function hotspotsRoutes(db: Db, limits: RateLimits): Router {
  const r = guardedRouter();
  r.get('/hotspots', limits.analytics, async (req, res) => {
    const q = parseQuery(req, HotspotsQuery);
    res.type('application/geo+json').send(JSON.stringify(await hotspotCounts(db, auth(req), q)));
  });
  return r.router;
}
