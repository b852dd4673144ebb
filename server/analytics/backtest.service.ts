import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { HttpError } from '../http/errors';
import { toHotspotFilter } from '../hotspots/hotspot-filters';
import { backtest } from '../stats/accuracy';
import { openAnalytics } from './analytics-context';
import { countCellsInWindows } from './analytics.repository';
import type { BacktestQueryInput } from './analytics.schema';
import type { CellRow, CsvLine } from './export/cell-export';
import { giStarOrRefuse } from './gi.service';
import { resolvePeriodPair } from './period-pair';
import type { Regions } from './region/regions';
import { StudyRegion } from './region/study-region';

export interface BacktestCell {
  cell: string;
  rank: number;
  train: number;
  test: number;
  score: number;
  /** After taking the cells up to this rank: the curve an analyst plots PAI from. */
  hitRate: number | null;
  areaShare: number;
  pai: number | null;
}

/**
 * How well the training period's hotspots predict the test period (DESIGN §5 "Accuracy"): rank
 * the region's cells by training count or training Gi* z, take the top share, and see what share
 * of the test period's reports fell in them.
 */
export async function backtestHotspots(db: Db, regions: Regions, caller: AuthContext, q: BacktestQueryInput, now = new Date()) {
  const { area, periods, boundary, counted } = await withArea(db, caller.areaId, async (tx) => {
    const area = await openAnalytics(tx, caller.areaId, q.categories);
    const periods = resolvePeriodPair({ aFrom: q.trainFrom, aTo: q.trainTo, bFrom: q.testFrom, bTo: q.testTo }, area.timezone, now);
    const boundary = await regions.boundaryCells(tx, area, q.res);
    const filter = toHotspotFilter(caller.areaId, { ...q, ...periods.b });
    return { area, periods, boundary, counted: await countCellsInWindows(tx, q.res, filter, [periods.a, periods.b]) };
  });

  const region = StudyRegion.of(boundary, counted.map((c) => BigInt(c.cell)));
  if (region.n === 0) {
    throw HttpError.unprocessable('region_too_small', 'The study region is empty: no boundary cell and no report', [
      { path: 'res', message: 'use a finer resolution' },
    ]);
  }
  const train = new Float64Array(region.n);
  const test = new Float64Array(region.n);
  for (const c of counted) {
    const i = region.indexOf(BigInt(c.cell));
    train[i] = c.counts[0]!;
    test[i] = c.counts[1]!;
  }
  const score = q.method === 'gi' ? giStarOrRefuse(train, await regions.adjacency(area, q.res, q.k, region, boundary)).z : train;
  const result = backtest({ score, train, test, coverage: q.coverage });
  const trainTotal = train.reduce((a, b) => a + b, 0);
  const testTotal = test.reduce((a, b) => a + b, 0);
  const cells = result.taken.map((i) => region.cellAt(i));

  let testTaken = 0;
  const taken: CellRow<BacktestCell>[] = result.taken.map((i, rank) => {
    testTaken += test[i]!;
    const hitRate = testTotal > 0 ? testTaken / testTotal : null;
    const areaShare = (rank + 1) / region.n;
    const cell = cells[rank]!;
    return {
      cell,
      properties: { cell, rank: rank + 1, train: train[i]!, test: test[i]!, score: score[i]!, hitRate, areaShare, pai: hitRate === null ? null : hitRate / areaShare },
    };
  });
  return {
    summary: {
      pai: result.pai,
      rri: result.rri,
      hitRate: result.hitRate,
      areaShare: result.areaShare,
      cells,
      n: region.n,
      taken: cells.length,
      trainTotal,
      testTotal,
      method: q.method,
      coverage: q.coverage,
      res: q.res,
      ...(q.method === 'gi' ? { k: q.k } : {}),
      trainFrom: periods.a.from.toISOString(),
      trainTo: periods.a.to.toISOString(),
      testFrom: periods.b.from.toISOString(),
      testTo: periods.b.to.toISOString(),
      defaultPeriods: periods.defaulted,
      timezone: area.timezone,
      precision: q.precision,
    },
    taken,
  };
}

export const BACKTEST_CSV_COLUMNS = ['rank', 'train', 'test', 'score', 'hitRate', 'areaShare', 'pai'] as const;

export function backtestCsvLines(rows: readonly CellRow<BacktestCell>[]): Iterable<CsvLine> {
  return rows.map(({ cell, properties: p }) => ({ cell, values: [p.rank, p.train, p.test, p.score, p.hitRate, p.areaShare, p.pai] }));
}
