/**
 * The planner's picture as a URL: a colleague who opens the link sees the same map. Query
 * parameters hold what was chosen (period, filters, resolution, colouring, selected cell), the
 * hash the map position the way OpenStreetMap writes it (`#map=zoom/lat/lng`). Defaults are left
 * out so links stay short; anything unreadable falls back to its default instead of failing.
 */
import { isLocalDate, PERIOD_PRESETS, type DateRange, type PeriodPreset } from '../../lib/period';

export type Colouring = 'count' | 'gi';
export type CompareReference = 'previous' | 'lastYear';

export interface HourRange {
  /** Inclusive local hours 0–23; from > to wraps past midnight (22–3). */
  from: number;
  to: number;
}

export interface MapPosition {
  zoom: number;
  lat: number;
  lng: number;
}

export interface PlannerView {
  preset: PeriodPreset;
  /** The chosen days when preset is 'custom'. */
  custom: DateRange | null;
  /** Category codes; null = all (unfiltered), [] = none. */
  categories: string[] | null;
  organisations: number[] | null;
  /** Local weekdays, Monday = 0; null = every day. */
  weekdays: number[] | null;
  hours: HourRange | null;
  /** A fixed H3 resolution, or null to follow the zoom. */
  res: number | null;
  colouring: Colouring;
  /** Include police events placed at municipality centroids (precision=all). */
  centroids: boolean;
  /** The drilled-down hexagon. */
  cell: string | null;
  /** The compare view's reference period. */
  reference: CompareReference;
  /** The trends view's bins: length in days and count. */
  trendStepDays: number;
  trendBins: number;
  /** Walk findings as their own layer. */
  findings: boolean;
  /** Targets of the active patrol plans (issue 6), coloured by this week's dose when `patrolDosage`. */
  patrolPlans: boolean;
  patrolDosage: boolean;
  /** The compact medborgarlöften panel. */
  promisePanel: boolean;
  /** The print page's shared version (small counts suppressed). */
  shared: boolean;
  map: MapPosition | null;
}

export const TREND_STEPS = [7, 14, 28] as const;
export const MIN_TREND_BINS = 4;
export const MAX_TREND_BINS = 52;

export const DEFAULT_VIEW: Readonly<PlannerView> = Object.freeze({
  preset: 'days14',
  custom: null,
  categories: null,
  organisations: null,
  weekdays: null,
  hours: null,
  res: null,
  colouring: 'count',
  centroids: false,
  cell: null,
  reference: 'previous',
  trendStepDays: 14,
  trendBins: 12,
  findings: false,
  patrolPlans: false,
  patrolDosage: false,
  promisePanel: false,
  shared: false,
  map: null,
});

/** The query parameter names, so a view can tell whether a URL carries planner state at all. */
export const PARAMS = ['period', 'from', 'to', 'cat', 'org', 'wd', 'h', 'res', 'colour', 'precision', 'cell', 'ref', 'step', 'bins', 'findings', 'plan', 'dos', 'loften', 'shared'] as const;

const CELL = /^[0-9a-f]{15}$/;
const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function sortedUnique<T>(values: T[], compare?: (a: T, b: T) => number): T[] {
  return [...new Set(values)].sort(compare);
}

const byNumber = (a: number, b: number) => a - b;

/** Query string (without "?") for a view: only what differs from the defaults, in a fixed order. */
export function encodeQuery(view: PlannerView): string {
  const q = new URLSearchParams();
  if (view.preset !== DEFAULT_VIEW.preset) q.set('period', view.preset);
  if (view.preset === 'custom' && view.custom) {
    q.set('from', view.custom.fromDate);
    q.set('to', view.custom.toDate);
  }
  if (view.categories !== null) q.set('cat', sortedUnique(view.categories).join(','));
  if (view.organisations !== null) q.set('org', sortedUnique(view.organisations, byNumber).join(','));
  if (view.weekdays !== null) q.set('wd', sortedUnique(view.weekdays, byNumber).join(','));
  if (view.hours !== null) q.set('h', `${view.hours.from}-${view.hours.to}`);
  if (view.res !== null) q.set('res', String(view.res));
  if (view.colouring !== DEFAULT_VIEW.colouring) q.set('colour', view.colouring);
  if (view.centroids) q.set('precision', 'all');
  if (view.cell) q.set('cell', view.cell);
  if (view.reference !== DEFAULT_VIEW.reference) q.set('ref', view.reference);
  if (view.trendStepDays !== DEFAULT_VIEW.trendStepDays) q.set('step', `${view.trendStepDays}d`);
  if (view.trendBins !== DEFAULT_VIEW.trendBins) q.set('bins', String(view.trendBins));
  if (view.findings) q.set('findings', '1');
  if (view.patrolPlans) q.set('plan', '1');
  if (view.patrolDosage) q.set('dos', '1');
  if (view.promisePanel) q.set('loften', '1');
  if (view.shared) q.set('shared', '1');
  // Commas and hyphens need no escaping in a query; keeping them makes links readable.
  return q.toString().replace(/%2C/gi, ',');
}

/** `map=12.5/59.3712/16.5093`: zoom to 2 decimals, degrees to 5 (about a metre). */
export function encodeHash(map: MapPosition | null): string {
  if (!map) return '';
  return `map=${round(map.zoom, 2)}/${round(map.lat, 5)}/${round(map.lng, 5)}`;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function intIn(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^-?\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

function numberList(value: string | null, min: number, max: number): number[] | null {
  if (value === null) return null;
  const items = list(value).map((s) => intIn(s, min, max));
  return items.every((n) => n !== null) ? sortedUnique(items as number[], byNumber) : null;
}

export function decodeHash(hash: string): MapPosition | null {
  const match = /(?:^|[#&])map=(-?[\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)/.exec(hash);
  if (!match) return null;
  const [zoom, lat, lng] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (![zoom, lat, lng].every(Number.isFinite) || zoom < 0 || zoom > 22 || Math.abs(lat) > 85 || Math.abs(lng) > 180) return null;
  return { zoom, lat, lng };
}

/** The view a URL describes; what it leaves out or gets wrong is the default. */
export function decodeView(search: string, hash = ''): PlannerView {
  const q = new URLSearchParams(search);
  const view: PlannerView = { ...DEFAULT_VIEW, map: decodeHash(hash) };

  const period = q.get('period');
  if (period && (PERIOD_PRESETS as readonly string[]).includes(period)) view.preset = period as PeriodPreset;
  const from = q.get('from');
  const to = q.get('to');
  if (view.preset === 'custom') {
    if (from && to && isLocalDate(from) && isLocalDate(to) && from <= to) view.custom = { fromDate: from, toDate: to };
    else view.preset = DEFAULT_VIEW.preset;
  }

  const cat = q.get('cat');
  if (cat !== null) {
    const codes = list(cat);
    if (codes.every((c) => CODE.test(c))) view.categories = sortedUnique(codes);
  }
  view.organisations = numberList(q.get('org'), 1, 999_999_999);
  const weekdays = numberList(q.get('wd'), 0, 6);
  view.weekdays = weekdays && weekdays.length > 0 ? weekdays : null;

  const hours = /^(\d{1,2})-(\d{1,2})$/.exec(q.get('h') ?? '');
  if (hours) {
    const [hFrom, hTo] = [intIn(hours[1]!, 0, 23), intIn(hours[2]!, 0, 23)];
    if (hFrom !== null && hTo !== null) view.hours = { from: hFrom, to: hTo };
  }
  view.res = intIn(q.get('res'), 6, 12);
  if (q.get('colour') === 'gi') view.colouring = 'gi';
  view.centroids = q.get('precision') === 'all';
  const cell = q.get('cell');
  if (cell && CELL.test(cell)) view.cell = cell;
  if (q.get('ref') === 'lastYear') view.reference = 'lastYear';
  const step = /^(\d+)d$/.exec(q.get('step') ?? '');
  if (step && (TREND_STEPS as readonly number[]).includes(Number(step[1]))) view.trendStepDays = Number(step[1]);
  view.trendBins = intIn(q.get('bins'), MIN_TREND_BINS, MAX_TREND_BINS) ?? DEFAULT_VIEW.trendBins;
  view.findings = q.get('findings') === '1';
  view.patrolPlans = q.get('plan') === '1';
  view.patrolDosage = q.get('dos') === '1';
  view.promisePanel = q.get('loften') === '1';
  view.shared = q.get('shared') === '1';
  return view;
}

/** Whether a URL says anything about the planner's picture (else the view keeps what it has). */
export function carriesView(search: string, hash = ''): boolean {
  const q = new URLSearchParams(search);
  return PARAMS.some((name) => q.has(name)) || decodeHash(hash) !== null;
}

/** The hours as the API's `hours` parameter: "18-23", or "22-3" past midnight. */
export function hoursParam(hours: HourRange | null): string | undefined {
  return hours ? `${hours.from}-${hours.to}` : undefined;
}
