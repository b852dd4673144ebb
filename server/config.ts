import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Environment, parsed once at start-up. Each key is documented here and in README.md.
 * A bad value stops the start with a message naming the variable.
 */
const ConfigSchema = z
  .object({
    /** HTTP port of the API and the web app. */
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    /** PostgreSQL/PostGIS server; when unset the embedded PGlite database in DATA_DIR is used. */
    DATABASE_URL: z.string().url().optional(),
    /** Directory of the embedded database (PGlite). */
    DATA_DIR: z.string().min(1).default('./data'),
    /**
     * MapLibre style for the basemap, or `none` for the built-in plain style. Unset: the built-in
     * style in production, the free OpenFreeMap "liberty" style (OpenStreetMap) otherwise.
     */
    BASEMAP_STYLE_URL: z.union([z.literal('none'), z.string().url()]).optional(),
    /** A .pmtiles basemap archive served by this server itself (wins over BASEMAP_STYLE_URL). */
    BASEMAP_PMTILES: z
      .string()
      .refine((p) => p.toLowerCase().endsWith('.pmtiles'), 'must name a .pmtiles file')
      .refine((p) => existsSync(p) && statSync(p).isFile(), 'no such file')
      .transform((p) => path.resolve(p))
      .optional(),
    /** Secret for signing; required in production. */
    SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Largest import body in bytes (default 100 MB). */
    IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(100 * 1024 * 1024),
    /** Seed the demo area on first start of the embedded database (default true; never with DATABASE_URL). */
    SEED_DEMO: z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
    /** Requests per minute and caller to the analytics endpoints (hotspots...). */
    RATE_LIMIT_ANALYTICS: z.coerce.number().int().positive().default(240),
    /** Memory for the analytics' cached study regions (boundary cells and neighbour lists), in MB. */
    ANALYTICS_REGION_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
    /** Login requests per minute and client address (the per-account lockout comes on top). */
    RATE_LIMIT_LOGIN: z.coerce.number().int().positive().default(60),
    /** Set to true behind a TLS-terminating proxy so cookies get the Secure flag. */
    TRUST_PROXY: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when NODE_ENV=production' });
    }
  });

export interface Config {
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** 'none', a style URL, or undefined (unset: see basemap/basemap-choice.ts). */
  readonly basemapStyleUrl: string | undefined;
  /** Absolute path of the self-hosted .pmtiles archive, if any. */
  readonly basemapPmtiles: string | undefined;
  readonly sessionSecret: string | undefined;
  readonly logLevel: string;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly importMaxBytes: number;
  /** Whether to seed demo data into an empty database. */
  readonly seedDemo: boolean;
  readonly trustProxy: boolean;
  readonly rateLimitAnalyticsPerMinute: number;
  readonly rateLimitLoginPerMinute: number;
  readonly analyticsRegionCacheBytes: number;
}

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings in the environment mean "unset".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  return Object.freeze({
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    basemapStyleUrl: e.BASEMAP_STYLE_URL,
    basemapPmtiles: e.BASEMAP_PMTILES,
    sessionSecret: e.SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
    nodeEnv: e.NODE_ENV,
    importMaxBytes: e.IMPORT_MAX_BYTES,
    // Demo data only ever goes into the embedded default, never into a server given by DATABASE_URL.
    seedDemo: embedded && (e.SEED_DEMO ?? true),
    trustProxy: e.TRUST_PROXY,
    rateLimitAnalyticsPerMinute: e.RATE_LIMIT_ANALYTICS,
    rateLimitLoginPerMinute: e.RATE_LIMIT_LOGIN,
    analyticsRegionCacheBytes: e.ANALYTICS_REGION_CACHE_MB * 1024 * 1024,
  });
}
