import type { Request, RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { HttpError } from './errors';

/** Per caller: the user behind a session or token, else the client address. */
function callerKey(req: Request): string {
  return req.auth ? `user:${req.auth.userId}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

function limiter(perMinute: number, what: string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: callerKey,
    handler: (_req, res, next) => {
      const retry = Number(res.getHeader('Retry-After') ?? 60);
      next(new HttpError(429, 'too_many_requests', `Too many ${what} requests; slow down`, [], { retryAfterSeconds: retry }));
    },
  });
}

export interface RateLimits {
  /** The expensive aggregations (hotspots and, later, statistics). */
  analytics: RequestHandler;
  /** Login attempts per address, on top of the per-account lockout. */
  login: RequestHandler;
}

export function createRateLimits(opts: { analyticsPerMinute: number; loginPerMinute: number }): RateLimits {
  return {
    analytics: limiter(opts.analyticsPerMinute, 'analytics'),
    login: limiter(opts.loginPerMinute, 'login'),
  };
}
