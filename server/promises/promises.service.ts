import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { PlanStatus } from '../db/schema';
import type { AuthContext } from '../auth/auth-context';
import { findAreaTimezone } from '../areas/areas.repository';
import { HttpError, type ErrorDetail } from '../http/errors';
import { existingZoneIds } from '../patrols/patrol-plans.repository';
import { toLocalIso } from '../public/public-weeks';
import { resolveBoundary, resolvePeriod } from '../shared/period-input';
import { localMidnight } from '../shared/local-periods';
import type { CreateActivityInput, CreatePromiseInput, PatchPromiseInput, PromiseTargetInput } from './promise.schema';
import * as repo from './promises.repository';

const ORDER: Record<PlanStatus, number> = { draft: 0, active: 1, closed: 2 };

export function promiseDto(p: repo.PromiseRow, targets: repo.PromiseTarget[], timeZone: string) {
  return {
    id: p.id,
    title: p.title,
    owner: p.owner,
    from: toLocalIso(p.from, timeZone),
    to: toLocalIso(p.to, timeZone),
    status: p.status,
    timezone: timeZone,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    targets,
  };
}
export type PromiseDto = ReturnType<typeof promiseDto>;

async function prepareTargets(tx: Tx, areaId: number, targets: readonly PromiseTargetInput[], keep: Set<string>): Promise<repo.NewPromiseTarget[]> {
  const known = await existingZoneIds(tx, areaId, targets.flatMap((t) => (t.zoneId ? [t.zoneId] : [])));
  const details: ErrorDetail[] = [];
  targets.forEach((t, i) => {
    if (t.zoneId && !known.has(t.zoneId)) details.push({ path: `targets.${i}.zoneId`, message: 'is not a zone of this area (see GET /api/v1/zones)' });
  });
  if (details.length) throw HttpError.unprocessable('unknown_zone', 'Unknown zone', details);
  return targets.map((t, i) => ({
    id: t.id && keep.has(t.id) ? t.id : randomUUID(),
    position: i,
    metric: t.metric,
    zoneId: t.zoneId ?? null,
    per: t.per,
    goal: t.goal,
  }));
}

export async function loadPromise(tx: Tx, areaId: number, id: string, timeZone: string): Promise<PromiseDto | undefined> {
  const p = await repo.findPromise(tx, areaId, id);
  if (!p) return undefined;
  return promiseDto(p, (await repo.targetsOfPromises(tx, areaId, [id])).get(id) ?? [], timeZone);
}

export async function createPromise(db: Db, caller: AuthContext, input: CreatePromiseInput): Promise<PromiseDto> {
  return withArea(db, caller.areaId, async (tx) => {
    const timeZone = await findAreaTimezone(tx, caller.areaId);
    const period = resolvePeriod(input.from, input.to, timeZone);
    const targets = await prepareTargets(tx, caller.areaId, input.targets, new Set());
    const id = randomUUID();
    await repo.insertPromise(tx, { areaId: caller.areaId, id, title: input.title, owner: input.owner, from: period.from, to: period.to, createdBy: caller.userId });
    await repo.insertPromiseTargets(tx, caller.areaId, id, targets);
    return (await loadPromise(tx, caller.areaId, id, timeZone))!;
  });
}

export async function listPromises(db: Db, caller: AuthContext): Promise<PromiseDto[]> {
  return withArea(db, caller.areaId, async (tx) => {
    const timeZone = await findAreaTimezone(tx, caller.areaId);
    const promises = await repo.listPromises(tx, caller.areaId);
    const targets = await repo.targetsOfPromises(tx, caller.areaId, promises.map((p) => p.id));
    return promises.map((p) => promiseDto(p, targets.get(p.id) ?? [], timeZone));
  });
}

export async function getPromise(db: Db, caller: AuthContext, id: string): Promise<PromiseDto> {
  const p = await withArea(db, caller.areaId, async (tx) => loadPromise(tx, caller.areaId, id, await findAreaTimezone(tx, caller.areaId)));
  if (!p) throw HttpError.notFound('Promise');
  return p;
}

const conflict = (path: string, message: string) => new HttpError(409, 'conflict', message, [{ path, message }]);

/**
 * Title, owner, period and targets may change until the promise is closed (a promise is revised
 * as it is followed up); status only moves forward (draft → active → closed).
 */
export async function patchPromise(db: Db, caller: AuthContext, id: string, patch: PatchPromiseInput): Promise<PromiseDto> {
  return withArea(db, caller.areaId, async (tx) => {
    const p = await repo.findPromise(tx, caller.areaId, id);
    if (!p) throw HttpError.notFound('Promise');
    if (p.status === 'closed') throw conflict(Object.keys(patch)[0] ?? 'status', 'A closed promise cannot be changed');
    if (patch.status && ORDER[patch.status] < ORDER[p.status]) {
      throw conflict('status', `status can only move forward (draft → active → closed), not ${p.status} → ${patch.status}`);
    }
    const timeZone = await findAreaTimezone(tx, caller.areaId);
    const from = patch.from ? resolveBoundary(patch.from, timeZone) : p.from;
    const to = patch.to ? resolveBoundary(patch.to, timeZone) : p.to;
    if (patch.from || patch.to) resolvePeriod({ kind: 'instant', at: from }, { kind: 'instant', at: to }, timeZone);
    if (patch.targets) {
      const targets = await prepareTargets(tx, caller.areaId, patch.targets, await repo.targetIdsOfPromise(tx, caller.areaId, id));
      await repo.deletePromiseTargets(tx, caller.areaId, id);
      await repo.insertPromiseTargets(tx, caller.areaId, id, targets);
    }
    await repo.updatePromise(tx, caller.areaId, id, { title: patch.title, owner: patch.owner, from: patch.from && from, to: patch.to && to, status: patch.status });
    return (await loadPromise(tx, caller.areaId, id, timeZone))!;
  });
}

/**
 * A manual activity (school visit, information effort...) counted toward the promise's
 * "activities" targets. Idempotent by the optional client id. Its date must lie in the promise's
 * period and its zone, if any, in the area.
 */
export async function addActivity(db: Db, caller: AuthContext, promiseId: string, input: CreateActivityInput) {
  const id = input.id ?? randomUUID();
  return withArea(db, caller.areaId, async (tx) => {
    const p = await repo.findPromise(tx, caller.areaId, promiseId);
    if (!p) throw HttpError.notFound('Promise');
    const existing = await repo.findActivity(tx, caller.areaId, id);
    const taken = () => new HttpError(409, 'conflict', 'An activity with this id already exists', [{ path: 'id', message: 'already used' }]);
    if (existing) {
      if (existing.promiseId !== promiseId) throw taken();
      return { activity: existing, created: false };
    }
    const timeZone = await findAreaTimezone(tx, caller.areaId);
    const [y, m, d] = input.date.split('-').map(Number) as [number, number, number];
    const day = localMidnight(y, m, d, timeZone);
    if (day < localMidnight(...localDateOf(p.from, timeZone), timeZone) || day >= p.to) {
      throw HttpError.unprocessable('validation_failed', 'The date is outside the promise', [
        { path: 'date', message: `must lie within the promise's period ${toLocalIso(p.from, timeZone)} – ${toLocalIso(p.to, timeZone)}` },
      ]);
    }
    if (input.zoneId && !(await existingZoneIds(tx, caller.areaId, [input.zoneId])).has(input.zoneId)) {
      throw HttpError.unprocessable('unknown_zone', 'Unknown zone', [{ path: 'zoneId', message: 'is not a zone of this area (see GET /api/v1/zones)' }]);
    }
    const inserted = await repo.insertActivity(tx, {
      areaId: caller.areaId,
      id,
      promiseId,
      kind: input.kind,
      date: input.date,
      zoneId: input.zoneId ?? null,
      note: input.note?.trim() || null,
      count: input.count,
      createdBy: caller.userId,
    });
    if (!inserted) {
      const raced = await repo.findActivity(tx, caller.areaId, id);
      if (raced && raced.promiseId === promiseId) return { activity: raced, created: false };
      throw taken();
    }
    return { activity: (await repo.findActivity(tx, caller.areaId, id))!, created: true };
  });
}

function localDateOf(at: Date, timeZone: string): [number, number, number] {
  const text = toLocalIso(at, timeZone);
  return [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))];
}
