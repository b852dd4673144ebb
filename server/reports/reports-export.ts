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
 * One CSV field (RFC 4180); null and undefined are empty. Free text that a spreadsheet would run
 * as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe: an export must not become an
 * attack on whoever opens it.
 */
export function csvField(value: unknown, freeText = false): string {
  if (value === null || value === undefined) return '';
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

/** A report as one GeoJSON Feature of an export: masked like the CSV, without the reporter. */
export function reportExportFeature(report: Report) {
  const { location, reporterId: _reporterId, ...properties } = maskReportForExport(report);
  return { type: 'Feature' as const, id: report.id, geometry: location, properties };
}

interface ExportFormat {
  contentType: string;
  extension: string;
  start: string;
  rows(reports: Report[], first: boolean): string;
  end(count: number): string;
}

const FORMATS: Record<'csv' | 'geojson', ExportFormat> = {
  // A byte-order mark first, so spreadsheets read å, ä and ö right.
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', start: '\uFEFF' + CSV_HEADER, rows: (reports) => reports.map(reportCsvLine).join(''), end: () => '' },
  geojson: {
    contentType: 'application/geo+json; charset=utf-8',
    extension: 'geojson',
    start: '{"type":"FeatureCollection","features":[',
    rows: (reports, first) => reports.map((r, i) => (first && i === 0 ? '' : ',') + JSON.stringify(reportExportFeature(r))).join(''),
    end: (count) => `],"meta":${JSON.stringify({ count, exportedAt: new Date().toISOString() })}}`,
  },
};

/**
 * Streams every report the filter matches (the caller's own only, for reporters) as a CSV or
 * GeoJSON download, in the order asked for. `limit` pages the JSON list only; the export holds
 * all matches, fetched in batches so memory stays flat however many there are.
 */
export async function sendReportsExport(res: Response, db: Db, caller: AuthContext, filter: ListReportsFilter, format: 'csv' | 'geojson'): Promise<void> {
  if (filter.cursor) throw HttpError.badRequest(`cursor pages the JSON list; a ${format} export holds every match`, [{ path: 'cursor', message: `is not used with format=${format}` }]);
  const out = FORMATS[format];
  // The first batch comes before any header goes out, so an error is still an ordinary JSON error.
  let page = await listReports(db, caller, { ...filter, limit: BATCH, cursor: undefined });
  // The audit log tells an export from a list page (see server/audit/audit.middleware.ts).
  res.locals.audit = { ...res.locals.audit, action: 'report.export', details: { format } };
  const day = new Date().toISOString().slice(0, 10);
  res
    .status(200)
    .set('Content-Type', out.contentType)
    .set('Content-Disposition', `attachment; filename="rapporter-${caller.areaCode}-${day}.${out.extension}"`)
    .set('Cache-Control', 'no-store');
  await write(res, out.start);
  let count = 0;
  for (;;) {
    await write(res, out.rows(page.reports, count === 0));
    count += page.reports.length;
    if (!page.nextCursor || res.destroyed) break;
    page = await listReports(db, caller, { ...filter, limit: BATCH, cursor: page.nextCursor });
  }
  await write(res, out.end(count));
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
