import { sql } from 'kysely';
import type { Tx } from '../db/scope';

/** How much personal data an area's reports hold, overall and before the cutoff. */
export interface RetentionSnapshot {
  reports: number;
  withDescription: number;
  withReporter: number;
  beforeCutoff: number;
  beforeCutoffWithDescription: number;
  beforeCutoffWithReporter: number;
}

export async function retentionSnapshot(tx: Tx, areaId: number, cutoff: Date): Promise<RetentionSnapshot> {
  const result = await sql<RetentionSnapshot>`
    SELECT count(*)::int AS "reports",
           count(*) FILTER (WHERE description IS NOT NULL)::int AS "withDescription",
           count(*) FILTER (WHERE reporter_id IS NOT NULL)::int AS "withReporter",
           count(*) FILTER (WHERE observed_at < ${cutoff})::int AS "beforeCutoff",
           count(*) FILTER (WHERE observed_at < ${cutoff} AND description IS NOT NULL)::int AS "beforeCutoffWithDescription",
           count(*) FILTER (WHERE observed_at < ${cutoff} AND reporter_id IS NOT NULL)::int AS "beforeCutoffWithReporter"
    FROM reports WHERE area_id = ${areaId}`.execute(tx);
  return result.rows[0]!;
}

export interface PurgeCounts {
  reportsAffected: number;
  descriptionsCleared: number;
  reporterLinksCleared: number;
}

/**
 * Photos of reports observed before the cutoff: they can show people and places tied to them as
 * much as a description can, so they go with it. Photos of safety-walk findings stay with the
 * finding (a place's record, like the protocol).
 */
export async function deleteReportPhotos(tx: Tx, areaId: number, cutoff: Date, dryRun = false): Promise<number> {
  const old = sql`SELECT r.id FROM reports r WHERE r.area_id = ${areaId} AND r.observed_at < ${cutoff} AND r.source <> 'walk'`;
  const result = dryRun
    ? await sql<{ n: number }>`SELECT count(*)::int AS n FROM photos WHERE area_id = ${areaId} AND report_id IN (${old})`.execute(tx)
    : await sql<{ n: number }>`
        WITH gone AS (DELETE FROM photos WHERE area_id = ${areaId} AND report_id IN (${old}) RETURNING 1)
        SELECT count(*)::int AS n FROM gone`.execute(tx);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Clears the free text and the reporter link of every report observed before the cutoff. The
 * rows stay, with their place, time, category, severity and organisation (the reporting body,
 * not a person), so every count and hotspot stays the same. PostgreSQL 15 has no OLD in
 * RETURNING, so the CTE remembers what each row held before the update.
 */
export async function purgeReportPersonalData(tx: Tx, areaId: number, cutoff: Date): Promise<PurgeCounts> {
  const result = await sql<PurgeCounts>`
    WITH held AS (
      SELECT id, description IS NOT NULL AS had_description, reporter_id IS NOT NULL AS had_reporter
      FROM reports
      WHERE area_id = ${areaId} AND observed_at < ${cutoff}
        AND (description IS NOT NULL OR reporter_id IS NOT NULL)
      FOR UPDATE
    ), purged AS (
      UPDATE reports r SET description = NULL, reporter_id = NULL, updated_at = now()
      FROM held WHERE r.area_id = ${areaId} AND r.id = held.id
      RETURNING held.had_description, held.had_reporter
    )
    SELECT count(*)::int AS "reportsAffected",
           count(*) FILTER (WHERE had_description)::int AS "descriptionsCleared",
           count(*) FILTER (WHERE had_reporter)::int AS "reporterLinksCleared"
    FROM purged`.execute(tx);
  return result.rows[0]!;
}

/** What a purge at this cutoff would clear, without clearing it. */
export async function countPurgeable(tx: Tx, areaId: number, cutoff: Date): Promise<PurgeCounts> {
  const result = await sql<PurgeCounts>`
    SELECT count(*)::int AS "reportsAffected",
           count(*) FILTER (WHERE description IS NOT NULL)::int AS "descriptionsCleared",
           count(*) FILTER (WHERE reporter_id IS NOT NULL)::int AS "reporterLinksCleared"
    FROM reports
    WHERE area_id = ${areaId} AND observed_at < ${cutoff}
      AND (description IS NOT NULL OR reporter_id IS NOT NULL)`.execute(tx);
  return result.rows[0]!;
}
