/**
 * A bare HTTP request for the cases ApiClient smooths over on purpose: no Origin header, a
 * hand-picked cookie or Authorization header, a raw body with its own content type.
 */
export interface RawResponse {
  status: number;
  body: any;
  headers: Headers;
}

export async function send(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {},
): Promise<RawResponse> {
  const res = await fetch(url, { method: opts.method ?? 'GET', headers: opts.headers, body: opts.body as BodyInit | undefined });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

/** The `name=value` part of the session cookie a response sets. */
export function sessionCookieOf(res: RawResponse): string {
  const setCookie = res.headers.get('set-cookie');
  if (!setCookie) throw new Error(`no Set-Cookie in a ${res.status} response`);
  return setCookie.split(';')[0]!;
}

/** A report body inside the square test area around (lng, lat) (see test/support/fixtures.ts). */
export function reportBody(overrides: Record<string, unknown> = {}, center: [number, number] = [16.5, 59.37]) {
  return {
    category: 'vald',
    observedAt: '2026-08-22T21:30:00+02:00',
    location: { type: 'Point', coordinates: [center[0] + 0.01, center[1] + 0.005] },
    ...overrides,
  };
}
