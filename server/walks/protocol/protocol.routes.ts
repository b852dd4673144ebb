import type { Router } from 'express';
import type { Db } from '../../db/database';
import { auth } from '../../auth/auth.middleware';
import { guardedRouter } from '../../http/guarded-router';
import { parseParams, parseQuery } from '../../http/validate';
import { ProtocolQuery, WalkIdParams } from '../walk.schema';
import { renderProtocolHtml } from './protocol-html';
import { walkProtocol } from './protocol.service';

export function protocolRoutes(db: Db): Router {
  const r = guardedRouter();

  /** JSON by default; the printable page with ?format=html or when a browser asks for HTML. */
  r.get('/walks/:id/protocol', async (req, res) => {
    const { id } = parseParams(req, WalkIdParams);
    const { format } = parseQuery(req, ProtocolQuery);
    const protocol = await walkProtocol(db, auth(req), id);
    const asHtml = format === 'html' || (format === undefined && req.accepts(['application/json', 'text/html']) === 'text/html');
    res.set('Cache-Control', 'private, no-store').vary('Accept');
    if (asHtml) res.type('html').send(renderProtocolHtml(protocol));
    else res.json(protocol);
  });

  return r.router;
}
