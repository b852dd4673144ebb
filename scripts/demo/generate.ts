/**
 * Deterministic synthetic EST data for the demo area (central Eskilstuna): organisations, users,
 * places and a year of reports with realistic places, weekly rhythms, seasons, an emerging and a
 * fading hotspot. Pure: no database, no clock except the `now` it is given, no Math.random.
 *
 * @example
 * const demo = generateDemoData({ now: new Date('2026-03-01T12:00:00Z') });
 * for (const report of generateReports({ reportCount: 1_000_000 })) insert(report); // streams
 */
import type { MultiPolygon } from 'geojson';
import { DEMO_ORGANISATIONS, DEMO_USERS, type DemoRole, type OrganisationKind } from './actors.js';
import { BACKGROUND_SPOTS, DEMO_AREA_CODE, DEMO_AREA_NAME, DEMO_BOUNDARY, DEMO_PLACES, DEMO_TIME_ZONE } from './area.js';
import { describeReport } from './descriptions.js';
import { compileModel, drawLocation, type DemoModel } from './model.js';
import { Prng, WeightedTable, type IndexTable } from './prng.js';
import { SEVERITY_WEIGHTS, type ReportCategory, type Severity } from './taxonomy.js';

export { DEMO_PASSWORD } from './actors.js';
export { REPORT_CATEGORIES, type ReportCategory } from './taxonomy.js';
export { summarizeDemoData, type DemoSummary } from './summary.js';

export const DEFAULT_SEED = 20260101;
export const DEFAULT_REPORT_COUNT = 20_000;

/** Share of reports that describe a time window rather than an instant. */
const WINDOWED_SHARE = 0.05;
const MINUTE_MS = 60_000;

export interface GenerateOptions {
  seed?: number;
  reportCount?: number;
  /** Reports fall in the 365 days before this instant; defaults to the current time. */
  now?: Date;
}

export interface DemoReport {
  /** UUID v4-shaped, drawn from the seeded PRNG. */
  id: string;
  category: ReportCategory;
  observedAt: Date;
  observedUntil: Date | null;
  lng: number;
  lat: number;
  severity: Severity;
  description: string;
  organisationKey: string;
  reporterEmail: string;
}

export interface DemoData {
  area: { code: string; name: string; timeZone: string; boundary: MultiPolygon };
  organisations: { key: string; name: string; kind: OrganisationKind }[];
  users: { email: string; name: string; role: DemoRole; organisationKey: string | null; password: string }[];
  places: { key: string; name: string; kind: string; lng: number; lat: number }[];
  reports: DemoReport[];
}

export function generateDemoData(options: GenerateOptions = {}): DemoData {
  const resolved = resolveOptions(options);
  return {
    area: { code: DEMO_AREA_CODE, name: DEMO_AREA_NAME, timeZone: DEMO_TIME_ZONE, boundary: structuredClone(DEMO_BOUNDARY) },
    organisations: DEMO_ORGANISATIONS.map((organisation) => ({ ...organisation })),
    users: DEMO_USERS.map((user) => ({ ...user })),
    places: DEMO_PLACES.map(({ key, name, kind, lng, lat }) => ({ key, name, kind, lng, lat })),
    reports: Array.from(generateReports(resolved)),
  };
}

/** Yields reports one at a time, so a million can be streamed into a database without holding them. */
export function* generateReports(options: GenerateOptions = {}): Generator<DemoReport, void, undefined> {
  const { seed, reportCount, now } = resolveOptions(options);
  const model = compileModel(now.getTime());
  const prng = new Prng(seed);
  for (let i = 0; i < reportCount; i++) yield drawReport(prng, model);
}

function resolveOptions(options: GenerateOptions): Required<GenerateOptions> {
  const seed = options.seed ?? DEFAULT_SEED;
  const reportCount = options.reportCount ?? DEFAULT_REPORT_COUNT;
  const now = options.now ?? new Date();
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(reportCount) || reportCount < 0) {
    throw new RangeError(`reportCount must be a non-negative integer, got ${reportCount}`);
  }
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid Date');
  return { seed, reportCount, now };
}

const SEVERITY_TABLES = new Map(
  Object.entries(SEVERITY_WEIGHTS).map(([category, weights]) => [
    category as ReportCategory,
    WeightedTable.from(weights.map((weight, i) => [(i + 1) as Severity, weight] as const)),
  ]),
);

function drawReport(prng: Prng, model: DemoModel): DemoReport {
  const source = model.sources.sample(prng);
  const target = source.targets.length === 0 ? null : prng.pick(source.targets);
  const category = source.categories.sample(prng);
  const reporter = source.reporters.get(category)!.sample(prng);
  const observedAtMs = drawObservedAt(prng, model, source.hours);
  const [lng, lat] = drawLocation(prng, model, source, target);
  return {
    id: prng.uuid(),
    category,
    observedAt: new Date(observedAtMs),
    observedUntil: drawObservedUntil(prng, observedAtMs, model.window.toMs),
    lng,
    lat,
    severity: SEVERITY_TABLES.get(category)!.sample(prng),
    description: describeReport(prng, category, target?.spots ?? BACKGROUND_SPOTS),
    organisationKey: reporter.organisationKey,
    reporterEmail: reporter.email,
  };
}

/** A whole minute inside a weighted local hour; re-drawn in the rare case it falls outside the window. */
function drawObservedAt(prng: Prng, model: DemoModel, hours: IndexTable): number {
  const { fromMs, toMs } = model.window;
  for (;;) {
    const hourStart = model.grid.hourStartMs[hours.sample(prng)]!;
    const observedAt = hourStart + Math.floor(prng.next() * 60) * MINUTE_MS;
    if (observedAt >= fromMs && observedAt <= toMs) return observedAt;
  }
}

/** About one report in twenty covers a span (15 min to 4 h), never reaching past `now`. */
function drawObservedUntil(prng: Prng, observedAtMs: number, nowMs: number): Date | null {
  if (prng.next() >= WINDOWED_SHARE) return null;
  const until = Math.min(observedAtMs + prng.int(1, 16) * 15 * MINUTE_MS, nowMs);
  return until > observedAtMs ? new Date(until) : null;
}
