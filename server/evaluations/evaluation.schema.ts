import { z } from 'zod';
import { cellResolution } from '../h3/cells';
import { CategoryCode } from '../reports/report.schema';
import { DateOrInstant } from '../shared/period-input';
import { CellString } from '../shared/zod-types';

export const MAX_TREATED_CELLS = 500;

const Period = z.strictObject({ from: DateOrInstant, to: DateOrInstant });

/**
 * POST /evaluations: the treated place (targetCells of resolution res, or a zoneId), the periods
 * before and after, the displacement ring k (1–2) and controls per matched cell.
 */
export const EvaluationBody = z
  .strictObject({
    targetCells: z
      .array(CellString)
      .min(1)
      .max(MAX_TREATED_CELLS)
      .refine((cells) => new Set(cells).size === cells.length, 'must not repeat a cell')
      .optional()
      .nullable(),
    zoneId: z.uuid().optional().nullable(),
    before: Period,
    after: Period,
    res: z.number().int().min(7).max(11).default(9),
    ring: z.number().int().min(1).max(2).default(1),
    controlsPerCell: z.number().int().min(1).max(10).default(3),
    categories: z
      .array(CategoryCode)
      .min(1)
      .max(50)
      .refine((c) => new Set(c).size === c.length, 'must not repeat a category')
      .optional(),
  })
  .superRefine((b, ctx) => {
    if (!b.targetCells === !b.zoneId) {
      ctx.addIssue({ code: 'custom', path: [b.targetCells ? 'zoneId' : 'targetCells'], message: 'give exactly one of targetCells and zoneId' });
    }
    b.targetCells?.forEach((cell, i) => {
      if (cellResolution(cell) !== b.res) ctx.addIssue({ code: 'custom', path: ['targetCells', i], message: `must be a cell of resolution res (${b.res})` });
    });
  });
export type EvaluationInput = z.output<typeof EvaluationBody>;
