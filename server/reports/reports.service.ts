import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import { photoRefs } from '../photos/photos.repository';
import type { AuthContext } from '../auth/auth-context';
import { seesAllReports } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import { pointToStorageCell } from '../h3/cells';
import * as repo from './reports.repository';
import { refuseFindingMirror } from './finding-mirror-guard';
import * as listRepo from './report-list.repository';
import { decodeCursor, encodeCursor } from './report-sort';
import { personalDataWarnings } from '../privacy/report-privacy';
import type { CreateReportInput, ListReportsFilter } from './report.schema';
import { EARLIEST_OBSERVED_MS as EARLIEST, FUTURE_SLACK_MS } from '../shared/iso-time';

/**
 * observedAt must be on or after 1970 and at most 24 h ahead (clock skew on phones, not planning).
 * `path` names it in the error (a confirmation's confirmedAt has the same limits).
 */
export function checkObservedTimes(observedAt: Date, observedUntil: Date | null | undefined, path = 'observedAt', now = Date.now()) {
  const details = [];
  if (observedAt.getTime() < EARLIEST) details.push({ path, message: 'must not be before 1970-01-01' });
  if (observedAt.getTime() > now + FUTURE_SLACK_MS) details.push({ path, message: 'must not be more than 24 hours in the future' });
  if (observedUntil) {
    if (observedUntil < observedAt) details.push({ path: 'observedUntil', message: 'must not be before observedAt' });
    if (observedUntil.getTime() > now + FUTURE_SLACK_MS) details.push({ path: 'observedUntil', message: 'must not be more than 24 hours in the future' });
  }
  if (details.length) throw HttpError.unprocessable('invalid_date', details.map((d) => `${d.path} ${d.message}`).join('; '), details);
}

/**
 * Stores a report. Posting the same client id again returns the stored report (created = false)
 * instead of a duplicate, so phones can retry freely.
 */
export async function createReport(db: Db, caller: AuthContext, input: CreateReportInput) {
  const id = input.id ?? randomUUID();
  const [lng, lat] = input.location.coordinates;
  const alreadyUsed = () => new HttpError(409, 'conflict', 'A report with this id already exists', [{ path: 'id', message: 'already used' }]);
  return withArea(db, caller.areaId, async (tx) => {
    /** The stored report when this caller may see it as their own retry; otherwise the id is taken. */
    const storedRetry = async (existing: repo.Report) => {
      if (!seesAllReports(caller.role) && existing.reporterId !== caller.userId) throw alreadyUsed();
      return { report: (await withReportPhotos(tx, caller.areaId, [existing]))[0]!, created: false };
    };
    const existing = await repo.findReport(tx, caller.areaId, id);
    if (existing) return storedRetry(existing);
    checkObservedTimes(input.observedAt, input.observedUntil);
    if (!(await repo.categoryExists(tx, caller.areaId, input.category))) {
      throw HttpError.unprocessable('unknown_category', `Unknown category ${input.category}`, [
        { path: 'category', message: 'is not a report category of this area (see GET /api/v1/categories)' },
      ]);
    }
    const organisationId = input.organisationId ?? caller.organisationId;
    if (input.organisationId && !(await repo.organisationExists(tx, caller.areaId, input.organisationId))) {
      throw HttpError.unprocessable('validation_failed', 'Unknown organisation', [
        { path: 'organisationId', message: 'is not an organisation of this area' },
      ]);
    }
    if (!(await repo.isInsideArea(tx, caller.areaId, lng, lat))) {
      throw HttpError.unprocessable('outside_area', 'The location is outside your area', [
        { path: 'location.coordinates', message: `[${lng}, ${lat}] is outside the boundary of ${caller.areaName}` },
      ]);
    }
    const inserted = await repo.insertReport(tx, {
      id,
      areaId: caller.areaId,
      category: input.category,
      observedAt: input.observedAt,
      observedUntil: input.observedUntil ?? null,
      lng,
      lat,
      h3: pointToStorageCell(lng, lat),
      severity: input.severity ?? 1,
      description: input.description?.trim() || null,
      organisationId,
      reporterId: caller.userId,
      source: 'app',
    });
    if (!inserted) {
      // A concurrent retry committed the same id after our first look: READ COMMITTED lets this
      // statement see it. Otherwise the id is used in another area: refuse without saying where.
      const raced = await repo.findReport(tx, caller.areaId, id);
      if (raced) return storedRetry(raced);
      throw alreadyUsed();
    }
    const report = await repo.findReport(tx, caller.areaId, id);
    return { report: (await withReportPhotos(tx, caller.areaId, [report!]))[0]!, created: true };
  });
}

/**
 * createReport, plus a warning per kind of personal data (personnummer, phone number) in the
 * stored description: it is stored as given, since the form warned before sending, and every
 * export masks it.
 */
export async function createReportWithWarnings(db: Db, caller: AuthContext, input: CreateReportInput) {
  const result = await createReport(db, caller, input);
  return { ...result, warnings: personalDataWarnings(result.report) };
}

export async function getReport(db: Db, caller: AuthContext, id: string) {
  return withArea(db, caller.areaId, async (tx) => {
    const report = await repo.findReport(tx, caller.areaId, id);
    // Someone else's report is "not found" for reporters, like another area's.
    if (!report || (!seesAllReports(caller.role) && report.reporterId !== caller.userId)) throw HttpError.notFound('Report');
    return (await withReportPhotos(tx, caller.areaId, [report]))[0]!;
  });
}

/** Reports with their photos' ids, sizes and URLs (photos.repository.ts). */
async function withReportPhotos(tx: Tx, areaId: number, reports: repo.Report[]) {
  const photos = await photoRefs(tx, areaId, 'report', reports.map((r) => r.id));
  return reports.map((r) => ({ ...r, photos: photos.get(r.id) ?? [] }));
}

export async function listReports(db: Db, caller: AuthContext, filter: ListReportsFilter) {
  const cursor = filter.cursor ? decodeCursor(filter.cursor, filter.sort) : undefined;
  const { reports, lastKey } = await withArea(db, caller.areaId, async (tx) => {
    const page = await listRepo.listReports(tx, caller.areaId, filter, {
      cursor,
      reporterId: seesAllReports(caller.role) ? undefined : caller.userId,
    });
    // The CSV and GeoJSON exports page through the same list; only the JSON list carries photos.
    return filter.format === 'json' ? { ...page, reports: await withReportPhotos(tx, caller.areaId, page.reports) } : page;
  });
  const last = reports[reports.length - 1];
  const nextCursor = reports.length === filter.limit && last && lastKey !== null ? encodeCursor({ sort: filter.sort, key: lastKey, id: last.id }) : null;
  return { reports, nextCursor };
}

export async function deleteReport(db: Db, caller: AuthContext, id: string) {
  const deleted = await withArea(db, caller.areaId, async (tx) => {
    refuseFindingMirror(await repo.findReport(tx, caller.areaId, id), 'id');
    return repo.deleteReport(tx, caller.areaId, id);
  });
  if (!deleted) throw HttpError.notFound('Report');
}
