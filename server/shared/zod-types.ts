import { z } from 'zod';
import { parseIsoWithOffset } from './iso-time';
import { isCell } from '../h3/cells';

/** An ISO 8601 timestamp with offset, parsed strictly into a Date. */
export const IsoDateTime = z.string().transform((value, ctx) => {
  const date = parseIsoWithOffset(value);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 timestamp with offset, e.g. 2026-08-22T21:30:00+02:00' });
    return z.NEVER;
  }
  return date;
});

export const Longitude = z.number().finite().min(-180).max(180);
export const Latitude = z.number().finite().min(-90).max(90);

/** A GeoJSON Point in [lng, lat] order (RFC 7946). */
export const GeoJsonPoint = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([Longitude, Latitude]).or(z.tuple([Longitude, Latitude, z.number().finite()])),
});

export const CellString = z
  .string()
  .toLowerCase()
  .refine(isCell, 'must be an H3 cell as a 15-character hex string');

/** "a,b,c" → ['a','b','c']; an empty list is rejected. */
export function commaList<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).min(1).max(100));
}

export const QueryBoolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
