import type { Db } from '../db/database';
import { withArea, type Tx } from '../db/scope';
import type { AuthContext } from '../auth/auth-context';
import type { Regions } from '../analytics/region/regions';
import { StudyRegion } from '../analytics/region/study-region';
import { countCellsInWindows, selectAreaVersion } from '../analytics/analytics.repository';
import { listCategories, outsideArea } from '../areas/areas.repository';
import { HttpError } from '../http/errors';
import { bigintToCell, cellPolygon, cellToBigint, parentOf, pointToStorageCell } from '../h3/cells';
import { boundaryCells, diskOf } from '../h3/regions';
import type { HotspotFilter } from '../hotspots/hotspot-filters';
import { tuneForAnalytics } from '../hotspots/hotspots.repository';
import { toLocalIso } from '../public/public-weeks';
import { invalidPeriod, resolvePeriod, type ResolvedPeriod } from '../shared/period-input';
import { CONFIDENCE, differenceInDifferences, groupRates, matchControls, usesOf, type CellCounts, type GroupRates } from './did';
import type { EvaluationInput } from './evaluation.schema';
import { zoneShape } from './evaluations.repository';
import { ringVerdict, treatedVerdict } from './verdict';

const WEEK_MS = 7 * 86_400_000;

export const METHOD =
  'Difference-in-differences of reports per cell per week. Each treated (and each ring) cell is matched to the k control cells ' +
  'with the nearest before-period count (with replacement; controls are the study region outside the treated cells and the ring). ' +
  '95 % interval by the normal approximation with Poisson variances; overdispersed counts make it somewhat narrow.';

/** The treated cells: the given ones (each must touch the area), or the zone's cells (centre inside; else the cell at a point inside it). */
async function treatedCells(tx: Tx, areaId: number, input: EvaluationInput): Promise<{ cells: string[]; zoneName: string | null }> {
  if (input.targetCells) {
    const outside = await outsideArea(tx, areaId, input.targetCells.map((c) => JSON.stringify(cellPolygon(c))));
    if (outside.length) {
      throw HttpError.unprocessable(
        'outside_area',
        'Some target cells lie outside your area',
        outside.map((i) => ({ path: `targetCells.${i}`, message: 'lies entirely outside the area' })),
      );
    }
    return { cells: [...input.targetCells].sort(), zoneName: null };
  }
  const zone = await zoneShape(tx, areaId, input.zoneId!);
  if (!zone) throw HttpError.unprocessable('unknown_zone', 'Unknown zone', [{ path: 'zoneId', message: 'is not a zone of this area (see GET /api/v1/zones)' }]);
  const cells = Array.from(boundaryCells(zone.geometry, input.res), bigintToCell);
  return { cells: cells.length ? cells : [bigintToCell(parentOf(BigInt(pointToStorageCell(zone.lng, zone.lat)), input.res))], zoneName: zone.name };
}

function periods(input: EvaluationInput, timeZone: string): { before: ResolvedPeriod; after: ResolvedPeriod } {
  const before = resolvePeriod(input.before.from, input.before.to, timeZone, 'before.');
  const after = resolvePeriod(input.after.from, input.after.to, timeZone, 'after.');
  if (after.from < before.to) {
    throw invalidPeriod([{ path: 'after.from', message: 'must not be before before.to: the after period follows the before period without overlap' }]);
  }
  return { before, after };
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function groupDto(g: GroupRates) {
  return { countBefore: g.countBefore, countAfter: g.countAfter, rateBefore: round(g.rateBefore), rateAfter: round(g.rateAfter) };
}

/** POST /evaluations: did reports fall in the treated place compared with matched controls, and in its ring? */
export async function evaluate(db: Db, regions: Regions, caller: AuthContext, input: EvaluationInput) {
  return withArea(db, caller.areaId, async (tx) => {
    const version = await selectAreaVersion(tx, caller.areaId);
    if (!version) throw HttpError.notFound('Area');
    const tz = version.timezone;
    const { before, after } = periods(input, tz);
    if (input.categories) {
      const known = new Set((await listCategories(tx, caller.areaId)).filter((c) => c.kind === 'report').map((c) => c.code));
      const unknown = input.categories.filter((c) => !known.has(c));
      if (unknown.length) throw HttpError.unprocessable('unknown_category', `Unknown categories: ${unknown.join(', ')}`, [{ path: 'categories', message: `${unknown.join(', ')} is not a report category of this area` }]);
    }
    const treated = await treatedCells(tx, caller.areaId, input);
    await tuneForAnalytics(tx);
    // Both periods in one pass: a cell with reports in either has a row, with 0 for the other period.
    const filter: Omit<HotspotFilter, 'from' | 'to'> = { areaId: caller.areaId, categories: input.categories, precision: 'point', includeExcluded: false };
    const windowCounts = await countCellsInWindows(tx, input.res, filter, [before, after]);
    const counted = new Map(windowCounts.map((r): [bigint, CellCounts] => [BigInt(r.cell), { before: r.counts[0]!, after: r.counts[1]! }]));

    const boundary = await regions.boundaryCells(tx, version, input.res);
    const region = StudyRegion.of(boundary, counted.keys());
    const treatedSet = new Set(treated.cells);
    const ringSet = new Set<string>();
    for (const cell of treated.cells) for (const n of diskOf(cell, input.ring)) if (!treatedSet.has(n) && region.indexOf(cellToBigint(n)) >= 0) ringSet.add(n);
    const ring = [...ringSet].sort();
    const counts = (cell: string): CellCounts => counted.get(cellToBigint(cell)) ?? { before: 0, after: 0 };
    const controls: string[] = [];
    for (let i = 0; i < region.n; i++) {
      const cell = region.cellAt(i);
      if (!treatedSet.has(cell) && !ringSet.has(cell)) controls.push(cell);
    }
    if (controls.length === 0) {
      throw HttpError.unprocessable('region_too_small', 'No control cells are left outside the target and its ring', [{ path: 'res', message: 'use a finer resolution or a smaller target' }]);
    }
    const controlCounts = controls.map(counts);
    const weeksBefore = (before.to.getTime() - before.from.getTime()) / WEEK_MS;
    const weeksAfter = (after.to.getTime() - after.from.getTime()) / WEEK_MS;
    const k = input.controlsPerCell;

    const treatedCounts = treated.cells.map(counts);
    const treatedMatch = matchControls(treatedCounts.map((c) => c.before), controlCounts.map((c) => c.before), k);
    const treatedRates = groupRates(treatedCounts, treatedCounts.map(() => 1), weeksBefore, weeksAfter);
    const treatedControl = groupRates(controlCounts, usesOf(treatedMatch, controls.length), weeksBefore, weeksAfter);
    const effect = differenceInDifferences(treatedRates, treatedControl);

    const ringCounts = ring.map(counts);
    const ringMatch = matchControls(ringCounts.map((c) => c.before), controlCounts.map((c) => c.before), k);
    const ringRates = groupRates(ringCounts, ringCounts.map(() => 1), weeksBefore, weeksAfter);
    const ringControl = groupRates(controlCounts, usesOf(ringMatch, controls.length), weeksBefore, weeksAfter);
    const ringEffect = differenceInDifferences(ringRates, ringControl);

    const treatedReports = treatedRates.countBefore + treatedRates.countAfter;
    const ringReports = ringRates.countBefore + ringRates.countAfter;
    const verdict = treatedVerdict(effect, treatedReports);
    const ringWords = ringVerdict(ringEffect, ringReports);
    const distinct = (matches: number[][]) => new Set(matches.flat()).size;
    return {
      res: input.res,
      timezone: tz,
      zoneId: input.zoneId ?? null,
      zoneName: treated.zoneName,
      before: { from: toLocalIso(before.from, tz), to: toLocalIso(before.to, tz), weeks: round(weeksBefore, 3) },
      after: { from: toLocalIso(after.from, tz), to: toLocalIso(after.to, tz), weeks: round(weeksAfter, 3) },
      treated: { cells: treated.cells.length, cellIds: treated.cells, ...groupDto(treatedRates) },
      control: { cells: distinct(treatedMatch), matchedPerCell: k, pool: controls.length, ...groupDto(treatedControl) },
      estimate: round(effect.estimate),
      standardError: round(effect.standardError),
      ciLow: round(effect.ciLow),
      ciHigh: round(effect.ciHigh),
      confidence: CONFIDENCE,
      relativeChange: treatedRates.rateBefore > 0 ? round(effect.estimate / treatedRates.rateBefore, 3) : null,
      verdict: verdict.text,
      verdictCode: verdict.code,
      ring: {
        k: input.ring,
        cells: ring.length,
        ...groupDto(ringRates),
        control: { cells: distinct(ringMatch), ...groupDto(ringControl) },
        estimate: round(ringEffect.estimate),
        standardError: round(ringEffect.standardError),
        ciLow: round(ringEffect.ciLow),
        ciHigh: round(ringEffect.ciHigh),
        verdict: ringWords.text,
        verdictCode: ringWords.code,
      },
      method: METHOD,
    };
  });
}
