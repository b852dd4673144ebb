import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import type { CheckResult } from '../db/schema';
import { HttpError } from '../http/errors';
import { categoryExists, isInsideArea } from '../reports/reports.repository';
import { checkObservedTimes } from '../reports/reports.service';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../shared/paging-cursor';
import { managesAllWalks } from '../walks/walk-access';
import { findWalk } from '../walks/walks.repository';
import { photoRefs, type PhotoRef } from '../photos/photos.repository';
import type { CreateFindingInput, ListFindingsFilter, PatchFindingInput } from './finding.schema';
import * as repo from './findings.repository';
import * as history from './finding-history.repository';
import { insertMirror, updateMirror } from './finding-mirror';
import { assertMayPatchFinding, assertMayRecordOn } from './finding-rules';

export interface Finding extends repo.FindingRecord {
  photos: PhotoRef[];
}

export interface FindingDetail extends Finding {
  history: history.FindingEvent[];
  /** The re-walks that checked it, and what each found. */
  checks: Omit<history.WalkCheck, 'findingId'>[];
}

export async function withPhotos(tx: Tx, areaId: number, records: repo.FindingRecord[]): Promise<Finding[]> {
  const photos = await photoRefs(tx, areaId, 'finding', records.map((f) => f.id));
  return records.map((f) => ({ ...f, photos: photos.get(f.id) ?? [] }));
}

async function detail(tx: Tx, areaId: number, record: repo.FindingRecord): Promise<FindingDetail> {
  const [finding] = await withPhotos(tx, areaId, [record]);
  const events = (await history.listFindingEvents(tx, areaId, [record.id])).get(record.id) ?? [];
  const checks = await history.listWalkChecks(tx, areaId, { findingIds: [record.id] });
  return { ...finding!, history: events, checks: checks.map(({ findingId: _f, ...c }) => c) };
}

const EARLIEST_DUE = '2000-01-01';
const LATEST_DUE = '2100-12-31';

function checkDueDate(dueDate: string | null | undefined) {
  if (dueDate && (dueDate < EARLIEST_DUE || dueDate > LATEST_DUE)) {
    throw HttpError.unprocessable('invalid_date', `dueDate must lie between ${EARLIEST_DUE} and ${LATEST_DUE}`, [
      { path: 'dueDate', message: `must lie between ${EARLIEST_DUE} and ${LATEST_DUE}` },
    ]);
  }
}

async function checkCategory(tx: Tx, caller: AuthContext, category: string) {
  if (!(await categoryExists(tx, caller.areaId, category, 'finding'))) {
    throw HttpError.unprocessable('unknown_category', `Unknown finding category ${category}`, [
      { path: 'category', message: 'is not a finding category of this area (see GET /api/v1/categories, kind "finding")' },
    ]);
  }
}

async function checkLocation(tx: Tx, caller: AuthContext, [lng, lat]: [number, number]) {
  if (!(await isInsideArea(tx, caller.areaId, lng, lat))) {
    throw HttpError.unprocessable('outside_area', 'The location is outside your area', [
      { path: 'location.coordinates', message: `[${lng}, ${lat}] is outside the boundary of ${caller.areaName}` },
    ]);
  }
}

const idTaken = () => new HttpError(409, 'conflict', 'A finding or report with this id already exists', [{ path: 'id', message: 'already used' }]);

/**
 * Records a finding on a walk, and its mirror report, in one transaction. The same client id
 * again returns the stored finding (created = false); concurrent retries insert once.
 */
export async function createFinding(db: Db, caller: AuthContext, walkId: string, input: CreateFindingInput) {
  const id = input.id ?? randomUUID();
  const [lng, lat] = input.location.coordinates;
  return withArea(db, caller.areaId, async (tx) => {
    const storedRetry = async (existing: repo.FindingRecord) => {
      if (existing.walkId !== walkId || (!managesAllWalks(caller.role) && existing.createdBy?.id !== caller.userId)) throw idTaken();
      return { finding: await detail(tx, caller.areaId, existing), created: false };
    };
    const walk = await findWalk(tx, caller.areaId, walkId);
    if (!walk) throw HttpError.notFound('Walk');
    const existing = await repo.findFinding(tx, caller.areaId, id);
    if (existing) return storedRetry(existing);
    assertMayRecordOn(caller, walk);
    const observedAt = input.observedAt ?? new Date();
    checkObservedTimes(observedAt, null);
    await checkCategory(tx, caller, input.category);
    await checkLocation(tx, caller, [lng, lat]);
    const mirrored = await insertMirror(tx, {
      id,
      areaId: caller.areaId,
      category: input.category,
      lng,
      lat,
      priority: input.priority,
      observedAt,
      organisationId: caller.organisationId,
      createdBy: caller.userId,
    });
    if (!mirrored) {
      // A concurrent retry committed first (READ COMMITTED shows it now), or a report has this id.
      const raced = await repo.findFinding(tx, caller.areaId, id);
      if (raced) return storedRetry(raced);
      throw idTaken();
    }
    await repo.insertFinding(tx, {
      id,
      areaId: caller.areaId,
      walkId,
      category: input.category,
      lng,
      lat,
      priority: input.priority,
      description: input.description?.trim() || null,
      proposedFix: input.proposedFix?.trim() || null,
      responsible: input.responsible,
      responsibleName: input.responsibleName ?? null,
      observedAt,
      createdBy: caller.userId,
    });
    await history.insertFindingEvent(tx, { areaId: caller.areaId, findingId: id, userId: caller.userId, action: 'created', toStatus: 'open' });
    return { finding: await detail(tx, caller.areaId, (await repo.findFinding(tx, caller.areaId, id))!), created: true };
  });
}

export async function getFinding(db: Db, caller: AuthContext, id: string): Promise<FindingDetail> {
  return withArea(db, caller.areaId, async (tx) => {
    const record = await repo.findFinding(tx, caller.areaId, id);
    if (!record) throw HttpError.notFound('Finding');
    return detail(tx, caller.areaId, record);
  });
}

export async function listFindings(db: Db, caller: AuthContext, filter: ListFindingsFilter) {
  const cursor = filter.cursor ? decodeTimeIdCursor(filter.cursor) : undefined;
  return withArea(db, caller.areaId, async (tx) => {
    const records = await repo.listFindings(tx, caller.areaId, filter, cursor);
    const findings = await withPhotos(tx, caller.areaId, records);
    const last = records[records.length - 1];
    const nextCursor = records.length === filter.limit && last ? encodeTimeIdCursor({ at: last.observedAt, id: last.id }) : null;
    return { findings, nextCursor };
  });
}

type Changes = Record<string, [unknown, unknown]>;

/** The fields this patch really changes, as {field: [before, after]}. */
function diff(current: repo.FindingRecord, patch: PatchFindingInput): Changes {
  const changes: Changes = {};
  const compare = (field: string, before: unknown, after: unknown) => {
    if (after !== undefined && JSON.stringify(before) !== JSON.stringify(after)) changes[field] = [before, after];
  };
  compare('status', current.status, patch.status);
  compare('owner', current.owner, patch.owner);
  compare('dueDate', current.dueDate, patch.dueDate);
  compare('category', current.category, patch.category);
  compare('location', current.location.coordinates, patch.location ? patch.location.coordinates.slice(0, 2) : undefined);
  compare('priority', current.priority, patch.priority);
  compare('description', current.description, patch.description === undefined ? undefined : patch.description?.trim() || null);
  compare('proposedFix', current.proposedFix, patch.proposedFix === undefined ? undefined : patch.proposedFix?.trim() || null);
  compare('responsible', current.responsible, patch.responsible);
  compare('responsibleName', current.responsibleName, patch.responsibleName);
  return changes;
}

/**
 * Follows a finding up or corrects it; every change is kept in its history (who, when, what). On
 * an ongoing re-walk that checks the finding, a status also records the check: fixed, or not.
 */
export async function patchFinding(db: Db, caller: AuthContext, id: string, patch: PatchFindingInput): Promise<FindingDetail> {
  return withArea(db, caller.areaId, async (tx) => {
    const current = await repo.findFinding(tx, caller.areaId, id, { forUpdate: true });
    if (!current) throw HttpError.notFound('Finding');
    const walk = (await findWalk(tx, caller.areaId, current.walkId))!;
    const checkingIds = await history.ongoingCheckingWalkIds(tx, caller.areaId, id);
    const checkingWalks = [];
    for (const walkId of checkingIds) checkingWalks.push((await findWalk(tx, caller.areaId, walkId))!);
    assertMayPatchFinding(caller, current, { walk, checkingWalks }, patch);
    checkDueDate(patch.dueDate);
    if (patch.category !== undefined) await checkCategory(tx, caller, patch.category);
    const location = patch.location ? ([patch.location.coordinates[0], patch.location.coordinates[1]] as [number, number]) : undefined;
    if (location) await checkLocation(tx, caller, location);

    const changes = diff(current, patch);
    const checkedOn = patch.status === undefined ? [] : checkingWalks.filter((w) => managesAllWalks(caller.role) || w.leader?.id === caller.userId || w.createdBy?.id === caller.userId);
    if (Object.keys(changes).length === 0 && !patch.comment && checkedOn.length === 0) return detail(tx, caller.areaId, current);

    await repo.updateFinding(tx, caller.areaId, id, {
      status: patch.status,
      owner: patch.owner,
      dueDate: patch.dueDate,
      category: patch.category,
      location,
      priority: patch.priority,
      description: 'description' in changes ? (changes.description![1] as string | null) : undefined,
      proposedFix: 'proposedFix' in changes ? (changes.proposedFix![1] as string | null) : undefined,
      responsible: patch.responsible,
      responsibleName: patch.responsibleName,
    });
    await updateMirror(tx, caller.areaId, id, { category: patch.category, location, priority: patch.priority });
    const result: CheckResult = patch.status === 'fixed' ? 'fixed' : 'not-fixed';
    for (const w of checkedOn) await history.recordCheck(tx, caller.areaId, w.id, id, result, caller.userId);
    await history.insertFindingEvent(tx, {
      areaId: caller.areaId,
      findingId: id,
      userId: caller.userId,
      action: checkedOn.length ? 'checked' : 'updated',
      fromStatus: patch.status === undefined ? null : current.status,
      toStatus: patch.status ?? null,
      owner: 'owner' in changes ? (patch.owner ?? null) : null,
      dueDate: 'dueDate' in changes ? (patch.dueDate ?? null) : null,
      comment: patch.comment ?? null,
      changes: Object.keys(changes).length ? changes : null,
      walkId: checkedOn[0]?.id ?? null,
    });
    return detail(tx, caller.areaId, (await repo.findFinding(tx, caller.areaId, id))!);
  });
}

/** Removes a finding recorded by mistake, with its mirror report, history, checks and photos. */
export async function deleteFinding(db: Db, caller: AuthContext, id: string): Promise<void> {
  await withArea(db, caller.areaId, async (tx) => {
    const current = await repo.findFinding(tx, caller.areaId, id, { forUpdate: true });
    if (!current) throw HttpError.notFound('Finding');
    assertMayRecordOn(caller, (await findWalk(tx, caller.areaId, current.walkId))!);
    await repo.deleteFinding(tx, caller.areaId, id);
  });
}
