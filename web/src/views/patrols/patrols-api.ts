/** Typed client for the patrol, medborgarlöfte and evaluation endpoints (issue 6). */
import { request } from '../../lib/api';
import type { NewPlan, Plan, PlanDosage, PlanStatus, PlanTargetInput, Proposal, ProposeQuery } from './types';
import type { CitizenPromise, FollowUpReport, NewActivity, NewPromise, PromiseProgress, PromiseStatus } from '../promises/types';
import type { Evaluation, EvaluationQuery } from '../evaluation/types';

const id = (value: string) => encodeURIComponent(value);

export const patrolsApi = {
  propose: (query: ProposeQuery, signal?: AbortSignal) => request<Proposal>('/patrol-plans/propose', { method: 'POST', body: query, signal }),
  plans: (statuses?: readonly PlanStatus[], signal?: AbortSignal) =>
    request<{ plans: Plan[] }>('/patrol-plans', { query: { status: statuses }, signal }).then((r) => r.plans),
  plan: (planId: string, signal?: AbortSignal) => request<Plan>(`/patrol-plans/${id(planId)}`, { signal }),
  createPlan: (plan: NewPlan) => request<Plan>('/patrol-plans', { method: 'POST', body: plan }),
  updatePlan: (planId: string, patch: { name?: string; status?: PlanStatus; targets?: PlanTargetInput[] }) =>
    request<Plan>(`/patrol-plans/${id(planId)}`, { method: 'PATCH', body: patch }),
  dosage: (planId: string, signal?: AbortSignal) => request<PlanDosage>(`/patrol-plans/${id(planId)}/dosage`, { signal }),
  /** The server's own printable briefing (no script), for a plain HTML copy. */
  briefingUrl: (planId: string) => `/api/v1/patrol-plans/${id(planId)}/briefing`,
};

export const promisesApi = {
  list: (signal?: AbortSignal) => request<{ promises: CitizenPromise[] }>('/promises', { signal }).then((r) => r.promises),
  create: (promise: NewPromise) => request<CitizenPromise>('/promises', { method: 'POST', body: promise }),
  setStatus: (promiseId: string, status: PromiseStatus) => request<CitizenPromise>(`/promises/${id(promiseId)}`, { method: 'PATCH', body: { status } }),
  progress: (promiseId: string, signal?: AbortSignal) => request<PromiseProgress>(`/promises/${id(promiseId)}/progress`, { signal }),
  report: (promiseId: string, signal?: AbortSignal) => request<FollowUpReport>(`/promises/${id(promiseId)}/report`, { query: { format: 'json' }, signal }),
  addActivity: (promiseId: string, activity: NewActivity) => request<unknown>(`/promises/${id(promiseId)}/activities`, { method: 'POST', body: activity }),
  /** The printable follow-up report ("Uppföljning medborgarlöfte 2026") the server renders. */
  reportUrl: (promiseId: string) => `/api/v1/promises/${id(promiseId)}/report?format=html`,
  /** The public page, when the area publishes its promises. */
  publicUrl: (areaCode: string) => `/api/v1/public/areas/${id(areaCode)}/promises?format=html`,
};

export const evaluationsApi = {
  run: (query: EvaluationQuery, signal?: AbortSignal) => request<Evaluation>('/evaluations', { method: 'POST', body: query, signal }),
};
