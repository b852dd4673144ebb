import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import { findAreaByCode } from '../areas/areas.repository';
import { insertAuditEntry } from '../audit/audit.repository';
import * as repo from './retention.repository';
import { purgeConfirmationPersonalData } from '../reports/confirmations-retention';
import { monthsBefore, RetentionMonths, retentionMonthsOf, RetentionSettingError } from './retention.settings';

export interface PurgeOptions {
  areaCode: string;
  /** Overrides the area's settings.retentionMonths for this run. */
  months?: number;
  /** Count only: nothing changes and nothing is audited. */
  dryRun?: boolean;
  via: 'cli' | 'system';
  now?: Date;
}

export interface PurgeResult extends repo.PurgeCounts {
  /** Photos of the purged reports, deleted with their descriptions. */
  photosDeleted: number;
  /** Confirmations made before the cutoff whose note and confirmer were cleared. */
  confirmationsCleared: number;
  areaCode: string;
  months: number;
  monthsFrom: 'setting' | 'default' | 'override';
  cutoff: string;
  dryRun: boolean;
  before: repo.RetentionSnapshot;
  after: repo.RetentionSnapshot;
}

/**
 * Retention (issue 7 §6c): clears raw descriptions and reporter links of an area's reports
 * observed more than N months ago, and deletes their photos, while the reports, and so every
 * count, stay. One transaction
 * holds the before count, the purge, the after count and the audit entry, so the log never claims
 * a purge that did not commit. Runs on the owner connection (CLI, the server's daily run).
 */
export async function purgeArea(db: Db, opts: PurgeOptions): Promise<PurgeResult> {
  const area = await findAreaByCode(db, opts.areaCode);
  if (!area) throw new RetentionSettingError(`No area with code ${opts.areaCode}`);
  let months: number;
  let monthsFrom: PurgeResult['monthsFrom'];
  if (opts.months !== undefined) {
    const parsed = RetentionMonths.safeParse(opts.months);
    if (!parsed.success) throw new RetentionSettingError(`--months must be a whole number from 1 to 120, not ${opts.months}`);
    months = parsed.data;
    monthsFrom = 'override';
  } else {
    months = retentionMonthsOf(area.settings, area.code);
    monthsFrom = area.settings?.retentionMonths === undefined ? 'default' : 'setting';
  }
  const cutoff = monthsBefore(opts.now ?? new Date(), months);
  const dryRun = opts.dryRun === true;

  return withArea(db, area.id, async (tx) => {
    const before = await repo.retentionSnapshot(tx, area.id, cutoff);
    if (dryRun) {
      const counts = {
        ...(await repo.countPurgeable(tx, area.id, cutoff)),
        photosDeleted: await repo.deleteReportPhotos(tx, area.id, cutoff, true),
        confirmationsCleared: await purgeConfirmationPersonalData(tx, area.id, cutoff, true),
      };
      return { areaCode: area.code, months, monthsFrom, cutoff: cutoff.toISOString(), dryRun, ...counts, before, after: before };
    }
    const counts = {
      ...(await repo.purgeReportPersonalData(tx, area.id, cutoff)),
      photosDeleted: await repo.deleteReportPhotos(tx, area.id, cutoff),
      confirmationsCleared: await purgeConfirmationPersonalData(tx, area.id, cutoff),
    };
    const after = await repo.retentionSnapshot(tx, area.id, cutoff);
    await insertAuditEntry(tx, {
      areaId: area.id,
      userId: null,
      role: null,
      via: opts.via,
      action: 'purge.run',
      resource: 'report',
      details: { months, monthsFrom, cutoff: cutoff.toISOString(), ...counts },
    });
    return { areaCode: area.code, months, monthsFrom, cutoff: cutoff.toISOString(), dryRun, ...counts, before, after };
  });
}

/** The daily run: every area by its own setting; one area's bad setting does not stop the others. */
export async function purgeAllAreas(db: Db, opts: { via: 'cli' | 'system'; now?: Date }) {
  const areas = await db.selectFrom('areas').select('code').orderBy('id').execute();
  const purged: PurgeResult[] = [];
  const failed: { areaCode: string; message: string }[] = [];
  for (const { code } of areas) {
    try {
      purged.push(await purgeArea(db, { areaCode: code, via: opts.via, now: opts.now }));
    } catch (err) {
      failed.push({ areaCode: code, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { purged, failed };
}
