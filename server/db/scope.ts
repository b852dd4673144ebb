import { sql, type Transaction } from 'kysely';
import type { Database } from './schema';
import type { Db } from './database';

export type Tx = Transaction<Database>;

/**
 * Runs fn in a transaction bound to one area: `app.area_id` is set for the transaction
 * (SET LOCAL semantics), which row-level security policies read. Repositories still filter
 * on area_id explicitly; the setting is the second wall.
 */
export function withArea<T>(db: Db, areaId: number, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('app.area_id', ${String(areaId)}, true)`.execute(tx);
    return fn(tx);
  });
}
