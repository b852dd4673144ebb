/**
 * Compiles the data tables (area, places, sources, organisations) into sampling tables for one
 * `now`. Compilation is deterministic and uses no randomness; the PRNG is only used when drawing.
 */
import type { MultiPolygon } from 'geojson';
import { CATEGORY_AFFINITY, DEMO_ORGANISATIONS, DEMO_USERS, type DemoOrganisation } from './actors.js';
import { DEMO_BOUNDARY, DEMO_PLACES, DEMO_TIME_ZONE, type DemoPlace, type LngLat } from './area.js';
import { boundingBox, isInsideMultiPolygon, MeasuredPath, offsetByMetres, type BoundingBox } from './geometry.js';
import { buildLocalHourGrid, DAY_MS, type LocalHourGrid } from './local-time.js';
import { IndexTable, WeightedTable, type Prng } from './prng.js';
import { REPORT_SOURCES, type ReportSource } from './sources.js';
import type { ReportCategory } from './taxonomy.js';
import { hourlyWeights, type Window } from './time-profile.js';

/** "The 12 months before now": 365 days, which never reaches further back than 12 calendar months. */
export const WINDOW_DAYS = 365;

/** Give up re-drawing a scatter point after this many tries and use the place itself (always inside). */
const MAX_LOCATION_TRIES = 50;

export interface ReporterRef {
  email: string;
  organisationKey: string;
}

export interface PlaceTarget {
  anchor: LngLat;
  path: MeasuredPath | null;
  spots: readonly string[];
}

export interface CompiledSource {
  key: string;
  spreadMetres: number;
  /** Empty: anywhere in the area. */
  targets: readonly PlaceTarget[];
  hours: IndexTable;
  categories: WeightedTable<ReportCategory>;
  reporters: ReadonlyMap<ReportCategory, WeightedTable<ReporterRef>>;
}

export interface DemoModel {
  window: Window;
  grid: LocalHourGrid;
  sources: WeightedTable<CompiledSource>;
  boundary: MultiPolygon;
  box: BoundingBox;
}

export function compileModel(nowMs: number): DemoModel {
  const window = { fromMs: nowMs - WINDOW_DAYS * DAY_MS, toMs: nowMs };
  const grid = buildLocalHourGrid(window.fromMs, window.toMs, DEMO_TIME_ZONE);
  const placesByKey = new Map(DEMO_PLACES.map((place) => [place.key, place]));
  const compiled = REPORT_SOURCES.map((source) => compileSource(source, grid, window, placesByKey));
  return {
    window,
    grid,
    // A source with no hour in the window (cannot happen with a full year, but) is simply dropped.
    sources: WeightedTable.from(compiled.map((c, i) => [c, c.hours.total > 0 ? REPORT_SOURCES[i]!.share : 0] as const)),
    boundary: DEMO_BOUNDARY,
    box: boundingBox(DEMO_BOUNDARY),
  };
}

function compileSource(
  source: ReportSource,
  grid: LocalHourGrid,
  window: Window,
  placesByKey: ReadonlyMap<string, DemoPlace>,
): CompiledSource {
  const targets = source.placeKeys.map((key) => {
    const place = placesByKey.get(key);
    if (!place) throw new Error(`report source ${source.key}: unknown place ${key}`);
    return toTarget(place);
  });
  const categories = WeightedTable.from(Object.entries(source.categories) as [ReportCategory, number][]);
  return {
    key: source.key,
    spreadMetres: source.spreadMeters,
    targets,
    hours: new IndexTable(hourlyWeights(source, grid, window)),
    categories,
    reporters: reportersByCategory(source),
  };
}

function toTarget(place: DemoPlace): PlaceTarget {
  return {
    anchor: [place.lng, place.lat],
    path: place.path ? new MeasuredPath(place.path) : null,
    spots: place.spots,
  };
}

/**
 * For each category of the source: every reporter weighted by how present their organisation is
 * here times how readily that kind of organisation reports the category, split over its reporters
 * so an organisation's share does not grow with its head count.
 */
function reportersByCategory(source: ReportSource): Map<ReportCategory, WeightedTable<ReporterRef>> {
  const tables = new Map<ReportCategory, WeightedTable<ReporterRef>>();
  for (const category of Object.keys(source.categories) as ReportCategory[]) {
    const entries = DEMO_ORGANISATIONS.flatMap((organisation) => {
      const weight = (source.reporters[organisation.key] ?? 0) * (CATEGORY_AFFINITY[organisation.kind][category] ?? 0);
      const reporters = reportersOf(organisation);
      return reporters.map((reporter) => [reporter, weight / reporters.length] as const);
    });
    const table = WeightedTable.from(entries);
    if (table.total <= 0) throw new Error(`report source ${source.key}: nobody reports ${category}`);
    tables.set(category, table);
  }
  return tables;
}

function reportersOf(organisation: DemoOrganisation): ReporterRef[] {
  return DEMO_USERS.filter((user) => user.role === 'reporter' && user.organisationKey === organisation.key).map(
    (user) => ({ email: user.email, organisationKey: organisation.key }),
  );
}

/** A point for a report of this source: Gaussian scatter around (or along) the place, inside the area. */
export function drawLocation(prng: Prng, model: DemoModel, source: CompiledSource, target: PlaceTarget | null): LngLat {
  for (let attempt = 0; attempt < MAX_LOCATION_TRIES; attempt++) {
    const [lng, lat] = target === null ? uniformInBox(prng, model.box) : scatterAround(prng, target, source.spreadMetres);
    // Phone-GPS precision (~0.1 m); rounding first so the stored point is the one tested.
    const point: LngLat = [round6(lng), round6(lat)];
    if (isInsideMultiPolygon(point[0], point[1], model.boundary, model.box)) return point;
  }
  if (target === null) throw new Error('could not draw a point inside the demo boundary');
  return target.anchor;
}

function scatterAround(prng: Prng, target: PlaceTarget, spreadMetres: number): LngLat {
  const [lng, lat] = target.path ? target.path.pointAt(prng.next()) : target.anchor;
  return offsetByMetres(lng, lat, prng.normal() * spreadMetres, prng.normal() * spreadMetres);
}

function uniformInBox(prng: Prng, box: BoundingBox): LngLat {
  return [box.minLng + prng.next() * (box.maxLng - box.minLng), box.minLat + prng.next() * (box.maxLat - box.minLat)];
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
