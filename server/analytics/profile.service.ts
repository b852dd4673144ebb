import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { descendantRange } from '../h3/cells';
import { toHotspotFilter } from '../hotspots/hotspot-filters';
import { openAnalytics } from './analytics-context';
import { countByWeekHour } from './analytics.repository';
import type { ProfileQueryInput } from './analytics.schema';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/**
 * When reports happen: a 7 × 24 matrix, matrix[weekday][hour] with Monday = 0, in the area's
 * local time (a report at 02:30 on the night DST ends counts in hour 2 whichever 02:30 it was).
 * The whole area, or one hexagon of any resolution via the range of its res-15 descendants.
 */
export async function timeProfile(db: Db, caller: AuthContext, q: ProfileQueryInput, now = new Date()) {
  const filter = toHotspotFilter(caller.areaId, q, now);
  const { area, counted } = await withArea(db, caller.areaId, async (tx) => {
    const area = await openAnalytics(tx, caller.areaId, filter.categories);
    return { area, counted: await countByWeekHour(tx, filter, q.cell ? descendantRange(q.cell) : undefined) };
  });
  const matrix = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  let total = 0;
  for (const c of counted) {
    const value = q.weighted ? c.weight : c.count;
    matrix[c.weekday]![c.hour] = value;
    total += value;
  }
  return {
    matrix,
    total,
    timezone: area.timezone,
    cell: q.cell ?? null,
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    precision: filter.precision,
    weighted: q.weighted,
  };
}

export const PROFILE_CSV_COLUMNS = ['weekday', 'day', ...Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`), 'total'];

/** One CSV row per weekday, the hours as columns: the matrix as a spreadsheet shows it. */
export function profileCsvRows(matrix: number[][]): unknown[][] {
  return matrix.map((hours, weekday) => [weekday, WEEKDAYS[weekday], ...hours, hours.reduce((a, b) => a + b, 0)]);
}
