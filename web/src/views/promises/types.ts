/** DTOs of the medborgarlöfte API (`/promises`), as the server sends and takes them. */

export type PromiseOwner = 'polis' | 'kommun' | 'gemensamt';
export type PromiseMetric = 'patrol-visits' | 'patrol-minutes' | 'walks' | 'activities';
export type PromisePer = 'week' | 'month' | 'year';
export type PromiseStatus = 'draft' | 'active' | 'closed';

export const OWNERS: readonly PromiseOwner[] = ['polis', 'kommun', 'gemensamt'];
export const METRICS: readonly PromiseMetric[] = ['patrol-visits', 'patrol-minutes', 'walks', 'activities'];
export const PERS: readonly PromisePer[] = ['week', 'month', 'year'];
export const ACTIVITY_KINDS = ['skolbesok', 'informationsinsats', 'medborgardialog', 'foraldravandring', 'samverkansmote', 'ovrigt'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface PromiseTarget {
  id: string;
  metric: PromiseMetric;
  zoneId: string | null;
  zoneName: string | null;
  per: PromisePer;
  goal: number;
}

export interface CitizenPromise {
  id: string;
  title: string;
  owner: PromiseOwner;
  /** Local midnights with the area's offset; `to` is exclusive. */
  from: string;
  to: string;
  status: PromiseStatus;
  timezone: string;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  targets: PromiseTarget[];
}

export interface NewPromiseTarget {
  metric: PromiseMetric;
  zoneId?: string | null;
  per: PromisePer;
  goal: number;
}

export interface NewPromise {
  title: string;
  owner: PromiseOwner;
  from: string;
  to: string;
  targets: NewPromiseTarget[];
}

export type PeriodStatus = 'done' | 'current' | 'future';

export interface PeriodProgress {
  /** "2026-W47", "2026-11" or "2026". */
  period: string;
  from: string;
  to: string;
  /** The period's goal: in proportion (rounded up) where the promise covers it only in part. */
  goal: number;
  done: number;
  met: boolean;
  status: PeriodStatus;
}

export interface TargetProgress {
  targetId: string;
  metric: PromiseMetric;
  zoneId: string | null;
  zoneName: string | null;
  per: PromisePer;
  goal: number;
  total: number;
  completedPeriods: number;
  metPeriods: number;
  /** ≥ 80 % of completed periods met and the current one on pace; null before the start. */
  onTrack: boolean | null;
  periods: PeriodProgress[];
}

export interface PromiseProgress {
  promiseId: string;
  timezone: string;
  asOf: string;
  targets: TargetProgress[];
}

export interface NewActivity {
  id: string;
  kind: ActivityKind;
  /** A local date inside the promise. */
  date: string;
  zoneId?: string | null;
  note?: string | null;
  count: number;
}

/** The follow-up report's data (`GET /promises/:id/report?format=json`), of which the screen shows the activities. */
export interface FollowUpReport {
  heading: string;
  summary: string;
  activities: { kind: string; label: string; count: number }[];
}
