/** Counts of demo data for printing when seeding: by category, organisation and local month. */
import { DEMO_TIME_ZONE } from './area.js';

export interface DemoSummary {
  reportCount: number;
  byCategory: Record<string, number>;
  byOrganisation: Record<string, number>;
  /** Keyed `YYYY-MM` in the area's local time. */
  byMonth: Record<string, number>;
}

interface SummarizableReport {
  category: string;
  organisationKey: string;
  observedAt: Date;
}

/** Keys are sorted so the printed summary is stable. */
export function summarizeDemoData(data: { reports: readonly SummarizableReport[] }): DemoSummary {
  const byCategory = new Map<string, number>();
  const byOrganisation = new Map<string, number>();
  const byMonth = new Map<string, number>();
  const monthOf = localMonthFormatter();
  for (const report of data.reports) {
    increment(byCategory, report.category);
    increment(byOrganisation, report.organisationKey);
    increment(byMonth, monthOf(report.observedAt));
  }
  return {
    reportCount: data.reports.length,
    byCategory: sortedRecord(byCategory),
    byOrganisation: sortedRecord(byOrganisation),
    byMonth: sortedRecord(byMonth),
  };
}

/** `YYYY-MM` in the demo time zone, cached per UTC hour because Intl formatting is slow. */
function localMonthFormatter(): (instant: Date) => string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: DEMO_TIME_ZONE, year: 'numeric', month: '2-digit' });
  const cache = new Map<number, string>();
  return (instant) => {
    const hourKey = Math.floor(instant.getTime() / 3_600_000);
    let month = cache.get(hourKey);
    if (month === undefined) {
      const parts = format.formatToParts(instant);
      month = `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
      cache.set(hourKey, month);
    }
    return month;
  };
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function sortedRecord(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
