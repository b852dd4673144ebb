/** DTOs of the Tryggkarta API (`/api/v1`), as the server sends them. */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type Role = 'reporter' | 'walker' | 'planner' | 'analyst' | 'admin';

export interface AreaSummary {
  id: number;
  code: string;
  name: string;
}

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisationId: number | null;
  area: AreaSummary;
}

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

export interface Area extends AreaSummary {
  timezone: string;
  boundary: MultiPolygon;
  bbox: Bbox;
  /** Printed on the lägesbild print; null for none. */
  confidentialityMarking?: string | null;
  /** Shared prints show counts below this as "< n". */
  printMinCount?: number;
}

export type CategoryKind = 'report' | 'finding';

export interface Category {
  code: string;
  labelSv: string;
  labelEn: string;
  group: string | null;
  kind: CategoryKind;
  active: boolean;
}

export interface Organisation {
  id: number;
  name: string;
  kind: string;
}

export interface HotspotCellProperties {
  cell: string;
  count: number;
  weight: number;
}

export type HotspotFeature = Feature<Polygon, HotspotCellProperties>;

export interface HotspotMeta {
  res: number;
  from: string;
  to: string;
  total: number;
  cells: number;
}

export interface HotspotCollection extends FeatureCollection<Polygon, HotspotCellProperties> {
  meta: HotspotMeta;
}

export interface HotspotQuery {
  res: number;
  /** ISO 8601 with offset; inclusive. */
  from: string;
  /** ISO 8601 with offset; exclusive. */
  to: string;
  /** Category codes; omitted means every category. */
  categories?: readonly string[];
  organisations?: readonly string[];
  sources?: readonly string[];
  precision?: 'point' | 'all';
  weekdays?: readonly number[];
  /** e.g. "18-23" */
  hours?: string;
  weighted?: boolean;
}

export interface ClientConfig {
  /** A style URL (absolute, or /basemap/style.json for the self-hosted one), or null for the built-in style. */
  basemapStyleUrl: string | null;
  basemapKind?: 'pmtiles' | 'remote' | 'builtin';
}

/** The /hotspots filters the analytics endpoints share (categories, sources, time of day...). */
export type AnalyticsFilters = Omit<HotspotQuery, 'res' | 'from' | 'to' | 'weighted'>;

/** Esri's confidence bin: ±3 at 99 %, ±2 at 95 %, ±1 at 90 % (FDR-adjusted), 0 not significant. */
export type ConfidenceBin = -3 | -2 | -1 | 0 | 1 | 2 | 3;

export interface GiCellProperties {
  cell: string;
  count: number;
  /** Σ severity, present when weighted. */
  weight?: number;
  z: number;
  p: number;
  pFdr: number;
  bin: ConfidenceBin;
}

export interface GiMeta {
  res: number;
  k: number;
  /** Cells in the study region (boundary cells ∪ cells with reports). */
  n: number;
  mean: number;
  sd: number;
  /** z of the unlisted cells (whole neighbourhood empty), by neighbourhood size Σw. */
  zeroNeighbourhoodZ: Record<string, number>;
  from: string;
  to: string;
  weighted: boolean;
  total: number;
  boundaryCells: number;
  cells: number;
}

export interface GiCollection extends FeatureCollection<Polygon, GiCellProperties> {
  meta: GiMeta;
}

export interface GiQuery extends HotspotQuery {
  /** Neighbourhood radius in grid steps, 1–3 (default 1). */
  k?: number;
}

export type PeriodChangeKind = 'new' | 'increased' | 'decreased' | 'gone' | 'stable';

export interface CompareCellProperties {
  cell: string;
  /** Reports in the reference (earlier) period A and in period B. */
  a: number;
  b: number;
  diff: number;
  /** (b/t_B)/(a/t_A); null when a = 0. */
  rateRatio: number | null;
  p: number;
  pFdr: number;
  change: PeriodChangeKind;
}

export interface CompareMeta {
  res: number;
  baseline: 'time' | 'area';
  aFrom: string;
  aTo: string;
  bFrom: string;
  bTo: string;
  /** True when no period was given: the last 14 local days against the 14 before. */
  defaultPeriods: boolean;
  timezone: string;
  tA: number;
  tB: number;
  totalA: number;
  totalB: number;
  share: number;
  areaRateRatio: number | null;
  cells: number;
}

export interface CompareCollection extends FeatureCollection<Polygon, CompareCellProperties> {
  meta: CompareMeta;
}

export interface CompareQuery extends AnalyticsFilters {
  res: number;
  aFrom?: string;
  aTo?: string;
  bFrom?: string;
  bTo?: string;
  baseline?: 'time' | 'area';
}

export type EmergingPattern =
  | 'new-hot' | 'consecutive-hot' | 'intensifying-hot' | 'persistent-hot' | 'diminishing-hot' | 'sporadic-hot' | 'oscillating-hot' | 'historical-hot'
  | 'new-cold' | 'consecutive-cold' | 'intensifying-cold' | 'persistent-cold' | 'diminishing-cold' | 'sporadic-cold' | 'oscillating-cold' | 'historical-cold'
  | 'none';

export interface EmergingBin {
  from: string;
  to: string;
  count: number;
  weight?: number;
  z: number;
  pFdr: number;
}

export interface EmergingCellProperties {
  cell: string;
  pattern: EmergingPattern;
  trendZ: number;
  trendP: number;
  tau: number;
  hotBins: number;
  coldBins: number;
  bins: EmergingBin[];
}

export interface EmergingMeta {
  res: number;
  k: number;
  lag: number;
  step: string;
  from: string;
  to: string;
  requestedFrom: string | null;
  /** T + 1 bin edges, oldest first. */
  edges: string[];
  T: number;
  n: number;
  mean: number;
  sd: number;
  timezone: string;
  total: number;
  cells: number;
}

export interface EmergingCollection extends FeatureCollection<Polygon, EmergingCellProperties> {
  meta: EmergingMeta;
}

export interface EmergingQuery extends AnalyticsFilters {
  res: number;
  from?: string;
  to?: string;
  /** e.g. "14d", "2w", "6h" (default 14d). */
  step?: string;
  k?: number;
  lag?: number;
  weighted?: boolean;
}

export interface TimeProfile {
  /** matrix[weekday][hour], Monday = 0, in the area's local time. */
  matrix: number[][];
  total: number;
  timezone: string;
  cell: string | null;
  from: string;
  to: string;
  weighted: boolean;
}

export interface ProfileQuery extends AnalyticsFilters {
  from?: string;
  to?: string;
  /** One hexagon of any resolution; omitted = the whole area. */
  cell?: string;
  weighted?: boolean;
}

