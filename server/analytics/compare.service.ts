import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { toHotspotFilter } from '../hotspots/hotspot-filters';
import { bigintToCell } from '../h3/cells';
import { periodChange, type PeriodChangeRow } from '../stats/period-change';
import { openAnalytics } from './analytics-context';
import { countCellsInWindows } from './analytics.repository';
import type { CompareQueryInput } from './analytics.schema';
import type { CellRow, CsvLine } from './export/cell-export';
import { resolvePeriodPair } from './period-pair';
import { seconds } from './periods';

export interface CompareCell extends Omit<PeriodChangeRow, 'index'> {
  cell: string;
}

/**
 * Period change per cell (DESIGN §5): the exact conditional binomial test of B against the
 * reference period A, Benjamini–Hochberg over the cells with any report in either period.
 */
export async function comparePeriods(db: Db, caller: AuthContext, q: CompareQueryInput, now = new Date()) {
  const { area, periods, counted } = await withArea(db, caller.areaId, async (tx) => {
    const area = await openAnalytics(tx, caller.areaId, q.categories);
    const periods = resolvePeriodPair(q, area.timezone, now);
    const filter = toHotspotFilter(caller.areaId, { ...q, ...periods.b });
    return { area, periods, counted: await countCellsInWindows(tx, q.res, filter, [periods.a, periods.b]) };
  });
  // Cell index order, whatever plan the database chose (and the order BH ties are broken in).
  counted.sort((x, y) => (BigInt(x.cell) < BigInt(y.cell) ? -1 : 1));
  const tA = seconds(periods.a);
  const tB = seconds(periods.b);
  const change = periodChange(
    counted.map((c) => ({ a: c.counts[0]!, b: c.counts[1]! })),
    { tA, tB, baseline: q.baseline },
  );
  const rows: CellRow<CompareCell>[] = change.rows.map(({ index, ...row }) => {
    const cell = bigintToCell(counted[index]!.cell);
    return { cell, properties: { cell, ...row } };
  });
  return {
    rows,
    meta: {
      res: q.res,
      baseline: q.baseline,
      aFrom: periods.a.from.toISOString(),
      aTo: periods.a.to.toISOString(),
      bFrom: periods.b.from.toISOString(),
      bTo: periods.b.to.toISOString(),
      defaultPeriods: periods.defaulted,
      timezone: area.timezone,
      tA,
      tB,
      totalA: change.totalA,
      totalB: change.totalB,
      share: change.share,
      areaRateRatio: change.areaRateRatio,
      precision: q.precision,
      cells: rows.length,
    },
  };
}

export const COMPARE_CSV_COLUMNS = ['a', 'b', 'diff', 'rateRatio', 'p', 'pFdr', 'change'] as const;

export function compareCsvLines(rows: readonly CellRow<CompareCell>[]): Iterable<CsvLine> {
  return rows.map(({ cell, properties: p }) => ({ cell, values: [p.a, p.b, p.diff, p.rateRatio, p.p, p.pFdr, p.change] }));
}
