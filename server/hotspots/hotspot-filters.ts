import { z } from 'zod';
import { Bbox, CategoryCode } from '../reports/report.schema';
import { commaList, IsoDateTime, QueryBoolean } from '../shared/zod-types';
import { CellExportShape } from '../analytics/export/export-params';

/** "18-23" → [18..23]; "22-3" wraps past midnight → [22,23,0,1,2,3]; "8,12-13" → [8,12,13]. Inclusive. */
export function parseHours(spec: string): number[] | undefined {
  const hours = new Set<number>();
  for (const part of spec.split(',').map((p) => p.trim())) {
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a > 23 || b > 23) return undefined;
    for (let h = a; ; h = (h + 1) % 24) {
      hours.add(h);
      if (h === b) break;
    }
  }
  return [...hours].sort((x, y) => x - y);
}

const Hours = z.string().transform((s, ctx) => {
  const hours = parseHours(s);
  if (!hours) {
    ctx.addIssue({ code: 'custom', message: 'must be hours 0-23 as a range or list, e.g. 18-23 or 22-3 or 8,12-13' });
    return z.NEVER;
  }
  return hours;
});

const Weekday = z
  .string()
  .regex(/^[0-6]$/, 'must be 0 (Monday) to 6 (Sunday)')
  .transform(Number);

const Source = z.enum(['app', 'import', 'polisen', 'walk']);

/**
 * What hotspots and analytics count unless `sources` says otherwise: reports. Safety-walk
 * findings (source 'walk', issue 5) describe places, not incidents, and count only when asked for.
 */
export const REPORT_SOURCES: readonly string[] = ['app', 'import', 'polisen'];

/** The filters every hotspot-style query shares (DESIGN §5, §6). */
export const HotspotFilterShape = {
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  categories: commaList(CategoryCode).optional(),
  organisations: commaList(z.string().regex(/^\d{1,9}$/, 'must be organisation ids').transform(Number)).optional(),
  sources: commaList(Source).optional(),
  precision: z.enum(['point', 'all']).default('point'),
  weekdays: commaList(Weekday).optional(),
  hours: Hours.optional(),
  weighted: QueryBoolean.default(false),
  /** Include events stored but left out of analytics (police summaries, police activity). */
  includeExcluded: QueryBoolean.default(false),
  bbox: Bbox.optional(),
};

export const HotspotsQuery = z
  .strictObject({
    res: z.coerce.number().int().min(6).max(12).default(9),
    ...HotspotFilterShape,
    ...CellExportShape,
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['to'] });

export type HotspotsQueryInput = z.output<typeof HotspotsQuery>;

export interface HotspotFilter {
  areaId: number;
  from: Date;
  to: Date;
  categories?: string[];
  organisations?: number[];
  sources?: string[];
  precision: 'point' | 'all';
  weekdays?: number[];
  hours?: number[];
  includeExcluded: boolean;
  bbox?: [number, number, number, number];
}

const DAY_MS = 24 * 3600 * 1000;

/** Fills in the default window: the 14 days up to now (the lägesbild rhythm). */
export function toHotspotFilter(areaId: number, q: Omit<HotspotsQueryInput, 'res' | 'weighted' | 'format' | 'crs'>, now = new Date()): HotspotFilter {
  const to = q.to ?? now;
  const from = q.from ?? new Date(to.getTime() - 14 * DAY_MS);
  return {
    areaId,
    from,
    to,
    categories: q.categories,
    organisations: q.organisations,
    sources: q.sources,
    precision: q.precision,
    weekdays: q.weekdays,
    hours: q.hours,
    includeExcluded: q.includeExcluded,
    bbox: q.bbox,
  };
}
