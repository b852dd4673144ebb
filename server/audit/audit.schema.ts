import { z } from 'zod';
import { commaList, IsoDateTime } from '../shared/zod-types';

export const AuditAction = z.string().regex(/^[a-z][a-z0-9._-]{0,62}$/, 'must be an action such as report.update');

export const AuditQuery = z
  .strictObject({
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
    action: commaList(AuditAction).optional(),
    userId: z.string().regex(/^\d{1,9}$/, 'must be a user id').transform(Number).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(200).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['to'] });
export type AuditQueryInput = z.output<typeof AuditQuery>;
