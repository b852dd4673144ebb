import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends';
import { startTestServer, type TestServer } from '../support/server';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';

describe.each(BACKENDS)('API tokens (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let planner: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'tok', [16.5, 59.37]);
    planner = await ApiClient.login(server.url, area.users.planner.email);
  });
  afterAll(() => server?.close());

  it('shows a new token once, stores only its hash, and the token works', async () => {
    const created = await planner.post('/api/v1/tokens', { name: 'GIS-export' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^tk_/);
    const stored = await server.db.selectFrom('api_tokens').select(['token_hash']).where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(created.body.token);
    const list = await planner.get('/api/v1/tokens');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const viaToken = new ApiClient(server.url, created.body.token);
    expect((await viaToken.get('/api/v1/me')).body.user.email).toBe(area.users.planner.email);
    const after = await planner.get('/api/v1/tokens');
    expect(after.body.tokens.find((t: { id: number }) => t.id === created.body.id).lastUsedAt).not.toBeNull();
  });

  it('a read-only token may read but not write, and cannot mint a writable token', async () => {
    const created = await planner.post('/api/v1/tokens', { name: 'read', readOnly: true });
    const ro = new ApiClient(server.url, created.body.token);
    expect((await ro.get('/api/v1/reports')).status).toBe(200);
    const write = await ro.post('/api/v1/reports', {
      category: 'klotter',
      observedAt: '2026-05-01T12:00:00+02:00',
      location: { type: 'Point', coordinates: [16.5, 59.37] },
    });
    expect(write.status).toBe(403);
  });

  it('revoked tokens stop working at once; someone else’s token is not found', async () => {
    const created = await planner.post('/api/v1/tokens', { name: 'temp' });
    const reporter = await ApiClient.login(server.url, area.users.reporter.email);
    expect((await reporter.delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(404);
    expect((await planner.delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    expect((await new ApiClient(server.url, created.body.token).get('/api/v1/me')).status).toBe(401);
    expect((await planner.delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(404);
  });

  it('lists every token of the area only for an admin', async () => {
    expect((await planner.get('/api/v1/tokens?all=true')).status).toBe(403);
    const admin = await ApiClient.login(server.url, area.users.admin.email);
    const all = await admin.get('/api/v1/tokens?all=true');
    expect(all.status).toBe(200);
    expect(all.body.tokens.length).toBeGreaterThanOrEqual(3);
  });

  it('validates the body, naming the field', async () => {
    const res = await planner.post('/api/v1/tokens', { name: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('name');
    expect((await planner.delete('/api/v1/tokens/abc')).status).toBe(400);
  });
});
