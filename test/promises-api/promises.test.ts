import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

/**
 * A promise's progress from patrol logs, safety walks and manual activities, worked out by hand.
 * The promise runs Monday 7 September – Monday 5 October 2026 (ISO weeks 37–40; Stockholm UTC+2).
 */
const local = (s: string) => `${s}+02:00`;
const RECT = { type: 'Polygon', coordinates: [[[16.5, 59.37], [16.51, 59.37], [16.51, 59.375], [16.5, 59.375], [16.5, 59.37]]] };
const IN_ZONE = { type: 'Point', coordinates: [16.505, 59.3725] };
const OUTSIDE = { type: 'Point', coordinates: [16.45, 59.35] };

describe.each(BACKENDS)('medborgarlöften (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let planner: ApiClient;
  let analyst: ApiClient;
  let reporter: ApiClient;
  let admin: ApiClient;
  let zoneId: string;
  let promiseId: string;

  async function doneWalk(startedAt: string, points: [number, number][], status: 'done' | 'planned' = 'done') {
    const id = crypto.randomUUID();
    const started = new Date(local(startedAt));
    await server.db
      .insertInto('walks')
      .values({
        area_id: area.id,
        id,
        name: `Vandring ${startedAt}`,
        planned_at: started,
        status,
        started_at: status === 'done' ? started : null,
        ended_at: status === 'done' ? new Date(started.getTime() + 3_600_000) : null,
        created_by: area.users.walker.id,
      })
      .execute();
    for (const [i, [lng, lat]] of points.entries()) {
      await server.db
        .insertInto('walk_track_points')
        .values({ area_id: area.id, walk_id: id, recorded_at: new Date(started.getTime() + i * 60_000), geom: sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)` })
        .execute();
    }
  }

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'promises');
    planner = await ApiClient.login(server.url, area.users.planner.email);
    analyst = await ApiClient.login(server.url, area.users.analyst.email);
    reporter = await ApiClient.login(server.url, area.users.reporter.email);
    admin = await ApiClient.login(server.url, area.users.admin.email);
    zoneId = (await planner.post('/api/v1/zones', { name: 'Nyfors centrum', geometry: RECT })).body.id;

    const logs = [
      // W37: two visits in the zone: a 15-minute stop, and a track a third of which is in the zone (60 min).
      { startedAt: local('2026-09-08T20:00:00'), endedAt: local('2026-09-08T20:15:00'), location: IN_ZONE },
      { startedAt: local('2026-09-10T18:00:00'), endedAt: local('2026-09-10T19:00:00'), track: { type: 'LineString', coordinates: [[16.49, 59.372], [16.52, 59.372]] } },
      // W38: one visit in the zone (30 min) and a 45-minute patrol elsewhere.
      { startedAt: local('2026-09-15T21:00:00'), endedAt: local('2026-09-15T21:30:00'), location: IN_ZONE },
      { startedAt: local('2026-09-16T21:00:00'), endedAt: local('2026-09-16T21:45:00'), location: OUTSIDE },
      // W39: nothing. W40: two 10-minute stops in the zone.
      { startedAt: local('2026-09-28T19:00:00'), endedAt: local('2026-09-28T19:10:00'), location: IN_ZONE },
      { startedAt: local('2026-09-29T19:00:00'), endedAt: local('2026-09-29T19:10:00'), location: IN_ZONE },
    ];
    for (const log of logs) expect((await reporter.post('/api/v1/patrol-logs', { ...log, unit: 'Patrull 2215' })).status).toBe(201);
    // Walks: done in the zone on 12 Sep (counts), done elsewhere on 20 Sep, planned in the zone on 24 Sep (not done).
    await doneWalk('2026-09-12T18:00:00', [[16.49, 59.371], [16.505, 59.372], [16.52, 59.373]]);
    await doneWalk('2026-09-20T18:00:00', [[16.45, 59.35], [16.46, 59.351]]);
    await doneWalk('2026-09-24T18:00:00', [[16.505, 59.372]], 'planned');

    const created = await planner.post('/api/v1/promises', {
      title: 'Tryggare Nyfors',
      owner: 'gemensamt',
      from: '2026-09-07',
      to: '2026-10-05',
      targets: [
        { metric: 'patrol-visits', zoneId, per: 'week', goal: 1 },
        { metric: 'patrol-minutes', per: 'year', goal: 100 },
        { metric: 'walks', zoneId, per: 'month', goal: 1 },
        { metric: 'activities', per: 'week', goal: 1 },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    promiseId = created.body.id;
    expect((await planner.post(`/api/v1/promises/${promiseId}/activities`, { kind: 'skolbesok', date: '2026-09-09', note: 'Åk 8, Nyforsskolan', count: 2 })).status).toBe(201);
    expect((await planner.post(`/api/v1/promises/${promiseId}/activities`, { kind: 'informationsinsats', date: '2026-09-30', zoneId, note: 'Flygblad', count: 1 })).status).toBe(201);
  });
  afterAll(() => server?.close());

  it('creates a promise with its targets, zone names kept', async () => {
    const got = await analyst.get(`/api/v1/promises/${promiseId}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ title: 'Tryggare Nyfors', owner: 'gemensamt', status: 'draft', from: '2026-09-07T00:00:00+02:00', to: '2026-10-05T00:00:00+02:00' });
    expect(got.body.targets.map((t: { metric: string; zoneName: string | null }) => [t.metric, t.zoneName])).toEqual([
      ['patrol-visits', 'Nyfors centrum'],
      ['patrol-minutes', null],
      ['walks', 'Nyfors centrum'],
      ['activities', null],
    ]);
    expect((await analyst.get('/api/v1/promises')).body.promises.map((p: { id: string }) => p.id)).toContain(promiseId);
  });

  it('counts progress per period from patrol logs, walks and activities, worked out by hand', async () => {
    const res = await analyst.get(`/api/v1/promises/${promiseId}/progress`);
    expect(res.status).toBe(200);
    const rows = (i: number) => res.body.targets[i].periods.map((p: { period: string; goal: number; done: number; met: boolean }) => [p.period, p.goal, p.done, p.met]);
    // Visits in the zone per week: W37 2, W38 1 (the patrol elsewhere does not count), W39 0, W40 2.
    expect(rows(0)).toEqual([['2026-W37', 1, 2, true], ['2026-W38', 1, 1, true], ['2026-W39', 1, 0, false], ['2026-W40', 1, 2, true]]);
    // 3 of 4 weeks met = 75 % < 80 %: not on track.
    expect(res.body.targets[0]).toMatchObject({ metric: 'patrol-visits', per: 'week', goal: 1, total: 5, completedPeriods: 4, metPeriods: 3, onTrack: false });
    // All minutes, whole logs, in 2026: 15 + 60 + 30 + 45 + 10 + 10 = 170; the promise holds 28 of the
    // year's 365 days → goal ceil(100 × 28/365) = 8.
    expect(rows(1)).toEqual([['2026', 8, 170, true]]);
    expect(res.body.targets[1].onTrack).toBe(true);
    // Done walks in the zone per month: September (24 of 30 days → ceil(24/30) = 1) has the walk of 12 Sep;
    // October (4 of 31 days → 1) none. The walk elsewhere and the planned one do not count.
    expect(rows(2)).toEqual([['2026-09', 1, 1, true], ['2026-10', 1, 0, false]]);
    // Activities per week: 2 school visits in W37, the information effort in W40.
    expect(rows(3)).toEqual([['2026-W37', 1, 2, true], ['2026-W38', 1, 0, false], ['2026-W39', 1, 0, false], ['2026-W40', 1, 1, true]]);
  });

  it('counts minutes inside the zone for a zone target (a third of the track)', async () => {
    const id = (await planner.post('/api/v1/promises', { title: 'Minuter', owner: 'polis', from: '2026-09-07', to: '2026-09-14', targets: [{ metric: 'patrol-minutes', zoneId, per: 'week', goal: 30 }] })).body.id;
    const res = await analyst.get(`/api/v1/promises/${id}/progress`);
    // 15 (the stop) + 60 × 1/3 (the track) = 35.
    expect(res.body.targets[0].periods).toMatchObject([{ period: '2026-W37', goal: 30, done: 35, met: true }]);
  });

  it('counts only the zone’s activities for a zone target, and none once the zone is deleted (never the whole promise’s)', async () => {
    const doomed = (await planner.post('/api/v1/zones', { name: 'Rivs snart', geometry: RECT })).body.id;
    const id = (await planner.post('/api/v1/promises', { title: 'Zonaktiviteter', owner: 'kommun', from: '2026-09-07', to: '2026-09-14', targets: [{ metric: 'activities', zoneId: doomed, per: 'week', goal: 1 }] })).body.id;
    expect((await planner.post(`/api/v1/promises/${id}/activities`, { kind: 'skolbesok', date: '2026-09-08', zoneId: doomed, count: 1 })).status).toBe(201);
    expect((await planner.post(`/api/v1/promises/${id}/activities`, { kind: 'ovrigt', date: '2026-09-09', count: 4 })).status).toBe(201);
    const done = async () => (await analyst.get(`/api/v1/promises/${id}/progress`)).body.targets[0];
    expect(await done()).toMatchObject({ zoneName: 'Rivs snart', total: 1 });
    expect((await planner.delete(`/api/v1/zones/${doomed}`)).status).toBe(204);
    expect(await done()).toMatchObject({ zoneId: null, zoneName: 'Rivs snart', total: 0 });
  });

  it('takes activities idempotently and refuses a date outside the promise, an unknown zone or kind', async () => {
    const id = crypto.randomUUID();
    const first = await planner.post(`/api/v1/promises/${promiseId}/activities`, { id, kind: 'medborgardialog', date: '2026-09-20', note: 'Torgmöte', count: 1 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id, promiseId, kind: 'medborgardialog', date: '2026-09-20', count: 1, note: 'Torgmöte' });
    const again = await planner.post(`/api/v1/promises/${promiseId}/activities`, { id, kind: 'medborgardialog', date: '2026-09-20', note: 'Torgmöte', count: 1 });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const outside = await planner.post(`/api/v1/promises/${promiseId}/activities`, { kind: 'ovrigt', date: '2026-10-05', note: '', count: 1 });
    expect(outside.status).toBe(422);
    expect(outside.body.error.details[0].path).toBe('date');
    const zone = await planner.post(`/api/v1/promises/${promiseId}/activities`, { kind: 'ovrigt', date: '2026-09-20', zoneId: crypto.randomUUID(), count: 1 });
    expect(zone.status).toBe(422);
    expect(zone.body.error).toMatchObject({ code: 'unknown_zone', details: [{ path: 'zoneId' }] });
    for (const [body, path] of [
      [{ kind: 'fest', date: '2026-09-20', count: 1 }, 'kind'],
      [{ kind: 'ovrigt', date: '2026-09-31', count: 1 }, 'date'],
      [{ kind: 'ovrigt', date: '2026-09-20', count: 0 }, 'count'],
    ] as const) {
      const res = await planner.post(`/api/v1/promises/${promiseId}/activities`, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details[0].path).toBe(path);
    }
    expect((await planner.post(`/api/v1/promises/${crypto.randomUUID()}/activities`, { kind: 'ovrigt', date: '2026-09-20', count: 1 })).status).toBe(404);
    // Cleanup so the other tests' figures hold: the owner removes the extra activity.
    await server.db.deleteFrom('promise_activities').where('id', '=', id).execute();
  });

  it('refuses reversed periods (400), unknown zones (422) and bad values (400), naming the field', async () => {
    const base = { title: 'X', owner: 'kommun', from: '2026-09-07', to: '2026-10-05', targets: [{ metric: 'walks', per: 'month', goal: 1 }] };
    const reversed = await planner.post('/api/v1/promises', { ...base, from: '2026-10-05', to: '2026-09-07' });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details[0].path).toBe('to');
    const unknown = await planner.post('/api/v1/promises', { ...base, targets: [{ metric: 'walks', per: 'month', goal: 1, zoneId: crypto.randomUUID() }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_zone', details: [{ path: 'targets.0.zoneId' }] });
    for (const [body, path] of [
      [{ ...base, owner: 'region' }, 'owner'],
      [{ ...base, targets: [{ metric: 'reports', per: 'month', goal: 1 }] }, 'targets.0.metric'],
      [{ ...base, targets: [{ metric: 'walks', per: 'day', goal: 1 }] }, 'targets.0.per'],
      [{ ...base, targets: [{ metric: 'walks', per: 'month', goal: 0 }] }, 'targets.0.goal'],
      [{ ...base, targets: [] }, 'targets'],
    ] as const) {
      const res = await planner.post('/api/v1/promises', body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details[0].path).toBe(path);
    }
    expect((await analyst.post('/api/v1/promises', base)).status).toBe(403);
  });

  it('moves status only forward; a closed promise stays as it was', async () => {
    const id = (await planner.post('/api/v1/promises', { title: 'Status', owner: 'kommun', from: '2026-01-01', to: '2027-01-01', targets: [{ metric: 'walks', per: 'year', goal: 4 }] })).body.id;
    const renamed = await planner.patch(`/api/v1/promises/${id}`, { title: 'Nytt', targets: [{ metric: 'walks', per: 'year', goal: 6 }], status: 'active' });
    expect(renamed.body).toMatchObject({ title: 'Nytt', status: 'active', targets: [{ goal: 6 }] });
    const back = await planner.patch(`/api/v1/promises/${id}`, { status: 'draft' });
    expect(back.status).toBe(409);
    expect(back.body.error.details[0].path).toBe('status');
    expect((await planner.patch(`/api/v1/promises/${id}`, { status: 'closed' })).status).toBe(200);
    expect((await planner.patch(`/api/v1/promises/${id}`, { title: 'Efteråt' })).status).toBe(409);
  });

  it('prints a follow-up report (HTML and JSON) without notes or units', async () => {
    const page = await analyst.request('GET', `/api/v1/promises/${promiseId}/report`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const text = String(page.body);
    expect(text).toContain('Uppföljning medborgarlöfte 2026');
    expect(text).toContain('Patrullbesök i Nyfors centrum: 1 per vecka');
    expect(text).toContain('Målet nåddes 3 av 4 veckor');
    expect(text).toContain('Skolbesök');
    expect(text).not.toContain('Nyforsskolan');
    expect(text).not.toContain('Patrull 2215');
    expect(text).not.toMatch(/<script/i);
    const json = await analyst.get(`/api/v1/promises/${promiseId}/report?format=json`);
    expect(json.body).toMatchObject({ heading: 'Uppföljning medborgarlöfte 2026', summary: '1 av 4 mål i fas' });
    expect(json.body.activities).toEqual([{ kind: 'skolbesok', label: 'Skolbesök', count: 2 }, { kind: 'informationsinsats', label: 'Informationsinsats', count: 1 }]);
  });

  it('publishes active and closed promises only when the area switches it on, without places or people', async () => {
    expect((await fetch(`${server.url}/api/v1/public/areas/promises/promises`)).status).toBe(404);
    expect((await admin.patch('/api/v1/areas/current/settings', { publicPromises: true })).status).toBe(200);
    // Still a draft: nothing to show yet.
    const none = await (await fetch(`${server.url}/api/v1/public/areas/promises/promises`)).json();
    expect(none.promises.map((p: { title: string }) => p.title)).not.toContain('Tryggare Nyfors');
    await planner.patch(`/api/v1/promises/${promiseId}`, { status: 'active' });
    const res = await fetch(`${server.url}/api/v1/public/areas/promises/promises`);
    expect(res.status).toBe(200);
    const body = await res.json();
    const published = body.promises.find((p: { title: string }) => p.title === 'Tryggare Nyfors');
    expect(published.targets[0]).toMatchObject({ label: 'Patrullbesök i Nyfors centrum: 1 per vecka', zoneName: 'Nyfors centrum', completedPeriods: 4, metPeriods: 3 });
    const text = JSON.stringify(body);
    for (const secret of ['Patrull 2215', 'Nyforsskolan', 'Flygblad', '16.505', 'coordinates', zoneId, 'createdBy']) expect(text).not.toContain(secret);
    const page = await fetch(`${server.url}/api/v1/public/areas/promises/promises?format=html`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const pageText = await page.text();
    expect(pageText).toContain('Medborgarlöften');
    // The period ends at midnight starting 5 October (exclusive): its last day is the 4th.
    expect(pageText).toContain('2026-09-07 – 2026-10-04');
    expect(pageText).not.toContain('2026-10-05');
    expect((await fetch(`${server.url}/api/v1/public/areas/nowhere/promises`)).status).toBe(404);
  });
});
