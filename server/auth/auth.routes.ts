import { guardedRouter } from '../http/guarded-router';
import type { Router } from 'express';
import type { CookieOptions, Request } from 'express';
import { z } from 'zod';
import type { Db } from '../db/database';
import type { RateLimits } from '../http/rate-limits';
import { parseBody } from '../http/validate';
import type { AuthContext } from './auth-context';
import { auth, SESSION_COOKIE } from './auth.middleware';
import { login, logout, logoutEverywhere, SESSION_ABSOLUTE_SECONDS } from './auth.service';

const LoginBody = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});

export function userDto(a: AuthContext) {
  return {
    id: a.userId,
    email: a.email,
    name: a.name,
    role: a.role,
    organisationId: a.organisationId,
    area: { id: a.areaId, code: a.areaCode, name: a.areaName },
  };
}

function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: SESSION_ABSOLUTE_SECONDS * 1000 };
}

export function authRoutes(db: Db, limits: RateLimits): Router {
  const r = guardedRouter();

  r.post('/auth/login', limits.login, async (req, res) => {
    const body = parseBody(req, LoginBody);
    const previous = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const result = await login(db, body.email, body.password);
    // A new session id at every login (no session fixation); the old one ends.
    if (previous) await logout(db, previous);
    res.cookie(SESSION_COOKIE, result.sessionSecret, cookieOptions(req));
    res.json({ user: userDto(result.auth) });
  });

  r.post('/auth/logout', async (req, res) => {
    const secret = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (secret) await logout(db, secret);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  r.post('/auth/logout-all', async (req, res) => {
    await logoutEverywhere(db, auth(req));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  r.get('/me', (req, res) => {
    res.json({ user: userDto(auth(req)) });
  });

  return r.router;
}
