import { z } from 'zod';
import { IsoDateTime, Latitude, Longitude } from '../shared/zod-types';
import { CategoryCode } from './report.schema';

/** A coordinate in the query string: a plain decimal number, nothing Number() would also take ("0x10", " 7 "). */
const coordinate = (bounds: z.ZodNumber) =>
  z
    .string()
    .regex(/^-?\d{1,3}(\.\d{1,15})?$/, 'must be a decimal number in degrees, e.g. 16.5098')
    .transform(Number)
    .pipe(bounds);

/** GET /reports/similar: the report being written, before it is sent. */
export const SimilarReportsQuery = z.strictObject({
  category: CategoryCode,
  lng: coordinate(Longitude),
  lat: coordinate(Latitude),
  /** When the reporter saw it; default now. */
  observedAt: IsoDateTime.optional(),
});
export type SimilarReportsInput = z.output<typeof SimilarReportsQuery>;

/** POST /reports/:id/confirmations: "I saw this too", instead of a duplicate report. */
export const ConfirmationBody = z.strictObject({
  /** Client UUID, so a retried confirmation is stored once. */
  id: z.uuid().optional(),
  note: z.string().max(1000, 'must be at most 1000 characters').optional().nullable(),
  /** When the confirmer saw it (a queued confirmation may arrive hours later); default now. */
  confirmedAt: IsoDateTime.optional(),
});
export type ConfirmationInput = z.output<typeof ConfirmationBody>;
