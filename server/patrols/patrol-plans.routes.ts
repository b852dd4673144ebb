import type { Router } from 'express';
import type { Db } from '../db/database';
import type { RateLimits } from '../http/rate-limits';
import type { Regions } from '../analytics/region/regions';
import { auth } from '../auth/auth.middleware';
import { guardedRouter } from '../http/guarded-router';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { BriefingQuery, CreatePlanBody, ListPlansQuery, NoQuery, PatchPlanBody, PlanIdParams } from './patrol-plan.schema';
import { ProposeBody } from './proposal.schema';
import * as service from './patrol-plans.service';
import { planDosage } from './dosage.service';
import { proposePlan } from './proposal.service';
import { briefingHtml } from './briefing-page';

export function patrolPlansRoutes(db: Db, limits: RateLimits, regions: Regions): Router {
  const r = guardedRouter();

  r.post('/patrol-plans/propose', limits.analytics, async (req, res) => {
    const body = parseBody(req, ProposeBody);
    res.json(await proposePlan(db, regions, auth(req), body));
  });

  r.post('/patrol-plans', async (req, res) => {
    const body = parseBody(req, CreatePlanBody);
    const plan = await service.createPlan(db, auth(req), body);
    res.status(201).location(`/api/v1/patrol-plans/${plan.id}`).json(plan);
  });

  r.get('/patrol-plans', async (req, res) => {
    const q = parseQuery(req, ListPlansQuery);
    res.json({ plans: await service.listPlans(db, auth(req), q.status) });
  });

  r.get('/patrol-plans/:id', async (req, res) => {
    const { id } = parseParams(req, PlanIdParams);
    parseQuery(req, NoQuery);
    res.json(await service.getPlan(db, auth(req), id));
  });

  r.patch('/patrol-plans/:id', async (req, res) => {
    const { id } = parseParams(req, PlanIdParams);
    const body = parseBody(req, PatchPlanBody);
    res.json(await service.patchPlan(db, auth(req), id, body));
  });

  r.get('/patrol-plans/:id/dosage', async (req, res) => {
    const { id } = parseParams(req, PlanIdParams);
    parseQuery(req, NoQuery);
    res.json(await planDosage(db, auth(req), id));
  });

  r.get('/patrol-plans/:id/briefing', async (req, res) => {
    const { id } = parseParams(req, PlanIdParams);
    const { format } = parseQuery(req, BriefingQuery);
    const plan = await service.getPlan(db, auth(req), id);
    // A printable page by default; ?format=json gives the same plan as data.
    if (format === 'json') {
      res.json(plan);
      return;
    }
    res.type('html').set('Cache-Control', 'private, no-store').send(await briefingHtml(db, auth(req), plan));
  });

  return r.router;
}
