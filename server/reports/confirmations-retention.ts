import { sql } from 'kysely';
import type { Tx } from '../db/scope';

/**
 * Retention for confirmations ("I saw this too"): a confirmation made before the cutoff loses its
 * free-text note and the link to who made it, like a report's description and reporter; the row
 * stays, so each report's confirmation count does not change. Runs with the report purge
 * (retention.service.ts), on the owner connection. `dryRun` counts only.
 */
export async function purgeConfirmationPersonalData(tx: Tx, areaId: number, cutoff: Date, dryRun = false): Promise<number> {
  const old = sql`area_id = ${areaId} AND confirmed_at < ${cutoff} AND (note IS NOT NULL OR user_id IS NOT NULL)`;
  const result = dryRun
    ? await sql<{ n: number }>`SELECT count(*)::int AS n FROM report_confirmations WHERE ${old}`.execute(tx)
    : await sql<{ n: number }>`
        WITH purged AS (UPDATE report_confirmations SET note = NULL, user_id = NULL WHERE ${old} RETURNING 1)
        SELECT count(*)::int AS n FROM purged`.execute(tx);
  return Number(result.rows[0]?.n ?? 0);
}
