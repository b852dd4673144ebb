/**
 * The analytics answers the planner views read (issue 3's contracts: /hotspots/gi, /compare,
 * /emerging, /profile) and the drill-down summary (/hotspots/cells/:cell, /hotspots/summary).
 */
import type { FeatureCollection, Polygon } from 'geojson';

export type GiBin = -3 | -2 | -1 | 0 | 1 | 2 | 3;

export interface GiCellProperties {
  cell: string;
  count: number;
  z: number;
  p: number;
  pFdr: number;
  bin: GiBin;
}

export interface GiCollection extends FeatureCollection<Polygon, GiCellProperties> {
  meta: { res: number; k: number; n: number; mean: number; sd: number; total?: number };
}

export type Change = 'new' | 'increased' | 'decreased' | 'gone' | 'stable';

export interface CompareCellProperties {
  cell: string;
  a: number;
  b: number;
  diff: number;
  rateRatio: number | null;
  p: number;
  pFdr: number;
  change: Change;
}

export interface CompareCollection extends FeatureCollection<Polygon, CompareCellProperties> {
  meta: { totalA: number; totalB: number; res?: number; rateRatio?: number | null };
}

export const HOT_PATTERNS = [
  'new-hot',
  'consecutive-hot',
  'intensifying-hot',
  'persistent-hot',
  'diminishing-hot',
  'sporadic-hot',
  'oscillating-hot',
  'historical-hot',
] as const;
export const COLD_PATTERNS = HOT_PATTERNS.map((p) => p.replace('-hot', '-cold')) as unknown as readonly ColdPattern[];
export type HotPattern = (typeof HOT_PATTERNS)[number];
type ColdPattern = HotPattern extends `${infer Stem}-hot` ? `${Stem}-cold` : never;
export type Pattern = HotPattern | ColdPattern | 'none';

export interface EmergingBin {
  from: string;
  to: string;
  count: number;
  z: number;
  pFdr: number;
}

export interface EmergingCellProperties {
  cell: string;
  pattern: Pattern;
  trendZ: number;
  trendP: number;
  tau: number;
  hotBins: number;
  coldBins: number;
  bins: EmergingBin[];
}

export interface EmergingCollection extends FeatureCollection<Polygon, EmergingCellProperties> {
  meta: Record<string, unknown>;
}

export interface Profile {
  /** matrix[weekday][hour], Monday = 0, in the area's time zone. */
  matrix: number[][];
  total: number;
  timezone: string;
}

export interface CellSummary {
  cell: string | null;
  res: number | null;
  from: string;
  to: string;
  total: number;
  byCategory: { category: string; count: number }[];
  series: { from: string; to: string; count: number }[];
  stepDays: number;
}

/** The place a cell lies in (or near), from the area's named zones. */
export interface PlaceName {
  cell: string;
  zoneId: string | number | null;
  name: string | null;
  inside: boolean;
  distanceMeters: number | null;
}

/** What the drill-down lists of a report (GET /reports feature properties). */
export interface CellReport {
  id: string;
  category: string;
  observedAt: string;
  severity: number;
  source: string;
  status: string;
  description: string | null;
}
