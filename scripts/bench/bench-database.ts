/**
 * The bench's own database, so it never touches real data: a fresh `tk_bench_<random>` on the
 * server named by DATABASE_URL, or an embedded PGlite in a temporary directory. Migrated with the
 * server's own migrations; dropped (or removed) at the end unless kept.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../server/db/database';
import { lockDataDir } from '../../server/db/data-dir-lock';
import { migrate } from '../../server/db/migrate';

export interface BenchDatabase {
  readonly kind: 'postgres' | 'pglite';
  /** Where it lives, for the printout (no credentials). */
  readonly where: string;
  /** Environment for a server process on this database. */
  readonly serverEnv: Record<string, string>;
  /** Opens a handle in this process. PGlite: only while no server process holds the directory. */
  open(): Promise<DatabaseHandle & { release(): Promise<void> }>;
  /** ALTER DATABASE … SET for new connections (PostgreSQL); name and value are checked by the caller. */
  setSetting(name: string, value: string): Promise<void>;
  /** Drops the database / removes the directory unless kept; says what it did. */
  dispose(keep: boolean): Promise<string>;
}

export async function createBenchDatabase(databaseUrl: string | undefined): Promise<BenchDatabase> {
  const database = databaseUrl ? await createPostgres(databaseUrl) : createPGlite();
  const handle = await database.open();
  try {
    await migrate(handle);
  } finally {
    await handle.release();
  }
  return database;
}

async function createPostgres(adminUrl: string): Promise<BenchDatabase> {
  const name = `tk_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  // The name is ours (hex), so splicing it is safe; identifiers cannot be parameters.
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const safe = new URL(url);
  safe.password = '';
  return {
    kind: 'postgres',
    where: `${safe.host}/${name} (fresh database)`,
    serverEnv: { DATABASE_URL: url.toString() },
    async open() {
      const handle = await openDatabase({ kind: 'postgres', url: url.toString(), maxConnections: 2 });
      return Object.assign(handle, { release: () => handle.close() });
    },
    async setSetting(setting, value) {
      await admin(`ALTER DATABASE ${name} SET ${setting} = '${value}'`);
    },
    async dispose(keep) {
      if (keep) return `kept database ${name} (DATABASE_URL=${safe.toString()})`;
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return `dropped database ${name}`;
    },
  };
}

function createPGlite(): BenchDatabase {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tk-bench-'));
  const dataDir = path.join(root, 'data');
  return {
    kind: 'pglite',
    where: `${dataDir} (temporary)`,
    serverEnv: { DATA_DIR: dataDir },
    async open() {
      const unlock = lockDataDir(dataDir, 'the hotspot benchmark');
      try {
        const handle = await openDatabase({ kind: 'pglite', dataDir });
        return Object.assign(handle, {
          async release() {
            await handle.close();
            unlock();
          },
        });
      } catch (err) {
        unlock();
        throw err;
      }
    },
    async setSetting() {
      throw new Error('--pg-set applies to PostgreSQL only (PGlite is configured per connection)');
    },
    async dispose(keep) {
      if (keep) return `kept PGlite data directory ${dataDir}`;
      rmSync(root, { recursive: true, force: true });
      return `removed ${root}`;
    },
  };
}

export async function describeVersions(handle: DatabaseHandle): Promise<string> {
  const row = (
    await sql<{ pg: string; postgis: string }>`SELECT current_setting('server_version') AS pg, postgis_lib_version() AS postgis`.execute(handle.db)
  ).rows[0]!;
  return `PostgreSQL ${row.pg}, PostGIS ${row.postgis}`;
}
