/**
 * Every database test runs on both backends: the embedded PGlite always, and the PostgreSQL/PostGIS
 * server given by TEST_DATABASE_URL (CI sets it; see .ci/run). Without it the server half is
 * skipped, and says so.
 */
export type Backend = 'pglite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export const BACKENDS: Backend[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

if (!TEST_DATABASE_URL && !process.env.TK_WARNED_NO_PG) {
  process.env.TK_WARNED_NO_PG = '1';
  console.warn('TEST_DATABASE_URL is not set: database tests run on PGlite only (CI runs both).');
}
