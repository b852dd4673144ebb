import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS } from '../support/backends';
import { startTestServer, type TestServer } from '../support/server';
import { ApiClient, createTestArea, PASSWORD, type TestArea } from '../support/fixtures';

describe.each(BACKENDS)('login lockout and rate limits (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_ANALYTICS: '5', RATE_LIMIT_LOGIN: '1000' } });
    area = await createTestArea(server.db, 'lock', [16.5, 59.37]);
  });
  afterAll(() => server?.close());

  const login = (email: string, password: string) =>
    fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  it('locks an account after 5 failed logins in 15 minutes, even for the right password, with Retry-After', async () => {
    const email = area.users.walker.email;
    for (let i = 0; i < 5; i++) expect((await login(email, 'wrong-password-123')).status).toBe(401);
    const locked = await login(email, PASSWORD);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await locked.json()).error.code).toBe('too_many_requests');
    // Other accounts are not affected.
    expect((await login(area.users.analyst.email, PASSWORD)).status).toBe(200);
  });

  it('lets the account in again once the window has passed', async () => {
    const email = area.users.walker.email;
    // Age the failures past the 15-minute window instead of waiting.
    await sql`UPDATE login_failures SET failed_at = failed_at - interval '16 minutes' WHERE email = ${email}`.execute(server.db);
    expect((await login(email, PASSWORD)).status).toBe(200);
  });

  it('answers unknown accounts the same way, so a lock reveals nothing', async () => {
    for (let i = 0; i < 5; i++) expect((await login('nobody@nowhere.test', 'whatever-password')).status).toBe(401);
    expect((await login('nobody@nowhere.test', 'whatever-password')).status).toBe(429);
  });

  it('a successful login clears earlier failures', async () => {
    const email = area.users.reporter.email;
    for (let i = 0; i < 4; i++) await login(email, 'wrong-password-123');
    expect((await login(email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) await login(email, 'wrong-password-123');
    expect((await login(email, PASSWORD)).status).toBe(200);
  });

  it('rate-limits the analytics endpoints per caller with 429 and Retry-After', async () => {
    const planner = await ApiClient.login(server.url, area.users.planner.email);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await planner.get(`/api/v1/hotspots?res=8&to=2026-01-0${i + 1}T00:00:00Z`)).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await planner.get('/api/v1/hotspots?res=8');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_requests');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another caller has its own budget.
    const analyst = await ApiClient.login(server.url, area.users.analyst.email);
    expect((await analyst.get('/api/v1/hotspots?res=8')).status).toBe(200);
  });

  it('refuses a login body over 10 kB with 413', async () => {
    const res = await login('a@b.se', 'x'.repeat(20_000));
    expect(res.status).toBe(413);
  });
});
