import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { PlanStatus } from '../db/schema';
import type { AuthContext } from '../auth/auth-context';
import { seesAllReports } from '../auth/auth-context';
import { findAreaTimezone, outsideArea } from '../areas/areas.repository';
import { HttpError, type ErrorDetail } from '../http/errors';
import { cellsOutline } from '../h3/cell-groups';
import { cellResolution } from '../h3/cells';
import { toLocalIso } from '../public/public-weeks';
import { resolveBoundary, resolvePeriod } from '../shared/period-input';
import type { CreatePlanInput, PatchPlanInput, PlanTargetInput } from './patrol-plan.schema';
import * as repo from './patrol-plans.repository';

const ORDER: Record<PlanStatus, number> = { draft: 0, active: 1, closed: 2 };

export function planDto(plan: repo.PlanRow, targets: repo.PlanTarget[], timeZone: string) {
  return {
    id: plan.id,
    name: plan.name,
    from: toLocalIso(plan.from, timeZone),
    to: toLocalIso(plan.to, timeZone),
    status: plan.status,
    timezone: timeZone,
    plannedMinutesPerWeek: targets.reduce((sum, t) => sum + t.plannedMinutesPerWeek, 0),
    createdBy: plan.createdBy,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    targets,
  };
}
export type PlanDto = ReturnType<typeof planDto>;

/**
 * Checks targets against the area (zones exist, cells touch it) and turns them into rows. Errors
 * name the field: targets.2.zoneId (422 unknown_zone), targets.0.cells (422 outside_area).
 */
async function prepareTargets(tx: Tx, areaId: number, targets: readonly PlanTargetInput[], keepIds: Set<string>): Promise<repo.NewTarget[]> {
  const zoneIds = targets.flatMap((t) => (t.zoneId ? [t.zoneId] : []));
  const known = await repo.existingZoneIds(tx, areaId, zoneIds);
  // Every cell target's outline, checked against the area in one query.
  const outlines = targets.map((t) => (t.zoneId ? null : JSON.stringify(cellsOutline(t.cells!))));
  const cellTargets = outlines.flatMap((outline, i) => (outline === null ? [] : [i]));
  const outside = new Set((await outsideArea(tx, areaId, cellTargets.map((i) => outlines[i]!))).map((j) => cellTargets[j]!));
  const details: ErrorDetail[] = [];
  const prepared: repo.NewTarget[] = [];
  for (const [i, t] of targets.entries()) {
    let place: repo.NewTarget['place'];
    if (t.zoneId) {
      if (!known.has(t.zoneId)) details.push({ path: `targets.${i}.zoneId`, message: 'is not a zone of this area (see GET /api/v1/zones)' });
      place = { kind: 'zone', zoneId: t.zoneId };
    } else {
      const cells = t.cells!;
      const outline = outlines[i]!;
      if (outside.has(i)) details.push({ path: `targets.${i}.cells`, message: 'lie entirely outside the area' });
      place = { kind: 'cells', cells, res: cellResolution(cells[0]!), outline };
    }
    prepared.push({
      id: t.id && keepIds.has(t.id) ? t.id : randomUUID(),
      position: i,
      name: t.name ?? null,
      place,
      windows: t.windows,
      dwellMinutes: t.dwellMinutes,
      visitsPerWeek: t.visitsPerWeek,
      unit: t.unit ?? null,
      priority: t.priority,
      schedule: t.schedule ?? null,
      reason: t.reason ?? null,
      topCategories: t.topCategories ?? null,
    });
  }
  if (details.some((d) => d.path.endsWith('zoneId'))) {
    throw HttpError.unprocessable('unknown_zone', 'Unknown zone', details.filter((d) => d.path.endsWith('zoneId')));
  }
  if (details.length) throw HttpError.unprocessable('outside_area', 'A target lies outside your area', details);
  return prepared;
}

async function loadPlan(tx: Tx, areaId: number, id: string, timeZone: string): Promise<PlanDto | undefined> {
  const plan = await repo.findPlan(tx, areaId, id);
  if (!plan) return undefined;
  const targets = await repo.targetsOfPlans(tx, areaId, [id]);
  return planDto(plan, targets.get(id) ?? [], timeZone);
}

export async function createPlan(db: Db, caller: AuthContext, input: CreatePlanInput): Promise<PlanDto> {
  return withArea(db, caller.areaId, async (tx) => {
    const timeZone = await findAreaTimezone(tx, caller.areaId);
    const period = resolvePeriod(input.from, input.to, timeZone);
    const targets = await prepareTargets(tx, caller.areaId, input.targets, new Set());
    const id = randomUUID();
    await repo.insertPlan(tx, { areaId: caller.areaId, id, name: input.name, from: period.from, to: period.to, createdBy: caller.userId });
    await repo.insertTargets(tx, caller.areaId, id, targets);
    return (await loadPlan(tx, caller.areaId, id, timeZone))!;
  });
}

/** Field staff (reporters, walkers) see only active plans: the phone view of what to patrol now. */
const fieldOnly = (caller: AuthContext) => !seesAllReports(caller.role);

export async function listPlans(db: Db, caller: AuthContext, statuses?: PlanStatus[]): Promise<PlanDto[]> {
  const visible = fieldOnly(caller) ? (statuses ?? ['active']).filter((s) => s === 'active') : statuses;
  return withArea(db, caller.areaId, async (tx) => {
    if (visible && visible.length === 0) return [];
    const timeZone = await findAreaTimezone(tx, caller.areaId);
    const plans = await repo.listPlans(tx, caller.areaId, visible);
    const targets = await repo.targetsOfPlans(tx, caller.areaId, plans.map((p) => p.id));
    return plans.map((p) => planDto(p, targets.get(p.id) ?? [], timeZone));
  });
}

export async function getPlan(db: Db, caller: AuthContext, id: string): Promise<PlanDto> {
  const plan = await withArea(db, caller.areaId, async (tx) => loadPlan(tx, caller.areaId, id, await findAreaTimezone(tx, caller.areaId)));
  if (!plan || (fieldOnly(caller) && plan.status !== 'active')) throw HttpError.notFound('Patrol plan');
  return plan;
}

const conflict = (path: string, message: string) => new HttpError(409, 'conflict', message, [{ path, message }]);

/**
 * Name at any time before the plan is closed; period and targets while it is a draft; status
 * only forward (draft → active → closed). A closed plan stays as it was.
 */
export async function patchPlan(db: Db, caller: AuthContext, id: string, patch: PatchPlanInput): Promise<PlanDto> {
  return withArea(db, caller.areaId, async (tx) => {
    const plan = await repo.findPlan(tx, caller.areaId, id);
    if (!plan) throw HttpError.notFound('Patrol plan');
    const timeZone = await findAreaTimezone(tx, caller.areaId);
    if (plan.status === 'closed') throw conflict(Object.keys(patch)[0] ?? 'status', 'A closed plan cannot be changed');
    if (patch.status && ORDER[patch.status] < ORDER[plan.status]) {
      throw conflict('status', `status can only move forward (draft → active → closed), not ${plan.status} → ${patch.status}`);
    }
    for (const field of ['from', 'to', 'targets'] as const) {
      if (patch[field] !== undefined && plan.status !== 'draft') throw conflict(field, `${field} can only change while the plan is a draft`);
    }
    const from = patch.from ? resolveBoundary(patch.from, timeZone) : plan.from;
    const to = patch.to ? resolveBoundary(patch.to, timeZone) : plan.to;
    if (patch.from || patch.to) resolvePeriod({ kind: 'instant', at: from }, { kind: 'instant', at: to }, timeZone);
    if (patch.targets) {
      const targets = await prepareTargets(tx, caller.areaId, patch.targets, await repo.targetIdsOfPlan(tx, caller.areaId, id));
      await repo.deleteTargets(tx, caller.areaId, id);
      await repo.insertTargets(tx, caller.areaId, id, targets);
    }
    await repo.updatePlan(tx, caller.areaId, id, { name: patch.name, from: patch.from && from, to: patch.to && to, status: patch.status });
    return (await loadPlan(tx, caller.areaId, id, timeZone))!;
  });
}
