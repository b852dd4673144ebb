import { z } from 'zod';
import { cellResolution } from '../h3/cells';
import { CategoryCode } from '../reports/report.schema';
import { DateOrInstant } from '../shared/period-input';
import { CellString } from '../shared/zod-types';
import { parseWindowHours } from './koper-schedule';

export const MAX_TARGETS_PER_PLAN = 50;
export const MAX_CELLS_PER_TARGET = 100;

const Weekday = z.number().int().min(0, 'must be 0 (Monday) to 6 (Sunday)').max(6, 'must be 0 (Monday) to 6 (Sunday)');

export const PatrolWindowSchema = z.strictObject({
  weekdays: z
    .array(Weekday)
    .min(1)
    .max(7)
    .refine((days) => new Set(days).size === days.length, 'must not repeat a weekday'),
  hours: z
    .string()
    .max(5)
    .refine((h) => parseWindowHours(h) !== undefined, 'must be one run of hours 0-23, e.g. "18-23", "22-3" or "7"'),
});

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

const ScheduledStopSchema = z.strictObject({
  weekday: Weekday,
  time: Time,
  dwellMinutes: z.number().int().min(1).max(240),
});

const TopCategory = z.strictObject({
  category: CategoryCode,
  label: z.string().max(200).optional(),
  count: z.number().int().min(0).max(10_000_000),
});

/**
 * A plan target, exactly as a proposal gives it (so a proposal can be saved as it is): a place
 * (`cells` of one resolution, or a `zoneId`; the other absent or null), its windows, dwell and
 * visits; a proposal adds `name`, `schedule`, `reason`, `topCategories` and
 * `plannedMinutesPerWeek`, all optional here. A target as GET returns it may be sent back: its
 * read-only `res`, `zoneName` and `geometry` are ignored.
 */
export const PlanTargetSchema = z
  .strictObject({
    /** Given on PATCH to keep an existing target's id (its dosage history follows it). */
    id: z.uuid().optional(),
    name: z.string().trim().min(1).max(200).optional().nullable(),
    cells: z
      .array(CellString)
      .min(1)
      .max(MAX_CELLS_PER_TARGET)
      .refine((cells) => new Set(cells).size === cells.length, 'must not repeat a cell')
      .refine((cells) => new Set(cells.map(cellResolution)).size === 1, 'must all be of one resolution')
      .optional()
      .nullable(),
    zoneId: z.uuid().optional().nullable(),
    windows: z.array(PatrolWindowSchema).min(1).max(21),
    dwellMinutes: z.number().int().min(1).max(240),
    visitsPerWeek: z.number().int().min(0).max(1000),
    plannedMinutesPerWeek: z.number().int().min(0).optional(),
    unit: z.string().trim().min(1).max(100).optional().nullable(),
    priority: z.number().int().min(1).max(99),
    schedule: z.array(ScheduledStopSchema).max(2000).optional().nullable(),
    reason: z.string().max(1000).optional().nullable(),
    topCategories: z.array(TopCategory).max(20).optional().nullable(),
    // Read-only fields of GET /patrol-plans/:id, so a client can send a target back as it got it.
    res: z.number().int().min(0).max(15).optional().nullable(),
    zoneName: z.string().max(200).optional().nullable(),
    geometry: z.unknown().optional(),
  })
  .superRefine((t, ctx) => {
    if (!t.cells === !t.zoneId) {
      ctx.addIssue({ code: 'custom', path: [t.cells ? 'zoneId' : 'cells'], message: 'give exactly one of cells and zoneId' });
    }
    if (t.plannedMinutesPerWeek !== undefined && t.plannedMinutesPerWeek !== t.dwellMinutes * t.visitsPerWeek) {
      ctx.addIssue({ code: 'custom', path: ['plannedMinutesPerWeek'], message: 'must equal dwellMinutes × visitsPerWeek (or be left out)' });
    }
  });
export type PlanTargetInput = z.output<typeof PlanTargetSchema>;

const Targets = z
  .array(PlanTargetSchema)
  .max(MAX_TARGETS_PER_PLAN)
  .superRefine((targets, ctx) => {
    const seen = new Set<string>();
    targets.forEach((t, i) => {
      if (t.id && seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'is given to two targets' });
      if (t.id) seen.add(t.id);
    });
  });

export const CreatePlanBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  from: DateOrInstant,
  to: DateOrInstant,
  targets: Targets,
});
export type CreatePlanInput = z.output<typeof CreatePlanBody>;

export const PlanStatusSchema = z.enum(['draft', 'active', 'closed']);

export const PatchPlanBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    from: DateOrInstant.optional(),
    to: DateOrInstant.optional(),
    targets: Targets.optional(),
    status: PlanStatusSchema.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one of name, from, to, targets, status');
export type PatchPlanInput = z.output<typeof PatchPlanBody>;

export const PlanIdParams = z.object({ id: z.uuid('must be a UUID') });

export const ListPlansQuery = z.strictObject({
  status: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(PlanStatusSchema).min(1).max(3))
    .optional(),
});

export const BriefingQuery = z.strictObject({ format: z.enum(['json', 'html']).optional() });

/** Routes that take no query parameters refuse any (a typo must not be silently ignored). */
export const NoQuery = z.strictObject({});
