/**
 * Typed client for `/api/v1`. Every request goes through `request`, the one place that turns
 * HTTP failures into `ApiError` and a lost session into a trip to the login page.
 */
import { goToLogin } from './router.svelte';
import type {
  AnalyticsFilters,
  Area,
  Category,
  ClientConfig,
  CompareCollection,
  CompareQuery,
  EmergingCollection,
  EmergingQuery,
  GiCollection,
  GiQuery,
  HotspotCollection,
  HotspotQuery,
  Organisation,
  ProfileQuery,
  TimeProfile,
  User,
} from './types';

const API_BASE = '/api/v1';

export interface ApiErrorDetail {
  path: string;
  message: string;
}

/** A failed API call. `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details: readonly ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** True for the rejection of a request cancelled through its `AbortSignal`. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

type QueryValue = string | number | boolean | readonly (string | number)[] | undefined | null;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** False where a 401 is an expected answer (login, session probe) rather than an expired session. */
  redirectOnUnauthorized?: boolean;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty 502): fall back to the status alone.
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : fallbackCode(response.status);
  const message = typeof error?.message === 'string' ? error.message : response.statusText;
  const details = Array.isArray(error?.details)
    ? error.details.filter(
        (d): d is ApiErrorDetail => typeof d?.path === 'string' && typeof d?.message === 'string',
      )
    : [];
  return new ApiError(response.status, code, message, details);
}

function fallbackCode(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'too_many_requests';
  if (status >= 500) return 'server';
  return 'unknown';
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal, redirectOnUnauthorized = true } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined || method !== 'GET') headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (isAbortError(cause)) throw cause;
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause));
  }

  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (response.status === 401 && redirectOnUnauthorized) goToLogin();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The filter parameters every hotspot-style endpoint takes, as query values. */
function filterParams(q: AnalyticsFilters): Record<string, QueryValue> {
  return {
    categories: q.categories,
    organisations: q.organisations,
    sources: q.sources,
    precision: q.precision,
    weekdays: q.weekdays,
    hours: q.hours,
  };
}

export const api = {
  clientConfig: (signal?: AbortSignal) =>
    request<ClientConfig>('/client-config', { signal, redirectOnUnauthorized: false }),

  login: (email: string, password: string) =>
    request<{ user: User }>('/auth/login', {
      method: 'POST',
      body: { email, password },
      redirectOnUnauthorized: false,
    }).then((r) => r.user),

  logout: () => request<void>('/auth/logout', { method: 'POST', redirectOnUnauthorized: false }),

  /** The signed-in user, or null without a valid session. */
  me: async (signal?: AbortSignal): Promise<User | null> => {
    try {
      return (await request<{ user: User }>('/me', { signal, redirectOnUnauthorized: false })).user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },

  currentArea: (signal?: AbortSignal) => request<Area>('/areas/current', { signal }),

  categories: (signal?: AbortSignal) =>
    request<{ categories: Category[] }>('/categories', { signal }).then((r) => r.categories),

  organisations: (signal?: AbortSignal) =>
    request<{ organisations: Organisation[] }>('/organisations', { signal }).then((r) => r.organisations),

  hotspots: (query: HotspotQuery, signal?: AbortSignal) =>
    request<HotspotCollection>('/hotspots', {
      signal,
      query: {
        res: query.res,
        from: query.from,
        to: query.to,
        categories: query.categories,
        organisations: query.organisations,
        sources: query.sources,
        precision: query.precision,
        weekdays: query.weekdays,
        hours: query.hours,
        weighted: query.weighted,
      },
    }),

  hotspotsGi: (query: GiQuery, signal?: AbortSignal) =>
    request<GiCollection>('/hotspots/gi', {
      signal,
      query: { res: query.res, k: query.k, from: query.from, to: query.to, weighted: query.weighted, ...filterParams(query) },
    }),

  compare: (query: CompareQuery, signal?: AbortSignal) =>
    request<CompareCollection>('/hotspots/compare', {
      signal,
      query: {
        res: query.res,
        aFrom: query.aFrom,
        aTo: query.aTo,
        bFrom: query.bFrom,
        bTo: query.bTo,
        baseline: query.baseline,
        ...filterParams(query),
      },
    }),

  emerging: (query: EmergingQuery, signal?: AbortSignal) =>
    request<EmergingCollection>('/hotspots/emerging', {
      signal,
      query: {
        res: query.res,
        from: query.from,
        to: query.to,
        step: query.step,
        k: query.k,
        lag: query.lag,
        weighted: query.weighted,
        ...filterParams(query),
      },
    }),

  profile: (query: ProfileQuery, signal?: AbortSignal) =>
    request<TimeProfile>('/profile', {
      signal,
      query: { from: query.from, to: query.to, cell: query.cell, weighted: query.weighted, ...filterParams(query) },
    }),
};
