import type { Router } from 'express';
import type { Db } from '../db/database';
import { auth } from '../auth/auth.middleware';
import { guardedRouter } from '../http/guarded-router';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { CreateWalkBody, ListWalksQuery, PatchWalkBody, RewalkBody, TrackBody, WalkIdParams } from './walk.schema';
import { createRewalk } from './rewalk.service';
import { appendTrack } from './track.service';
import * as service from './walks.service';

export function walksRoutes(db: Db): Router {
  const r = guardedRouter();

  r.post('/walks', async (req, res) => {
    const body = parseBody(req, CreateWalkBody);
    const { walk, created } = await service.createWalk(db, auth(req), body);
    res.status(created ? 201 : 200);
    if (created) res.location(`/api/v1/walks/${walk.id}`);
    res.json(walk);
  });

  r.get('/walks', async (req, res) => {
    const q = parseQuery(req, ListWalksQuery);
    const { walks, nextCursor } = await service.listWalks(db, auth(req), q);
    res.json({ walks, meta: { count: walks.length, nextCursor } });
  });

  r.get('/walks/:id', async (req, res) => {
    const { id } = parseParams(req, WalkIdParams);
    res.json(await service.getWalk(db, auth(req), id));
  });

  r.patch('/walks/:id', async (req, res) => {
    const { id } = parseParams(req, WalkIdParams);
    const body = parseBody(req, PatchWalkBody);
    res.json(await service.patchWalk(db, auth(req), id, body));
  });

  r.post('/walks/:id/track', async (req, res) => {
    const { id } = parseParams(req, WalkIdParams);
    const body = parseBody(req, TrackBody);
    res.json(await appendTrack(db, auth(req), id, body));
  });

  r.post('/walks/:id/rewalk', async (req, res) => {
    const { id } = parseParams(req, WalkIdParams);
    const body = parseBody(req, RewalkBody);
    const { walk, created } = await createRewalk(db, auth(req), id, body);
    res.status(created ? 201 : 200);
    if (created) res.location(`/api/v1/walks/${walk.id}`);
    res.json(walk);
  });

  return r.router;
}
