import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { at, detailPaths, findingBody, secondUser, walkBody } from './walk-support';

describe.each(BACKENDS)('re-walks (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let walker: ApiClient;
  let walker2: ApiClient;
  let planner: ApiClient;
  let analyst: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'rewalk-a');
    [walker, planner, analyst] = await Promise.all([
      ApiClient.login(server.url, area.users.walker.email),
      ApiClient.login(server.url, area.users.planner.email),
      ApiClient.login(server.url, area.users.analyst.email),
    ]);
    walker2 = (await secondUser(server.db, server.url, area, 'walker')).client;
  });
  afterAll(() => server?.close());

  /** A done walk with findings open, planned (with owner), fixed and wont-fix. */
  async function doneWalk(client = walker) {
    const walk = (await client.post('/api/v1/walks', walkBody({ plannedAt: '2026-03-10T18:00:00+01:00', participants: [{ organisationId: area.organisationId }, { name: 'Boende' }] }))).body;
    const ids: Record<string, string> = {};
    for (const [key, dx] of [['open', 0.001], ['planned', 0.002], ['fixed', 0.003], ['wontFix', 0.004]] as const) {
      ids[key] = (await client.post(`/api/v1/walks/${walk.id}/findings`, findingBody({ location: { type: 'Point', coordinates: at(dx, 0.001) } }))).body.id;
    }
    await planner.patch(`/api/v1/findings/${ids.planned}`, { status: 'planned', owner: 'Gatukontoret', dueDate: '2026-06-01' });
    await planner.patch(`/api/v1/findings/${ids.fixed}`, { status: 'fixed' });
    await planner.patch(`/api/v1/findings/${ids.wontFix}`, { status: 'wont-fix' });
    await client.patch(`/api/v1/walks/${walk.id}`, { status: 'done', statusAt: '2026-03-10T20:00:00+01:00' });
    return { walk, ids };
  }

  it('plans a re-walk of a done walk: same route and participants, the unfinished findings to check', async () => {
    const { walk, ids } = await doneWalk();
    const res = await walker.post(`/api/v1/walks/${walk.id}/rewalk`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Trygghetsvandring Centrum – återbesök',
      status: 'planned',
      rewalkOf: walk.id,
      plannedRoute: walk.plannedRoute,
      leader: { id: area.users.walker.id },
      participants: [{ organisationId: area.organisationId, name: null }, { organisationId: null, name: 'Boende' }],
      findings: { total: 0 },
    });
    // Three months after a walk that ended in the past: counted from today.
    const months = (Date.parse(res.body.plannedAt) - Date.now()) / (30.4 * 24 * 3600 * 1000);
    expect(months).toBeGreaterThan(2.9);
    expect(months).toBeLessThan(3.1);
    expect(res.body.checks.map((c: { findingId: string }) => c.findingId).sort()).toEqual([ids.open, ids.planned].sort());
    expect(res.body.checks.find((c: { findingId: string }) => c.findingId === ids.planned)).toMatchObject({
      result: null,
      checkedAt: null,
      finding: { id: ids.planned, status: 'planned', owner: 'Gatukontoret', walkName: 'Trygghetsvandring Centrum' },
    });
  });

  it('takes the date, name and leader from the body', async () => {
    const { walk } = await doneWalk();
    const res = await planner.post(`/api/v1/walks/${walk.id}/rewalk`, { name: 'Höstens återbesök', plannedAt: '2026-10-01T18:00:00+02:00', leaderId: area.users.planner.id });
    expect(res.body).toMatchObject({ name: 'Höstens återbesök', plannedAt: '2026-10-01T16:00:00.000Z', leader: { id: area.users.planner.id }, createdBy: { id: area.users.planner.id } });
  });

  it('returns the stored re-walk for the same id, also when retried at once, never a second one', async () => {
    const { walk } = await doneWalk();
    const id = randomUUID();
    const answers = await Promise.all(Array.from({ length: 4 }, () => walker.post(`/api/v1/walks/${walk.id}/rewalk`, { id })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    const rows = await server.db.selectFrom('walks').select('id').where('rewalk_of', '=', walk.id).execute();
    expect(rows.map((r) => r.id)).toEqual([id]);
    expect((await server.db.selectFrom('walk_checks').select('finding_id').where('walk_id', '=', id).execute()).length).toBe(2);
  });

  it('refuses a walk that is not done (409 naming status), someone else’s (403) and the analysts (403)', async () => {
    const planned = (await walker.post('/api/v1/walks', walkBody())).body;
    const notDone = await walker.post(`/api/v1/walks/${planned.id}/rewalk`, {});
    expect(notDone.status).toBe(409);
    expect(detailPaths(notDone.body)).toEqual(['status']);
    const { walk } = await doneWalk();
    expect((await walker2.post(`/api/v1/walks/${walk.id}/rewalk`, {})).status).toBe(403);
    expect((await analyst.post(`/api/v1/walks/${walk.id}/rewalk`, {})).status).toBe(403);
    const badDate = await walker.post(`/api/v1/walks/${walk.id}/rewalk`, { plannedAt: '1990-01-01T00:00:00Z' });
    expect(badDate.status).toBe(422);
    expect(detailPaths(badDate.body)).toEqual(['plannedAt']);
    expect((await server.db.selectFrom('walks').select('id').where('rewalk_of', '=', walk.id).execute()).length).toBe(0);
  });

  describe('checking findings on the re-walk', () => {
    it('lets the re-walk leader mark a finding fixed or not fixed on site, recorded on the check and in the history', async () => {
      const { walk, ids } = await doneWalk(planner);
      // The planner's walk, re-walked by the walker.
      const rewalk = (await planner.post(`/api/v1/walks/${walk.id}/rewalk`, { leaderId: area.users.walker.id })).body;
      const early = await walker.patch(`/api/v1/findings/${ids.open}`, { status: 'fixed' });
      expect(early.status).toBe(403);
      await walker.patch(`/api/v1/walks/${rewalk.id}`, { status: 'ongoing' });
      const fixed = await walker.patch(`/api/v1/findings/${ids.open}`, { status: 'fixed', comment: 'Ny lampa sitter uppe' });
      expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
      expect(fixed.body.status).toBe('fixed');
      expect(fixed.body.history.at(-1)).toMatchObject({ action: 'checked', walkId: rewalk.id, fromStatus: 'open', toStatus: 'fixed', by: { id: area.users.walker.id } });
      expect(fixed.body.checks).toEqual([expect.objectContaining({ walkId: rewalk.id, result: 'fixed' })]);
      const notFixed = await walker.patch(`/api/v1/findings/${ids.planned}`, { status: 'planned', comment: 'Fortfarande mörkt' });
      expect(notFixed.body.status).toBe('planned');
      const checks = (await walker.get(`/api/v1/walks/${rewalk.id}`)).body.checks;
      expect(Object.fromEntries(checks.map((c: { findingId: string; result: string }) => [c.findingId, c.result]))).toEqual({ [ids.open!]: 'fixed', [ids.planned!]: 'not-fixed' });
      // Corrections and closing as wont-fix stay with the walk's own leader and the planners.
      expect((await walker.patch(`/api/v1/findings/${ids.planned}`, { status: 'wont-fix' })).status).toBe(403);
      const correction = await walker.patch(`/api/v1/findings/${ids.planned}`, { priority: 3 });
      expect(correction.status).toBe(403);
      expect(detailPaths(correction.body)).toEqual(['priority']);
      expect((await walker2.patch(`/api/v1/findings/${ids.planned}`, { status: 'fixed' })).status).toBe(403);
    });

    it('carries a finding found not fixed on to the next re-walk', async () => {
      const { walk, ids } = await doneWalk();
      const first = (await walker.post(`/api/v1/walks/${walk.id}/rewalk`, {})).body;
      await walker.patch(`/api/v1/walks/${first.id}`, { status: 'ongoing' });
      await walker.patch(`/api/v1/findings/${ids.open}`, { status: 'fixed' });
      await walker.patch(`/api/v1/findings/${ids.planned}`, { status: 'planned' });
      const newOnRewalk = (await walker.post(`/api/v1/walks/${first.id}/findings`, findingBody())).body.id;
      await walker.patch(`/api/v1/walks/${first.id}`, { status: 'done' });
      const second = (await walker.post(`/api/v1/walks/${first.id}/rewalk`, {})).body;
      expect(second.checks.map((c: { findingId: string }) => c.findingId).sort()).toEqual([ids.planned, newOnRewalk].sort());
    });
  });
});
