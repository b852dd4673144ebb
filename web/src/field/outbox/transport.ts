/**
 * Sends one outbox item to the API and reports the answer without interpreting it (classify.ts
 * does). Plain fetch with the session cookie: it runs in the page and in the service worker.
 */
import type { OutboxError, OutboxPayload } from './types';

const API = '/api/v1';
/** A request that has not answered by then is treated like no answer; the item is tried again. */
const TIMEOUT_MS = 30_000;
const PHOTO_TIMEOUT_MS = 120_000;

export interface Answer {
  /** 0: no answer. */
  status: number;
  error: OutboxError | null;
  retryAfter: string | null;
}

interface Request {
  method: 'POST' | 'PATCH';
  path: string;
  body: BodyInit;
  contentType: string;
  timeoutMs: number;
}

const json = (method: 'POST' | 'PATCH', path: string, body: unknown): Request => ({
  method,
  path,
  body: JSON.stringify(body),
  contentType: 'application/json',
  timeoutMs: TIMEOUT_MS,
});

export function requestFor(payload: OutboxPayload): Request {
  switch (payload.kind) {
    case 'report':
      return json('POST', '/reports', payload.body);
    case 'confirmation':
      return json('POST', `/reports/${payload.reportId}/confirmations`, payload.body);
    case 'walk':
      return json('POST', '/walks', payload.body);
    case 'walk-status':
      return json('PATCH', `/walks/${payload.walkId}`, { status: payload.status, statusAt: payload.statusAt });
    case 'track':
      return json('POST', `/walks/${payload.walkId}/track`, { points: payload.points });
    case 'finding':
      return json('POST', `/walks/${payload.walkId}/findings`, payload.body);
    case 'finding-update':
      return json('PATCH', `/findings/${payload.findingId}`, payload.body);
    case 'patrol-log':
      return json('POST', '/patrol-logs', payload.body);
    case 'photo': {
      const collection = payload.parent.kind === 'report' ? 'reports' : 'findings';
      return {
        method: 'POST',
        path: `/${collection}/${payload.parent.id}/photos`,
        body: payload.blob,
        contentType: payload.blob.type || 'image/jpeg',
        timeoutMs: PHOTO_TIMEOUT_MS,
      };
    }
  }
}

/** The photo's own client id goes in the query, so a retried upload is stored once. */
function urlFor(id: string, payload: OutboxPayload, path: string): string {
  return payload.kind === 'photo' ? `${API}${path}?id=${encodeURIComponent(id)}` : `${API}${path}`;
}

async function errorOf(response: Response): Promise<OutboxError> {
  let body: { error?: { code?: unknown; message?: unknown; details?: unknown } } | null = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML page or an empty 502: the status says enough.
  }
  const error = body?.error;
  const details = Array.isArray(error?.details)
    ? (error.details as unknown[]).filter((d): d is { path: string; message: string } => typeof (d as { path?: unknown })?.path === 'string' && typeof (d as { message?: unknown })?.message === 'string')
    : [];
  return {
    status: response.status,
    code: typeof error?.code === 'string' ? error.code : `http_${response.status}`,
    message: typeof error?.message === 'string' ? error.message : response.statusText,
    details,
    at: new Date().toISOString(),
  };
}

export async function sendItem(id: string, payload: OutboxPayload, fetchImpl: typeof fetch = fetch): Promise<Answer> {
  const request = requestFor(payload);
  try {
    const response = await fetchImpl(urlFor(id, payload, request.path), {
      method: request.method,
      headers: { 'Content-Type': request.contentType, Accept: 'application/json' },
      body: request.body,
      credentials: 'same-origin',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    if (response.ok) {
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status, error: null, retryAfter: null };
    }
    return { status: response.status, error: await errorOf(response), retryAfter: response.headers.get('Retry-After') };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return { status: 0, error: { status: 0, code: 'network', message, details: [], at: new Date().toISOString() }, retryAfter: null };
  }
}
