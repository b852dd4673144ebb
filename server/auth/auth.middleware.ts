import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../db/database';
import type { Role } from '../db/schema';
import { HttpError } from '../http/errors';
import { authenticateSession, authenticateToken } from './auth.service';

export const SESSION_COOKIE = 'tk_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the caller from the session cookie or a bearer token; does not require one. */
export function resolveAuth(db: Db): RequestHandler {
  return async (req, _res, next) => {
    try {
      const header = req.get('authorization');
      if (header) {
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        if (!match) throw HttpError.unauthenticated('Authorization header must be "Bearer <token>"');
        const auth = await authenticateToken(db, match[1]!);
        if (!auth) throw HttpError.unauthenticated('Invalid or revoked token');
        req.auth = auth;
      } else {
        const secret = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
        if (secret) req.auth = await authenticateSession(db, secret);
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

/**
 * Cookie-authenticated writes must come from our own origin (CSRF). Bearer-token calls are
 * not sent automatically by browsers, so they need no such check.
 */
export function sameOriginForCookieWrites(req: Request, _res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method) || req.auth?.via === 'token') return next();
  const hasCookie = Boolean((req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]);
  if (!hasCookie && req.path !== '/auth/login') return next();
  const origin = req.get('origin') ?? refererOrigin(req.get('referer'));
  const expected = `${req.protocol}://${req.get('host')}`;
  if (origin === expected) return next();
  // Login without an Origin (e.g. a script) carries no ambient credential, so it is harmless.
  if (!origin && !hasCookie) return next();
  next(HttpError.forbidden('Cross-origin request refused: the Origin header must match the server'));
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** Requires a logged-in caller, optionally with one of the given roles. */
export function requireAuth(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth) return next(HttpError.unauthenticated());
    if (roles.length > 0 && !roles.includes(req.auth.role)) return next(HttpError.forbidden());
    if (req.auth.readOnly && !SAFE_METHODS.has(req.method)) {
      return next(HttpError.forbidden('This API token is read-only'));
    }
    next();
  };
}

export function auth(req: Request) {
  if (!req.auth) throw HttpError.unauthenticated();
  return req.auth;
}
