import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Database } from './schema';
import { ConnectionMutex, PGlitePool } from './pglite-pool';

export type Db = Kysely<Database>;

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; maxConnections?: number }
  /** dataDir undefined = in memory; loadDataDir = start from a dumped data directory (tests). */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

/** The role the service runs as: owns nothing, cannot bypass row-level security (migration 0003). */
export const APP_ROLE = 'tryggkarta_app';

export interface DatabaseHandle {
  /** As the owner: migrations, the admin CLI, demo seeding. Never handed to request handlers. */
  readonly db: Db;
  /**
   * As tryggkarta_app, what the service uses: confined by row-level security to the area each
   * transaction sets (withArea). Created on first use, after migrations have made the role.
   */
  appDb(): Db;
  readonly kind: 'postgres' | 'pglite';
  /** Runs a multi-statement SQL script (a migration) inside one transaction. */
  execScriptInTransaction(script: string, after: (tx: ScriptTx) => Promise<void>): Promise<void>;
  /** Runs a plain multi-statement script outside a transaction. */
  execScript(script: string): Promise<void>;
  /** The underlying PGlite instance, when embedded (for dumping test templates). */
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

export interface ScriptTx {
  query(sql: string, params: unknown[]): Promise<void>;
}

// Both drivers return int8 and numeric as strings: one parser (BigInt / Number) serves both.
const PGLITE_PARSERS = { 20: (v: string) => v, 1700: (v: string) => v };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.kind === 'postgres' ? openPostgres(target.url, target.maxConnections) : openPGlite(target);
}

/** An idle pooled connection that the server drops (restart, failover) must not crash the process. */
function survivePoolErrors(pool: pg.Pool) {
  pool.on('error', (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
  return pool;
}

async function openPostgres(url: string, maxConnections = 10): Promise<DatabaseHandle> {
  const pool = survivePoolErrors(new pg.Pool({ connectionString: url, max: maxConnections }));
  // Fail fast with a clear error when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let appDb: Kysely<Database> | undefined;
  return {
    db,
    appDb() {
      if (!appDb) {
        const appPool = survivePoolErrors(new pg.Pool({ connectionString: url, max: maxConnections }));
        // Queries queue behind this on each new connection, so none runs as the owner.
        appPool.on('connect', (client) => void client.query(`SET ROLE ${APP_ROLE}`));
        appDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: appPool }) });
      }
      return appDb;
    },
    kind: 'postgres',
    async execScriptInTransaction(script, after) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Serialises concurrent migrators (two instances starting at once).
        await client.query('SELECT pg_advisory_xact_lock(74737201)');
        await client.query(script);
        await after({ query: async (sql, params) => void (await client.query(sql, params)) });
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async execScript(script) {
      await pool.query(script);
    },
    async close() {
      await appDb?.destroy();
      await db.destroy(); // ends the pool
    },
  };
}

async function openPGlite(target: { dataDir?: string; loadDataDir?: Blob }): Promise<DatabaseHandle> {
  const pglite = await PGlite.create({
    dataDir: target.dataDir,
    loadDataDir: target.loadDataDir,
    extensions: { postgis },
    parsers: PGLITE_PARSERS,
  });
  const mutex = new ConnectionMutex();
  const pool = new PGlitePool(pglite, mutex);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let appDb: Kysely<Database> | undefined;
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    // Take the single connection so no Kysely query interleaves with the script.
    const client = await pool.connect();
    try {
      return await fn();
    } finally {
      client.release();
    }
  };
  return {
    db,
    appDb() {
      appDb ??= new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite, mutex, APP_ROLE) }) });
      return appDb;
    },
    kind: 'pglite',
    pglite,
    execScriptInTransaction(script, after) {
      return exclusive(() =>
        pglite.transaction(async (tx) => {
          await tx.exec(script);
          await after({ query: async (sql, params) => void (await tx.query(sql, params)) });
        }),
      );
    },
    async execScript(script) {
      await exclusive(() => pglite.exec(script));
    },
    async close() {
      await appDb?.destroy();
      await db.destroy();
      await pglite.close();
    },
  };
}
