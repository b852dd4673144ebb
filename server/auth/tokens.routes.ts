import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import { guardedRouter } from '../http/guarded-router';
import { HttpError } from '../http/errors';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { QueryBoolean } from '../shared/zod-types';
import { auth } from './auth.middleware';
import { createApiToken } from './auth.service';
import { listTokens, revokeToken } from './tokens.repository';

const CreateTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  readOnly: z.boolean().default(false),
});
const ListTokensQuery = z.strictObject({ all: QueryBoolean.default(false) });
const TokenIdParams = z.object({ id: z.string().regex(/^\d{1,9}$/, 'must be a token id').transform(Number) });

/** API tokens for integrations: shown once at creation, stored hashed, revocable. */
export function tokensRoutes(db: Db): Router {
  const r = guardedRouter();

  r.get('/tokens', async (req, res) => {
    const caller = auth(req);
    const { all } = parseQuery(req, ListTokensQuery);
    if (all && caller.role !== 'admin') throw HttpError.forbidden('Only an admin lists every token of the area');
    const tokens = await withArea(db, caller.areaId, (tx) => listTokens(tx, caller.areaId, all ? undefined : caller.userId));
    res.json({ tokens });
  });

  r.post('/tokens', async (req, res) => {
    const caller = auth(req);
    const body = parseBody(req, CreateTokenBody);
    // A token cannot carry more than the credential that made it.
    const readOnly = body.readOnly || caller.readOnly;
    const { id, token } = await createApiToken(db, { id: caller.userId, areaId: caller.areaId }, body.name, readOnly);
    res.status(201).json({ id, name: body.name, readOnly, token });
  });

  r.delete('/tokens/:id', async (req, res) => {
    const caller = auth(req);
    const { id } = parseParams(req, TokenIdParams);
    const revoked = await withArea(db, caller.areaId, (tx) =>
      revokeToken(tx, caller.areaId, id, caller.role === 'admin' ? undefined : caller.userId),
    );
    if (!revoked) throw HttpError.notFound('Token');
    res.status(204).end();
  });

  return r.router;
}
