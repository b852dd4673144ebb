import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { HttpError } from '../http/errors';

export const PUBLIC_REQUESTS_PER_MINUTE = 60;

/**
 * Per client address: nobody is logged in here. One limiter per app instance (made in app.ts),
 * shared by the public routes and the public promises page, so a page load (area + hotspots)
 * costs two of the minute's requests.
 */
export function publicRateLimit(perMinute = PUBLIC_REQUESTS_PER_MINUTE): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    handler: (_req, res, next) => {
      const retryAfterSeconds = Number(res.getHeader('Retry-After') ?? 60);
      next(new HttpError(429, 'too_many_requests', 'Too many requests to the public map; try again in a minute', [], { retryAfterSeconds }));
    },
  });
}
