import { z } from 'zod';
import { CellString } from '../shared/zod-types';
import { cellResolution } from '../h3/cells';
import { HotspotFilterShape } from '../hotspots/hotspot-filters';

/** Trend bins: "14d" or "2w", one day to a quarter; more than 104 bins is two years of weeks. */
export const MAX_BINS = 104;
const Step = z
  .string()
  .regex(/^[1-9]\d{0,2}[dw]$/, 'must be a whole number of days or weeks, e.g. 14d or 2w')
  .transform((s) => Number(s.slice(0, -1)) * (s.endsWith('w') ? 7 : 1))
  .refine((days) => days <= 91, 'must be at most 91 days (13w)');

// Bounding boxes and weights belong to the map layer, not to one place's details.
const { bbox: _bbox, weighted: _weighted, ...FilterShape } = HotspotFilterShape;

/** The details of the whole area or of one cell: the /hotspots filters plus the trend's step and bins. */
export const CellSummaryQuery = z
  .strictObject({
    ...FilterShape,
    step: Step.default(14),
    bins: z.coerce.number().int().min(1).max(MAX_BINS).default(12),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['to'] });

export type CellSummaryQueryInput = z.output<typeof CellSummaryQuery>;

/** The map's resolutions only: a finer cell would single out one report's place and time. */
export const CellParams = z.strictObject({
  cell: CellString.refine((cell) => {
    const res = cellResolution(cell);
    return res >= 6 && res <= 12;
  }, 'must be a cell of resolution 6 to 12'),
});
