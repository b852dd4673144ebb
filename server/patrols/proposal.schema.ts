import { z } from 'zod';
import { CategoryCode } from '../reports/report.schema';
import { DateOrInstant } from '../shared/period-input';

export const MAX_PROPOSED_TARGETS = 20;

/**
 * POST /patrol-plans/propose. `from`/`to` is the window of reports to learn from (default: the
 * 14 days before now, the lägesbild rhythm). A budget below one Koper stop (10 minutes) is
 * refused by the service (422), not here, so the answer can say why.
 */
export const ProposeBody = z.strictObject({
  res: z.number().int().min(7).max(11).default(9),
  from: DateOrInstant.optional(),
  to: DateOrInstant.optional(),
  categories: z
    .array(CategoryCode)
    .min(1)
    .max(50)
    .refine((c) => new Set(c).size === c.length, 'must not repeat a category')
    .optional(),
  budgetMinutesPerWeek: z.number().int().min(0).max(100_000),
  maxTargets: z.number().int().min(1).max(MAX_PROPOSED_TARGETS).default(5),
  method: z.enum(['count', 'gi']).default('count'),
  seed: z.number().int().min(0).max(4_294_967_295).default(1),
});
export type ProposeInput = z.output<typeof ProposeBody>;
