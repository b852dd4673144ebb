import { z } from 'zod';
import { commaList, IsoDateTime } from '../shared/zod-types';
import { GeoJsonLineString } from '../shared/geo-types';

export const WALK_STATUSES = ['planned', 'ongoing', 'done'] as const;
export const WalkStatus = z.enum(WALK_STATUSES);

const UserId = z.number().int().positive().max(2_147_483_647);

/** A participant is an organisation of the area, a named person or group, or both. */
export const Participant = z
  .strictObject({
    organisationId: z.number().int().positive().max(2_147_483_647).optional(),
    name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  })
  .refine((p) => p.organisationId !== undefined || p.name !== undefined, 'give organisationId or name');
export type ParticipantInput = z.output<typeof Participant>;

const Participants = z.array(Participant).max(100, 'at most 100 participants');
const Name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const Notes = z.string().max(10_000, 'must be at most 10000 characters');

export const CreateWalkBody = z.strictObject({
  id: z.uuid().optional(),
  name: Name,
  plannedAt: IsoDateTime,
  plannedRoute: GeoJsonLineString.nullable().optional(),
  participants: Participants.default([]),
  notes: Notes.nullable().optional(),
  /** The walker who leads the walk and may change it; default the creator. */
  leaderId: UserId.nullable().optional(),
});
export type CreateWalkInput = z.output<typeof CreateWalkBody>;

export const PatchWalkBody = z
  .strictObject({
    name: Name.optional(),
    plannedAt: IsoDateTime.optional(),
    plannedRoute: GeoJsonLineString.nullable().optional(),
    participants: Participants.optional(),
    notes: Notes.nullable().optional(),
    leaderId: UserId.nullable().optional(),
    status: WalkStatus.optional(),
    /** When the status changed on the phone (it may sync hours later); default now. */
    statusAt: IsoDateTime.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one field to change')
  .refine((b) => b.statusAt === undefined || b.status !== undefined, { message: 'statusAt goes with status', path: ['statusAt'] });
export type PatchWalkInput = z.output<typeof PatchWalkBody>;

export const ListWalksQuery = z
  .strictObject({
    status: commaList(WalkStatus).optional(),
    /** plannedAt in [from, to) */
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(200).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['to'] });
export type ListWalksQueryInput = z.output<typeof ListWalksQuery>;

export const WalkIdParams = z.object({ id: z.uuid('must be a UUID') });

export const RewalkBody = z.strictObject({
  id: z.uuid().optional(),
  name: Name.optional(),
  plannedAt: IsoDateTime.optional(),
  leaderId: UserId.nullable().optional(),
});
export type RewalkInput = z.output<typeof RewalkBody>;

export const ProtocolQuery = z.strictObject({ format: z.enum(['json', 'html']).optional() });

/** At most this many fixes per request: about 7 hours at one fix every 5 seconds. */
export const MAX_TRACK_POINTS = 5000;

/** One GPS fix: [lng, lat, time with offset, accuracy in metres (null when the phone gives none)]. */
const TrackPoint = z.tuple([
  z.number().finite().min(-180).max(180),
  z.number().finite().min(-90).max(90),
  IsoDateTime,
  z.number().finite().min(0).max(100_000).nullable(),
]);

export const TrackBody = z.strictObject({
  points: z.array(TrackPoint).min(1, 'send at least one point').max(MAX_TRACK_POINTS, `at most ${MAX_TRACK_POINTS} points per request`),
});
export type TrackInput = z.output<typeof TrackBody>;
