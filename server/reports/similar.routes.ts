import type { Router } from 'express';
import type { Db } from '../db/database';
import { auth } from '../auth/auth.middleware';
import { guardedRouter } from '../http/guarded-router';
import { HttpError } from '../http/errors';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { ReportIdParams } from './report.schema';
import { ConfirmationBody, SimilarReportsQuery } from './similar.schema';
import * as service from './similar.service';

/**
 * The phone form's duplicate check: similar reports nearby, and "add to it" (a confirmation)
 * instead of a second report. Mounted before reportsRoutes, whose /reports/:id would take
 * "similar" for an id.
 */
export function similarReportsRoutes(db: Db): Router {
  const r = guardedRouter();

  r.get('/reports/similar', async (req, res) => {
    const query = parseQuery(req, SimilarReportsQuery);
    const similar = await service.findSimilar(db, auth(req), query);
    res.json({
      similar,
      meta: { radius: service.SIMILAR_RADIUS_METRES, windowMinutes: service.SIMILAR_WINDOW_MS / 60_000 },
    });
  });

  r.post('/reports/:id/confirmations', async (req, res) => {
    const { id } = parseParams(req, ReportIdParams);
    // Every field is optional, but the body is not: an empty one is a client that sent nothing by mistake.
    if (req.headers['content-length'] === '0') throw HttpError.badRequest('Send a JSON object, e.g. {}', [{ path: '(body)', message: 'is empty' }]);
    const body = parseBody(req, ConfirmationBody);
    const { confirmation, created } = await service.confirmReport(db, auth(req), id, body);
    res.status(created ? 201 : 200).json(confirmation);
  });

  return r.router;
}
