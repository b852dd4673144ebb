import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

// The test area is 16.4–16.6 E × 59.32–59.42 N (test/support/fixtures.ts).
const RECT = { type: 'Polygon', coordinates: [[[16.5, 59.37], [16.51, 59.37], [16.51, 59.375], [16.5, 59.375], [16.5, 59.37]]] };
const CELL = latLngToCell(59.38, 16.45, 9);
const CELL_2 = latLngToCell(59.381, 16.452, 9);
const FAR_CELL = latLngToCell(57.7, 11.97, 9);
const WINDOWS = [{ weekdays: [4, 5], hours: '22-3' }];

describe.each(BACKENDS)('patrol plans (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let other: TestArea;
  let planner: ApiClient;
  let analyst: ApiClient;
  let reporter: ApiClient;
  let otherPlanner: ApiClient;
  let zoneId: string;

  const target = (extra: Record<string, unknown> = {}) => ({ cells: [CELL], windows: WINDOWS, dwellMinutes: 15, visitsPerWeek: 6, priority: 1, ...extra });
  const plan = (extra: Record<string, unknown> = {}) => ({ name: 'Krogstråket helgnätter', from: '2026-12-01', to: '2027-01-01', targets: [target()], ...extra });

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'plans');
    other = await createTestArea(server.db, 'plans-other');
    planner = await ApiClient.login(server.url, area.users.planner.email);
    analyst = await ApiClient.login(server.url, area.users.analyst.email);
    reporter = await ApiClient.login(server.url, area.users.reporter.email);
    otherPlanner = await ApiClient.login(server.url, other.users.planner.email);
    zoneId = (await planner.post('/api/v1/zones', { name: 'Torget', geometry: RECT })).body.id;
  });
  afterAll(() => server?.close());

  it('creates a draft plan with a cell target and a zone target, each with an id and an outline', async () => {
    const res = await planner.post('/api/v1/patrol-plans', plan({ targets: [target({ cells: [CELL, CELL_2], unit: 'Patrull 2215' }), target({ cells: undefined, zoneId, priority: 2, name: 'Torget kväll' })] }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/patrol-plans/${res.body.id}`);
    expect(res.body).toMatchObject({
      name: 'Krogstråket helgnätter',
      status: 'draft',
      // Dates are local midnight in the area's time zone; December is UTC+1.
      from: '2026-12-01T00:00:00+01:00',
      to: '2027-01-01T00:00:00+01:00',
      timezone: 'Europe/Stockholm',
      plannedMinutesPerWeek: 180,
    });
    const [cells, zone] = res.body.targets;
    expect(cells).toMatchObject({ cells: [CELL, CELL_2], res: 9, zoneId: null, windows: WINDOWS, dwellMinutes: 15, visitsPerWeek: 6, plannedMinutesPerWeek: 90, unit: 'Patrull 2215', priority: 1 });
    // Two neighbouring hexagons dissolve into one outline.
    expect(cells.geometry.type).toBe('Polygon');
    expect(zone).toMatchObject({ cells: null, res: null, zoneId, zoneName: 'Torget', name: 'Torget kväll', priority: 2 });
    expect(zone.geometry.coordinates[0]).toHaveLength(5);
    const got = await analyst.get(`/api/v1/patrol-plans/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('refuses an unknown zone (422 unknown_zone) and cells outside the area (422 outside_area), naming the target', async () => {
    const unknown = await planner.post('/api/v1/patrol-plans', plan({ targets: [target(), target({ cells: undefined, zoneId: crypto.randomUUID() })] }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_zone');
    expect(unknown.body.error.details).toEqual([{ path: 'targets.1.zoneId', message: expect.any(String) }]);
    // Another area's zone is unknown here too.
    const foreignZone = (await otherPlanner.post('/api/v1/zones', { name: 'Deras', geometry: RECT })).body.id;
    const foreign = await planner.post('/api/v1/patrol-plans', plan({ targets: [target({ cells: undefined, zoneId: foreignZone })] }));
    expect(foreign.status).toBe(422);
    const outside = await planner.post('/api/v1/patrol-plans', plan({ targets: [target({ cells: [FAR_CELL] })] }));
    expect(outside.status).toBe(422);
    expect(outside.body.error).toMatchObject({ code: 'outside_area', details: [{ path: 'targets.0.cells' }] });
  });

  it('refuses reversed or empty periods and malformed targets with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [plan({ from: '2027-01-01', to: '2026-12-01' }), 'to'],
      [plan({ from: '2026-12-01', to: '2026-12-01' }), 'to'],
      [plan({ from: '2026-02-30' }), 'from'],
      [plan({ targets: [target({ zoneId })] }), 'targets.0.zoneId'],
      [plan({ targets: [target({ cells: undefined })] }), 'targets.0.cells'],
      [plan({ targets: [target({ cells: [CELL, latLngToCell(59.38, 16.45, 10)] })] }), 'targets.0.cells'],
      [plan({ targets: [target({ cells: ['8908ca1a2dbfffz'] })] }), 'targets.0.cells.0'],
      [plan({ targets: [target({ windows: [{ weekdays: [7], hours: '18-23' }] })] }), 'targets.0.windows.0.weekdays.0'],
      [plan({ targets: [target({ windows: [{ weekdays: [1], hours: '8,12-13' }] })] }), 'targets.0.windows.0.hours'],
      [plan({ targets: [target({ windows: [] })] }), 'targets.0.windows'],
      [plan({ targets: [target({ plannedMinutesPerWeek: 1 })] }), 'targets.0.plannedMinutesPerWeek'],
      [plan({ targets: [target({ colour: 'red' })] }), 'targets.0.colour'],
    ];
    for (const [body, path] of cases) {
      const res = await planner.post('/api/v1/patrol-plans', body);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path), path).toContain(path);
    }
  });

  it('moves status only forward and changes targets only while a draft', async () => {
    const id = (await planner.post('/api/v1/patrol-plans', plan())).body.id;
    const edited = await planner.patch(`/api/v1/patrol-plans/${id}`, { targets: [target({ visitsPerWeek: 2 })], name: 'Nytt namn' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Nytt namn', plannedMinutesPerWeek: 30 });
    // Keeping a target's id keeps the target.
    const keptId = edited.body.targets[0].id;
    const kept = await planner.patch(`/api/v1/patrol-plans/${id}`, { targets: [target({ id: keptId, dwellMinutes: 10 })] });
    expect(kept.body.targets[0]).toMatchObject({ id: keptId, dwellMinutes: 10 });
    expect((await planner.patch(`/api/v1/patrol-plans/${id}`, { status: 'active' })).body.status).toBe('active');
    const back = await planner.patch(`/api/v1/patrol-plans/${id}`, { status: 'draft' });
    expect(back.status).toBe(409);
    expect(back.body.error.details[0].path).toBe('status');
    const late = await planner.patch(`/api/v1/patrol-plans/${id}`, { targets: [] });
    expect(late.status).toBe(409);
    expect(late.body.error.details[0].path).toBe('targets');
    expect((await planner.patch(`/api/v1/patrol-plans/${id}`, { name: 'Fortfarande aktiv' })).status).toBe(200);
    expect((await planner.patch(`/api/v1/patrol-plans/${id}`, { status: 'closed' })).body.status).toBe('closed');
    expect((await planner.patch(`/api/v1/patrol-plans/${id}`, { name: 'x' })).status).toBe(409);
    expect((await planner.patch(`/api/v1/patrol-plans/${id}`, {})).status).toBe(400);
    const reversed = await planner.post('/api/v1/patrol-plans', plan());
    expect((await planner.patch(`/api/v1/patrol-plans/${reversed.body.id}`, { to: '2026-11-01' })).status).toBe(400);
  });

  it('shows the patrol (reporters, walkers) active plans only; writes are for planners and admins', async () => {
    const draft = (await planner.post('/api/v1/patrol-plans', plan({ name: 'Utkast' }))).body.id;
    const active = (await planner.post('/api/v1/patrol-plans', plan({ name: 'Aktiv' }))).body.id;
    await planner.patch(`/api/v1/patrol-plans/${active}`, { status: 'active' });
    expect((await reporter.get(`/api/v1/patrol-plans/${draft}`)).status).toBe(404);
    expect((await reporter.get(`/api/v1/patrol-plans/${active}`)).status).toBe(200);
    const list = await reporter.get('/api/v1/patrol-plans');
    expect(list.body.plans.every((p: { status: string }) => p.status === 'active')).toBe(true);
    expect(list.body.plans.map((p: { id: string }) => p.id)).toContain(active);
    expect((await reporter.get('/api/v1/patrol-plans?status=draft')).body.plans).toEqual([]);
    const all = await analyst.get('/api/v1/patrol-plans?status=draft,active');
    expect(all.body.plans.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([draft, active]));
    expect((await analyst.post('/api/v1/patrol-plans', plan())).status).toBe(403);
    expect((await otherPlanner.get(`/api/v1/patrol-plans/${active}`)).status).toBe(404);
    expect((await planner.get('/api/v1/patrol-plans?status=open')).status).toBe(400);
  });

  it('prints a briefing: targets, windows in Swedish, what to look for, no script', async () => {
    const id = (
      await planner.post(
        '/api/v1/patrol-plans',
        plan({
          name: 'Briefing <test>',
          targets: [target({ schedule: [{ weekday: 4, time: '22:17', dwellMinutes: 15 }], topCategories: [{ category: 'vald', count: 12 }], reason: '12 rapporter på 14 dagar' })],
        }),
      )
    ).body.id;
    const res = await planner.request('GET', `/api/v1/patrol-plans/${id}/briefing`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = String(res.body);
    expect(page).toContain('Briefing &lt;test&gt;');
    expect(page).toContain('fre, lör 22–04');
    expect(page).toContain('Våld/hot');
    expect(page).toContain('22:17 (15 min)');
    expect(page).toContain('<svg');
    expect(page).not.toMatch(/<script/i);
    expect((await planner.get(`/api/v1/patrol-plans/${id}/briefing?format=json`)).body.id).toBe(id);
  });
});
