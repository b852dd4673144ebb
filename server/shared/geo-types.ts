import { z } from 'zod';
import { Latitude, Longitude } from './zod-types';
import { daysInMonth } from './iso-time';

const Position = z.tuple([Longitude, Latitude]).or(z.tuple([Longitude, Latitude, z.number().finite()]));

/** A GeoJSON LineString in [lng, lat] order (RFC 7946): a planned route of 2 to 10,000 vertices. */
export const GeoJsonLineString = z.strictObject({
  type: z.literal('LineString'),
  coordinates: z.array(Position).min(2, 'a line needs at least 2 positions').max(10_000, 'at most 10,000 positions'),
});
export type LineString = { type: 'LineString'; coordinates: [number, number][] };

/** Drops a third (altitude) coordinate: routes and points are stored in 2D. */
export function toLineString(line: z.output<typeof GeoJsonLineString>): LineString {
  return { type: 'LineString', coordinates: line.coordinates.map((p) => [p[0], p[1]] as [number, number]) };
}

/** A calendar date, YYYY-MM-DD, that exists (2026-02-30 does not). */
export const IsoDate = z.string().refine((value) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}, 'must be a date YYYY-MM-DD that exists');
