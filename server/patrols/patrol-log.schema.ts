import { z } from 'zod';
import { GeoJsonPoint, IsoDateTime, Latitude, Longitude } from '../shared/zod-types';

export const MAX_TRACK_POINTS = 10_000;
/** A check-in/check-out covers one shift at most. */
export const MAX_LOG_HOURS = 24;

const Position = z.tuple([Longitude, Latitude]).or(z.tuple([Longitude, Latitude, z.number().finite()]));

export const GeoJsonLineString = z.strictObject({
  type: z.literal('LineString'),
  coordinates: z.array(Position).min(2, 'a track needs at least two positions').max(MAX_TRACK_POINTS),
});

export const CreateLogBody = z
  .strictObject({
    id: z.uuid().optional(),
    planId: z.uuid().optional().nullable(),
    unit: z.string().trim().min(1).max(100),
    startedAt: IsoDateTime,
    endedAt: IsoDateTime,
    track: GeoJsonLineString.optional().nullable(),
    location: GeoJsonPoint.optional().nullable(),
  })
  .superRefine((b, ctx) => {
    if (b.track && b.location) ctx.addIssue({ code: 'custom', path: ['location'], message: 'give exactly one of track and location, not both' });
    if (!b.track && !b.location) ctx.addIssue({ code: 'custom', path: ['track'], message: 'give exactly one of track (LineString) and location (Point)' });
    if (b.endedAt < b.startedAt) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'must not be before startedAt' });
    else if (b.endedAt.getTime() - b.startedAt.getTime() > MAX_LOG_HOURS * 3_600_000) {
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: `must be at most ${MAX_LOG_HOURS} hours after startedAt (one log per shift)` });
    }
  });
export type CreateLogInput = z.output<typeof CreateLogBody>;

export const ListLogsQuery = z
  .strictObject({
    planId: z.uuid('must be a UUID').optional(),
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
    unit: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
    cursor: z.string().max(200).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['to'] });
export type ListLogsFilter = z.output<typeof ListLogsQuery>;
