import type { ColumnType, Generated } from 'kysely';

/** Table types for Kysely. snake_case stays here; services see camelCase DTOs. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** int8 arrives as a string from both drivers (we configure PGlite like node-postgres); parse with BigInt. */
type Int8 = ColumnType<string, string | bigint, string | bigint>;

export interface AreasTable {
  id: Generated<number>;
  code: string;
  name: string;
  boundary: unknown;
  timezone: Generated<string>;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
}

export interface OrganisationsTable {
  area_id: number;
  id: Generated<number>;
  name: string;
  kind: Generated<string>;
  created_at: CreatedAt;
}

export type Role = 'reporter' | 'walker' | 'planner' | 'analyst' | 'admin';

export interface UsersTable {
  area_id: number;
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  organisation_id: number | null;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface ApiTokensTable {
  area_id: number;
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  name: Generated<string>;
  read_only: Generated<boolean>;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SessionsTable {
  area_id: number;
  id_hash: string;
  user_id: number;
  created_at: CreatedAt;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface CategoriesTable {
  area_id: number;
  code: string;
  kind: 'report' | 'finding';
  label_sv: string;
  label_en: string;
  group: string;
  active: Generated<boolean>;
  sort: Generated<number>;
}

export type Source = 'app' | 'import' | 'polisen' | 'walk';
export type LocationPrecision = 'point' | 'municipality' | 'county';
export type ReportStatus = 'new' | 'reviewed' | 'archived';

export interface ReportsTable {
  area_id: number;
  id: string;
  category: string;
  observed_at: Timestamp;
  observed_until: Timestamp | null;
  reported_at: ColumnType<Date, Date | string | undefined, never>;
  geom: unknown;
  h3: Int8;
  severity: ColumnType<number, number | undefined, number>;
  description: string | null;
  organisation_id: number | null;
  reporter_id: number | null;
  source: Source;
  source_type: string | null;
  external_id: string | null;
  location_precision: ColumnType<LocationPrecision, LocationPrecision | undefined, LocationPrecision>;
  in_analytics: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** zones (migration 0010): the area's named places, a valid MultiPolygon in WGS 84. */
export interface ZonesTable {
  area_id: number;
  id: string;
  name: string;
  geom: unknown;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type PlanStatus = 'draft' | 'active' | 'closed';

export interface PatrolPlansTable {
  area_id: number;
  id: string;
  name: string;
  period_from: Timestamp;
  period_to: Timestamp;
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PatrolTargetsTable {
  area_id: number;
  id: string;
  plan_id: string;
  position: number;
  name: string | null;
  res: number | null;
  /** int8[] of H3 cells; arrives as string[] (or a Postgres array literal) — parse with BigInt. */
  cells: ColumnType<string[] | null, string[] | null, string[] | null>;
  zone_id: string | null;
  geom: unknown;
  windows: ColumnType<unknown, string, string>;
  dwell_minutes: number;
  visits_per_week: number;
  unit: string | null;
  priority: number;
  schedule: ColumnType<unknown, string | null, string | null>;
  reason: string | null;
  top_categories: ColumnType<unknown, string | null, string | null>;
}

export interface PatrolLogsTable {
  area_id: number;
  id: string;
  plan_id: string | null;
  unit: string;
  started_at: Timestamp;
  ended_at: Timestamp;
  geom: unknown;
  created_by: number | null;
  created_at: CreatedAt;
}

export type PromiseOwner = 'polis' | 'kommun' | 'gemensamt';
export type PromiseMetric = 'patrol-visits' | 'patrol-minutes' | 'walks' | 'activities';
export type PromisePer = 'week' | 'month' | 'year';

export interface PromisesTable {
  area_id: number;
  id: string;
  title: string;
  owner: PromiseOwner;
  period_from: Timestamp;
  period_to: Timestamp;
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PromiseTargetsTable {
  area_id: number;
  id: string;
  promise_id: string;
  position: number;
  metric: PromiseMetric;
  zone_id: string | null;
  zone_name: string | null;
  geom: unknown;
  per: PromisePer;
  /** numeric: a string from both drivers. */
  goal: ColumnType<string, number | string, number | string>;
}

export type ActivityKind = 'skolbesok' | 'informationsinsats' | 'medborgardialog' | 'foraldravandring' | 'samverkansmote' | 'ovrigt';

export interface PromiseActivitiesTable {
  area_id: number;
  id: string;
  promise_id: string;
  kind: ActivityKind;
  date: ColumnType<string, string, string>;
  zone_id: string | null;
  note: string | null;
  count: number;
  created_by: number | null;
  created_at: CreatedAt;
}

export type WalkStatus = 'planned' | 'ongoing' | 'done';

export interface WalksTable {
  area_id: number;
  id: string;
  name: string;
  planned_at: Timestamp;
  planned_route: unknown;
  notes: string | null;
  status: ColumnType<WalkStatus, WalkStatus | undefined, WalkStatus>;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  leader_id: number | null;
  created_by: number | null;
  rewalk_of: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface WalkParticipantsTable {
  area_id: number;
  walk_id: string;
  position: number;
  organisation_id: number | null;
  name: string | null;
}

export interface WalkTrackPointsTable {
  area_id: number;
  walk_id: string;
  recorded_at: Timestamp;
  geom: unknown;
  accuracy_m: number | null;
}

export type FindingStatus = 'open' | 'planned' | 'fixed' | 'wont-fix';
export type Responsible = 'kommun' | 'fastighetsagare' | 'trafikverket' | 'polis' | 'annan';

export interface FindingsTable {
  area_id: number;
  id: string;
  walk_id: string;
  category: string;
  geom: unknown;
  priority: number;
  description: string | null;
  proposed_fix: string | null;
  responsible: Responsible;
  responsible_name: string | null;
  status: ColumnType<FindingStatus, FindingStatus | undefined, FindingStatus>;
  owner: string | null;
  /** A calendar date, 'YYYY-MM-DD' (read as text; see findings.repository.ts). */
  due_date: ColumnType<string | null, string | null | undefined, string | null>;
  observed_at: Timestamp;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type FindingEventAction = 'created' | 'updated' | 'checked';

export interface FindingEventsTable {
  area_id: number;
  id: Generated<Int8>;
  finding_id: string;
  at: CreatedAt;
  user_id: number | null;
  action: FindingEventAction;
  from_status: FindingStatus | null;
  to_status: FindingStatus | null;
  owner: string | null;
  due_date: ColumnType<string | null, string | null | undefined, never>;
  comment: string | null;
  changes: ColumnType<Record<string, unknown> | null, string | null | undefined, never>;
  walk_id: string | null;
}

export type CheckResult = 'fixed' | 'not-fixed';

export interface WalkChecksTable {
  area_id: number;
  walk_id: string;
  finding_id: string;
  result: CheckResult | null;
  checked_at: Timestamp | null;
  checked_by: number | null;
}

export type PhotoContentType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface PhotosTable {
  area_id: number;
  id: string;
  report_id: string | null;
  finding_id: string | null;
  uploaded_by: number | null;
  created_at: CreatedAt;
  content_type: PhotoContentType;
  width: number;
  height: number;
  image: Uint8Array;
  thumb_width: number;
  thumb_height: number;
  thumb: Uint8Array;
  original_sha256: string;
  original_bytes: number;
  kept_location: ColumnType<boolean, boolean | undefined, boolean>;
}

/** report_triage (migration 0010_report_triage): each change of a report's status or category. */
export interface ReportTriageTable {
  area_id: number;
  id: ColumnType<string, never, never>;
  report_id: string;
  at: ColumnType<Date, never, never>;
  user_id: number | null;
  status_from: ReportStatus | null;
  status_to: ReportStatus | null;
  category_from: string | null;
  category_to: string | null;
}

export interface MigrationsTable {
  name: string;
  applied_at: CreatedAt;
}

export interface Database {
  areas: AreasTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  categories: CategoriesTable;
  reports: ReportsTable;
  zones: ZonesTable;
  report_triage: ReportTriageTable;
  patrol_plans: PatrolPlansTable;
  patrol_targets: PatrolTargetsTable;
  patrol_logs: PatrolLogsTable;
  promises: PromisesTable;
  promise_targets: PromiseTargetsTable;
  promise_activities: PromiseActivitiesTable;
  walks: WalksTable;
  walk_participants: WalkParticipantsTable;
  walk_track_points: WalkTrackPointsTable;
  findings: FindingsTable;
  finding_events: FindingEventsTable;
  walk_checks: WalkChecksTable;
  photos: PhotosTable;
  schema_migrations: MigrationsTable;
}
