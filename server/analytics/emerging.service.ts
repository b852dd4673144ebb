import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import { toHotspotFilter } from '../hotspots/hotspot-filters';
import { emergingHotspots, type EmergingPattern } from '../stats/emerging';
import { fromStatsError, openAnalytics } from './analytics-context';
import { countCellsByBin } from './analytics.repository';
import type { EmergingQueryInput } from './analytics.schema';
import { MIN_RES, type Step } from './analytics-params';
import type { CellRow, CsvLine } from './export/cell-export';
import { binEdges, localMidnight, stepBefore } from './periods';
import { estimatedCells, MAX_CUBE_VALUES, regionTooLarge } from './region/region-limits';
import type { Regions } from './region/regions';
import { StudyRegion } from './region/study-region';
import { TOO_FEW_CELLS_ADVICE } from './gi.service';

export const MAX_BINS = 200;
/** Bins when `from` is not given: a year of the default 14-day step. */
export const DEFAULT_BINS = 26;

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

function tooManyBins(step: Step): HttpError {
  return HttpError.badRequest(`More than ${MAX_BINS} bins of ${step.text}`, [
    { path: 'step', message: `from..to holds more than ${MAX_BINS} bins of ${step.text}: use a longer step or a later from` },
  ]);
}

/**
 * Emerging hot and cold spots on the H3 space-time cube (DESIGN §5): bins of `step` laid back from
 * `to`, one region for every bin, counted in one GROUP BY over (cell, bin).
 */
export async function emergingAnalysis(db: Db, regions: Regions, caller: AuthContext, q: EmergingQueryInput, now = new Date()) {
  const { area, edges, boundary, counted } = await withArea(db, caller.areaId, async (tx) => {
    const area = await openAnalytics(tx, caller.areaId, q.categories);
    const to = q.to ?? localMidnight(now, area.timezone);
    let from = q.from;
    if (!from) {
      from = to;
      for (let i = 0; i < DEFAULT_BINS; i++) from = stepBefore(from, q.step, area.timezone);
    }
    const edges = binEdges({ from, to }, q.step, area.timezone, MAX_BINS);
    if (!edges) throw tooManyBins(q.step);
    if (edges.length < 3) {
      throw HttpError.badRequest('The window holds only one bin', [
        { path: 'from', message: `from..to must span more than one bin of ${q.step.text} for a trend: use an earlier from or a shorter step` },
      ]);
    }
    // The cube's size is estimated from the boundary before its cells are built or counted.
    checkCubeSize(estimatedCells(await regions.footprint(tx, area), q.res), edges.length - 1, q.res);
    const boundary = await regions.boundaryCells(tx, area, q.res);
    const filter = toHotspotFilter(caller.areaId, { ...q, from, to });
    return { area, edges, boundary, counted: await countCellsByBin(tx, q.res, filter, edges) };
  });

  const T = edges.length - 1;
  const region = StudyRegion.of(boundary, counted.map((c) => BigInt(c.cell)));
  checkCubeSize(region.n, T, q.res);
  const n = region.n;
  const values = new Float64Array(n * T);
  const counts = q.weighted ? new Float64Array(n * T) : values;
  const reported = new Uint8Array(n);
  let total = 0;
  for (const c of counted) {
    const i = region.indexOf(BigInt(c.cell));
    values[i * T + c.bin] = q.weighted ? c.weight : c.count;
    counts[i * T + c.bin] = c.count;
    reported[i] = 1;
    total += c.count;
  }
  const cells: number[] = [];
  for (let i = 0; i < n; i++) if (reported[i]) cells.push(i);
  const adjacency = await regions.adjacency(area, q.res, q.k, region, boundary);

  const result = (() => {
    try {
      return emergingHotspots({ n, T, counts: values, adjacency, lag: q.lag, cells });
    } catch (err) {
      return fromStatsError(err, TOO_FEW_CELLS_ADVICE);
    }
  })();
  const iso = edges.map((e) => e.toISOString());
  const rows: CellRow<EmergingCellProperties>[] = result.cells.map((c) => {
    const cell = region.cellAt(c.index);
    const bins = c.bins.map((b, t) => {
      const weight = q.weighted ? { weight: values[c.index * T + t]! } : {};
      return { from: iso[t]!, to: iso[t + 1]!, count: counts[c.index * T + t]!, ...weight, z: b.z, pFdr: b.pFdr };
    });
    const { pattern, trendZ, trendP, tau, hotBins, coldBins } = c;
    return { cell, properties: { cell, pattern, trendZ, trendP, tau, hotBins, coldBins, bins } };
  });
  return {
    rows,
    meta: {
      res: q.res,
      k: q.k,
      lag: q.lag,
      step: q.step.text,
      from: iso[0],
      to: iso[T],
      requestedFrom: q.from?.toISOString() ?? null,
      edges: iso,
      T,
      n,
      mean: result.mean,
      sd: result.sd,
      timezone: area.timezone,
      precision: q.precision,
      weighted: q.weighted,
      total,
      cells: rows.length,
    },
  };
}

/**
 * Refuses a cube beyond MAX_CUBE_VALUES before it is allocated. The advice counts on ~7 times
 * fewer cells per coarser resolution (H3's aperture).
 */
function checkCubeSize(cells: number, bins: number, res: number): void {
  if (cells * bins <= MAX_CUBE_VALUES) return;
  let coarser = res - 1;
  while (coarser >= MIN_RES && (cells / 7 ** (res - coarser)) * bins > MAX_CUBE_VALUES) coarser--;
  const advice = coarser >= MIN_RES ? `use res ${coarser} or coarser, or a longer step (fewer bins)` : 'use a longer step (fewer bins)';
  throw regionTooLarge(`The space-time cube at res ${res} with ${bins} bins`, 'cell-bins', cells * bins, MAX_CUBE_VALUES, advice);
}

export const EMERGING_CSV_COLUMNS = ['pattern', 'trendZ', 'trendP', 'tau', 'hotBins', 'coldBins', 'bin', 'binFrom', 'binTo', 'count', 'z', 'pFdr'] as const;

/** One CSV row per cell and bin (long form: a spreadsheet pivots it; 200 bins would not fit as columns). */
export function* emergingCsvLines(rows: readonly CellRow<EmergingCellProperties>[]): Iterable<CsvLine> {
  for (const { cell, properties: p } of rows) {
    for (let t = 0; t < p.bins.length; t++) {
      const b = p.bins[t]!;
      yield { cell, values: [p.pattern, p.trendZ, p.trendP, p.tau, p.hotBins, p.coldBins, t, b.from, b.to, b.count, b.z, b.pFdr] };
    }
  }
}
