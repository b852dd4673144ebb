import type { Router } from 'express';
import type { Db } from '../db/database';
import { auth } from '../auth/auth.middleware';
import { guardedRouter } from '../http/guarded-router';
import { parseBody, parseQuery } from '../http/validate';
import { CreateLogBody, ListLogsQuery } from './patrol-log.schema';
import type { PatrolLog } from './patrol-logs.repository';
import * as service from './patrol-logs.service';

function logFeature(log: PatrolLog) {
  const { track, location, ...properties } = log;
  return { type: 'Feature' as const, id: log.id, geometry: track ?? location, properties };
}

export function patrolLogsRoutes(db: Db): Router {
  const r = guardedRouter();

  r.post('/patrol-logs', async (req, res) => {
    const body = parseBody(req, CreateLogBody);
    const { log, created } = await service.createLog(db, auth(req), body);
    res.status(created ? 201 : 200);
    if (created) res.location(`/api/v1/patrol-logs?planId=${log.planId ?? ''}`);
    res.json(log);
  });

  r.get('/patrol-logs', async (req, res) => {
    const filter = parseQuery(req, ListLogsQuery);
    const { logs, nextCursor } = await service.listLogs(db, auth(req), filter);
    res.type('application/geo+json').send(JSON.stringify({ type: 'FeatureCollection', features: logs.map(logFeature), meta: { count: logs.length, nextCursor } }));
  });

  return r.router;
}
