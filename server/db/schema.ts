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
  schema_migrations: MigrationsTable;
}
