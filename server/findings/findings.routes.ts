import type { Router } from 'express';
import type { Db } from '../db/database';
import { auth } from '../auth/auth.middleware';
import { guardedRouter } from '../http/guarded-router';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { WalkIdParams } from '../walks/walk.schema';
import { CreateFindingBody, FindingIdParams, ListFindingsQuery, PatchFindingBody } from './finding.schema';
import * as service from './findings.service';

/** A finding as a GeoJSON Feature: the location is the geometry, everything else properties. */
export function findingFeature(finding: service.Finding) {
  const { location, ...properties } = finding;
  return { type: 'Feature' as const, id: finding.id, geometry: location, properties };
}

export function findingsRoutes(db: Db): Router {
  const r = guardedRouter();

  r.post('/walks/:id/findings', async (req, res) => {
    const { id: walkId } = parseParams(req, WalkIdParams);
    const body = parseBody(req, CreateFindingBody);
    const { finding, created } = await service.createFinding(db, auth(req), walkId, body);
    res.status(created ? 201 : 200);
    if (created) res.location(`/api/v1/findings/${finding.id}`);
    res.json(finding);
  });

  r.get('/findings', async (req, res) => {
    const filter = parseQuery(req, ListFindingsQuery);
    const { findings, nextCursor } = await service.listFindings(db, auth(req), filter);
    res.type('application/geo+json').send(
      JSON.stringify({ type: 'FeatureCollection', features: findings.map(findingFeature), meta: { count: findings.length, nextCursor } }),
    );
  });

  r.get('/findings/:id', async (req, res) => {
    const { id } = parseParams(req, FindingIdParams);
    res.json(await service.getFinding(db, auth(req), id));
  });

  r.patch('/findings/:id', async (req, res) => {
    const { id } = parseParams(req, FindingIdParams);
    const body = parseBody(req, PatchFindingBody);
    res.json(await service.patchFinding(db, auth(req), id, body));
  });

  r.delete('/findings/:id', async (req, res) => {
    const { id } = parseParams(req, FindingIdParams);
    await service.deleteFinding(db, auth(req), id);
    res.status(204).end();
  });

  return r.router;
}
