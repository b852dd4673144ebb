import { z } from 'zod';
import { HotspotFilterShape } from '../hotspots/hotspot-filters';
import { CellString, IsoDateTime } from '../shared/zod-types';
import { PeriodFilterShape, Resolution, RingSize, StepParam } from './analytics-params';
import { CellExportShape, OutputCrsParam } from './export/export-params';

/** Query schemas of the analytics endpoints (README "Analytics" documents each parameter). */

const windowInOrder = (q: { from?: Date; to?: Date }) => !q.from || !q.to || q.from < q.to;
const WINDOW_ORDER = { message: 'must be after from', path: ['to'] };

export const GiQuery = z
  .strictObject({ res: Resolution, k: RingSize, ...HotspotFilterShape, ...CellExportShape })
  .refine(windowInOrder, WINDOW_ORDER);
export type GiQueryInput = z.output<typeof GiQuery>;

/**
 * Two periods, the reference (earlier) one first: all four bounds, none (the defaults), or only
 * the later period's (the reference is then the same length just before it). The later period
 * must start at or after the reference ends.
 */
function periodPair(names: { aFrom: string; aTo: string; bFrom: string; bTo: string }, label: { a: string; b: string }) {
  return (q: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const given = Object.values(names).filter((n) => q[n] !== undefined);
    const onlyLater = given.length === 2 && q[names.bFrom] !== undefined && q[names.bTo] !== undefined;
    if (given.length > 0 && given.length < 4 && !onlyLater) {
      for (const name of Object.values(names).filter((n) => q[n] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `give ${Object.values(names).join(', ')} together, only ${names.bFrom} and ${names.bTo}, or none (the last 14 days against the 14 before)`,
        });
      }
      return;
    }
    const [aFrom, aTo, bFrom, bTo] = [q[names.aFrom], q[names.aTo], q[names.bFrom], q[names.bTo]] as (Date | undefined)[];
    if (aFrom && aTo && aFrom >= aTo) ctx.addIssue({ code: 'custom', path: [names.aTo], message: `must be after ${names.aFrom}` });
    if (bFrom && bTo && bFrom >= bTo) ctx.addIssue({ code: 'custom', path: [names.bTo], message: `must be after ${names.bFrom}` });
    if (aTo && bFrom && bFrom < aTo) {
      ctx.addIssue({ code: 'custom', path: [names.bFrom], message: `the ${label.b} period must start at or after the ${label.a} period ends (${names.aTo})` });
    }
  };
}

export const CompareQuery = z
  .strictObject({
    res: Resolution,
    aFrom: IsoDateTime.optional(),
    aTo: IsoDateTime.optional(),
    bFrom: IsoDateTime.optional(),
    bTo: IsoDateTime.optional(),
    baseline: z.enum(['time', 'area']).default('time'),
    ...PeriodFilterShape,
    ...CellExportShape,
  })
  .superRefine(periodPair({ aFrom: 'aFrom', aTo: 'aTo', bFrom: 'bFrom', bTo: 'bTo' }, { a: 'reference (A)', b: 'B' }));
export type CompareQueryInput = z.output<typeof CompareQuery>;

export const MAX_LAG = 12;

export const EmergingQuery = z
  .strictObject({
    res: Resolution,
    step: StepParam,
    k: RingSize,
    lag: z.coerce.number().int().min(0).max(MAX_LAG).default(1),
    ...HotspotFilterShape,
    ...CellExportShape,
  })
  .refine(windowInOrder, WINDOW_ORDER);
export type EmergingQueryInput = z.output<typeof EmergingQuery>;

export const ProfileQuery = z
  .strictObject({
    ...HotspotFilterShape,
    /** One hexagon of any resolution; omitted = the whole area. */
    cell: CellString.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine(windowInOrder, WINDOW_ORDER);
export type ProfileQueryInput = z.output<typeof ProfileQuery>;

export const BacktestQuery = z
  .strictObject({
    res: Resolution,
    trainFrom: IsoDateTime.optional(),
    trainTo: IsoDateTime.optional(),
    testFrom: IsoDateTime.optional(),
    testTo: IsoDateTime.optional(),
    method: z.enum(['count', 'gi']).default('count'),
    coverage: z.coerce.number().gt(0, 'must be a share of the cells above 0, e.g. 0.05').max(1, 'must be at most 1 (all cells)').default(0.05),
    k: RingSize,
    ...PeriodFilterShape,
    format: z.enum(['json', 'geojson', 'csv']).default('json'),
    crs: OutputCrsParam,
  })
  .superRefine(periodPair({ aFrom: 'trainFrom', aTo: 'trainTo', bFrom: 'testFrom', bTo: 'testTo' }, { a: 'training', b: 'test' }));
export type BacktestQueryInput = z.output<typeof BacktestQuery>;
