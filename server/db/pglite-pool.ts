import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/** Hands PGlite's single connection to one client at a time, across every pool built on it. */
export class ConnectionMutex {
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  async acquire(): Promise<() => void> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    };
  }
}

/**
 * Kysely's PostgresDialect over PGlite. PGlite is one connection in this process, so the "pool"
 * hands out one client at a time: a transaction holds it until released, other queries wait
 * (what a one-connection pg.Pool would do). With `role`, the connection runs as that role while
 * checked out (SET ROLE on acquire, RESET ROLE on release), so the owner's pool (migrations, the
 * CLI, seeding) and the service's pool can share the one connection.
 */
export class PGlitePool implements PostgresPool {
  constructor(
    readonly pglite: PGlite,
    private readonly mutex: ConnectionMutex,
    private readonly role?: string,
  ) {}

  async connect(): Promise<PostgresPoolClient> {
    const unlock = await this.mutex.acquire();
    const pglite = this.pglite;
    const role = this.role;
    try {
      if (role) await pglite.exec(`SET ROLE ${role}`);
    } catch (err) {
      unlock();
      throw err;
    }
    async function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
      const result = await pglite.query<R>(sql, parameters as unknown[]);
      return {
        command: (result.command ?? 'SELECT') as PostgresQueryResult<R>['command'],
        rowCount: result.affectedRows ?? result.rows.length,
        rows: result.rows,
      };
    }
    const release = () => {
      if (!role) return unlock();
      // Back to the owner before anyone else gets the connection.
      pglite.exec('RESET ROLE').then(unlock, unlock);
    };
    // Kysely only streams through cursors, which this app does not use.
    return { query: query as PostgresPoolClient['query'], release };
  }

  async end(): Promise<void> {
    // The owner closes PGlite itself, after Kysely is destroyed.
  }
}
