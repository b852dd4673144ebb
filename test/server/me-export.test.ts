import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { auditConn } from '../../server/audit/audit.table';
import { sha256 } from '../../server/auth/passwords';
import { BACKENDS } from '../support/backends';
import { startTestServer, type TestServer } from '../support/server';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';

/** GET /me/export: a GDPR access request answered with everything stored about the caller, and nothing about anyone else. */
describe.each(BACKENDS)('GET /me/export (%s)', (backend) => {
  let server: TestServer;
  let a: TestArea;
  let b: TestArea;
  let reporter: ApiClient;
  let walker: ApiClient;
  let token: string;
  const own: string[] = [];
  const others: string[] = [];

  async function submit(client: ApiClient, point: [number, number], description: string) {
    const id = randomUUID();
    const res = await client.post('/api/v1/reports', {
      id,
      category: 'klotter',
      observedAt: '2026-04-02T18:00:00+02:00',
      location: { type: 'Point', coordinates: point },
      severity: 2,
      description,
    });
    expect(res.status).toBe(201);
    return id;
  }

  beforeAll(async () => {
    server = await startTestServer({ backend });
    a = await createTestArea(server.db, 'export-a', [16.5, 59.37]);
    b = await createTestArea(server.db, 'export-b', [11.97, 57.7]);
    reporter = await ApiClient.login(server.url, a.users.reporter.email);
    walker = await ApiClient.login(server.url, a.users.walker.email);
    const other = await ApiClient.login(server.url, b.users.reporter.email);
    own.push(await submit(reporter, [16.5, 59.37], 'Min första rapport'), await submit(reporter, [16.51, 59.371], 'Min andra rapport'));
    others.push(await submit(walker, [16.5, 59.37], 'Grannens rapport'), await submit(other, [11.97, 57.7], 'Annat område'));
    const created = await reporter.post('/api/v1/tokens', { name: 'min-gis' });
    expect(created.status).toBe(201);
    token = created.body.token;
  });
  afterAll(() => server?.close());

  it('is a JSON download that no cache keeps', async () => {
    const res = await reporter.get('/api/v1/me/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?tryggkarta-export-export-a-user-\d+-\d{4}-\d\d-\d\d\.json"?$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('holds the caller’s profile and exactly their own reports, with every field', async () => {
    const { body } = await reporter.get('/api/v1/me/export');
    expect(body.user).toEqual({
      id: a.users.reporter.id,
      email: a.users.reporter.email,
      name: 'reporter export-a',
      role: 'reporter',
      organisation: { id: a.organisationId, name: 'Polisen export-a' },
      area: { id: a.id, code: 'export-a', name: 'Testområde export-a' },
      createdAt: expect.stringMatching(/Z$/),
      disabledAt: null,
    });
    expect(body.reports.type).toBe('FeatureCollection');
    expect(body.reports.features.map((f: { id: string }) => f.id).sort()).toEqual([...own].sort());
    const first = body.reports.features.find((f: { id: string }) => f.id === own[0]);
    expect(first.geometry).toEqual({ type: 'Point', coordinates: [16.5, 59.37] });
    expect(first.properties).toMatchObject({
      category: 'klotter',
      observedAt: '2026-04-02T16:00:00.000Z',
      severity: 2,
      description: 'Min första rapport',
      reporterId: a.users.reporter.id,
      organisationId: a.organisationId,
      source: 'app',
      status: 'new',
      cell: expect.stringMatching(/^[0-9a-f]{15}$/),
    });
    const text = JSON.stringify(body);
    for (const id of others) expect(text).not.toContain(id);
    expect(text).not.toMatch(/Grannens|Annat område/);
  });

  it('lists tokens and sessions by their metadata, never a hash, secret or password', async () => {
    const { body } = await reporter.get('/api/v1/me/export');
    expect(body.apiTokens).toEqual([
      { id: expect.any(Number), name: 'min-gis', readOnly: false, createdAt: expect.any(String), lastUsedAt: null, revokedAt: null },
    ]);
    expect(body.sessions.length).toBeGreaterThan(0);
    for (const s of body.sessions) expect(Object.keys(s).sort()).toEqual(['createdAt', 'expiresAt', 'lastSeenAt']);
    const [storedHash] = await server.db.selectFrom('users').select('password_hash').where('id', '=', a.users.reporter.id).execute();
    const text = JSON.stringify(body);
    expect(text).not.toContain(storedHash!.password_hash);
    expect(text).not.toMatch(/scrypt\$|password|id_hash|token_hash|tokenHash/i);
    expect(text).not.toContain(token);
    expect(text).not.toContain(sha256(token));
  });

  it('includes the caller’s own audit trail and no one else’s', async () => {
    const { body } = await reporter.get('/api/v1/me/export');
    const created = body.auditTrail.filter((e: { action: string }) => e.action === 'report.create');
    expect(created.map((e: { resourceId: string }) => e.resourceId).sort()).toEqual([...own].sort());
    expect(body.auditTrail.every((e: { userId: number }) => e.userId === a.users.reporter.id)).toBe(true);
  });

  it('is itself audited as me.export', async () => {
    const requestId = randomUUID();
    await walker.request('GET', '/api/v1/me/export', undefined, { 'x-request-id': requestId });
    // Written before the answer completes, so it is there as soon as the download is.
    const rows = await auditConn(server.db).selectFrom('audit_log').selectAll().where('request_id', '=', requestId).execute();
    expect(rows).toHaveLength(1);
    const [entry] = rows;
    expect(entry).toMatchObject({ area_id: a.id, user_id: a.users.walker.id, action: 'me.export', resource: 'user', status: 200, path: '/api/v1/me/export' });
  });

  it('works with an API token too, and not without a login', async () => {
    const viaToken = await new ApiClient(server.url, token).get('/api/v1/me/export');
    expect(viaToken.status).toBe(200);
    expect(viaToken.body.user.id).toBe(a.users.reporter.id);
    expect((await new ApiClient(server.url).get('/api/v1/me/export')).status).toBe(401);
  });
});
