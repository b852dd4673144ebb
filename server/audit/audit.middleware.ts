import type { Request, RequestHandler, Response } from 'express';
import type { Db } from '../db/database';
import { findUserByEmail } from '../auth/auth.repository';
import type { AuditRecord } from './audit.repository';
import { recordAudit } from './audit.service';
import { describeRoute, isAudited, LOGIN_ROUTE, matchRoute, type MatchedRoute } from './audited-routes';

/**
 * What a route may tell the audit middleware through `res.locals.audit`: who the entry is about
 * when the caller is not logged in (a login), a more precise action or resource, details that
 * are not personal data, or `skip`.
 */
export interface AuditNote {
  areaId?: number;
  userId?: number | null;
  role?: string | null;
  action?: string;
  resource?: string;
  resourceId?: string | null;
  details?: Record<string, unknown>;
  skip?: boolean;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      audit?: AuditNote;
    }
  }
}

const MAX_ID_LENGTH = 200;
const MAX_PATH_LENGTH = 500;

/**
 * Records audited requests (see audited-routes.ts) as their response completes: who, when, what,
 * where from and the status. Never the body and never the query string (filters name places and
 * times that can identify people). The entry is written, in its own transaction, before the
 * response's last bytes go out, so a client that has its answer can rely on the entry being there;
 * a failure to write it is logged and the response goes out all the same. Mounted once on /api/v1
 * after the caller is resolved.
 */
export function auditRequests(db: Db): RequestHandler {
  return (req, res, next) => {
    const route = matchRoute(req.method, req.path);
    if (!route || !isAudited(route)) return next();
    const createdId = captureCreatedId(route, res);
    let recorded = false;
    const record = async (status: number) => {
      try {
        const entry = await entryFor(db, req, res, route, status, createdId());
        if (entry) await recordAudit(db, entry);
      } catch (err) {
        (req.log ?? console).error({ err, route: route.key }, 'audit write failed');
      }
    };
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      if (recorded) return end(...args);
      recorded = true;
      void record(res.statusCode).then(() => {
        try {
          end(...args);
        } catch (err) {
          (req.log ?? console).error({ err }, 'response end failed after auditing');
        }
      });
      return res;
    }) as Response['end'];
    // A client that hangs up before the answer is complete: the attempt is still recorded.
    res.once('close', () => {
      if (recorded) return;
      recorded = true;
      void record(499);
    });
    next();
  };
}

/**
 * A create route's new id is in neither path nor query: take it from the JSON reply's top-level
 * `id` (or the Location header), nothing else of the body.
 */
function captureCreatedId(route: MatchedRoute, res: Response): () => string | undefined {
  if (route.method !== 'POST' || Object.keys(route.params).length > 0) return () => undefined;
  let id: string | undefined;
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const candidate = body && typeof body === 'object' ? (body as { id?: unknown }).id : undefined;
    if (typeof candidate === 'string' || typeof candidate === 'number') id = String(candidate).slice(0, MAX_ID_LENGTH);
    return json(body);
  };
  return () => {
    if (id) return id;
    const location = res.getHeader('location');
    return typeof location === 'string' ? location.split('/').pop()?.slice(0, MAX_ID_LENGTH) : undefined;
  };
}

async function entryFor(
  db: Db,
  req: Request,
  res: Response,
  route: MatchedRoute,
  status: number,
  createdId: string | undefined,
): Promise<AuditRecord | undefined> {
  const note = res.locals.audit ?? {};
  if (note.skip) return undefined;
  const named = describeRoute(route);
  let who: Pick<AuditRecord, 'areaId' | 'userId' | 'role' | 'via'> | undefined;
  let action = note.action ?? named.action;

  if (note.areaId !== undefined) {
    who = { areaId: note.areaId, userId: note.userId ?? null, role: note.role ?? null, via: req.auth?.via ?? 'session' };
  } else if (route.key === LOGIN_ROUTE) {
    who = await loginAccount(db, req);
    if (!who) {
      // No account, so no area to keep the entry in: the log line (without the email) is all.
      if (status >= 400) req.log?.warn({ status }, 'failed login for an unknown account');
      return undefined;
    }
  } else if (req.auth) {
    who = { areaId: req.auth.areaId, userId: req.auth.userId, role: req.auth.role, via: req.auth.via };
  }
  if (!who) return undefined;
  if (route.key === LOGIN_ROUTE && !note.action && status >= 400) action = 'auth.login.failed';

  const params = Object.values(route.params);
  return {
    ...who,
    action,
    resource: note.resource ?? named.resource,
    resourceId: (note.resourceId !== undefined ? note.resourceId : (params[params.length - 1] ?? createdId ?? null))?.slice(0, MAX_ID_LENGTH) ?? null,
    method: req.method,
    path: req.originalUrl.split('?')[0]!.slice(0, MAX_PATH_LENGTH),
    status,
    ip: req.ip ?? null,
    requestId: typeof req.id === 'string' ? req.id : req.id !== undefined ? String(req.id) : null,
    details: note.details ?? null,
  };
}

/**
 * The account a login named, found the way the login itself finds it (the email is read to
 * look the account up, never stored), so failed logins land in that account's area.
 */
async function loginAccount(db: Db, req: Request) {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  // Text PostgreSQL cannot take (NUL, lone surrogates) names no account; the login refused it already.
  if (typeof email !== 'string' || email.length > 320 || email.includes('\0') || Buffer.from(email).toString() !== email) return undefined;
  const user = await findUserByEmail(db, email.trim());
  return user ? { areaId: user.area_id, userId: user.id, role: user.role, via: 'session' as const } : undefined;
}
