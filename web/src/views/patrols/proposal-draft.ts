/**
 * A proposal as the planner adjusts it before saving: targets removed, renamed, re-prioritised,
 * their windows, dwell, visits and unit edited, or their cells swapped for a named place. A
 * proposal's Koper schedule fits its windows, dwell and visits; once any of those change it no
 * longer does, so it is dropped rather than saved wrong (the screen says so).
 */
import type { PatrolWindow, PlanTargetInput, ProposedTarget, ScheduledStop, TopCategory } from './types';
import { parseHours } from './windows';

export interface DraftTarget {
  /** Stable key for the list while editing. */
  key: string;
  name: string;
  cells: string[];
  /** A zone picked instead of the proposal's cells. */
  zoneId: string | null;
  windows: PatrolWindow[];
  dwellMinutes: number;
  visitsPerWeek: number;
  unit: string;
  priority: number;
  /** The proposal's schedule, or null once it no longer fits the edited target. */
  schedule: ScheduledStop[] | null;
  reason: string | null;
  topCategories: TopCategory[];
}

export function draftFromProposal(targets: readonly ProposedTarget[]): DraftTarget[] {
  return targets.map((t, i) => ({
    key: `t${i}-${t.cells[0] ?? i}`,
    name: t.name ?? '',
    cells: [...t.cells],
    zoneId: null,
    windows: t.windows.map((w) => ({ weekdays: [...w.weekdays], hours: w.hours })),
    dwellMinutes: t.dwellMinutes,
    visitsPerWeek: t.visitsPerWeek,
    unit: t.unit ?? '',
    priority: t.priority,
    schedule: t.schedule.map((s) => ({ ...s })),
    reason: t.reason,
    topCategories: t.topCategories.map((c) => ({ ...c })),
  }));
}

/** Fields whose change makes the proposal's schedule wrong. */
const SCHEDULE_FIELDS = new Set<keyof DraftTarget>(['windows', 'dwellMinutes', 'visitsPerWeek']);

/** The target with one field changed; the schedule goes when the change invalidates it. */
export function editTarget<K extends keyof DraftTarget>(target: DraftTarget, field: K, value: DraftTarget[K]): DraftTarget {
  const next = { ...target, [field]: value };
  if (SCHEDULE_FIELDS.has(field)) next.schedule = null;
  return next;
}

/** The draft without one target; the others keep their order and priorities. */
export function removeTarget(targets: readonly DraftTarget[], key: string): DraftTarget[] {
  return targets.filter((t) => t.key !== key);
}

export interface DraftProblem {
  key: string;
  field: 'windows' | 'dwellMinutes' | 'visitsPerWeek' | 'priority' | 'name';
}

/** What keeps the draft from being saved, per target and field (the server would answer 400). */
export function draftProblems(targets: readonly DraftTarget[]): DraftProblem[] {
  const problems: DraftProblem[] = [];
  for (const t of targets) {
    const badWindow = t.windows.length === 0 || t.windows.some((w) => w.weekdays.length === 0 || parseHours(w.hours) === null);
    if (badWindow) problems.push({ key: t.key, field: 'windows' });
    if (!Number.isInteger(t.dwellMinutes) || t.dwellMinutes < 1 || t.dwellMinutes > 240) problems.push({ key: t.key, field: 'dwellMinutes' });
    if (!Number.isInteger(t.visitsPerWeek) || t.visitsPerWeek < 0 || t.visitsPerWeek > 1000) problems.push({ key: t.key, field: 'visitsPerWeek' });
    if (!Number.isInteger(t.priority) || t.priority < 1 || t.priority > 99) problems.push({ key: t.key, field: 'priority' });
    if (t.name.length > 200) problems.push({ key: t.key, field: 'name' });
  }
  return problems;
}

/** The targets as POST /patrol-plans takes them. */
export function planTargets(targets: readonly DraftTarget[]): PlanTargetInput[] {
  return targets.map((t) => ({
    name: t.name.trim() || null,
    ...(t.zoneId ? { zoneId: t.zoneId } : { cells: t.cells }),
    windows: t.windows.map((w) => ({ weekdays: [...w.weekdays].sort((a, b) => a - b), hours: w.hours })),
    dwellMinutes: t.dwellMinutes,
    visitsPerWeek: t.visitsPerWeek,
    unit: t.unit.trim() || null,
    priority: t.priority,
    schedule: t.schedule,
    reason: t.reason,
    topCategories: t.topCategories,
  }));
}
