/**
 * What the planner views read: issue 3's analytics answers (typed in lib/types.ts) under the
 * planner's names, the drill-down summary (/hotspots/cells/:cell, /hotspots/summary) and place names.
 */
import type {
  CompareCellProperties,
  CompareCollection,
  ConfidenceBin,
  EmergingBin,
  EmergingCellProperties,
  EmergingCollection,
  EmergingPattern,
  GiCellProperties,
  GiCollection,
  PeriodChangeKind,
  TimeProfile,
} from '../../lib/types';

// The analytics DTOs live with the app's client (lib/types.ts); these names are the planner's.
export type { CompareCellProperties, CompareCollection, EmergingBin, EmergingCellProperties, EmergingCollection, GiCellProperties, GiCollection };
export type GiBin = ConfidenceBin;
export type Change = PeriodChangeKind;
export type Pattern = EmergingPattern;
export type Profile = TimeProfile;

export const HOT_PATTERNS = [
  'new-hot',
  'consecutive-hot',
  'intensifying-hot',
  'persistent-hot',
  'diminishing-hot',
  'sporadic-hot',
  'oscillating-hot',
  'historical-hot',
] as const satisfies readonly Pattern[];
export const COLD_PATTERNS = HOT_PATTERNS.map((p) => p.replace('-hot', '-cold')) as unknown as readonly ColdPattern[];
export type HotPattern = (typeof HOT_PATTERNS)[number];
type ColdPattern = HotPattern extends `${infer Stem}-hot` ? `${Stem}-cold` : never;

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
