import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { length, lineString } from '@turf/turf';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { at, detailPaths, secondUser, walkBody } from './walk-support';

type Fix = [number, number, string, number | null];

/** A walk eastwards from the centre: one fix every 5 s, about 6 m apart, starting at `start`. */
function fixes(count: number, start = '2026-09-10T18:00:00Z', opts: { from?: number; dx?: number; accuracy?: number | null } = {}): Fix[] {
  const t0 = Date.parse(start);
  return Array.from({ length: count }, (_, i) => {
    const [lng, lat] = at((opts.from ?? 0) + i * (opts.dx ?? 0.0001), 0.001);
    return [lng, lat, new Date(t0 + i * 5000).toISOString(), opts.accuracy === undefined ? 8 : opts.accuracy];
  });
}

describe.each(BACKENDS)('walk tracks (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let walker: ApiClient;
  let walker2: ApiClient;
  let planner: ApiClient;
  let reporter: ApiClient;
  let plannerB: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'track-a');
    const areaB = await createTestArea(server.db, 'track-b', [11.97, 57.7]);
    [walker, planner, reporter, plannerB] = await Promise.all([
      ApiClient.login(server.url, area.users.walker.email),
      ApiClient.login(server.url, area.users.planner.email),
      ApiClient.login(server.url, area.users.reporter.email),
      ApiClient.login(server.url, areaB.users.planner.email),
    ]);
    walker2 = (await secondUser(server.db, server.url, area, 'walker')).client;
  });
  afterAll(() => server?.close());

  const newWalk = async (client = walker) => (await client.post('/api/v1/walks', walkBody())).body.id as string;
  const send = (walkId: string, points: unknown, client = walker) => client.post(`/api/v1/walks/${walkId}/track`, { points });
  const storedPoints = async (walkId: string) => (await server.db.selectFrom('walk_track_points').select('recorded_at').where('walk_id', '=', walkId).execute()).length;

  it('appends fixes, starts a planned walk at its first fix, and draws the recorded route', async () => {
    const walkId = await newWalk();
    const batch = fixes(10);
    const res = await send(walkId, batch);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ walkId, status: 'ongoing', received: 10, stored: 10, duplicates: 0, track: { points: 10, firstAt: '2026-09-10T18:00:00.000Z', lastAt: '2026-09-10T18:00:45.000Z' } });
    const walk = (await walker.get(`/api/v1/walks/${walkId}`)).body;
    expect(walk).toMatchObject({ status: 'ongoing', startedAt: '2026-09-10T18:00:00.000Z' });
    expect(walk.recordedRoute).toEqual({ type: 'MultiLineString', coordinates: [batch.map(([lng, lat]) => [lng, lat])] });
    const expectedMeters = length(lineString(batch.map(([lng, lat]) => [lng, lat])), { units: 'meters' });
    expect(walk.track.lengthMeters).toBeGreaterThan(expectedMeters * 0.99);
    expect(walk.track.lengthMeters).toBeLessThan(expectedMeters * 1.01);
  });

  it('adds nothing for a batch sent again, and only the new fixes of an overlapping one', async () => {
    const walkId = await newWalk();
    const all = fixes(20);
    await send(walkId, all.slice(0, 10));
    const again = await send(walkId, all.slice(0, 10));
    expect(again.body).toMatchObject({ received: 10, stored: 0, duplicates: 10, track: { points: 10 } });
    const overlap = await send(walkId, all.slice(5, 20));
    expect(overlap.body).toMatchObject({ received: 15, stored: 10, duplicates: 5, track: { points: 20 } });
    expect(await storedPoints(walkId)).toBe(20);
  });

  it('stores each fix once when the same batch arrives twice at once', async () => {
    const walkId = await newWalk();
    const batch = fixes(200);
    const [a, b] = await Promise.all([send(walkId, batch), send(walkId, batch)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.stored + b.body.stored).toBe(200);
    expect(a.body.duplicates + b.body.duplicates).toBe(200);
    expect(await storedPoints(walkId)).toBe(200);
  });

  it('splits the route at a pause of more than two minutes and leaves imprecise fixes out of the line', async () => {
    const walkId = await newWalk();
    const before = fixes(5, '2026-09-10T18:00:00Z');
    const blurred = fixes(3, '2026-09-10T18:00:30Z', { from: 0.02, accuracy: 500 });
    const after = fixes(5, '2026-09-10T18:10:00Z', { from: 0.001 });
    await send(walkId, [...before, ...blurred, ...after]);
    const walk = (await walker.get(`/api/v1/walks/${walkId}`)).body;
    expect(walk.track.points).toBe(13);
    expect(walk.recordedRoute.coordinates).toEqual([before.map(([lng, lat]) => [lng, lat]), after.map(([lng, lat]) => [lng, lat])]);
  });

  it('takes a late batch on a done walk when it was recorded before the end, and refuses fixes after the end (409)', async () => {
    const walkId = await newWalk();
    await send(walkId, fixes(3, '2026-09-10T18:00:00Z'));
    await walker.patch(`/api/v1/walks/${walkId}`, { status: 'done', statusAt: '2026-09-10T19:00:00Z' });
    const late = await send(walkId, fixes(3, '2026-09-10T18:30:00Z', { from: 0.001 }));
    expect(late.body).toMatchObject({ status: 'done', stored: 3 });
    const after = await send(walkId, fixes(3, '2026-09-10T18:59:55Z', { from: 0.002 }));
    expect(after.status).toBe(409);
    expect(detailPaths(after.body)).toEqual(['points.2']);
    expect(await storedPoints(walkId)).toBe(6);
  });

  it('moves the start back when the phone recorded before "start" reached the server', async () => {
    const walkId = await newWalk();
    await walker.patch(`/api/v1/walks/${walkId}`, { status: 'ongoing', statusAt: '2026-09-10T18:05:00Z' });
    await send(walkId, fixes(3, '2026-09-10T18:00:00Z'));
    expect((await walker.get(`/api/v1/walks/${walkId}`)).body.startedAt).toBe('2026-09-10T18:00:00.000Z');
  });

  describe('bad batches store nothing', () => {
    it('refuses fixes out of time order with 400 naming the first one', async () => {
      const walkId = await newWalk();
      const batch = fixes(6);
      [batch[3], batch[4]] = [batch[4]!, batch[3]!];
      const res = await send(walkId, batch);
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toEqual(['points.4']);
      expect(await storedPoints(walkId)).toBe(0);
      expect((await walker.get(`/api/v1/walks/${walkId}`)).body.status).toBe('planned');
    });

    it('refuses two fixes with the same time (400)', async () => {
      const batch = fixes(3);
      batch[2]![2] = batch[1]![2];
      const res = await send(await newWalk(), batch);
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toEqual(['points.2']);
    });

    it('refuses fixes far outside the area (422 outside_area naming each), but not a few hundred metres outside', async () => {
      const walkId = await newWalk();
      const batch = fixes(5);
      batch[2] = [11.97, 57.7, batch[2]![2], 5];
      batch[4] = [16.5, 59.5, batch[4]![2], 5];
      const res = await send(walkId, batch);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('outside_area');
      expect(detailPaths(res.body)).toEqual(['points.2', 'points.4']);
      expect(await storedPoints(walkId)).toBe(0);
      // The area's northern edge is at 59.42: 59.4245 is about 500 m beyond it.
      const nearEdge = fixes(2);
      nearEdge[1] = [16.5, 59.4245, nearEdge[1]![2], 5];
      expect((await send(walkId, nearEdge)).status).toBe(200);
    });

    it.each([
      ['a fix a year ahead', () => [[...at(), '2099-01-01T00:00:00Z', 5]], 422, 'points.0'],
      ['a time without offset', () => [[...at(), '2026-09-10T18:00:00', 5]], 400, 'points.0.2'],
      ['a time that does not exist', () => [[...at(), '2026-02-30T18:00:00Z', 5]], 400, 'points.0.2'],
      ['three elements', () => [[...at(), '2026-09-10T18:00:00Z']], 400, 'points.0'],
      ['latitude 91', () => [[16.5, 91, '2026-09-10T18:00:00Z', 5]], 400, 'points.0.1'],
      ['a negative accuracy', () => [[...at(), '2026-09-10T18:00:00Z', -1]], 400, 'points.0.3'],
      ['coordinates as strings', () => [['16.5', '59.37', '2026-09-10T18:00:00Z', 5]], 400, 'points.0.0'],
      ['no points', () => [], 400, 'points'],
      ['5001 points', () => fixes(5001), 400, 'points'],
      ['an object per point', () => [{ lng: 16.5, lat: 59.37 }], 400, 'points.0'],
    ])('refuses %s naming the field', async (_what, make, status, path) => {
      const walkId = await newWalk();
      const res = await send(walkId, make());
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(status);
      expect(detailPaths(res.body)).toContain(path);
      expect(await storedPoints(walkId)).toBe(0);
    });

    it("refuses another walker's walk (403), reporters (403) and another area's walk (404)", async () => {
      const walkId = await newWalk();
      expect((await send(walkId, fixes(2), walker2)).status).toBe(403);
      expect((await send(walkId, fixes(2), reporter)).status).toBe(403);
      expect((await send(walkId, fixes(2), plannerB)).status).toBe(404);
      expect((await send(randomUUID(), fixes(2), planner)).status).toBe(404);
      expect(await storedPoints(walkId)).toBe(0);
      expect((await send(walkId, fixes(2), planner)).status).toBe(200);
    });
  });
});
