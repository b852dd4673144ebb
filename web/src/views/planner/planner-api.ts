/** Client calls of the planner views; every one goes through the app's one `request` helper. */
import { api, request } from '../../lib/api';
import type { HotspotQuery } from '../../lib/types';
import type { CellReport, CellSummary, PlaceName } from './analytics-types';
import type { FeatureCollection, Point } from 'geojson';

/** The filters every analytics call shares, as query parameters. */
export type Filters = Omit<HotspotQuery, 'res' | 'from' | 'to' | 'weighted'>;

function filterParams(f: Filters) {
  return {
    categories: f.categories,
    organisations: f.organisations,
    sources: f.sources,
    precision: f.precision,
    weekdays: f.weekdays,
    hours: f.hours,
  };
}

export interface Window {
  from: string;
  to: string;
}

export const plannerApi = {
  gi: (q: Filters & Window & { res: number }, signal?: AbortSignal) => api.hotspotsGi(q, signal),

  compare: (q: Filters & { res: number; a: Window; b: Window }, signal?: AbortSignal) =>
    api.compare({ ...filterParams(q), res: q.res, aFrom: q.a.from, aTo: q.a.to, bFrom: q.b.from, bTo: q.b.to }, signal),

  emerging: (q: Filters & Window & { res: number; step: string }, signal?: AbortSignal) => api.emerging(q, signal),

  profile: (q: Filters & Window & { cell?: string }, signal?: AbortSignal) => api.profile(q, signal),

  /** One hexagon's details, or the whole area's without a cell. */
  summary: (q: Filters & Window & { cell?: string; step: string; bins: number }, signal?: AbortSignal) =>
    request<CellSummary>(q.cell ? `/hotspots/cells/${q.cell}` : '/hotspots/summary', {
      signal,
      query: { from: q.from, to: q.to, step: q.step, bins: q.bins, ...filterParams(q) },
    }),

  /** Reports in one hexagon, newest first (the API's order), for the drill-down list. */
  cellReports: (q: Filters & Window & { cell: string; limit: number }, signal?: AbortSignal) =>
    request<FeatureCollection<Point, CellReport> & { meta: { count: number; nextCursor: string | null } }>('/reports', {
      signal,
      query: { cell: q.cell, from: q.from, to: q.to, categories: q.categories, sources: q.sources, limit: q.limit },
    }),

  /** Zone names for cells: the zone around each, else the nearest. */
  placeNames: (cells: readonly string[], signal?: AbortSignal) =>
    request<{ cells: PlaceName[] }>('/zones/locate', { method: 'POST', body: { cells }, signal }).then((r) => r.cells),
};
