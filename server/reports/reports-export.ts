import type { Response } from 'express';
import type { Db } from '../db/database';
import type { AuthContext } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import { maskReportForExport } from '../privacy/report-privacy';
import type { Report } from './reports.repository';
import type { ListReportsFilter } from './report.schema';
import { listReports } from './reports.service';

/** Rows per database round trip; each batch is its own area-scoped transaction. */
const BATCH = 1000;

/**
 * The export's columns. Left out on purpose: reporterId (who reported is not needed to analyse
 * places, and is purged with retention anyway).
 */
const COLUMNS: readonly [string, (r: Report) => string | number | boolean | null][] = [
  ['id', (r) => r.id],
  ['observedAt', (r) => r.observedAt],
  ['observedUntil', (r) => r.observedUntil],
  ['reportedAt', (r) => r.reportedAt],
  ['category', (r) => r.category],
  ['severity', (r) => r.severity],
  ['lng', (r) => r.location.coordinates[0]],
  ['lat', (r) => r.location.coordinates[1]],
  ['cell', (r) => r.cell],
  ['description', (r) => r.description],
  ['organisationId', (r) => r.organisationId],
  ['source', (r) => r.source],
  ['sourceType', (r) => r.sourceType],
  ['externalId', (r) => r.externalId],
  ['locationPrecision', (r) => r.locationPrecision],
  ['inAnalytics', (r) => r.inAnalytics],
  ['status', (r) => r.status],
];
const FREE_TEXT = new Set(['description', 'sourceType', 'externalId']);

/**
 * One CSV field (RFC 4180). Free text that a spreadsheet would run as a formula (=, +, -, @, tab,
 * CR first) gets a leading apostrophe: an export must not become an attack on whoever opens it.
 */
export function csvField(value: string | number | boolean | null, freeText = false): string {
  if (value === null) return '';
  let text = String(value);
  if (freeText && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A report as one CSV line (CRLF), its description masked like every export. */
export function reportCsvLine(report: Report): string {
  const masked = maskReportForExport(report);
  return COLUMNS.map(([name, read]) => csvField(read(masked), FREE_TEXT.has(name))).join(',') + '\r\n';
}

export const CSV_HEADER = COLUMNS.map(([name]) => name).join(',') + '\r\n';

/**
 * Streams every report the filter matches (the caller's own only, for reporters) as a UTF-8 CSV
 * download with a byte-order mark, so spreadsheets read å, ä and ö right. `limit` pages the JSON
 * list only; the export holds all matches, newest first.
 */
export async function sendReportsCsv(res: Response, db: Db, caller: AuthContext, filter: ListReportsFilter): Promise<void> {
  if (filter.cursor) throw HttpError.badRequest('cursor pages the JSON list; a CSV export holds every match', [{ path: 'cursor', message: 'is not used with format=csv' }]);
  // The first batch comes before any header goes out, so an error is still an ordinary JSON error.
  let page = await listReports(db, caller, { ...filter, limit: BATCH, cursor: undefined });
  // The audit log tells an export from a list page (see server/audit/audit.middleware.ts).
  res.locals.audit = { ...res.locals.audit, action: 'report.export' };
  const day = new Date().toISOString().slice(0, 10);
  res
    .status(200)
    .set('Content-Type', 'text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="rapporter-${caller.areaCode}-${day}.csv"`)
    .set('Cache-Control', 'no-store');
  await write(res, '\uFEFF' + CSV_HEADER);
  for (;;) {
    await write(res, page.reports.map(reportCsvLine).join(''));
    if (!page.nextCursor || res.destroyed) break;
    page = await listReports(db, caller, { ...filter, limit: BATCH, cursor: page.nextCursor });
  }
  res.end();
}

/** Writes and waits for the socket to drain when its buffer is full, so a big export stays small in memory. */
function write(res: Response, chunk: string): Promise<void> {
  if (chunk === '' || res.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
