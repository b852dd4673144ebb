import type { Db } from '../db/database';
import { withArea } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import { findAreaWithBoundary, listCategories } from '../areas/areas.repository';
import { HttpError } from '../http/errors';
import { bigintToCell, cellCentre, cellToBigint } from '../h3/cells';
import { neighboursOf } from '../h3/cell-groups';
import type { HotspotFilter } from '../hotspots/hotspot-filters';
import { countByCell, tuneForAnalytics } from '../hotspots/hotspots.repository';
import { toLocalIso } from '../public/public-weeks';
import { resolveBoundary } from '../shared/period-input';
import { Prng } from '../shared/prng';
import { hotByCount, hotByGi, type HotCell } from './hot-cells';
import type { Regions } from '../analytics/region/regions';
import { StudyRegion } from '../analytics/region/study-region';
import { selectAreaVersion } from '../analytics/analytics.repository';
import { giStarOrRefuse } from '../analytics/gi.service';
import type { Tx } from '../db/scope';
import { koperSchedule, MIN_DWELL_MINUTES } from './koper-schedule';
import { fitBudget } from './patrol-budget';
import { placeNames, type PlaceName } from './place-names';
import type { ProposeInput } from './proposal.schema';
import { profileOfCells } from './proposal.repository';
import { MAX_TARGET_CELLS, mergeHotCells } from './target-merge';
import { groupWindowDays, windowDayReports, windowDaysFromProfile } from './time-windows';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 14;
const TOP_CATEGORIES = 3;

const nf1 = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

interface Candidate {
  cells: HotCell[];
  reports: number;
  maxZ: number | null;
  matrix: number[][];
  categories: Map<string, number>;
}

function reasonText(c: Candidate, days: number, windowShare: number, place: PlaceName | undefined): string {
  const where = place ? `${place.inside ? 'I' : 'Nära'} ${place.name}: ` : '';
  const cells = c.cells.length === 1 ? '1 cell' : `${c.cells.length} celler`;
  const gi = c.maxZ === null ? '' : `, Gi* z = ${nf1.format(c.maxZ).replace('-', '−')}`;
  return `${where}${c.reports} rapporter på ${days} dagar i ${cells}${gi}; fönstren rymmer ${Math.round(windowShare * 100)} % av platsens rapporter`;
}

/**
 * POST /patrol-plans/propose: the hottest cells merged into targets, each with windows from its
 * weekday × hour profile, a seeded Koper schedule and what to look for, fitted into the weekly
 * budget. The answer's targets have exactly the shape POST /patrol-plans takes.
 */
/** Gi* over the analytics' study region (boundary cells ∪ report cells, k = 1), hot cells with pFdr ≤ 0.05. */
async function giHotCells(tx: Tx, regions: Regions, areaId: number, res: number, counts: ReadonlyMap<string, number>, limit: number): Promise<HotCell[]> {
  const version = await selectAreaVersion(tx, areaId);
  if (!version) throw HttpError.notFound('Area');
  const boundary = await regions.boundaryCells(tx, version, res);
  const region = StudyRegion.of(boundary, [...counts.keys()].map(cellToBigint));
  const x = new Float64Array(region.n);
  for (const [cell, count] of counts) x[region.indexOf(cellToBigint(cell))] = count;
  const gi = giStarOrRefuse(x, await regions.adjacency(version, res, 1, region, boundary));
  return hotByGi(region, x, gi, limit);
}

export async function proposePlan(db: Db, regions: Regions, caller: AuthContext, input: ProposeInput, now = new Date()) {
  if (input.budgetMinutesPerWeek < MIN_DWELL_MINUTES) {
    throw HttpError.unprocessable('validation_failed', 'The budget does not allow one patrol stop', [
      { path: 'budgetMinutesPerWeek', message: `must be at least ${MIN_DWELL_MINUTES} minutes: one Koper stop lasts 10–16 minutes` },
    ]);
  }
  return withArea(db, caller.areaId, async (tx) => {
    const area = await findAreaWithBoundary(tx, caller.areaId);
    if (!area) throw HttpError.notFound('Area');
    const tz = area.timezone;
    const to = input.to ? resolveBoundary(input.to, tz) : now;
    const from = input.from ? resolveBoundary(input.from, tz) : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
    if (from >= to) throw HttpError.badRequest('Invalid period: to must be after from', [{ path: 'to', message: 'must be after from (periods are half-open [from, to))' }]);
    const categories = await listCategories(tx, caller.areaId);
    const known = new Set(categories.filter((c) => c.kind === 'report').map((c) => c.code));
    const unknown = (input.categories ?? []).filter((c) => !known.has(c));
    if (unknown.length) {
      throw HttpError.unprocessable('unknown_category', `Unknown categories: ${unknown.join(', ')}`, [
        { path: 'categories', message: `${unknown.join(', ')} is not a report category of this area (see GET /api/v1/categories)` },
      ]);
    }
    const filter: HotspotFilter = { areaId: caller.areaId, from, to, categories: input.categories, precision: 'point', includeExcluded: false };
    await tuneForAnalytics(tx);
    const counts = new Map((await countByCell(tx, input.res, filter)).map((r) => [bigintToCell(r.cell), r.count]));
    const totalReports = [...counts.values()].reduce((a, b) => a + b, 0);
    const limit = input.maxTargets * MAX_TARGET_CELLS;
    const hot = input.method === 'gi' ? await giHotCells(tx, regions, caller.areaId, input.res, counts, limit) : hotByCount(counts, limit);
    const byCell = new Map(hot.map((h) => [h.cell, h]));

    const groups = mergeHotCells(hot, (cell) => neighboursOf(cell)).map((group) => group.map((g) => byCell.get(g.cell)!));
    const ranked = groups
      .map((cells) => ({
        cells,
        reports: cells.reduce((sum, c) => sum + c.count, 0),
        maxZ: input.method === 'gi' ? Math.max(...cells.map((c) => c.z ?? 0)) : null,
      }))
      .sort((a, b) => (a.maxZ !== null && b.maxZ !== null ? b.maxZ - a.maxZ : 0) || b.reports - a.reports || (a.cells[0]!.cell < b.cells[0]!.cell ? -1 : 1))
      .slice(0, input.maxTargets);

    const profileRows = await profileOfCells(tx, input.res, filter, ranked.flatMap((g) => g.cells.map((c) => cellToBigint(c.cell).toString())));
    const groupOf = new Map(ranked.flatMap((g, i) => g.cells.map((c) => [c.cell, i] as const)));
    const candidates: Candidate[] = ranked.map((g) => ({ ...g, matrix: Array.from({ length: 7 }, () => new Array<number>(24).fill(0)), categories: new Map() }));
    for (const row of profileRows) {
      const c = candidates[groupOf.get(bigintToCell(row.cell))!]!;
      c.matrix[row.weekday]![row.hour]! += row.count;
      c.categories.set(row.category, (c.categories.get(row.category) ?? 0) + row.count);
    }
    const windowDays = candidates.map((c) => windowDaysFromProfile(c.matrix));
    const fit = fitBudget(windowDays, input.budgetMinutesPerWeek);
    const places = await placeNames(tx, caller.areaId, fit.targets.map((t) => cellCentre(candidates[t.index]!.cells[0]!.cell)));
    const labels = new Map(categories.map((c) => [c.code, c.label_sv]));
    const prng = new Prng(input.seed);
    const days = Math.round(((to.getTime() - from.getTime()) / DAY_MS) * 10) / 10;

    const seen = new Map<string, number>();
    const targets = fit.targets.map((t, i) => {
      const c = candidates[t.index]!;
      // Two targets in one large zone (a component capped at seven cells) are told apart by number.
      const zoneName = places[i]?.name;
      const nth = zoneName ? (seen.get(zoneName) ?? 0) + 1 : 0;
      if (zoneName) seen.set(zoneName, nth);
      const windows = groupWindowDays(t.windowDays);
      const held = t.windowDays.reduce((sum, d) => sum + windowDayReports(d), 0);
      const place = places[i];
      return {
        name: zoneName ? (nth > 1 ? `${zoneName} ${nth}` : zoneName) : `Mål ${i + 1}`,
        cells: c.cells.map((h) => h.cell),
        windows,
        dwellMinutes: fit.dwellMinutes,
        visitsPerWeek: t.visitsPerWeek,
        plannedMinutesPerWeek: fit.dwellMinutes * t.visitsPerWeek,
        unit: null,
        priority: i + 1,
        schedule: koperSchedule(windows, fit.dwellMinutes, prng),
        reason: reasonText(c, days, c.reports ? held / c.reports : 0, place),
        topCategories: [...c.categories.entries()]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, TOP_CATEGORIES)
          .map(([category, count]) => ({ category, label: labels.get(category) ?? category, count })),
      };
    });
    return {
      targets,
      budget: {
        budgetMinutesPerWeek: input.budgetMinutesPerWeek,
        plannedMinutesPerWeek: fit.plannedMinutesPerWeek,
        dwellMinutes: fit.dwellMinutes,
        cuts: fit.cuts,
      },
      meta: {
        res: input.res,
        method: input.method,
        seed: input.seed,
        from: toLocalIso(from, tz),
        to: toLocalIso(to, tz),
        timezone: tz,
        totalReports,
        hotCells: hot.length,
        candidates: groups.length,
      },
    };
  });
}
