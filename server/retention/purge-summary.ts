import type { PurgeResult } from './retention.service';

/** The admin CLI's account of a purge: before/after counts side by side. */
export function formatPurgeSummary(r: PurgeResult): string {
  const source = { override: '--months', setting: 'the area setting', default: 'the default' }[r.monthsFrom];
  const rows: [string, keyof PurgeResult['before']][] = [
    ['reports', 'reports'],
    ['  with a description', 'withDescription'],
    ['  with a reporter link', 'withReporter'],
    ['observed before the cutoff', 'beforeCutoff'],
    ['  with a description', 'beforeCutoffWithDescription'],
    ['  with a reporter link', 'beforeCutoffWithReporter'],
  ];
  const table = [
    `${''.padEnd(30)}${'before'.padStart(10)}${'after'.padStart(10)}`,
    ...rows.map(([label, key]) => `${label.padEnd(30)}${String(r.before[key]).padStart(10)}${String(r.after[key]).padStart(10)}`),
  ];
  const what = `${r.descriptionsCleared} descriptions and ${r.reporterLinksCleared} reporter links on ${r.reportsAffected} reports`;
  return [
    `Retention purge in ${r.areaCode}: reports observed before ${r.cutoff} (${r.months} months, from ${source}).`,
    ...table,
    r.dryRun ? `Dry run: nothing was changed. A purge would clear ${what}.` : `Cleared ${what}; the reports and their counts stay. Audited as purge.run.`,
    r.dryRun ? `It would delete ${r.photosDeleted} photos of those reports.` : `Deleted ${r.photosDeleted} photos of those reports.`,
    r.dryRun
      ? `It would clear the note and confirmer of ${r.confirmationsCleared} confirmations made before the cutoff.`
      : `Cleared the note and confirmer of ${r.confirmationsCleared} confirmations made before the cutoff; their counts stay.`,
  ].join('\n');
}
