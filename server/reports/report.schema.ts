import { z } from 'zod';
import { CellString, commaList, GeoJsonPoint, IsoDateTime } from '../shared/zod-types';

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

export const Bbox = z
  .string()
  .transform((s) => s.split(',').map((x) => Number(x.trim())))
  .pipe(z.array(z.number().finite()).length(4, 'must be west,south,east,north'))
  .refine(([w, s, e, n]) => w! >= -180 && e! <= 180 && s! >= -90 && n! <= 90 && w! < e! && s! < n!, 'must be west,south,east,north in degrees with west < east and south < north')
  .transform((a) => a as [number, number, number, number]);

export const ListReportsQuery = z
  .strictObject({
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
    categories: commaList(CategoryCode).optional(),
    sources: commaList(z.enum(['app', 'import', 'polisen', 'walk'])).optional(),
    status: commaList(z.enum(['new', 'reviewed', 'archived'])).optional(),
    bbox: Bbox.optional(),
    cell: CellString.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(200).optional(),
    /** csv: every report the filter matches as a CSV download, descriptions masked (reports-export.ts). */
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['to'] });
export type ListReportsFilter = z.output<typeof ListReportsQuery>;

export const ReportIdParams = z.object({ id: z.uuid('must be a UUID') });
