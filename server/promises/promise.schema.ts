import { z } from 'zod';
import { DateOrInstant } from '../shared/period-input';
import { daysInMonth } from '../shared/iso-time';

export const METRICS = ['patrol-visits', 'patrol-minutes', 'walks', 'activities'] as const;
export const ACTIVITY_KINDS = ['skolbesok', 'informationsinsats', 'medborgardialog', 'foraldravandring', 'samverkansmote', 'ovrigt'] as const;
export const MAX_PROMISE_TARGETS = 20;

export const PromiseTargetSchema = z.strictObject({
  /** Given on PATCH to keep an existing target's id. */
  id: z.uuid().optional(),
  metric: z.enum(METRICS),
  zoneId: z.uuid().optional().nullable(),
  per: z.enum(['week', 'month', 'year']),
  goal: z.number().positive().max(1_000_000),
});
export type PromiseTargetInput = z.output<typeof PromiseTargetSchema>;

const Targets = z
  .array(PromiseTargetSchema)
  .min(1)
  .max(MAX_PROMISE_TARGETS)
  .superRefine((targets, ctx) => {
    const seen = new Set<string>();
    targets.forEach((t, i) => {
      if (t.id && seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'is given to two targets' });
      if (t.id) seen.add(t.id);
    });
  });

export const CreatePromiseBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  owner: z.enum(['polis', 'kommun', 'gemensamt']),
  from: DateOrInstant,
  to: DateOrInstant,
  targets: Targets,
});
export type CreatePromiseInput = z.output<typeof CreatePromiseBody>;

export const PatchPromiseBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    owner: z.enum(['polis', 'kommun', 'gemensamt']).optional(),
    from: DateOrInstant.optional(),
    to: DateOrInstant.optional(),
    targets: Targets.optional(),
    status: z.enum(['draft', 'active', 'closed']).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one of title, owner, from, to, targets, status');
export type PatchPromiseInput = z.output<typeof PatchPromiseBody>;

export const PromiseIdParams = z.object({ id: z.uuid('must be a UUID') });

/** A calendar date, "2026-11-16": the day in the area's time zone. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-11-16')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return y >= 1970 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
  }, 'must be a real date between 1970 and 2100');

export const CreateActivityBody = z.strictObject({
  id: z.uuid().optional(),
  kind: z.enum(ACTIVITY_KINDS),
  date: LocalDate,
  zoneId: z.uuid().optional().nullable(),
  note: z.string().max(2000).optional().nullable(),
  count: z.number().int().min(1).max(100_000),
});
export type CreateActivityInput = z.output<typeof CreateActivityBody>;

export const ReportQuery = z.strictObject({ format: z.enum(['json', 'html']).optional() });
