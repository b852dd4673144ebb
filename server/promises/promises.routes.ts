import type { RequestHandler, Router } from 'express';
import type { Db } from '../db/database';
import { auth } from '../auth/auth.middleware';
import { guardedRouter } from '../http/guarded-router';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { CreateActivityBody, CreatePromiseBody, PatchPromiseBody, PromiseIdParams, ReportQuery } from './promise.schema';
import * as service from './promises.service';
import { promiseProgress } from './progress.service';
import { followUpReport, reportHtml } from './follow-up-report';
import { publicPromises, publicPromisesHtml } from './public-promises';
import { NoQuery } from '../patrols/patrol-plan.schema';

export function promisesRoutes(db: Db): Router {
  const r = guardedRouter();

  r.post('/promises', async (req, res) => {
    const body = parseBody(req, CreatePromiseBody);
    const promise = await service.createPromise(db, auth(req), body);
    res.status(201).location(`/api/v1/promises/${promise.id}`).json(promise);
  });

  r.get('/promises', async (req, res) => {
    parseQuery(req, NoQuery);
    res.json({ promises: await service.listPromises(db, auth(req)) });
  });

  r.get('/promises/:id', async (req, res) => {
    const { id } = parseParams(req, PromiseIdParams);
    parseQuery(req, NoQuery);
    res.json(await service.getPromise(db, auth(req), id));
  });

  r.patch('/promises/:id', async (req, res) => {
    const { id } = parseParams(req, PromiseIdParams);
    const body = parseBody(req, PatchPromiseBody);
    res.json(await service.patchPromise(db, auth(req), id, body));
  });

  r.post('/promises/:id/activities', async (req, res) => {
    const { id } = parseParams(req, PromiseIdParams);
    const body = parseBody(req, CreateActivityBody);
    const { activity, created } = await service.addActivity(db, auth(req), id, body);
    res.status(created ? 201 : 200).json(activity);
  });

  r.get('/promises/:id/progress', async (req, res) => {
    const { id } = parseParams(req, PromiseIdParams);
    parseQuery(req, NoQuery);
    res.json(await promiseProgress(db, auth(req), id));
  });

  r.get('/promises/:id/report', async (req, res) => {
    const { id } = parseParams(req, PromiseIdParams);
    const { format } = parseQuery(req, ReportQuery);
    const report = await followUpReport(db, auth(req), id);
    // A printable page by default; ?format=json gives the same report as data.
    if (format === 'json') res.json(report);
    else res.type('html').set('Cache-Control', 'private, no-store').send(reportHtml(report));
  });

  return r.router;
}

/** The public follow-up (no login): mounted with the public view, before sessions are read, behind the same limiter. */
export function publicPromisesRoutes(db: Db, limit: RequestHandler): Router {
  const r = guardedRouter();
  r.get('/public/areas/:code/promises', limit, async (req, res) => {
    const { format } = parseQuery(req, ReportQuery);
    const data = await publicPromises(db, String(req.params.code));
    res.set('Cache-Control', 'public, max-age=300');
    if (format === 'html') res.type('html').send(publicPromisesHtml(data));
    else res.json(data);
  });
  return r.router;
}
