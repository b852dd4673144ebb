import { z } from 'zod';
import { Bbox, CategoryCode } from '../reports/report.schema';
import { CellString, commaList, GeoJsonPoint, IsoDateTime, QueryBoolean } from '../shared/zod-types';
import { IsoDate } from '../shared/geo-types';

export const FINDING_STATUSES = ['open', 'planned', 'fixed', 'wont-fix'] as const;
export const FindingStatus = z.enum(FINDING_STATUSES);
export const RESPONSIBLE = ['kommun', 'fastighetsagare', 'trafikverket', 'polis', 'annan'] as const;
export const Responsible = z.enum(RESPONSIBLE);

const Text2000 = z.string().max(2000, 'must be at most 2000 characters');
const ShortText = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const CreateFindingBody = z.strictObject({
  id: z.uuid().optional(),
  category: CategoryCode,
  location: GeoJsonPoint,
  /** 1 = most urgent, 3 = least. */
  priority: z.number().int().min(1).max(3),
  description: Text2000.nullable().optional(),
  proposedFix: Text2000.nullable().optional(),
  responsible: Responsible,
  responsibleName: ShortText.nullable().optional(),
  /** When it was noted on the walk (a phone that syncs later sends it); default now. */
  observedAt: IsoDateTime.optional(),
});
export type CreateFindingInput = z.output<typeof CreateFindingBody>;

/** The follow-up (status, owner, deadline, comment) and corrections of what was recorded. */
export const PatchFindingBody = z
  .strictObject({
    status: FindingStatus.optional(),
    owner: ShortText.nullable().optional(),
    dueDate: IsoDate.nullable().optional(),
    comment: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters').optional(),
    category: CategoryCode.optional(),
    location: GeoJsonPoint.optional(),
    priority: z.number().int().min(1).max(3).optional(),
    description: Text2000.nullable().optional(),
    proposedFix: Text2000.nullable().optional(),
    responsible: Responsible.optional(),
    responsibleName: ShortText.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one field to change');
export type PatchFindingInput = z.output<typeof PatchFindingBody>;

export const ListFindingsQuery = z.strictObject({
  status: commaList(FindingStatus).optional(),
  responsible: commaList(Responsible).optional(),
  overdue: QueryBoolean.optional(),
  walk: z.uuid('must be a walk id (UUID)').optional(),
  categories: commaList(CategoryCode).optional(),
  bbox: Bbox.optional(),
  /** Findings inside this H3 cell (any resolution): "open findings at this place" on the map. */
  cell: CellString.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  cursor: z.string().max(200).optional(),
});
export type ListFindingsFilter = z.output<typeof ListFindingsQuery>;

export const FindingIdParams = z.object({ id: z.uuid('must be a UUID') });
