import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { at, detailPaths, findingBody, secondUser, stockholmDate, walkBody } from './walk-support';

describe.each(BACKENDS)('safety-walk findings (%s)', (backend) => {
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
    area = await createTestArea(server.db, 'find-a');
    const areaB = await createTestArea(server.db, 'find-b', [11.97, 57.7]);
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

  async function newWalk(client = walker, overrides: Record<string, unknown> = {}) {
    const res = await client.post('/api/v1/walks', walkBody(overrides));
    expect(res.status).toBe(201);
    return res.body as { id: string; name: string };
  }
  const rows = async (table: 'findings' | 'reports' | 'finding_events', id: string) =>
    table === 'finding_events'
      ? (await server.db.selectFrom('finding_events').select('id').where('finding_id', '=', id).execute()).length
      : (await server.db.selectFrom(table).select('id').where('id', '=', id).execute()).length;

  describe('recording a finding', () => {
    it('answers 201 with the finding, its creation in the history and no photos yet', async () => {
      const walk = await newWalk();
      const body = findingBody({ observedAt: '2026-09-10T18:40:00+02:00' });
      const res = await walker.post(`/api/v1/walks/${walk.id}/findings`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.headers.get('location')).toBe(`/api/v1/findings/${body.id}`);
      expect(res.body).toMatchObject({
        id: body.id,
        walkId: walk.id,
        walkName: walk.name,
        category: 'belysning',
        location: body.location,
        priority: 1,
        description: 'Trasig gatlykta i gångtunneln',
        proposedFix: 'Byt armatur',
        responsible: 'kommun',
        responsibleName: 'Gatukontoret',
        status: 'open',
        owner: null,
        dueDate: null,
        overdue: false,
        observedAt: '2026-09-10T16:40:00.000Z',
        createdBy: { id: area.users.walker.id },
        photos: [],
        historyCount: 1,
        checks: [],
      });
      expect(res.body.history).toEqual([
        expect.objectContaining({ action: 'created', by: { id: area.users.walker.id, name: 'walker find-a' }, toStatus: 'open' }),
      ]);
    });

    it('mirrors the finding as a report of source walk: same id, category, place, severity from priority', async () => {
      const walk = await newWalk();
      const body = findingBody({ priority: 1, category: 'skymd-sikt' });
      await walker.post(`/api/v1/walks/${walk.id}/findings`, body);
      const mirror = await server.db.selectFrom('reports').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
      expect(mirror).toMatchObject({ source: 'walk', category: 'skymd-sikt', severity: 3, reporter_id: area.users.walker.id, location_precision: 'point', in_analytics: true, description: null });
      const [lng, lat] = body.location.coordinates as [number, number];
      expect(BigInt(mirror.h3).toString(16)).toBe(latLngToCell(lat, lng, 15));
    });

    it('returns the stored finding with 200 for the same id again, and stores one of each row for concurrent retries', async () => {
      const walk = await newWalk();
      const body = findingBody();
      const answers = await Promise.all(Array.from({ length: 5 }, () => walker.post(`/api/v1/walks/${walk.id}/findings`, body)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
      const again = await walker.post(`/api/v1/walks/${walk.id}/findings`, { ...body, description: 'annat' });
      expect(again.status).toBe(200);
      expect(again.body.description).toBe('Trasig gatlykta i gångtunneln');
      expect([await rows('findings', body.id), await rows('reports', body.id), await rows('finding_events', body.id)]).toEqual([1, 1, 1]);
    });

    it("refuses a finding on someone else's walk (403) and stores nothing", async () => {
      const walk = await newWalk(walker2);
      const body = findingBody();
      const res = await walker.post(`/api/v1/walks/${walk.id}/findings`, body);
      expect(res.status).toBe(403);
      expect([await rows('findings', body.id), await rows('reports', body.id)]).toEqual([0, 0]);
    });

    it('refuses an id already used by a report (409)', async () => {
      const walk = await newWalk();
      const report = await reporter.post('/api/v1/reports', { category: 'vald', observedAt: '2026-08-22T21:30:00+02:00', location: { type: 'Point', coordinates: at(0.01, 0.01) } });
      const res = await walker.post(`/api/v1/walks/${walk.id}/findings`, findingBody({ id: report.body.id }));
      expect(res.status).toBe(409);
      expect(detailPaths(res.body)).toEqual(['id']);
    });

    it('closes a done walk to its walker (409) but lets a planner add a finding afterwards', async () => {
      const walk = await newWalk();
      await walker.patch(`/api/v1/walks/${walk.id}`, { status: 'done' });
      const byWalker = await walker.post(`/api/v1/walks/${walk.id}/findings`, findingBody());
      expect(byWalker.status).toBe(409);
      expect((await planner.post(`/api/v1/walks/${walk.id}/findings`, findingBody())).status).toBe(201);
    });

    it('is not for reporters or analysts (403); another area’s walk is not found (404)', async () => {
      const walk = await newWalk();
      expect((await reporter.post(`/api/v1/walks/${walk.id}/findings`, findingBody())).status).toBe(403);
      expect((await analyst.post(`/api/v1/walks/${walk.id}/findings`, findingBody())).status).toBe(403);
      expect((await plannerB.post(`/api/v1/walks/${walk.id}/findings`, findingBody())).status).toBe(404);
      expect((await planner.post(`/api/v1/walks/${randomUUID()}/findings`, findingBody())).status).toBe(404);
    });

    it.each([
      ['a report category (not a finding one)', { category: 'vald' }, 422, 'category', 'unknown_category'],
      ['an unknown category', { category: 'ufo' }, 422, 'category', 'unknown_category'],
      ['a location outside the area', { location: { type: 'Point', coordinates: [18.07, 59.33] } }, 422, 'location.coordinates', 'outside_area'],
      ['an observedAt next year', { observedAt: '2099-01-01T00:00:00Z' }, 422, 'observedAt', 'invalid_date'],
      ['a bad responsible', { responsible: 'kommunen' }, 400, 'responsible', 'validation_failed'],
      ['a priority of 0', { priority: 0 }, 400, 'priority', 'validation_failed'],
      ['a priority of 4', { priority: 4 }, 400, 'priority', 'validation_failed'],
      ['no responsible', { responsible: undefined }, 400, 'responsible', 'validation_failed'],
      ['a description of 2001 characters', { description: 'x'.repeat(2001) }, 400, 'description', 'validation_failed'],
      ['a location that is a LineString', { location: { type: 'LineString', coordinates: [at(), at(0.01)] } }, 400, 'location', 'validation_failed'],
    ])('refuses %s naming the field, storing nothing', async (_what, override, status, path, code) => {
      const walk = await newWalk();
      const body = findingBody(override);
      const res = await walker.post(`/api/v1/walks/${walk.id}/findings`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(detailPaths(res.body).some((p) => p === path || p.startsWith(`${path}.`)), JSON.stringify(res.body)).toBe(true);
      expect([await rows('findings', body.id), await rows('reports', body.id)]).toEqual([0, 0]);
    });
  });

  describe('following a finding up', () => {
    async function newFinding(client = walker, walkClient = walker, overrides: Record<string, unknown> = {}) {
      const walk = await newWalk(walkClient);
      const res = await client.post(`/api/v1/walks/${walk.id}/findings`, findingBody(overrides));
      expect(res.status).toBe(201);
      return res.body as { id: string; walkId: string };
    }

    it('keeps every change in the history: who, when, status from/to, owner, deadline, comment', async () => {
      const finding = await newFinding();
      const due = stockholmDate(30);
      const res = await walker.patch(`/api/v1/findings/${finding.id}`, { status: 'planned', owner: 'Gatukontoret, Eva', dueDate: due, comment: 'Lovat på uppföljningsmötet' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: 'planned', owner: 'Gatukontoret, Eva', dueDate: due, overdue: false, historyCount: 2 });
      const closed = await planner.patch(`/api/v1/findings/${finding.id}`, { status: 'fixed', comment: 'Ny armatur på plats' });
      expect(closed.body.history).toHaveLength(3);
      const [, planned, fixed] = closed.body.history;
      expect(planned).toMatchObject({
        action: 'updated',
        by: { id: area.users.walker.id },
        fromStatus: 'open',
        toStatus: 'planned',
        owner: 'Gatukontoret, Eva',
        dueDate: due,
        comment: 'Lovat på uppföljningsmötet',
        changes: { status: ['open', 'planned'], owner: [null, 'Gatukontoret, Eva'], dueDate: [null, due] },
      });
      expect(fixed).toMatchObject({ by: { id: area.users.planner.id }, fromStatus: 'planned', toStatus: 'fixed', comment: 'Ny armatur på plats' });
      expect(Date.parse(fixed.at)).toBeGreaterThan(Date.now() - 60_000);
    });

    it.each([
      ['close as fixed', { status: 'fixed' }],
      ['close as wont-fix', { status: 'wont-fix' }],
    ])('refuses a walker who tries to %s (403 naming status) and changes nothing', async (_what, patch) => {
      const finding = await newFinding();
      const res = await walker.patch(`/api/v1/findings/${finding.id}`, patch);
      expect(res.status).toBe(403);
      expect(detailPaths(res.body)).toEqual(['status']);
      const stored = await walker.get(`/api/v1/findings/${finding.id}`);
      expect(stored.body).toMatchObject({ status: 'open', historyCount: 1 });
    });

    it('refuses a walker reopening a closed finding (403); a planner may', async () => {
      const finding = await newFinding();
      await planner.patch(`/api/v1/findings/${finding.id}`, { status: 'wont-fix', comment: 'Privat mark' });
      const byWalker = await walker.patch(`/api/v1/findings/${finding.id}`, { status: 'open' });
      expect(byWalker.status).toBe(403);
      expect(detailPaths(byWalker.body)).toEqual(['status']);
      expect((await planner.patch(`/api/v1/findings/${finding.id}`, { status: 'open' })).body.status).toBe('open');
    });

    it("refuses a walker changing a finding of someone else's walk (403)", async () => {
      const finding = await newFinding(walker2, walker2);
      const res = await walker.patch(`/api/v1/findings/${finding.id}`, { comment: 'hej' });
      expect(res.status).toBe(403);
      expect((await walker.get(`/api/v1/findings/${finding.id}`)).body.historyCount).toBe(1);
    });

    it('moves the mirror report with a corrected place, category and priority', async () => {
      const finding = await newFinding();
      const moved = at(-0.02, 0.01);
      const res = await walker.patch(`/api/v1/findings/${finding.id}`, { location: { type: 'Point', coordinates: moved }, category: 'vegetation', priority: 3 });
      expect(res.status).toBe(200);
      expect(res.body.history.at(-1).changes).toMatchObject({ category: ['belysning', 'vegetation'], priority: [1, 3] });
      const mirror = await server.db.selectFrom('reports').selectAll().where('id', '=', finding.id).executeTakeFirstOrThrow();
      expect(mirror).toMatchObject({ category: 'vegetation', severity: 1 });
      expect(BigInt(mirror.h3).toString(16)).toBe(latLngToCell(moved[1], moved[0], 15));
    });

    it.each([
      ['a date that does not exist', { dueDate: '2026-02-30' }, 400, 'dueDate'],
      ['a date with a time', { dueDate: '2026-05-01T00:00:00Z' }, 400, 'dueDate'],
      ['a date in 1999', { dueDate: '1999-12-31' }, 422, 'dueDate'],
      ['an unknown status', { status: 'closed' }, 400, 'status'],
      ['a report category', { category: 'vald' }, 422, 'category'],
      ['a place outside the area', { location: { type: 'Point', coordinates: [18.07, 59.33] } }, 422, 'location.coordinates'],
      ['an empty comment', { comment: '  ' }, 400, 'comment'],
      ['nothing', {}, 400, '(body)'],
    ])('refuses %s naming the field, changing nothing', async (_what, patch, status, path) => {
      const finding = await newFinding();
      const res = await planner.patch(`/api/v1/findings/${finding.id}`, patch);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(detailPaths(res.body)).toContain(path);
      expect((await planner.get(`/api/v1/findings/${finding.id}`)).body).toMatchObject({ status: 'open', dueDate: null, category: 'belysning', historyCount: 1 });
    });

    it('is overdue once its due date has passed in the area’s time zone, until it is closed', async () => {
      const finding = await newFinding();
      const dueToday = await planner.patch(`/api/v1/findings/${finding.id}`, { dueDate: stockholmDate(0) });
      expect(dueToday.body.overdue).toBe(false);
      const late = await planner.patch(`/api/v1/findings/${finding.id}`, { dueDate: stockholmDate(-1), status: 'planned' });
      expect(late.body.overdue).toBe(true);
      const listed = await planner.get(`/api/v1/findings?overdue=true&walk=${finding.walkId}`);
      expect(listed.body.features.map((f: { id: string }) => f.id)).toEqual([finding.id]);
      const fixed = await planner.patch(`/api/v1/findings/${finding.id}`, { status: 'fixed' });
      expect(fixed.body.overdue).toBe(false);
      expect((await planner.get(`/api/v1/findings?overdue=true&walk=${finding.walkId}`)).body.features).toEqual([]);
    });

    it('a repeated identical change adds nothing to the history', async () => {
      const finding = await newFinding();
      await walker.patch(`/api/v1/findings/${finding.id}`, { status: 'planned', owner: 'Eva' });
      const again = await walker.patch(`/api/v1/findings/${finding.id}`, { status: 'planned', owner: 'Eva' });
      expect(again.status).toBe(200);
      expect(again.body.historyCount).toBe(2);
    });
  });

  describe('deleting a finding', () => {
    it('removes the finding, its mirror report and its history (204)', async () => {
      const walk = await newWalk();
      const body = findingBody();
      await walker.post(`/api/v1/walks/${walk.id}/findings`, body);
      await walker.patch(`/api/v1/findings/${body.id}`, { comment: 'fel plats' });
      expect((await walker.delete(`/api/v1/findings/${body.id}`)).status).toBe(204);
      expect([await rows('findings', body.id), await rows('reports', body.id), await rows('finding_events', body.id)]).toEqual([0, 0, 0]);
      expect((await walker.delete(`/api/v1/findings/${body.id}`)).status).toBe(404);
    });

    it("refuses another walker (403) and a done walk's walker (409); a planner may", async () => {
      const walk = await newWalk();
      const body = findingBody();
      await walker.post(`/api/v1/walks/${walk.id}/findings`, body);
      expect((await walker2.delete(`/api/v1/findings/${body.id}`)).status).toBe(403);
      await walker.patch(`/api/v1/walks/${walk.id}`, { status: 'done' });
      expect((await walker.delete(`/api/v1/findings/${body.id}`)).status).toBe(409);
      expect(await rows('findings', body.id)).toBe(1);
      expect((await planner.delete(`/api/v1/findings/${body.id}`)).status).toBe(204);
    });
  });
});
