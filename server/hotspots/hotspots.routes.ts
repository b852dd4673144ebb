import { Router } from 'express';
import type { Db } from '../db/database';
import { ANALYTICS_ROLES } from '../auth/auth-context';
import { auth, requireAuth } from '../auth/auth.middleware';
import { parseQuery } from '../http/validate';
import { HotspotsQuery } from './hotspot-filters';
import { hotspotCounts } from './hotspots.service';

export function hotspotsRoutes(db: Db): Router {
  const r = Router();
  r.get('/hotspots', requireAuth(...ANALYTICS_ROLES), async (req, res) => {
    const q = parseQuery(req, HotspotsQuery);
    res.type('application/geo+json').send(JSON.stringify(await hotspotCounts(db, auth(req), q)));
  });
  return r;
}
