import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellToParent, latLngToCell } from 'h3-js';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { at, detailPaths, findingBody, stockholmDate, walkBody } from './walk-support';

/** GET /findings for the follow-up meeting and the map, and findings in GET /reports and /hotspots. */
describe.each(BACKENDS)('listing safety-walk findings (%s)', (backend) => {
  let server: TestServer;
  let planner: ApiClient;
  let reporter: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    const other = await createTestArea(server.db, 'list-other');
    [planner, reporter] = await Promise.all([ApiClient.login(server.url, other.users.planner.email), ApiClient.login(server.url, other.users.reporter.email)]);
  });
  afterAll(() => server?.close());

  const rows = async (id: string) => (await server.db.selectFrom('findings').select('id').where('id', '=', id).execute()).length;

  describe('listing findings for the follow-up meeting', () => {
    let listArea: TestArea;
    let lister: ApiClient;
    let listPlanner: ApiClient;
    const byKey: Record<string, string> = {};
    let walkA: string;
    let walkB: string;

    beforeAll(async () => {
      listArea = await createTestArea(server.db, 'find-list');
      lister = await ApiClient.login(server.url, listArea.users.walker.email);
      listPlanner = await ApiClient.login(server.url, listArea.users.planner.email);
      walkA = (await lister.post('/api/v1/walks', walkBody({ name: 'Norr' }))).body.id;
      walkB = (await lister.post('/api/v1/walks', walkBody({ name: 'Söder' }))).body.id;
      const plan: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
        ['lamp', walkA, { responsible: 'kommun', observedAt: '2026-09-10T18:00:00Z' }, { status: 'planned', dueDate: stockholmDate(-3), owner: 'Gatukontoret' }],
        ['bush', walkA, { responsible: 'fastighetsagare', category: 'vegetation', observedAt: '2026-09-10T18:05:00Z' }, {}],
        ['road', walkB, { responsible: 'trafikverket', category: 'trafikmiljo', observedAt: '2026-09-10T18:10:00Z' }, { status: 'fixed' }],
        ['dark', walkB, { responsible: 'kommun', observedAt: '2026-09-10T18:15:00Z', location: { type: 'Point', coordinates: at(-0.05, -0.03) } }, { dueDate: stockholmDate(10) }],
      ];
      for (const [key, walkId, create, follow] of plan) {
        const res = await lister.post(`/api/v1/walks/${walkId}/findings`, findingBody(create));
        byKey[key] = res.body.id;
        if (Object.keys(follow).length) expect((await listPlanner.patch(`/api/v1/findings/${res.body.id}`, follow)).status).toBe(200);
      }
    });

    const ids = async (query: string) => {
      const res = await lister.get(`/api/v1/findings${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.features.map((f: { id: string }) => f.id);
    };
    const keys = (...k: string[]) => k.map((x) => byKey[x]);

    it('answers a FeatureCollection, newest first, with walk name, status, owner, due date, overdue, photos and history count', async () => {
      const res = await lister.get('/api/v1/findings');
      expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      expect(res.body.type).toBe('FeatureCollection');
      expect(res.body.features.map((f: { id: string }) => f.id)).toEqual(keys('dark', 'road', 'bush', 'lamp'));
      expect(res.body.features[3]).toMatchObject({
        type: 'Feature',
        id: byKey.lamp,
        geometry: { type: 'Point' },
        properties: { walkId: walkA, walkName: 'Norr', status: 'planned', owner: 'Gatukontoret', dueDate: stockholmDate(-3), overdue: true, photos: [], historyCount: 2 },
      });
    });

    it.each([
      ['?status=open', ['dark', 'bush']],
      ['?status=open,planned', ['dark', 'bush', 'lamp']],
      ['?responsible=kommun', ['dark', 'lamp']],
      ['?responsible=trafikverket,fastighetsagare', ['road', 'bush']],
      ['?overdue=true', ['lamp']],
      ['?overdue=false', ['dark', 'road', 'bush']],
      ['?walk=WALK_B', ['dark', 'road']],
      ['?categories=vegetation,trafikmiljo', ['road', 'bush']],
      ['?bbox=16.44,59.33,16.46,59.35', ['dark']],
    ])('filters %s', async (query, expected) => {
      expect(await ids(query.replace('WALK_B', walkB))).toEqual(keys(...expected));
    });

    it('filters by H3 cell, the way the map lists the open findings of one hexagon', async () => {
      const [lng, lat] = at(0.004, 0.001);
      const cell = cellToParent(latLngToCell(lat, lng, 15), 9);
      expect(await ids(`?cell=${cell}&status=open,planned`)).toEqual(keys('bush', 'lamp'));
    });

    it('pages with limit and cursor', async () => {
      const first = await lister.get('/api/v1/findings?limit=3');
      const second = await lister.get(`/api/v1/findings?limit=3&cursor=${first.body.meta.nextCursor}`);
      expect([...first.body.features, ...second.body.features].map((f: { id: string }) => f.id)).toEqual(keys('dark', 'road', 'bush', 'lamp'));
      expect(second.body.meta.nextCursor).toBeNull();
    });

    it.each([['?status=closed', 'status'], ['?responsible=kommunen', 'responsible'], ['?overdue=yes', 'overdue'], ['?walk=x', 'walk'], ['?limit=0', 'limit'], ['?cursor=x', 'cursor'], ['?colour=red', 'colour']])(
      'refuses %s with 400 naming the parameter',
      async (query, path) => {
        const res = await lister.get(`/api/v1/findings${query}`);
        expect(res.status).toBe(400);
        expect(detailPaths(res.body).some((p) => p === path || p.startsWith(`${path}.`)), JSON.stringify(res.body)).toBe(true);
      },
    );

    it("shows nothing of another area's findings and is not for reporters", async () => {
      expect((await planner.get(`/api/v1/findings?walk=${walkA}`)).body.features).toEqual([]);
      expect((await planner.get(`/api/v1/findings/${byKey.lamp}`)).status).toBe(404);
      expect((await reporter.get('/api/v1/findings')).status).toBe(403);
    });
  });

  describe('findings in reports and hotspots', () => {
    let mixArea: TestArea;
    let mixPlanner: ApiClient;
    let findingId: string;

    beforeAll(async () => {
      mixArea = await createTestArea(server.db, 'find-mix');
      mixPlanner = await ApiClient.login(server.url, mixArea.users.planner.email);
      const mixReporter = await ApiClient.login(server.url, mixArea.users.reporter.email);
      const walk = (await mixPlanner.post('/api/v1/walks', walkBody())).body.id;
      findingId = (await mixPlanner.post(`/api/v1/walks/${walk}/findings`, findingBody({ observedAt: '2026-09-10T18:00:00Z', location: { type: 'Point', coordinates: at(0.03, 0.02) } }))).body.id;
      await mixReporter.post('/api/v1/reports', { category: 'vald', observedAt: '2026-09-10T19:00:00Z', location: { type: 'Point', coordinates: at(-0.03, -0.02) } });
    });

    const WINDOW = 'from=2026-09-01T00:00:00Z&to=2026-10-01T00:00:00Z';
    const cellsOf = (res: { body: { features: { properties: { cell: string; count: number } }[] } }) => res.body.features.map((f) => f.properties.count);

    it('counts findings in /hotspots only with sources=walk; reports are the default', async () => {
      const byDefault = await mixPlanner.get(`/api/v1/hotspots?${WINDOW}`);
      expect(byDefault.body.meta).toMatchObject({ total: 1, sources: ['app', 'import', 'polisen'] });
      const walks = await mixPlanner.get(`/api/v1/hotspots?${WINDOW}&sources=walk`);
      expect(walks.body.meta.total).toBe(1);
      const [lng, lat] = at(0.03, 0.02);
      expect(walks.body.features[0].properties.cell).toBe(cellToParent(latLngToCell(lat, lng, 15), 9));
      expect(cellsOf(await mixPlanner.get(`/api/v1/hotspots?${WINDOW}&sources=app,walk`))).toEqual([1, 1]);
      expect((await mixPlanner.get(`/api/v1/hotspots?${WINDOW}&sources=walk&categories=belysning`)).body.meta.total).toBe(1);
    });

    it('leaves findings out of GET /reports unless sources names walk', async () => {
      const listed = await mixPlanner.get(`/api/v1/reports?${WINDOW}`);
      expect(listed.body.features.map((f: { properties: { source: string } }) => f.properties.source)).toEqual(['app']);
      const withWalks = await mixPlanner.get(`/api/v1/reports?${WINDOW}&sources=walk`);
      expect(withWalks.body.features.map((f: { id: string }) => f.id)).toEqual([findingId]);
    });

    it('refuses to change the category of or delete a mirror through /reports (409); /findings does both', async () => {
      const mixAdmin = await ApiClient.login(server.url, mixArea.users.admin.email);
      const patched = await mixAdmin.patch(`/api/v1/reports/${findingId}`, { category: 'vald' });
      expect(patched.status).toBe(409);
      expect(detailPaths(patched.body)).toEqual(['category']);
      expect((await mixAdmin.patch(`/api/v1/reports/${findingId}`, { status: 'reviewed' })).status).toBe(200);
      const deleted = await mixAdmin.delete(`/api/v1/reports/${findingId}`);
      expect(deleted.status).toBe(409);
      expect(await rows(findingId)).toBe(1);
    });

    it('refuses a bulk category change that includes a mirror (409, naming its index) and changes nothing', async () => {
      const mixAdmin = await ApiClient.login(server.url, mixArea.users.admin.email);
      const report = (await mixAdmin.post('/api/v1/reports', { category: 'vald', observedAt: '2026-09-11T19:00:00Z', location: { type: 'Point', coordinates: at(-0.02, -0.01) } })).body.id;
      const categories = async () => (await server.db.selectFrom('reports').select(['id', 'category']).where('id', 'in', [report, findingId]).orderBy('id').execute());
      const before = await categories();
      const patched = await mixAdmin.patch('/api/v1/reports', { ids: [report, findingId], category: 'skadegorelse' });
      expect(patched.status).toBe(409);
      expect(detailPaths(patched.body)).toEqual(['ids.1']);
      expect(await categories()).toEqual(before);
      expect((await mixAdmin.patch('/api/v1/reports', { ids: [report, findingId], status: 'reviewed' })).status).toBe(200);
    });
  });
});
