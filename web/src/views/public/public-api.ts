/**
 * The public view's two requests. No session is involved, so none of the login handling of
 * lib/api.ts applies; failures still become `ApiError` so `describeError` words them.
 */
import { ApiError } from '../../lib/api';
import type { PublicArea, PublicHotspotCollection, PublicHotspotQuery } from './types';

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/public/areas/${path}`, { headers: { Accept: 'application/json' }, credentials: 'omit', signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(response.status, body?.error?.code ?? (response.status === 404 ? 'not_found' : 'server'), body?.error?.message ?? response.statusText);
  }
  return (await response.json()) as T;
}

export const publicApi = {
  area: (code: string, signal?: AbortSignal) => getJson<PublicArea>(encodeURIComponent(code), signal),

  hotspots: (q: PublicHotspotQuery, signal?: AbortSignal) =>
    getJson<PublicHotspotCollection>(
      `${encodeURIComponent(q.code)}/hotspots?${new URLSearchParams({ res: String(q.res), from: q.from, to: q.to })}`,
      signal,
    ),
};
