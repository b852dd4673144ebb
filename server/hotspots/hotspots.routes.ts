import { guardedRouter } from '../http/guarded-router';
import type { Router } from 'express';
import type { Db } from '../db/database';
import type { RateLimits } from '../http/rate-limits';
import { auth } from '../auth/auth.middleware';
import { parseQuery } from '../http/validate';
import { HotspotsQuery } from './hotspot-filters';
import { hotspotCounts } from './hotspots.service';
import { sendCells, sendGeoJson } from '../analytics/export/cell-export';

export function hotspotsRoutes(db: Db, limits: RateLimits): Router {
  const r = guardedRouter();
  r.get('/hotspots', limits.analytics, async (req, res) => {
    const q = parseQuery(req, HotspotsQuery);
    const caller = auth(req);
    const counts = await hotspotCounts(db, caller, q);
    if (q.format === 'geojson' && q.crs === 'EPSG:4326') return sendGeoJson(res, counts);
    const rows = counts.features.map((f) => ({ cell: f.id, properties: f.properties }));
    sendCells(res, { ...q, name: `hotspots-${caller.areaCode}-res${q.res}` }, { rows, meta: counts.meta }, {
      columns: ['count', 'weight'],
      lines: () => rows.map((r) => ({ cell: r.cell, values: [r.properties.count, r.properties.weight] })),
    });
  });
  return r.router;
}
