import type { Router } from 'express';
import { guardedRouter } from '../http/guarded-router';
import type { Db } from '../db/database';
import type { RateLimits } from '../http/rate-limits';
import { auth } from '../auth/auth.middleware';
import { parseParams, parseQuery } from '../http/validate';
import { CellParams, CellSummaryQuery } from './cell-summary.schema';
import { cellSummary } from './cell-summary.service';

/** Drill-down details: one hexagon's counts by category and trend; the same for the whole area. */
export function cellSummaryRoutes(db: Db, limits: RateLimits): Router {
  const r = guardedRouter();
  r.get('/hotspots/summary', limits.analytics, async (req, res) => {
    const q = parseQuery(req, CellSummaryQuery);
    res.json(await cellSummary(db, auth(req), null, q));
  });
  r.get('/hotspots/cells/:cell', limits.analytics, async (req, res) => {
    const { cell } = parseParams(req, CellParams);
    const q = parseQuery(req, CellSummaryQuery);
    res.json(await cellSummary(db, auth(req), cell, q));
  });
  return r.router;
}
