/** Typed client for the reports table and report detail (`/api/v1/reports`). */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { request } from './api';

export type ReportStatus = 'new' | 'reviewed' | 'archived';
export type ReportSortField = 'observedAt' | 'reportedAt' | 'category' | 'severity' | 'status';
export type SortDirection = 'asc' | 'desc';

export interface ReportProperties {
  id: string;
  category: string;
  observedAt: string;
  observedUntil: string | null;
  reportedAt: string;
  cell: string;
  severity: number;
  description: string | null;
  organisationId: number | null;
  reporterId: number | null;
  source: 'app' | 'import' | 'polisen' | 'walk';
  sourceType: string | null;
  externalId: string | null;
  locationPrecision: 'point' | 'municipality' | 'county';
  inAnalytics: boolean;
  status: ReportStatus;
}

export type ReportFeature = Feature<Point, ReportProperties>;

export interface ReportPage extends FeatureCollection<Point, ReportProperties> {
  meta: { count: number; nextCursor: string | null };
}

/** A report as GET /reports/:id answers it. */
export interface Report extends ReportProperties {
  location: Point;
}

export interface TriageEntry {
  at: string;
  user: { id: number; name: string } | null;
  statusFrom: ReportStatus | null;
  statusTo: ReportStatus | null;
  categoryFrom: string | null;
  categoryTo: string | null;
}

/** The table's selection, as GET /reports takes it (lists comma-separated). */
export interface ReportQuery {
  from?: string;
  to?: string;
  categories?: string[];
  status?: ReportStatus[];
  sources?: string[];
  organisations?: string[];
  severity?: string[];
  q?: string;
  cell?: string;
  sort: ReportSortField;
  order: SortDirection;
  limit: number;
}

function queryParams(query: ReportQuery, cursor?: string | null) {
  return {
    from: query.from,
    to: query.to,
    categories: query.categories,
    status: query.status,
    sources: query.sources,
    organisations: query.organisations,
    severity: query.severity,
    q: query.q || undefined,
    cell: query.cell || undefined,
    sort: query.sort,
    order: query.order,
    limit: query.limit,
    cursor: cursor ?? undefined,
  };
}

/** The download link of the whole selection (every match, not one page). */
export function exportUrl(query: ReportQuery, format: 'csv' | 'geojson'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...queryParams(query), limit: undefined, format })) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  return `/api/v1/reports?${params}`;
}

export const reportsApi = {
  page: (query: ReportQuery, cursor: string | null, signal?: AbortSignal) => request<ReportPage>('/reports', { query: queryParams(query, cursor), signal }),
  get: (id: string, signal?: AbortSignal) => request<Report>(`/reports/${encodeURIComponent(id)}`, { signal }),
  triage: (id: string, patch: { status?: ReportStatus; category?: string }) =>
    request<Report>(`/reports/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
  bulkTriage: (ids: string[], patch: { status?: ReportStatus; category?: string }) =>
    request<{ updated: number; unchanged: number; ids: string[] }>('/reports', { method: 'PATCH', body: { ids, ...patch } }),
  history: (id: string, signal?: AbortSignal) => request<{ entries: TriageEntry[] }>(`/reports/${encodeURIComponent(id)}/history`, { signal }).then((r) => r.entries),
};
