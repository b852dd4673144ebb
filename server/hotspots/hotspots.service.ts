import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { bigintToCell } from '../h3/cells';
import { cachedCellPolygon } from './cell-geometry-cache';
import { REPORT_SOURCES, toHotspotFilter, type HotspotsQueryInput } from './hotspot-filters';
import { countByCell, tuneForAnalytics } from './hotspots.repository';
import { assertKnownCategories } from '../analytics/analytics-context';

/** Hotspot counts as a GeoJSON FeatureCollection: one hexagon per non-empty cell. */
export async function hotspotCounts(db: Db, caller: AuthContext, q: HotspotsQueryInput) {
  const filter = toHotspotFilter(caller.areaId, q);
  const rows = await withArea(db, caller.areaId, async (tx) => {
    await tuneForAnalytics(tx);
    if (filter.categories) await assertKnownCategories(tx, caller.areaId, filter.categories);
    return countByCell(tx, q.res, filter);
  });
  // Stable output (cell index order) whatever plan the database chose.
  rows.sort((x, y) => (BigInt(x.cell) < BigInt(y.cell) ? -1 : 1));
  let total = 0;
  const features = rows.map((row) => {
    const cell = bigintToCell(row.cell);
    total += row.count;
    return {
      type: 'Feature' as const,
      id: cell,
      geometry: cachedCellPolygon(cell),
      properties: { cell, count: row.count, weight: q.weighted ? row.weight : row.count },
    };
  });
  return {
    type: 'FeatureCollection' as const,
    features,
    meta: {
      res: q.res,
      from: filter.from.toISOString(),
      to: filter.to.toISOString(),
      precision: filter.precision,
      sources: filter.sources ?? REPORT_SOURCES,
      weighted: q.weighted,
      total,
      cells: features.length,
    },
  };
}
