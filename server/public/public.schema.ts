import { z } from 'zod';
import { parseIsoWithOffset } from '../shared/iso-time';
import { isoWeeksInYear, type WeekBoundaryInput } from './public-weeks';

/** The finest resolution the public view serves: a res-8 hexagon covers ~0.74 km². */
export const MAX_PUBLIC_RESOLUTION = 8;

const ISO_WEEK = /^(\d{4})-?W(\d{2})$/;

/**
 * A period end: an ISO week ("2026-W10", meaning its Monday 00:00 in the area's time zone) or an
 * ISO 8601 timestamp with offset. Whether a timestamp is a local Monday 00:00 depends on the
 * area's time zone, so the service checks that once the area is known.
 */
const WeekBoundary = z
  .string()
  .max(40)
  .transform((value, ctx): WeekBoundaryInput => {
    const week = ISO_WEEK.exec(value.trim());
    if (week) {
      const [year, number] = [Number(week[1]), Number(week[2])];
      if (year >= 1970 && year <= 2100 && number >= 1 && number <= isoWeeksInYear(year)) return { kind: 'week', year, week: number };
    } else {
      const at = parseIsoWithOffset(value);
      if (at) return { kind: 'instant', at };
    }
    ctx.addIssue({ code: 'custom', message: 'must be an ISO week such as 2026-W10 or a timestamp with offset at a local Monday 00:00, e.g. 2026-03-02T00:00:00+01:00' });
    return z.NEVER;
  });

/** Deliberately narrow: no categories, organisations, sources, hours or boxes in the public view. */
export const PublicHotspotsQuery = z.strictObject({
  res: z.coerce
    .number()
    .int()
    .min(6)
    .max(MAX_PUBLIC_RESOLUTION, `must be at most ${MAX_PUBLIC_RESOLUTION} in the public view`)
    .default(MAX_PUBLIC_RESOLUTION),
  from: WeekBoundary.optional(),
  to: WeekBoundary.optional(),
});
export type PublicHotspotsQueryInput = z.output<typeof PublicHotspotsQuery>;

export const AREA_CODE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
