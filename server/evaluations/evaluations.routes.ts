import type { Router } from 'express';
import type { Db } from '../db/database';
import type { RateLimits } from '../http/rate-limits';
import type { Regions } from '../analytics/region/regions';
import { auth } from '../auth/auth.middleware';
import { guardedRouter } from '../http/guarded-router';
import { parseBody } from '../http/validate';
import { EvaluationBody } from './evaluation.schema';
import { evaluate } from './evaluations.service';

export function evaluationsRoutes(db: Db, limits: RateLimits, regions: Regions): Router {
  const r = guardedRouter();
  // A computation, not a stored resource: 200 with the result (nothing is written).
  r.post('/evaluations', limits.analytics, async (req, res) => {
    const body = parseBody(req, EvaluationBody);
    res.json(await evaluate(db, regions, auth(req), body));
  });
  return r.router;
}
