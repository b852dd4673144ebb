import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { at, detailPaths, secondUser, walkBody } from './walk-support';

describe.each(BACKENDS)('safety walks (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let walker: ApiClient;
  let walker2: ApiClient;
  let planner: ApiClient;
  let analyst: ApiClient;
  let reporter: ApiClient;
  let plannerB: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'walk-a');
    const areaB = await createTestArea(server.db, 'walk-b', [11.97, 57.7]);
    [walker, planner, analyst, reporter, plannerB] = await Promise.all([
      ApiClient.login(server.url, area.users.walker.email),
      ApiClient.login(server.url, area.users.planner.email),
      ApiClient.login(server.url, area.users.analyst.email),
      ApiClient.login(server.url, area.users.reporter.email),
      ApiClient.login(server.url, areaB.users.planner.email),
    ]);
    walker2 = (await secondUser(server.db, server.url, area, 'walker')).client;
  });
  afterAll(() => server?.close());

  const walkRows = async (id: string) => (await server.db.selectFrom('walks').select('id').where('id', '=', id).execute()).length;

  describe('creating a walk', () => {
    it('answers 201 with the stored walk, its participants, the caller as leader and an empty track', async () => {
      const body = walkBody({ participants: [{ organisationId: area.organisationId }, { name: 'Fastighetsvärden' }, { organisationId: area.organisationId, name: 'Anna' }] });
      const res = await walker.post('/api/v1/walks', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.headers.get('location')).toBe(`/api/v1/walks/${body.id}`);
      expect(res.body).toMatchObject({
        id: body.id,
        name: 'Trygghetsvandring Centrum',
        plannedAt: '2026-09-10T16:00:00.000Z',
        plannedRoute: body.plannedRoute,
        notes: 'Samling vid stationen',
        status: 'planned',
        startedAt: null,
        endedAt: null,
        leader: { id: area.users.walker.id },
        createdBy: { id: area.users.walker.id },
        rewalkOf: null,
        participants: [
          { organisationId: area.organisationId, organisationName: 'Polisen walk-a', name: null },
          { organisationId: null, organisationName: null, name: 'Fastighetsvärden' },
          { organisationId: area.organisationId, organisationName: 'Polisen walk-a', name: 'Anna' },
        ],
        findings: { total: 0, open: 0, planned: 0, fixed: 0, wontFix: 0, overdue: 0 },
        track: { points: 0, firstAt: null, lastAt: null, lengthMeters: 0 },
        recordedRoute: null,
        checks: [],
        canEdit: true,
      });
    });

    it('returns the stored walk with 200 when the same id is posted again, never a second walk', async () => {
      const body = walkBody();
      expect((await walker.post('/api/v1/walks', body)).status).toBe(201);
      const again = await walker.post('/api/v1/walks', { ...body, name: 'Ändrat namn' });
      expect(again.status).toBe(200);
      expect(again.body.name).toBe('Trygghetsvandring Centrum');
      expect(await walkRows(body.id)).toBe(1);
    });

    it('stores one walk when the same id arrives several times at once', async () => {
      const body = walkBody();
      const answers = await Promise.all(Array.from({ length: 6 }, () => walker.post('/api/v1/walks', body)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.id))).toEqual(new Set([body.id]));
      expect(await walkRows(body.id)).toBe(1);
    });

    it("refuses an id another walker's walk already has (409), without showing that walk", async () => {
      const body = walkBody();
      expect((await walker.post('/api/v1/walks', body)).status).toBe(201);
      const res = await walker2.post('/api/v1/walks', { ...body, name: 'Kapning' });
      expect(res.status).toBe(409);
      expect(detailPaths(res.body)).toEqual(['id']);
      expect(JSON.stringify(res.body)).not.toContain('Trygghetsvandring');
    });

    it('lets a walker make another walker the leader; planners lead by default when they create', async () => {
      const byPlanner = await planner.post('/api/v1/walks', walkBody({ plannedRoute: null }));
      expect(byPlanner.status).toBe(201);
      expect(byPlanner.body.leader.id).toBe(area.users.planner.id);
      expect(byPlanner.body.plannedRoute).toBeNull();
      const led = await walker.post('/api/v1/walks', walkBody({ leaderId: area.users.planner.id }));
      expect(led.body.leader.id).toBe(area.users.planner.id);
      expect(led.body.createdBy.id).toBe(area.users.walker.id);
    });

    it('is not for reporters (403) nor analysts (403)', async () => {
      for (const client of [reporter, analyst]) {
        const body = walkBody();
        expect((await client.post('/api/v1/walks', body)).status).toBe(403);
        expect(await walkRows(body.id)).toBe(0);
      }
    });

    it.each([
      ['a name that is blank', { name: '   ' }, 'name'],
      ['a plannedAt without offset', { plannedAt: '2026-09-10T18:00:00' }, 'plannedAt'],
      ['a route of one position', { plannedRoute: { type: 'LineString', coordinates: [at()] } }, 'plannedRoute.coordinates'],
      ['a route that is a Point', { plannedRoute: { type: 'Point', coordinates: at() } }, 'plannedRoute.type'],
      ['a participant with neither organisation nor name', { participants: [{}] }, 'participants.0'],
      ['an unknown field', { colour: 'red' }, 'colour'],
      ['an id that is not a UUID', { id: 'walk-1' }, 'id'],
    ])('refuses %s with 400 naming the field', async (_what, override, path) => {
      const body = walkBody(override);
      const res = await walker.post('/api/v1/walks', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(detailPaths(res.body).some((p) => p === path || p.startsWith(`${path}.`)), JSON.stringify(res.body)).toBe(true);
    });

    it.each([
      ['a date before 2000', { plannedAt: '1999-12-31T18:00:00+01:00' }, 'invalid_date', 'plannedAt'],
      ['a date ten years ahead', { plannedAt: '2040-01-01T18:00:00+01:00' }, 'invalid_date', 'plannedAt'],
      ['a route vertex in Göteborg', { plannedRoute: { type: 'LineString', coordinates: [at(), at(0.01, 0), [11.97, 57.7]] } }, 'outside_area', 'plannedRoute.coordinates.2'],
      ['an organisation of no one', { participants: [{ name: 'ok' }, { organisationId: 999999 }] }, 'validation_failed', 'participants.1.organisationId'],
      ['a leader who is a reporter', { leaderId: -1 }, null, 'leaderId'],
    ])('refuses %s with 422 naming the field, storing nothing', async (_what, override, code, path) => {
      const body = walkBody((override as { leaderId?: number }).leaderId === -1 ? { leaderId: area.users.reporter.id } : override);
      const res = await walker.post('/api/v1/walks', body);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      if (code) expect(res.body.error.code).toBe(code);
      expect(detailPaths(res.body)).toContain(path);
      expect(await walkRows(body.id)).toBe(0);
    });

    it('accepts a route vertex a few hundred metres outside the boundary (a walk along the border)', async () => {
      // The area's northern edge is at 59.42; 0.003° of latitude is about 330 m.
      const res = await walker.post('/api/v1/walks', walkBody({ plannedRoute: { type: 'LineString', coordinates: [at(0, 0.04), [16.5, 59.423]] } }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    });
  });

  describe('reading walks', () => {
    let listArea: TestArea;
    let lister: ApiClient;
    const ids: string[] = [];

    beforeAll(async () => {
      listArea = await createTestArea(server.db, 'walk-list');
      lister = await ApiClient.login(server.url, listArea.users.walker.email);
      for (const [i, plannedAt] of ['2026-03-01T10:00:00Z', '2026-05-01T10:00:00Z', '2026-04-01T10:00:00Z', '2026-05-01T10:00:00Z', '2026-01-01T10:00:00Z'].entries()) {
        const res = await lister.post('/api/v1/walks', walkBody({ name: `Vandring ${i}`, plannedAt }));
        ids.push(res.body.id);
      }
    });

    it('lists the area’s walks newest first, ties by id, and pages with the cursor', async () => {
      const expected = ids
        .map((id, i) => ({ id, at: ['2026-03-01', '2026-05-01', '2026-04-01', '2026-05-01', '2026-01-01'][i]! }))
        .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
        .map((w) => w.id);
      const seen: string[] = [];
      let cursor = '';
      for (let page = 0; page < 5; page++) {
        const res = await lister.get(`/api/v1/walks?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.walks.map((w: { id: string }) => w.id));
        if (!res.body.meta.nextCursor) break;
        cursor = res.body.meta.nextCursor;
      }
      expect(seen).toEqual(expected);
    });

    it('filters by status and by plannedAt window', async () => {
      const res = await lister.get('/api/v1/walks?status=planned&from=2026-03-01T00:00:00Z&to=2026-05-01T00:00:00Z');
      expect(res.body.walks.map((w: { name: string }) => w.name).sort()).toEqual(['Vandring 0', 'Vandring 2']);
      expect((await lister.get('/api/v1/walks?status=done')).body.walks).toEqual([]);
    });

    it('shows every walk of the area to its walkers, analysts and planners, editable only for its leader and planners', async () => {
      const other = await secondUser(server.db, server.url, listArea, 'walker');
      const listPlanner = await ApiClient.login(server.url, listArea.users.planner.email);
      const listAnalyst = await ApiClient.login(server.url, listArea.users.analyst.email);
      const canEdit = async (client: ApiClient) => {
        const res = await client.get(`/api/v1/walks/${ids[0]}`);
        expect(res.status).toBe(200);
        return res.body.canEdit;
      };
      expect(await canEdit(lister)).toBe(true);
      expect(await canEdit(listPlanner)).toBe(true);
      expect(await canEdit(other.client)).toBe(false);
      expect(await canEdit(listAnalyst)).toBe(false);
      expect((await other.client.get('/api/v1/walks')).body.walks).toHaveLength(ids.length);
    });

    it("answers 404 for another area's walk, to every role", async () => {
      for (const client of [walker, planner, analyst, plannerB]) expect((await client.get(`/api/v1/walks/${ids[0]}`)).status).toBe(404);
    });

    it('answers 404 for an unknown id and 400 for an id that is not a UUID', async () => {
      expect((await lister.get(`/api/v1/walks/${randomUUID()}`)).status).toBe(404);
      const bad = await lister.get('/api/v1/walks/not-a-uuid');
      expect(bad.status).toBe(400);
      expect(detailPaths(bad.body)).toEqual(['id']);
    });

    it('is not for reporters (403)', async () => {
      expect((await reporter.get('/api/v1/walks')).status).toBe(403);
    });
  });

  describe('changing a walk', () => {
    it('moves forward planned → ongoing → done, stamping start and end; the same status again changes nothing', async () => {
      const { body: walk } = await walker.post('/api/v1/walks', walkBody());
      const started = await walker.patch(`/api/v1/walks/${walk.id}`, { status: 'ongoing' });
      expect(started.status).toBe(200);
      expect(started.body.status).toBe('ongoing');
      expect(Date.parse(started.body.startedAt)).toBeGreaterThan(Date.now() - 60_000);
      const again = await walker.patch(`/api/v1/walks/${walk.id}`, { status: 'ongoing' });
      expect(again.body.startedAt).toBe(started.body.startedAt);
      const done = await walker.patch(`/api/v1/walks/${walk.id}`, { status: 'done', statusAt: new Date(Date.parse(started.body.startedAt) + 3600_000).toISOString() });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.endedAt).toBe(new Date(Date.parse(started.body.startedAt) + 3600_000).toISOString());
    });

    it('refuses to go back (409 naming status) and changes nothing', async () => {
      const { body: walk } = await walker.post('/api/v1/walks', walkBody());
      await walker.patch(`/api/v1/walks/${walk.id}`, { status: 'done' });
      for (const status of ['ongoing', 'planned']) {
        const res = await planner.patch(`/api/v1/walks/${walk.id}`, { status, name: 'Nytt namn' });
        expect(res.status).toBe(409);
        expect(detailPaths(res.body)).toEqual(['status']);
      }
      const stored = await walker.get(`/api/v1/walks/${walk.id}`);
      expect(stored.body).toMatchObject({ status: 'done', name: 'Trygghetsvandring Centrum' });
    });

    it('lets a planned walk be marked done directly (documented afterwards)', async () => {
      const { body: walk } = await walker.post('/api/v1/walks', walkBody());
      const res = await walker.patch(`/api/v1/walks/${walk.id}`, { status: 'done' });
      expect(res.body.status).toBe('done');
      expect(res.body.startedAt).not.toBeNull();
      expect(res.body.endedAt).not.toBeNull();
    });

    it('edits name, notes, route, participants and time while not done', async () => {
      const { body: walk } = await walker.post('/api/v1/walks', walkBody());
      const route = { type: 'LineString', coordinates: [at(0.02, 0.01), at(0.03, 0.01)] };
      const res = await walker.patch(`/api/v1/walks/${walk.id}`, {
        name: 'Kvällsvandring',
        notes: null,
        plannedRoute: route,
        participants: [{ name: 'Skolan' }],
        plannedAt: '2026-10-01T19:00:00+02:00',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Kvällsvandring', notes: null, plannedRoute: route, plannedAt: '2026-10-01T17:00:00.000Z' });
      expect(res.body.participants).toEqual([{ organisationId: null, organisationName: null, name: 'Skolan' }]);
    });

    it('closes a done walk to its walker (409) but lets a planner correct it', async () => {
      const { body: walk } = await walker.post('/api/v1/walks', walkBody());
      await walker.patch(`/api/v1/walks/${walk.id}`, { status: 'done' });
      const byWalker = await walker.patch(`/api/v1/walks/${walk.id}`, { notes: 'Efterhandsnotering' });
      expect(byWalker.status).toBe(409);
      expect(detailPaths(byWalker.body)).toEqual(['status']);
      const byPlanner = await planner.patch(`/api/v1/walks/${walk.id}`, { notes: 'Efterhandsnotering' });
      expect(byPlanner.status).toBe(200);
      expect(byPlanner.body.notes).toBe('Efterhandsnotering');
    });

    it("refuses a walker changing someone else's walk (403) and another area's walk (404)", async () => {
      const { body: walk } = await walker.post('/api/v1/walks', walkBody());
      const res = await walker2.patch(`/api/v1/walks/${walk.id}`, { status: 'ongoing' });
      expect(res.status).toBe(403);
      expect((await walker2.get(`/api/v1/walks/${walk.id}`)).body.canEdit).toBe(false);
      expect((await plannerB.patch(`/api/v1/walks/${walk.id}`, { name: 'x' })).status).toBe(404);
      expect((await walker.get(`/api/v1/walks/${walk.id}`)).body.status).toBe('planned');
    });

    it.each([
      ['an unknown status', { status: 'cancelled' }, 400, 'status'],
      ['an empty change', {}, 400, '(body)'],
      ['statusAt without status', { statusAt: '2026-09-10T20:00:00+02:00' }, 400, 'statusAt'],
      ['a statusAt in a year', { status: 'ongoing', statusAt: '2099-09-10T20:00:00+02:00' }, 422, 'statusAt'],
      ['a route outside the area', { plannedRoute: { type: 'LineString', coordinates: [[18.07, 59.33], [18.08, 59.33]] } }, 422, 'plannedRoute.coordinates.0'],
    ])('refuses %s naming the field', async (_what, body, status, path) => {
      const { body: walk } = await walker.post('/api/v1/walks', walkBody());
      const res = await walker.patch(`/api/v1/walks/${walk.id}`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(detailPaths(res.body)).toContain(path);
      expect((await walker.get(`/api/v1/walks/${walk.id}`)).body).toMatchObject({ status: 'planned', plannedRoute: walk.plannedRoute });
    });
  });
});
