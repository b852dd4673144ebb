import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS } from '../support/backends';
import { startTestServer, type TestServer } from '../support/server';
import { createTestArea, PASSWORD, type TestArea } from '../support/fixtures';

describe.each(BACKENDS)('sessions (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000' } });
    area = await createTestArea(server.db, 'sess', [16.5, 59.37]);
  });
  afterAll(() => server?.close());

  async function login(cookie?: string) {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ email: area.users.planner.email, password: PASSWORD }),
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    return { status: res.status, setCookie, cookie: setCookie.split(';')[0]! };
  }

  const me = async (cookie: string) => (await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).status;

  it('sets an HttpOnly SameSite=Lax cookie, Secure only behind TLS', async () => {
    const { setCookie } = await login();
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain HTTP here; behind TLS (TRUST_PROXY) it is Secure
  });

  it('rotates the session at login: the old cookie stops working', async () => {
    const first = await login();
    const second = await login(first.cookie);
    expect(second.cookie).not.toBe(first.cookie);
    expect(await me(first.cookie)).toBe(401);
    expect(await me(second.cookie)).toBe(200);
  });

  it('ends a session idle for more than 8 hours', async () => {
    const { cookie } = await login();
    expect(await me(cookie)).toBe(200);
    await sql`UPDATE sessions SET last_seen_at = now() - interval '8 hours 1 minute' WHERE user_id = ${area.users.planner.id}`.execute(server.db);
    expect(await me(cookie)).toBe(401);
  });

  it('ends a session 7 days after login however active it is', async () => {
    const { cookie } = await login();
    await sql`UPDATE sessions SET created_at = now() - interval '7 days 1 minute' WHERE user_id = ${area.users.planner.id}`.execute(server.db);
    expect(await me(cookie)).toBe(401);
  });

  it('keeps an active session alive by sliding its idle expiry', async () => {
    const { cookie } = await login();
    await sql`UPDATE sessions SET last_seen_at = now() - interval '7 hours' WHERE user_id = ${area.users.planner.id}`.execute(server.db);
    expect(await me(cookie)).toBe(200);
    await sql`UPDATE sessions SET last_seen_at = last_seen_at - interval '2 hours' WHERE user_id = ${area.users.planner.id}`.execute(server.db);
    expect(await me(cookie)).toBe(200);
  });

  it('answers with a request id and never a stack trace', async () => {
    const res = await fetch(`${server.url}/api/v1/reports/not-a-uuid`, { headers: { cookie: (await login()).cookie } });
    expect(res.headers.get('x-request-id')).toMatch(/.{8,}/);
    const text = await res.text();
    expect(text).not.toMatch(/\bat \w+ \(|node_modules|\.ts:\d+/);
  });

  it('sends a Content-Security-Policy that lets maplibre run its workers', async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(csp).toMatch(/default-src 'self'/);
  });
});
