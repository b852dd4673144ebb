import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

// The test area is 16.4–16.6 E × 59.32–59.42 N (test/support/fixtures.ts).
const STOP = { type: 'Point', coordinates: [16.5, 59.37] };
const TRACK = { type: 'LineString', coordinates: [[16.5, 59.37], [16.51, 59.372], [16.52, 59.371]] };

describe.each(BACKENDS)('patrol logs (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let planner: ApiClient;
  let reporter: ApiClient;
  let walker: ApiClient;
  let analyst: ApiClient;

  const log = (extra: Record<string, unknown> = {}) => ({
    unit: 'Patrull 2215',
    startedAt: '2026-09-18T20:00:00+02:00',
    endedAt: '2026-09-18T20:15:00+02:00',
    location: STOP,
    ...extra,
  });

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'logs');
    planner = await ApiClient.login(server.url, area.users.planner.email);
    reporter = await ApiClient.login(server.url, area.users.reporter.email);
    walker = await ApiClient.login(server.url, area.users.walker.email);
    analyst = await ApiClient.login(server.url, area.users.analyst.email);
  });
  afterAll(() => server?.close());

  it('stores a check-in/check-out with a stop or a track, and returns the stored log for a retried id', async () => {
    const id = crypto.randomUUID();
    const first = await reporter.post('/api/v1/patrol-logs', log({ id }));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ id, unit: 'Patrull 2215', planId: null, startedAt: '2026-09-18T18:00:00.000Z', endedAt: '2026-09-18T18:15:00.000Z', durationMinutes: 15, location: STOP, track: null, createdBy: area.users.reporter.id });
    const again = await reporter.post('/api/v1/patrol-logs', log({ id, unit: 'changed' }));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // Someone else's id is taken (not shown).
    expect((await walker.post('/api/v1/patrol-logs', log({ id }))).status).toBe(409);
    const tracked = await walker.post('/api/v1/patrol-logs', log({ location: undefined, track: TRACK }));
    expect(tracked.status).toBe(201);
    expect(tracked.body.track).toEqual(TRACK);
  });

  it('keeps one log when the same id is posted twice at once', async () => {
    const id = crypto.randomUUID();
    const answers = await Promise.all([reporter.post('/api/v1/patrol-logs', log({ id })), reporter.post('/api/v1/patrol-logs', log({ id }))]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    const stored = await server.db.selectFrom('patrol_logs').select('id').where('id', '=', id).execute();
    expect(stored).toHaveLength(1);
  });

  it('refuses a log that ends before it starts, has both or neither geometry, or runs past a day (400 naming the field)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [log({ endedAt: '2026-09-18T19:59:59+02:00' }), 'endedAt'],
      [log({ endedAt: '2026-09-19T20:00:01+02:00' }), 'endedAt'],
      [log({ track: TRACK }), 'location'],
      [log({ location: undefined }), 'track'],
      [log({ location: undefined, track: { type: 'LineString', coordinates: [[16.5, 59.37]] } }), 'track.coordinates'],
      [log({ location: { type: 'Point', coordinates: [200, 59] } }), 'location.coordinates.0'],
      [log({ unit: '' }), 'unit'],
      [log({ planId: 'plan-1' }), 'planId'],
      [log({ startedAt: '2026-09-18 20:00' }), 'startedAt'],
    ];
    for (const [body, path] of cases) {
      const res = await reporter.post('/api/v1/patrol-logs', body);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path), path).toContain(path);
    }
  });

  it('refuses a log entirely outside the area (422) but keeps one that crosses the boundary', async () => {
    const outside = await reporter.post('/api/v1/patrol-logs', log({ location: undefined, track: { type: 'LineString', coordinates: [[11.9, 57.7], [11.95, 57.71]] } }));
    expect(outside.status).toBe(422);
    expect(outside.body.error).toMatchObject({ code: 'outside_area', details: [{ path: 'track' }] });
    const outsidePoint = await reporter.post('/api/v1/patrol-logs', log({ location: { type: 'Point', coordinates: [16.7, 59.37] } }));
    expect(outsidePoint.body.error).toMatchObject({ code: 'outside_area', details: [{ path: 'location' }] });
    const crossing = await reporter.post('/api/v1/patrol-logs', log({ location: undefined, track: { type: 'LineString', coordinates: [[16.59, 59.37], [16.65, 59.37]] } }));
    expect(crossing.status).toBe(201);
  });

  it('refuses an unknown plan (422) and future or pre-1970 times (422 invalid_date)', async () => {
    const unknown = await reporter.post('/api/v1/patrol-logs', log({ planId: crypto.randomUUID() }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details[0].path).toBe('planId');
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const late = await reporter.post('/api/v1/patrol-logs', log({ startedAt: future, endedAt: future }));
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('invalid_date');
    expect((await reporter.post('/api/v1/patrol-logs', log({ startedAt: '1969-12-31T23:00:00Z', endedAt: '1969-12-31T23:10:00Z' }))).status).toBe(422);
    expect((await analyst.post('/api/v1/patrol-logs', log())).status).toBe(403);
  });

  it('lists logs newest first, own ones for reporters and walkers, all for planners, paged by cursor', async () => {
    const planId = (await planner.post('/api/v1/patrol-plans', { name: 'Lista', from: '2026-09-01', to: '2026-10-01', targets: [] })).body.id;
    for (let day = 21; day <= 25; day++) {
      const res = await walker.post('/api/v1/patrol-logs', log({ planId, startedAt: `2026-09-${day}T20:00:00+02:00`, endedAt: `2026-09-${day}T20:10:00+02:00` }));
      expect(res.status).toBe(201);
    }
    const mine = await reporter.get('/api/v1/patrol-logs');
    expect(mine.body.features.every((f: { properties: { createdBy: number } }) => f.properties.createdBy === area.users.reporter.id)).toBe(true);
    const page1 = await planner.get(`/api/v1/patrol-logs?planId=${planId}&limit=3`);
    expect(page1.status).toBe(200);
    expect(page1.body.features.map((f: { properties: { startedAt: string } }) => f.properties.startedAt.slice(0, 10))).toEqual(['2026-09-25', '2026-09-24', '2026-09-23']);
    expect(page1.body.features[0].geometry).toEqual(STOP);
    const page2 = await planner.get(`/api/v1/patrol-logs?planId=${planId}&limit=3&cursor=${page1.body.meta.nextCursor}`);
    expect(page2.body.features.map((f: { properties: { startedAt: string } }) => f.properties.startedAt.slice(0, 10))).toEqual(['2026-09-22', '2026-09-21']);
    expect(page2.body.meta.nextCursor).toBeNull();
    const window = await planner.get(`/api/v1/patrol-logs?from=2026-09-22T00:00:00%2B02:00&to=2026-09-24T00:00:00%2B02:00&planId=${planId}`);
    expect(window.body.features).toHaveLength(2);
    expect((await planner.get('/api/v1/patrol-logs?cursor=bm9wZQ')).status).toBe(400);
    expect((await planner.get('/api/v1/patrol-logs?from=2026-09-24T00:00:00Z&to=2026-09-22T00:00:00Z')).status).toBe(400);
  });

  it("puts a user's own logs, and only theirs, in their GDPR export", async () => {
    const id = crypto.randomUUID();
    expect((await walker.post('/api/v1/patrol-logs', log({ id }))).status).toBe(201);
    const exported = await walker.get('/api/v1/me/export');
    expect(exported.status).toBe(200);
    const ids = exported.body.patrolLogs.map((l: { id: string }) => l.id);
    expect(ids).toContain(id);
    expect(exported.body.patrolLogs.every((l: { createdBy: number }) => l.createdBy === area.users.walker.id)).toBe(true);
  });
});
