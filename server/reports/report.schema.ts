import { z } from 'zod';
import { CellString, commaList, GeoJsonPoint, IsoDateTime } from '../shared/zod-types';
import { OrderParam, resolveSort, SortParam } from './report-sort';

export const CategoryCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a category code such as "vald"');

export const CreateReportBody = z.strictObject({
  id: z.uuid().optional(),
  category: CategoryCode,
  observedAt: IsoDateTime,
  observedUntil: IsoDateTime.optional().nullable(),
  location: GeoJsonPoint,
  severity: z.number().int().min(1).max(3).optional(),
  description: z.string().max(2000, 'must be at most 2000 characters').optional().nullable(),
  organisationId: z.number().int().positive().max(2_147_483_647).optional().nullable(),
});
export type CreateReportInput = z.output<typeof CreateReportBody>;

export const PatchReportBody = z
  .strictObject({
    status: z.enum(['new', 'reviewed', 'archived']).optional(),
    category: CategoryCode.optional(),
  })
  .refine((b) => b.status !== undefined || b.category !== undefined, 'give status and/or category');
export type PatchReportInput = z.output<typeof PatchReportBody>;

/** Most reports one bulk triage may touch: a few pages of the table. */
export const MAX_BULK_TRIAGE = 1000;

export const BulkTriageBody = z
  .strictObject({
    ids: z.array(z.uuid('must be a UUID')).min(1, 'give at least one report id').max(MAX_BULK_TRIAGE, `at most ${MAX_BULK_TRIAGE} reports at a time`),
    status: z.enum(['new', 'reviewed', 'archived']).optional(),
    category: CategoryCode.optional(),
  })
  .refine((b) => b.status !== undefined || b.category !== undefined, 'give status and/or category');
export type BulkTriageInput = z.output<typeof BulkTriageBody>;

export const Bbox = z
  .string()
  .transform((s) => s.split(',').map((x) => Number(x.trim())))
  .pipe(z.array(z.number().finite()).length(4, 'must be west,south,east,north'))
  .refine(([w, s, e, n]) => w! >= -180 && e! <= 180 && s! >= -90 && n! <= 90 && w! < e! && s! < n!, 'must be west,south,east,north in degrees with west < east and south < north')
  .transform((a) => a as [number, number, number, number]);

/** Free text to look for in descriptions: plain words, matched case-insensitively. */
export const SearchText = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'));

export const ListReportsQuery = z
  .strictObject({
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
    categories: commaList(CategoryCode).optional(),
    sources: commaList(z.enum(['app', 'import', 'polisen', 'walk'])).optional(),
    status: commaList(z.enum(['new', 'reviewed', 'archived'])).optional(),
    organisations: commaList(z.string().regex(/^\d{1,9}$/, 'must be an organisation id').transform(Number)).optional(),
    severity: commaList(z.enum(['1', '2', '3']).transform(Number)).optional(),
    q: SearchText.optional(),
    bbox: Bbox.optional(),
    cell: CellString.optional(),
    /** observedAt (default), reportedAt, category, severity or status; `-field` or `field:asc|desc` sets the direction. */
    sort: SortParam.optional(),
    order: OrderParam.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(200).optional(),
    /** csv or geojson: every report the filter matches as a download, descriptions masked (reports-export.ts). */
    format: z.enum(['json', 'csv', 'geojson']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['to'] })
  .refine((q) => !q.sort?.direction || !q.order || q.sort.direction === q.order, { message: 'contradicts the direction given in sort', path: ['order'] })
  .transform(({ sort, order, ...q }) => ({ ...q, sort: resolveSort(sort, order) }));
export type ListReportsFilter = z.output<typeof ListReportsQuery>;

export const ReportIdParams = z.object({ id: z.uuid('must be a UUID') });
