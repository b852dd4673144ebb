/** DTOs of the patrol API (`/patrol-plans`, `/patrol-logs`), as the server sends and takes them. */
import type { MultiPolygon, Polygon } from 'geojson';

/** `hours` in the /hotspots notation: "18-23" is 18:00–23:59, "22-3" runs past midnight. */
export interface PatrolWindow {
  /** Monday = 0 … Sunday = 6; a window past midnight belongs to the day it starts on. */
  weekdays: number[];
  hours: string;
}

/** One planned Koper stop: a calendar weekday and a local time. */
export interface ScheduledStop {
  weekday: number;
  time: string;
  dwellMinutes: number;
}

export interface TopCategory {
  category: string;
  label?: string;
  count: number;
}

export type PlanStatus = 'draft' | 'active' | 'closed';

/** A target as POST/PATCH /patrol-plans take it (a proposal's targets have this shape too). */
export interface PlanTargetInput {
  id?: string;
  name?: string | null;
  cells?: string[] | null;
  zoneId?: string | null;
  windows: PatrolWindow[];
  dwellMinutes: number;
  visitsPerWeek: number;
  unit?: string | null;
  priority: number;
  schedule?: ScheduledStop[] | null;
  reason?: string | null;
  topCategories?: TopCategory[] | null;
}

export interface ProposedTarget extends PlanTargetInput {
  name: string | null;
  cells: string[];
  plannedMinutesPerWeek: number;
  schedule: ScheduledStop[];
  reason: string;
  topCategories: TopCategory[];
}

export interface BudgetCut {
  /** The target's rank in the proposal, null for a cut that touched every target. */
  rank: number | null;
  kind: string;
  message: string;
}

export interface Proposal {
  targets: ProposedTarget[];
  budget: { budgetMinutesPerWeek: number; plannedMinutesPerWeek: number; dwellMinutes: number; cuts: BudgetCut[] };
  meta: { res: number; method: 'count' | 'gi'; seed: number; from: string; to: string; timezone: string; totalReports: number; hotCells: number; candidates: number };
}

export interface ProposeQuery {
  res: number;
  from?: string;
  to?: string;
  categories?: string[];
  budgetMinutesPerWeek: number;
  maxTargets: number;
  method: 'count' | 'gi';
  seed: number;
}

export interface PlanTarget {
  id: string;
  name: string | null;
  cells: string[] | null;
  res: number | null;
  zoneId: string | null;
  zoneName: string | null;
  windows: PatrolWindow[];
  dwellMinutes: number;
  visitsPerWeek: number;
  plannedMinutesPerWeek: number;
  unit: string | null;
  priority: number;
  schedule: ScheduledStop[] | null;
  reason: string | null;
  topCategories: TopCategory[] | null;
  geometry: Polygon | MultiPolygon | null;
}

export interface Plan {
  id: string;
  name: string;
  /** Local midnights with the area's offset; `to` is exclusive. */
  from: string;
  to: string;
  status: PlanStatus;
  timezone: string;
  plannedMinutesPerWeek: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  targets: PlanTarget[];
}

export interface NewPlan {
  name: string;
  from: string;
  to: string;
  targets: PlanTargetInput[];
}

export interface DosageWeek {
  /** ISO week in the area's time zone, "2026-W47". */
  week: string;
  plannedVisits: number;
  doneVisits: number;
  plannedMinutes: number;
  doneMinutes: number;
  /** Share of the week's 2-hour window slots some visit overlapped; null without slots. */
  windowCoverage: number | null;
  slots: number;
  coveredSlots: number;
}

export interface TargetDosage {
  targetId: string;
  name: string | null;
  priority: number;
  weeks: DosageWeek[];
}

export interface PlanDosage {
  planId: string;
  timezone: string;
  from: string;
  to: string;
  targets: TargetDosage[];
}

/** POST /patrol-logs: one check-in/check-out, queued in the field app's outbox. */
export type { PatrolLogBody } from '../../field/outbox/types';
