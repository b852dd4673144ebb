import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Dosage from a hand-made set of patrol logs, the expected numbers worked out by hand below.
 * September 2026: Stockholm is UTC+2; W38 = Mon 14 – Sun 20 Sep, W39 = Mon 21 – Sun 27 Sep.
 */
const local = (s: string) => `${s}+02:00`;

// Target A: a zone, the rectangle 16.50–16.51 E × 59.370–59.375 N. Friday 18–21 (18:00–22:00, two
// slots: 18–20 and 20–22); 2 visits a week of 15 minutes.
const RECT = { type: 'Polygon', coordinates: [[[16.5, 59.37], [16.51, 59.37], [16.51, 59.375], [16.5, 59.375], [16.5, 59.37]]] };
// Target B: one res-9 cell far from A. Saturday 22-1 (22:00–02:00: slots 22–24 and Sunday 00–02); 2 visits of 12 minutes.
const B_CELL = latLngToCell(59.4, 16.55, 9);
const [bLat, bLng] = cellToLatLng(B_CELL);

const line = (from: [number, number], to: [number, number]) => ({ type: 'LineString', coordinates: [from, to] });
const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });

describe.each(BACKENDS)('patrol dosage (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let planner: ApiClient;
  let reporter: ApiClient;
  let planId: string;
  let otherPlanId: string;
  let targetIds: string[];

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'dosage');
    planner = await ApiClient.login(server.url, area.users.planner.email);
    reporter = await ApiClient.login(server.url, area.users.reporter.email);
    const zone = await planner.post('/api/v1/zones', { name: 'Rektangeln', geometry: RECT });
    expect(zone.status).toBe(201);
    const plan = await planner.post('/api/v1/patrol-plans', {
      name: 'Hösten',
      from: '2026-09-14',
      to: '2026-09-28',
      targets: [
        { zoneId: zone.body.id, windows: [{ weekdays: [4], hours: '18-21' }], dwellMinutes: 15, visitsPerWeek: 2, priority: 1 },
        { cells: [B_CELL], windows: [{ weekdays: [5], hours: '22-1' }], dwellMinutes: 12, visitsPerWeek: 2, priority: 2, unit: 'Patrull 2215' },
      ],
    });
    expect(plan.status).toBe(201);
    planId = plan.body.id;
    targetIds = plan.body.targets.map((t: { id: string }) => t.id);
    otherPlanId = (await planner.post('/api/v1/patrol-plans', { name: 'Annan', from: '2026-09-01', to: '2026-10-01', targets: [] })).body.id;

    const logs = [
      // L1: along 59.372 N from 16.49 to 16.52 E, Fri 18 Sep 18:30–19:30: a third of the track (16.50–16.51)
      // is inside A → 60 × 1/3 = 20 minutes; overlaps A's 18–20 slot.
      { startedAt: local('2026-09-18T18:30:00'), endedAt: local('2026-09-18T19:30:00'), track: line([16.49, 59.372], [16.52, 59.372]) },
      // L2: a stop inside A, Fri 18 Sep 20:10–20:25: 15 minutes; A's 20–22 slot.
      { startedAt: local('2026-09-18T20:10:00'), endedAt: local('2026-09-18T20:25:00'), location: point(16.505, 59.3725) },
      // L3: a track along 59.38 N, north of A and far from B: no visit anywhere.
      { startedAt: local('2026-09-18T21:00:00'), endedAt: local('2026-09-18T21:40:00'), track: line([16.49, 59.38], [16.52, 59.38]) },
      // L4: a stop in B's cell, Sat 19 Sep 23:00–23:14: 14 minutes; B's 22–24 slot.
      { startedAt: local('2026-09-19T23:00:00'), endedAt: local('2026-09-19T23:14:00'), location: point(bLng, bLat) },
      // L5: inside A in W39 but logged under another plan: not counted for this one.
      { startedAt: local('2026-09-25T19:00:00'), endedAt: local('2026-09-25T19:15:00'), location: point(16.505, 59.3725), planId: 'other' },
      // L6: along 59.371 N from 16.5075 to 16.5175, Thu 24 Sep 12:00–12:40: the first quarter (to 16.51) is
      // inside A → 40 × 1/4 = 10 minutes; no window on Thursday, so no slot.
      { startedAt: local('2026-09-24T12:00:00'), endedAt: local('2026-09-24T12:40:00'), track: line([16.5075, 59.371], [16.5175, 59.371]) },
      // L7: inside A on Sunday 13 Sep, before the plan starts: not counted.
      { startedAt: local('2026-09-13T20:00:00'), endedAt: local('2026-09-13T20:30:00'), location: point(16.505, 59.3725) },
      // L8: in B's cell on Sunday 27 Sep 01:00–01:20: 20 minutes; the 00–02 slot of Saturday 26's window.
      { startedAt: local('2026-09-27T01:00:00'), endedAt: local('2026-09-27T01:20:00'), location: point(bLng, bLat), planId: 'this' },
    ];
    for (const log of logs) {
      const planRef = log.planId === 'other' ? otherPlanId : log.planId === 'this' ? planId : undefined;
      const res = await reporter.post('/api/v1/patrol-logs', { ...log, planId: planRef, unit: 'Patrull 2215' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
  afterAll(() => server?.close());

  it('gives planned and done visits, minutes on site and window coverage per target and ISO week', async () => {
    const res = await planner.get(`/api/v1/patrol-plans/${planId}/dosage`);
    expect(res.status).toBe(200);
    const weeks = (i: number) =>
      res.body.targets[i].weeks.map((w: Record<string, unknown>) => [w.week, w.plannedVisits, w.doneVisits, w.plannedMinutes, w.doneMinutes, w.windowCoverage]);
    expect(res.body.targets.map((t: { targetId: string }) => t.targetId)).toEqual(targetIds);
    // A, W38: L1 + L2 = 2 visits, 20 + 15 = 35 minutes, both Friday slots covered → 1.
    // A, W39: L6 only (L5 belongs to another plan): 1 visit, 10 minutes, no slot covered → 0.
    expect(weeks(0)).toEqual([
      ['2026-W38', 2, 2, 30, 35, 1],
      ['2026-W39', 2, 1, 30, 10, 0],
    ]);
    // B, W38: L4, 14 minutes, 1 of 2 slots. W39: L8, 20 minutes, 1 of 2 slots (Sunday 00–02 of Saturday's window).
    expect(weeks(1)).toEqual([
      ['2026-W38', 2, 1, 24, 14, 0.5],
      ['2026-W39', 2, 1, 24, 20, 0.5],
    ]);
  });

  it('is for planners, analysts and admins; another plan id is 404', async () => {
    expect((await reporter.get(`/api/v1/patrol-plans/${planId}/dosage`)).status).toBe(403);
    expect((await planner.get(`/api/v1/patrol-plans/${crypto.randomUUID()}/dosage`)).status).toBe(404);
  });
});
