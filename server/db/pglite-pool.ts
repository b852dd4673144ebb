import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * Kysely's PostgresDialect over PGlite. PGlite is a single connection in this process, so the
 * "pool" hands out one client at a time: a transaction holds it until it is released, and every
 * other query waits its turn (the same thing a one-connection pg.Pool would do).
 */
export class PGlitePool implements PostgresPool {
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    };
    const pglite = this.pglite;
    async function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
      const result = await pglite.query<R>(sql, parameters as unknown[]);
      return {
        command: (result.command ?? 'SELECT') as PostgresQueryResult<R>['command'],
        rowCount: result.affectedRows ?? result.rows.length,
        rows: result.rows,
      };
    }
    // Kysely only streams through cursors, which this app does not use.
    return { query: query as PostgresPoolClient['query'], release };
  }

  async end(): Promise<void> {
    // The owner closes PGlite itself, after Kysely is destroyed.
  }
}
