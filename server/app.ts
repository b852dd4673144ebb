import express, { type Express } from 'express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Config } from './config';
import type { Db } from './db/database';
import type { Logger } from './logger';
import { resolveAuth, sameOriginForCookieWrites } from './auth/auth.middleware';
import { authRoutes } from './auth/auth.routes';
import { tokensRoutes } from './auth/tokens.routes';
import { areasRoutes } from './areas/areas.routes';
import { reportsRoutes } from './reports/reports.routes';
import { similarReportsRoutes } from './reports/similar.routes';
import { walksRoutes } from './walks/walks.routes';
import { protocolRoutes } from './walks/protocol/protocol.routes';
import { findingsRoutes } from './findings/findings.routes';
import { photosRoutes } from './photos/photos.routes';
import { hotspotsRoutes } from './hotspots/hotspots.routes';
import { analyticsRoutes } from './analytics/analytics.routes';
import { Regions } from './analytics/region/regions';
import { RegionCache } from './analytics/region/region-cache';
import { importsRoutes } from './imports/imports.routes';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { HttpError } from './http/errors';
import { guardedRouter } from './http/guarded-router';
import { refuseUnstorableText } from './http/unstorable-text';
import { createRateLimits } from './http/rate-limits';
import { auditRequests } from './audit/audit.middleware';
import { auditRoutes } from './audit/audit.routes';
import { meRoutes } from './me/me.routes';
import { publicRoutes } from './public/public.routes';
import { publicRateLimit } from './public/public-rate-limit';
import { privacyRoutes } from './privacy/privacy.routes';
import { cellSummaryRoutes } from './cell-summary/cell-summary.routes';
import { zonesRoutes } from './zones/zones.routes';
import { patrolPlansRoutes } from './patrols/patrol-plans.routes';
import { patrolLogsRoutes } from './patrols/patrol-logs.routes';
import { promisesRoutes, publicPromisesRoutes } from './promises/promises.routes';
import { evaluationsRoutes } from './evaluations/evaluations.routes';
import { basemapChoice } from './basemap/basemap-choice';
import { basemapRoutes } from './basemap/basemap.routes';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  dbKind: 'postgres' | 'pglite';
}

/** Builds the app; never listens (main.ts does, tests listen on port 0). */
export function createApp({ config, db, logger, dbKind }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy) app.set('trust proxy', 1);
  app.set('query parser', 'simple');

  const basemap = basemapChoice(config);
  // A basemap host chosen without TLS (an internal tile server) must be reachable too.
  const basemapHosts = basemap.kind === 'remote' && basemap.styleUrl.startsWith('http:') ? [new URL(basemap.styleUrl).origin] : [];
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // maplibre-gl runs its workers from blob: URLs and draws tiles from blob:/data: images.
          'worker-src': ["'self'", 'blob:'],
          'child-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:', 'https:', ...basemapHosts],
          'connect-src': ["'self'", 'https:', ...basemapHosts],
          'style-src': ["'self'", "'unsafe-inline'"],
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) ?? randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      serializers: {
        // Paths and status only: query strings can hold places and times tied to people.
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      },
      autoLogging: { ignore: (req) => req.url === '/api/v1/health' },
    }),
  );
  // gzip/deflate/br for text answers to clients that ask (GeoJSON of thousands of hexagons, the
  // exports, the app's scripts): a phone on a weak signal gets a fraction of the bytes. Images,
  // photos and .pmtiles archives (compressed already) are left as they are, and so is any answer to
  // a range request, whose Content-Range counts the bytes as stored.
  app.use(compression({ threshold: 1024, filter: (req, res) => req.headers.range === undefined && compression.filter(req, res) }));

  const limits = createRateLimits({
    analyticsPerMinute: config.rateLimitAnalyticsPerMinute,
    loginPerMinute: config.rateLimitLoginPerMinute,
  });
  const api = express.Router();
  const open = guardedRouter();
  open.get('/health', async (_req, res) => {
    try {
      await sql`SELECT 1`.execute(db);
      res.json({ status: 'ok', database: 'ok', databaseKind: dbKind });
    } catch {
      res.status(503).json({ status: 'degraded', database: 'unavailable', databaseKind: dbKind });
    }
  });
  open.get('/client-config', (_req, res) => {
    res.json({ basemapStyleUrl: basemap.styleUrl, basemapKind: basemap.kind });
  });
  api.use(open.router);
  // The public view needs no session: mounted before the caller is resolved.
  // One limiter for every public page, so they share one budget per address.
  const publicLimit = publicRateLimit();
  api.use(publicRoutes(db, publicLimit));
  api.use(publicPromisesRoutes(db, publicLimit));

  api.use(cookieParser());
  api.use(resolveAuth(db));
  // Once the caller is known: writes and raw-data reads are recorded when their response is sent.
  api.use(auditRequests(db));
  api.use(sameOriginForCookieWrites);
  // Imports and photo uploads read their own raw body; everything else is JSON.
  api.use(importsRoutes(db, config));
  api.use(photosRoutes(db));
  api.use((req, _res, next) => {
    const hasBody = req.headers['content-length'] !== '0' && (req.headers['transfer-encoding'] || Number(req.headers['content-length'] ?? 0) > 0);
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is('application/json')) {
      return next(new HttpError(415, 'unsupported_media_type', 'Send the body as application/json', [{ path: '(body)', message: `content-type ${req.headers['content-type'] ?? '(none)'} is not accepted` }]));
    }
    // JSON is UTF-8 (RFC 8259 §8.1); body-parser would decode UTF-16 and answer its garbage with a misleading 400.
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (hasBody && charset && charset !== 'utf-8' && charset !== 'utf8') {
      return next(new HttpError(415, 'unsupported_media_type', 'Send JSON as UTF-8', [{ path: '(body)', message: `charset ${charset} is not accepted; use utf-8` }]));
    }
    next();
  });
  // Small bodies where only small ones make sense; 1 MB is the ceiling for any JSON body.
  api.use('/auth', express.json({ limit: '10kb', strict: true }));
  api.use('/privacy', express.json({ limit: '10kb', strict: true }));
  api.use(express.json({ limit: '1mb', strict: true }));
  api.use(refuseUnstorableText);
  api.use(authRoutes(db, limits));
  api.use(tokensRoutes(db));
  api.use(areasRoutes(db));
  api.use(similarReportsRoutes(db));
  api.use(reportsRoutes(db));
  api.use(walksRoutes(db));
  api.use(protocolRoutes(db));
  api.use(findingsRoutes(db));
  api.use(hotspotsRoutes(db, limits));
  api.use(cellSummaryRoutes(db, limits));
  api.use(zonesRoutes(db));
  // One region cache for every statistic: analytics, patrol proposals and evaluations share it.
  const regions = new Regions(new RegionCache(config.analyticsRegionCacheBytes));
  api.use(analyticsRoutes(db, limits, regions));
  api.use(auditRoutes(db));
  api.use(meRoutes(db));
  api.use(privacyRoutes());
  api.use(patrolPlansRoutes(db, limits, regions));
  api.use(patrolLogsRoutes(db));
  api.use(promisesRoutes(db));
  api.use(evaluationsRoutes(db, limits, regions));
  api.use(notFoundHandler);

  app.use('/api/v1', api);
  app.use('/api', notFoundHandler);
  app.use(basemapRoutes(basemap));

  if (existsSync(WEB_DIST)) {
    app.use(express.static(WEB_DIST, { index: false, maxAge: '1h' }));
    // The single-page app answers every other GET with its shell.
    app.get(/.*/, (_req, res) => res.sendFile(path.join(WEB_DIST, 'index.html')));
  } else {
    app.get('/', (_req, res) => res.type('text').send('Web app not built: run `npm run build:web`.'));
  }

  app.use(errorHandler(logger));
  return app;
}
