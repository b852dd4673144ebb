import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/areas/areas.service';
import type { Role } from '../../server/db/schema';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, PASSWORD, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { insertReports } from './fixtures';

const ENDPOINTS = [
  '/hotspots/gi?res=8',
  '/hotspots/compare?res=8',
  '/hotspots/emerging?res=7&step=4w',
  '/hotspots/backtest?res=8',
  '/profile',
];
const LIMIT = 6;

describe.each(BACKENDS)('analytics access and rate limits (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let other: TestArea;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_ANALYTICS: String(LIMIT) } });
    area = await createTestArea(server.db, 'access');
    other = await createTestArea(server.db, 'access-other');
    const recent = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await insertReports(server.db, area.id, [{ lng: 16.5, lat: 59.37, observedAt: recent }]);
    await insertReports(server.db, other.id, Array.from({ length: 5 }, () => ({ lng: 16.5, lat: 59.37, observedAt: recent })));
  });
  afterAll(() => server?.close());

  it.each(['planner', 'analyst', 'admin'] as Role[])('lets a %s use every analytics endpoint', async (role) => {
    const client = await ApiClient.login(server.url, area.users[role].email);
    for (const path of ENDPOINTS) {
      const res = await client.get(`/api/v1${path}`);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    }
  });

  it.each(['reporter', 'walker'] as Role[])('refuses a %s with 403', async (role) => {
    const client = await ApiClient.login(server.url, area.users[role].email);
    for (const path of ENDPOINTS) {
      const res = await client.get(`/api/v1${path}`);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });

  it('refuses an anonymous caller with 401', async () => {
    for (const path of ENDPOINTS) expect((await new ApiClient(server.url).get(`/api/v1${path}`)).status, path).toBe(401);
  });

  it('counts only the caller’s own area', async () => {
    const client = await ApiClient.login(server.url, area.users.analyst.email);
    expect((await client.get('/api/v1/profile')).body.total).toBe(1);
    const otherClient = await ApiClient.login(server.url, other.users.analyst.email);
    expect((await otherClient.get('/api/v1/profile')).body.total).toBe(5);
  });

  it('shares the per-caller analytics limit with /hotspots: 429 with Retry-After beyond it', async () => {
    await createUser(server.db, { email: 'limited@access.test', name: 'L', role: 'analyst', areaCode: 'access', password: PASSWORD });
    const client = await ApiClient.login(server.url, 'limited@access.test');
    for (let i = 0; i < LIMIT; i++) {
      const path = i === 0 ? '/hotspots?res=8' : ENDPOINTS[i % ENDPOINTS.length]!;
      expect((await client.get(`/api/v1${path}`)).status, path).toBe(200);
    }
    for (const path of ENDPOINTS) {
      const res = await client.get(`/api/v1${path}`);
      expect(res.status, path).toBe(429);
      expect(res.body.error.code).toBe('too_many_requests');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Another caller has a budget of its own.
    await createUser(server.db, { email: 'fresh@access.test', name: 'F', role: 'analyst', areaCode: 'access', password: PASSWORD });
    const fresh = await ApiClient.login(server.url, 'fresh@access.test');
    expect((await fresh.get('/api/v1/hotspots/gi?res=8')).status).toBe(200);
  });
});
