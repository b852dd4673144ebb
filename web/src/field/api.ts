/**
 * Online reads of the field screens. Writes never go from here: they go through the outbox
 * (outbox/), which stores them on the phone first.
 */
import { request } from '../lib/api';
import type { FindingCollection, FindingDetail, SimilarReport, Walk, WalkDetail, FindingStatus, Responsible } from './types';

export interface FindingFilter {
  status?: readonly FindingStatus[];
  responsible?: readonly Responsible[];
  overdue?: boolean;
  walk?: string;
}

export const fieldApi = {
  similarReports: (q: { category: string; lng: number; lat: number; observedAt: string }, signal?: AbortSignal) =>
    request<{ similar: SimilarReport[] }>('/reports/similar', {
      signal,
      // Six decimals are ~10 cm: the query needs no more, and none of the GPS noise.
      query: { category: q.category, lng: q.lng.toFixed(6), lat: q.lat.toFixed(6), observedAt: q.observedAt },
    }).then((r) => r.similar),

  walks: (signal?: AbortSignal) => request<{ walks: Walk[] }>('/walks', { signal, query: { limit: 200 } }).then((r) => r.walks),

  walk: (id: string, signal?: AbortSignal) => request<WalkDetail>(`/walks/${encodeURIComponent(id)}`, { signal }),

  findings: (filter: FindingFilter, signal?: AbortSignal) =>
    request<FindingCollection>('/findings', {
      signal,
      query: { status: filter.status, responsible: filter.responsible, overdue: filter.overdue ? 'true' : undefined, walk: filter.walk },
    }),

  finding: (id: string, signal?: AbortSignal) => request<FindingDetail>(`/findings/${encodeURIComponent(id)}`, { signal }),

  /** Follow-up changes are made at a desk, online: the answer (or the refusal) is shown at once. */
  updateFinding: (id: string, body: { status?: FindingStatus; owner?: string | null; dueDate?: string | null; comment?: string }) =>
    request<FindingDetail>(`/findings/${encodeURIComponent(id)}`, { method: 'PATCH', body }),

  rewalk: (id: string, body: { id: string; plannedAt?: string; name?: string }) =>
    request<WalkDetail>(`/walks/${encodeURIComponent(id)}/rewalk`, { method: 'POST', body }),

  protocolUrl: (id: string) => `/api/v1/walks/${encodeURIComponent(id)}/protocol?format=html`,
};
