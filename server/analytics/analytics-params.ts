import { z } from 'zod';
import { HotspotFilterShape } from '../hotspots/hotspot-filters';

/** Query pieces the analytics endpoints share (validated at the edge, DESIGN §6). */

export const MIN_RES = 6;
export const MAX_RES = 12;

export const Resolution = z.coerce.number().int().min(MIN_RES).max(MAX_RES).default(9);

/** Neighbourhood radius in grid steps (gridDisk k): 1 = a cell and its 6 neighbours. */
export const RingSize = z.coerce.number().int().min(1).max(3).default(1);

/** The /hotspots filters except the window and the weighting, for queries that name their own periods. */
export const PeriodFilterShape = z.object(HotspotFilterShape).omit({ from: true, to: true, weighted: true }).shape;

const STEP = /^([1-9]\d{0,3})([hdw])$/;

/** A bin length: hours, or days and weeks of the local calendar ("14d", "2w", "6h"). */
export interface Step {
  count: number;
  unit: 'h' | 'd' | 'w';
  text: string;
}

export const StepParam = z
  .string()
  .transform((value, ctx): Step => {
    const m = STEP.exec(value.trim());
    if (!m) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number of hours, days or weeks: e.g. 6h, 14d, 2w' });
      return z.NEVER;
    }
    return { count: Number(m[1]), unit: m[2] as Step['unit'], text: `${Number(m[1])}${m[2]}` };
  })
  .default({ count: 14, unit: 'd', text: '14d' });
