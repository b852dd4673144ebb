import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { cellResolution, descendantRange } from '../h3/cells';
import { toHotspotFilter } from '../hotspots/hotspot-filters';
import { tuneForAnalytics } from '../hotspots/hotspots.repository';
import { assertKnownCategories } from '../analytics/analytics-context';
import type { CellSummaryQueryInput } from './cell-summary.schema';
import { binEdges, countByBin, countByCategory, type CellRange } from './cell-summary.repository';

export interface CellSummary {
  /** The cell asked about, or null for the whole area. */
  cell: string | null;
  res: number | null;
  from: string;
  to: string;
  total: number;
  /** Counts in [from, to) per category code, largest first (ties by code). */
  byCategory: { category: string; count: number }[];
  /** The trend: `bins` bins of `stepDays` local days, the last ending at `to`, oldest first. */
  series: { from: string; to: string; count: number }[];
  stepDays: number;
}

/** What the drill-down shows of one hexagon (or the print page of the whole area): totals, categories, trend. */
export async function cellSummary(db: Db, caller: AuthContext, cell: string | null, q: CellSummaryQueryInput): Promise<CellSummary> {
  const filter = toHotspotFilter(caller.areaId, q);
  const range: CellRange = cell ? descendantRange(cell) : null;
  const { byCategory, edges, binCounts } = await withArea(db, caller.areaId, async (tx) => {
    await tuneForAnalytics(tx);
    // A typo answers 400 like every other /hotspots endpoint, not a summary of nothing.
    if (filter.categories) await assertKnownCategories(tx, caller.areaId, filter.categories);
    const edges = await binEdges(tx, caller.areaId, filter.to, q.step, q.bins);
    return {
      edges,
      byCategory: await countByCategory(tx, filter, range),
      binCounts: await countByBin(tx, filter, range, edges),
    };
  });
  byCategory.sort((x, y) => y.count - x.count || (x.category < y.category ? -1 : 1));
  return {
    cell,
    res: cell ? cellResolution(cell) : null,
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    total: byCategory.reduce((sum, c) => sum + c.count, 0),
    byCategory,
    series: edges.slice(1).map((to, i) => ({ from: edges[i]!.toISOString(), to: to.toISOString(), count: binCounts.get(i + 1) ?? 0 })),
    stepDays: q.step,
  };
}
