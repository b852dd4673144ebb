import { parseConfig, ConfigError } from './config';
import { createLogger } from './logger';
import { openConfiguredDatabase } from './db/open';
import { DataDirLockedError } from './db/data-dir-lock';
import { createApp } from './app';
import { seedDemo } from './demo/seed-demo';
import { startRetentionSchedule } from './retention/retention.schedule';
import { readArchiveInfo } from './basemap/pmtiles-file';
import { DRAWABLE_TILE_TYPES } from './basemap/basemap-style';

/** A BASEMAP_PMTILES that is no PMTiles v3 archive of map tiles stops the start, naming the variable. */
async function checkBasemapArchive(file: string) {
  try {
    const { header } = await readArchiveInfo(file);
    if (!DRAWABLE_TILE_TYPES.includes(header.tileType)) throw new Error(`tile type ${header.tileType} cannot be drawn (MVT, PNG, JPEG or WebP)`);
  } catch (err) {
    console.error(`Invalid configuration:\n  BASEMAP_PMTILES: ${file} is not a usable PMTiles v3 archive: ${(err as Error).message}`);
    process.exit(1);
  }
}

async function main() {
  let config;
  try {
    config = parseConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  if (config.basemapPmtiles) await checkBasemapArchive(config.basemapPmtiles);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  logger.info(`opening database: ${where}`);
  const database = await openConfiguredDatabase(config, 'the Tryggkarta server');
  if (database.migrated.length) logger.info({ migrations: database.migrated }, 'applied migrations');

  if (config.seedDemo) {
    const seeded = await seedDemo(database.handle.db, { onlyIntoEmptyDatabase: true });
    if (seeded) {
      const lines = seeded.users.map((u) => `    ${u.email.padEnd(36)} (${u.role})`).join('\n');
      console.log(
        `\nDemo area "${seeded.areaCode}" created with ${seeded.reports} synthetic reports and ${seeded.walks} safety walks (${seeded.findings} findings).\n` +
          `Log in at http://localhost:${config.port} with one of:\n${lines}\n  password: ${seeded.password}\n`,
      );
    }
  }

  // Requests run as the app role, confined by row-level security; the owner connection stays for start-up work.
  const app = createApp({ config, db: database.handle.appDb(), logger, dbKind: database.handle.kind });
  const server = app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info(`Tryggkarta listening on http://localhost:${port}`);
  });
  server.requestTimeout = 10 * 60_000; // large imports
  // Daily retention purge of every area, on the owner connection like the admin CLI's (audited as 'system').
  const retention = startRetentionSchedule({ db: database.handle.db, logger });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    server.close(async () => {
      await retention.stop();
      await database.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof DataDirLockedError) {
    console.error(err.message);
  } else {
    console.error('Start failed:', err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
