import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { auditConn } from '../../server/audit/audit.table';
import { withArea } from '../../server/db/scope';
import { BACKENDS } from '../support/backends';
import { startTestServer, type TestServer } from '../support/server';
import { ApiClient, createTestArea, PASSWORD, type TestArea } from '../support/fixtures';

/**
 * The audit log: every write and every read of raw reports leaves one entry (who, when, what,
 * where from, status), never a body or query string; failed logins too; and nobody, the owner
 * included, can change or delete an entry.
 */
describe.each(BACKENDS)('audit log (%s)', (backend) => {
  let server: TestServer;
  let a: TestArea;
  let b: TestArea;
  let reporter: ApiClient;
  let planner: ApiClient;
  let adminA: ApiClient;
  let adminB: ApiClient;

  const A_POINT: [number, number] = [16.5, 59.37];
  const B_POINT: [number, number] = [11.97, 57.7];

  function entries(where: { requestId?: string; action?: string; resourceId?: string; areaId?: number }) {
    let q = auditConn(server.db).selectFrom('audit_log').selectAll();
    if (where.requestId) q = q.where('request_id', '=', where.requestId);
    if (where.action) q = q.where('action', '=', where.action);
    if (where.resourceId) q = q.where('resource_id', '=', where.resourceId);
    if (where.areaId) q = q.where('area_id', '=', where.areaId);
    return q.orderBy('id').execute();
  }

  /** Entries are written before the response completes: once the client has its answer, its entry is there. */
  async function recorded(where: Parameters<typeof entries>[0]) {
    const rows = await entries(where);
    expect(rows.length, `audit entries for ${JSON.stringify(where)}`).toBeGreaterThan(0);
    return rows;
  }

  function reportBody(point: [number, number], extra: Record<string, unknown> = {}) {
    return { id: randomUUID(), category: 'klotter', observedAt: '2026-05-01T22:15:00+02:00', location: { type: 'Point', coordinates: point }, ...extra };
  }

  async function createReport(client: ApiClient, point = A_POINT) {
    const body = reportBody(point);
    const res = await client.post('/api/v1/reports', body);
    expect(res.status).toBe(201);
    return body.id;
  }

  beforeAll(async () => {
    server = await startTestServer({ backend });
    a = await createTestArea(server.db, 'audit-a', A_POINT);
    b = await createTestArea(server.db, 'audit-b', B_POINT);
    reporter = await ApiClient.login(server.url, a.users.reporter.email);
    planner = await ApiClient.login(server.url, a.users.planner.email);
    adminA = await ApiClient.login(server.url, a.users.admin.email);
    adminB = await ApiClient.login(server.url, b.users.admin.email);
  });
  afterAll(() => server?.close());

  it('records a created report once: who, what, where from and the status, without the body or the query string', async () => {
    const requestId = randomUUID();
    const body = reportBody(A_POINT, { description: 'Hemlig beskrivning vid porten' });
    const res = await reporter.request('POST', '/api/v1/reports?kvarter=solrosen&tid=22', body, { 'x-request-id': requestId });
    expect(res.status).toBe(201);

    const rows = await recorded({ requestId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      area_id: a.id,
      user_id: a.users.reporter.id,
      role: 'reporter',
      via: 'session',
      action: 'report.create',
      resource: 'report',
      resource_id: body.id,
      method: 'POST',
      path: '/api/v1/reports',
      status: 201,
      request_id: requestId,
      details: null,
    });
    expect(rows[0]!.ip).toMatch(/127\.0\.0\.1/);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toMatch(/Hemlig|solrosen|kvarter|2026-05-01/);
  });

  it('records a triage update and an admin delete, once each', async () => {
    const id = await createReport(reporter);
    expect((await planner.patch(`/api/v1/reports/${id}`, { status: 'reviewed' })).status).toBe(200);
    expect((await adminA.delete(`/api/v1/reports/${id}`)).status).toBe(204);

    const [update] = await recorded({ action: 'report.update', resourceId: id });
    const [deletion] = await recorded({ action: 'report.delete', resourceId: id });
    expect(update).toMatchObject({ user_id: a.users.planner.id, role: 'planner', method: 'PATCH', path: `/api/v1/reports/${id}`, status: 200 });
    expect(deletion).toMatchObject({ user_id: a.users.admin.id, role: 'admin', method: 'DELETE', path: `/api/v1/reports/${id}`, status: 204 });
    expect(await entries({ action: 'report.update', resourceId: id })).toHaveLength(1);
    expect(await entries({ action: 'report.delete', resourceId: id })).toHaveLength(1);
  });

  it('records a refused write with its status', async () => {
    const id = await createReport(reporter);
    expect((await planner.delete(`/api/v1/reports/${id}`)).status).toBe(403);
    const [refused] = await recorded({ action: 'report.delete', resourceId: id });
    expect(refused).toMatchObject({ user_id: a.users.planner.id, status: 403 });
  });

  it('records a list read and a detail read of raw reports, without the filters', async () => {
    const id = await createReport(reporter);
    const listId = randomUUID();
    const detailId = randomUUID();
    const list = await planner.request('GET', '/api/v1/reports?categories=klotter&bbox=16.4,59.3,16.6,59.4&from=2026-04-01T00:00:00Z', undefined, {
      'x-request-id': listId,
    });
    expect(list.status).toBe(200);
    expect((await planner.request('GET', `/api/v1/reports/${id}`, undefined, { 'x-request-id': detailId })).status).toBe(200);

    const listed = await recorded({ requestId: listId });
    const read = await recorded({ requestId: detailId });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ action: 'report.list', resource: 'report', resource_id: null, method: 'GET', path: '/api/v1/reports', status: 200, user_id: a.users.planner.id });
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ action: 'report.read', resource_id: id, path: `/api/v1/reports/${id}`, status: 200 });
  });

  it('does not record reads that hand out no raw data', async () => {
    const ids = [randomUUID(), randomUUID()];
    await planner.request('GET', '/api/v1/categories', undefined, { 'x-request-id': ids[0]! });
    await planner.request('GET', '/api/v1/areas/current', undefined, { 'x-request-id': ids[1]! });
    for (const requestId of ids) expect(await entries({ requestId })).toHaveLength(0);
  });

  it('records a failed login in the account’s area, and a successful one', async () => {
    const failedId = randomUUID();
    const unknownId = randomUUID();
    const okId = randomUUID();
    const anonymous = new ApiClient(server.url);
    const failed = await anonymous.request('POST', '/api/v1/auth/login', { email: a.users.walker.email, password: 'wrong-password-123' }, { 'x-request-id': failedId });
    expect(failed.status).toBe(401);
    await anonymous.request('POST', '/api/v1/auth/login', { email: 'nobody@nowhere.test', password: 'wrong-password-123' }, { 'x-request-id': unknownId });
    const ok = await anonymous.request('POST', '/api/v1/auth/login', { email: a.users.walker.email, password: PASSWORD }, { 'x-request-id': okId });
    expect(ok.status).toBe(200);

    const [failure] = await recorded({ requestId: failedId });
    expect(failure).toMatchObject({
      area_id: a.id,
      user_id: a.users.walker.id,
      role: 'walker',
      action: 'auth.login.failed',
      method: 'POST',
      path: '/api/v1/auth/login',
      status: 401,
    });
    expect(JSON.stringify(failure)).not.toMatch(/wrong-password/);
    const [success] = await recorded({ requestId: okId });
    expect(success).toMatchObject({ area_id: a.id, user_id: a.users.walker.id, action: 'auth.login', status: 200 });
    // An unknown account has no area to keep an entry in.
    expect(await entries({ requestId: unknownId })).toHaveLength(0);
  });

  it('lets the service role add and read entries of its own area only', async () => {
    await recorded({ areaId: b.id, action: 'auth.login' });
    const app = server.database.handle.appDb();
    const seen = await withArea(app, a.id, (tx) => auditConn(tx).selectFrom('audit_log').select('area_id').distinct().execute());
    expect(seen.map((r) => r.area_id)).toEqual([a.id]);
    await withArea(app, a.id, (tx) => auditConn(tx).insertInto('audit_log').values({ area_id: a.id, user_id: null, role: null, via: 'system', action: 'test.probe', resource: null, resource_id: null, method: null, path: null, status: null, ip: null, request_id: null, details: null }).execute());
    await expect(
      withArea(app, a.id, (tx) => sql`INSERT INTO audit_log (area_id, via, action) VALUES (${b.id}, 'system', 'test.probe')`.execute(tx)),
    ).rejects.toThrow(/row-level security/);
  });

  it('refuses the service role any UPDATE, DELETE or TRUNCATE of entries', async () => {
    const app = server.database.handle.appDb();
    await recorded({ areaId: a.id });
    await expect(withArea(app, a.id, (tx) => sql`UPDATE audit_log SET action = 'rewritten'`.execute(tx))).rejects.toThrow(/permission denied/);
    await expect(withArea(app, a.id, (tx) => sql`DELETE FROM audit_log`.execute(tx))).rejects.toThrow(/permission denied/);
    await expect(withArea(app, a.id, (tx) => sql`TRUNCATE audit_log`.execute(tx))).rejects.toThrow(/permission denied/);
  });

  it('stops even the owner from rewriting or deleting history', async () => {
    const before = (await entries({ areaId: a.id })).length;
    expect(before).toBeGreaterThan(0);
    await expect(sql`UPDATE audit_log SET action = 'rewritten' WHERE area_id = ${a.id}`.execute(server.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE area_id = ${a.id}`.execute(server.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(server.db)).rejects.toThrow(/append-only/);
    const after = await entries({ areaId: a.id });
    expect(after.length).toBeGreaterThanOrEqual(before);
    expect(after.some((r) => r.action === 'rewritten')).toBe(false);
  });

  it('shows GET /audit to the area’s admin only', async () => {
    expect((await planner.get('/api/v1/audit')).status).toBe(403);
    expect((await reporter.get('/api/v1/audit')).status).toBe(403);
    expect((await new ApiClient(server.url).get('/api/v1/audit')).status).toBe(401);
    expect((await adminA.get('/api/v1/audit')).status).toBe(200);
  });

  it('shows an admin their own area’s entries only, newest first', async () => {
    const bReport = await createReport(adminB, B_POINT);
    await recorded({ action: 'report.create', resourceId: bReport });
    await createReport(reporter);

    const usersOf = (area: TestArea) => new Set(Object.values(area.users).map((u) => u.id));
    const seenByA = (await adminA.get('/api/v1/audit?limit=1000')).body;
    const seenByB = (await adminB.get('/api/v1/audit?limit=1000')).body;
    expect(seenByA.entries.length).toBeGreaterThan(5);
    expect(seenByA.entries.every((e: { userId: number | null }) => e.userId === null || usersOf(a).has(e.userId))).toBe(true);
    expect(seenByA.entries.some((e: { resourceId: string | null }) => e.resourceId === bReport)).toBe(false);
    expect(seenByB.entries.every((e: { userId: number | null }) => e.userId === null || usersOf(b).has(e.userId))).toBe(true);
    expect(seenByB.entries.some((e: { resourceId: string | null }) => e.resourceId === bReport)).toBe(true);

    const ids = seenByA.entries.map((e: { id: string }) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => (x > y ? -1 : x < y ? 1 : 0)));
    expect(Object.keys(seenByA.entries[0]).sort()).toEqual(
      ['action', 'at', 'details', 'id', 'ip', 'method', 'path', 'requestId', 'resource', 'resourceId', 'role', 'status', 'userId', 'via'],
    );
    expect(seenByA.entries[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('pages with a cursor and filters by action, user and time', async () => {
    await createReport(reporter);
    await createReport(reporter);
    const first = await adminA.get('/api/v1/audit?action=report.create&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.entries).toHaveLength(2);
    expect(first.body.meta.nextCursor).toEqual(expect.any(String));
    const second = await adminA.get(`/api/v1/audit?action=report.create&limit=2&cursor=${first.body.meta.nextCursor}`);
    expect(second.body.entries.length).toBeGreaterThan(0);
    expect(BigInt(second.body.entries[0].id)).toBeLessThan(BigInt(first.body.entries[1].id));
    expect([...first.body.entries, ...second.body.entries].every((e: { action: string }) => e.action === 'report.create')).toBe(true);

    const mine = await adminA.get(`/api/v1/audit?userId=${a.users.planner.id}&limit=1000`);
    expect(mine.body.entries.length).toBeGreaterThan(0);
    expect(mine.body.entries.every((e: { userId: number }) => e.userId === a.users.planner.id)).toBe(true);

    const future = await adminA.get(`/api/v1/audit?from=${encodeURIComponent('2099-01-01T00:00:00Z')}`);
    expect(future.body.entries).toEqual([]);
    expect((await adminA.get('/api/v1/audit?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    expect((await adminA.get('/api/v1/audit?action=DROP%20TABLE')).status).toBe(400);
  });

  it('records reading the audit log itself', async () => {
    const requestId = randomUUID();
    await adminA.request('GET', '/api/v1/audit?limit=1', undefined, { 'x-request-id': requestId });
    const [read] = await recorded({ requestId });
    expect(read).toMatchObject({ action: 'audit.read', user_id: a.users.admin.id, path: '/api/v1/audit', status: 200 });
  });
});
