/**
 * GET /hotspots/cells/:cell and GET /hotspots/summary: what the drill-down panel and the print
 * page show of one hexagon or of the whole area: counts by category and the trend over bins of
 * whole local days. Expected values are computed here from the planned reports with h3-js.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { cellToParent, latLngToCell } from 'h3-js';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

interface Planned {
  lng: number;
  lat: number;
  observedAt: string;
  category: string;
}

const cellOf = (p: { lat: number; lng: number }, res: number) => cellToParent(latLngToCell(p.lat, p.lng, 15), res);

const SQUARE = { lng: 16.5, lat: 59.37 };
const NEXT_DOOR = { lng: 16.53, lat: 59.38 };

// Weeks around the start of daylight saving time (2026-03-29, 02:00 CET → 03:00 CEST).
const PLANNED: Planned[] = [
  { ...SQUARE, observedAt: '2026-03-16T12:00:00+01:00', category: 'vald' }, // week of 16 March
  { ...SQUARE, observedAt: '2026-03-23T00:00:00+01:00', category: 'vald' }, // first instant of the week of 23 March
  { ...SQUARE, observedAt: '2026-03-29T23:59:00+02:00', category: 'klotter' }, // last minute of that week, in summer time
  { ...SQUARE, observedAt: '2026-03-30T00:00:00+02:00', category: 'klotter' }, // first instant of the week of 30 March
  { ...SQUARE, observedAt: '2026-04-02T21:00:00+02:00', category: 'vald' }, // a Thursday evening
  { ...SQUARE, observedAt: '2026-04-05T23:59:59+02:00', category: 'narkotika' }, // the last second before `to`
  { ...SQUARE, observedAt: '2026-04-06T00:00:00+02:00', category: 'vald' }, // at `to`: outside
  { ...NEXT_DOOR, observedAt: '2026-04-01T12:00:00+02:00', category: 'vald' }, // another cell
];

const TO = '2026-04-06T00:00:00+02:00';
const PERIOD = { from: '2026-03-23T00:00:00+01:00', to: TO };

const qs = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

describe.each(BACKENDS)('drill-down summaries of a hexagon and of the area (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let planner: ApiClient;
  const cell9 = cellOf(SQUARE, 9);

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'drill');
    const other = await createTestArea(server.db, 'drill-other');
    const reporter = await ApiClient.login(server.url, area.users.reporter.email);
    const foreigner = await ApiClient.login(server.url, other.users.reporter.email);
    for (const p of PLANNED) {
      const res = await reporter.post('/api/v1/reports', { category: p.category, observedAt: p.observedAt, location: { type: 'Point', coordinates: [p.lng, p.lat] } });
      if (res.status !== 201) throw new Error(`seeding ${p.observedAt}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    // The same place in another area (same square): must never be counted here.
    const res = await foreigner.post('/api/v1/reports', { category: 'vald', observedAt: '2026-04-01T12:00:00+02:00', location: { type: 'Point', coordinates: [SQUARE.lng, SQUARE.lat] } });
    if (res.status !== 201) throw new Error(`seeding the other area: ${res.status}`);
    // A safety-walk finding's mirror report (source 'walk'): a place, not an incident.
    await sql`
      INSERT INTO reports (area_id, id, category, observed_at, geom, h3, severity, source, location_precision)
      VALUES (${area.id}, ${randomUUID()}, 'belysning', '2026-04-01T12:00:00+02:00', ST_SetSRID(ST_MakePoint(${SQUARE.lng}, ${SQUARE.lat}), 4326),
              ${BigInt(`0x${latLngToCell(SQUARE.lat, SQUARE.lng, 15)}`).toString()}, 1, 'walk', 'point')`.execute(server.db);
    planner = await ApiClient.login(server.url, area.users.planner.email);
  });
  afterAll(async () => {
    await server?.close();
  });

  const get = (path: string, params: Record<string, string | number>, client = planner) => client.get(`/api/v1${path}?${qs(params)}`);

  it('counts a hexagon’s reports in [from, to) by category, largest first', async () => {
    const res = await get(`/hotspots/cells/${cell9}`, PERIOD);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ cell: cell9, res: 9, total: 5, from: '2026-03-22T23:00:00.000Z', to: '2026-04-05T22:00:00.000Z' });
    expect(res.body.byCategory).toEqual([
      { category: 'klotter', count: 2 },
      { category: 'vald', count: 2 },
      { category: 'narkotika', count: 1 },
    ]);
  });

  it('bins the trend in whole local weeks ending at `to`, across the change to summer time', async () => {
    const res = await get(`/hotspots/cells/${cell9}`, { ...PERIOD, step: '7d', bins: 3 });
    expect(res.status).toBe(200);
    expect(res.body.stepDays).toBe(7);
    expect(res.body.series).toEqual([
      { from: '2026-03-15T23:00:00.000Z', to: '2026-03-22T23:00:00.000Z', count: 1 },
      // 23 March 00:00 CET to 30 March 00:00 CEST: six days and 23 hours.
      { from: '2026-03-22T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z', count: 2 },
      { from: '2026-03-29T22:00:00.000Z', to: '2026-04-05T22:00:00.000Z', count: 3 },
    ]);
  });

  it('accepts the step in weeks and defaults to twelve bins of 14 days', async () => {
    const weeks = await get(`/hotspots/cells/${cell9}`, { ...PERIOD, step: '1w', bins: 3 });
    const days = await get(`/hotspots/cells/${cell9}`, { ...PERIOD, step: '7d', bins: 3 });
    expect(weeks.body.series).toEqual(days.body.series);
    const byDefault = await get(`/hotspots/cells/${cell9}`, PERIOD);
    expect(byDefault.body.stepDays).toBe(14);
    expect(byDefault.body.series).toHaveLength(12);
    expect(byDefault.body.series.at(-1)).toEqual({ from: '2026-03-22T23:00:00.000Z', to: '2026-04-05T22:00:00.000Z', count: 5 });
    expect(byDefault.body.series.at(-2).count).toBe(1);
  });

  it('counts the res-9 hexagon’s reports inside a coarser cell too, and none of a neighbour’s in a finer one', async () => {
    const coarse = await get(`/hotspots/cells/${cellOf(SQUARE, 6)}`, PERIOD);
    expect(coarse.body.total).toBe(cellOf(SQUARE, 6) === cellOf(NEXT_DOOR, 6) ? 6 : 5);
    const fine = await get(`/hotspots/cells/${cellOf(NEXT_DOOR, 12)}`, PERIOD);
    expect(fine.body).toMatchObject({ res: 12, total: 1, byCategory: [{ category: 'vald', count: 1 }] });
  });

  it('applies the hotspot filters: categories, weekdays and hours in local time', async () => {
    const vald = await get(`/hotspots/cells/${cell9}`, { ...PERIOD, categories: 'vald' });
    expect(vald.body.total).toBe(2);
    expect(vald.body.byCategory).toEqual([{ category: 'vald', count: 2 }]);
    // Thursday is weekday 3; 21:00 local.
    const thursdayEvening = await get(`/hotspots/cells/${cell9}`, { ...PERIOD, weekdays: '3', hours: '20-22', step: '7d', bins: 2 });
    expect(thursdayEvening.body.total).toBe(1);
    expect(thursdayEvening.body.series.map((b: { count: number }) => b.count)).toEqual([0, 1]);
  });

  it('summarises the whole area without a cell, never counting another area’s reports', async () => {
    const res = await get('/hotspots/summary', { ...PERIOD, step: '7d', bins: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cell: null, res: null, total: 6 });
    expect(res.body.byCategory).toEqual([
      { category: 'vald', count: 3 },
      { category: 'klotter', count: 2 },
      { category: 'narkotika', count: 1 },
    ]);
    expect(res.body.series.map((b: { count: number }) => b.count)).toEqual([2, 4]);
  });

  it('counts walk findings only when sources asks for them, like the hotspot map', async () => {
    expect((await get(`/hotspots/cells/${cell9}`, PERIOD)).body.total).toBe(5);
    const walk = await get(`/hotspots/cells/${cell9}`, { ...PERIOD, sources: 'walk' });
    expect(walk.body).toMatchObject({ total: 1, byCategory: [{ category: 'belysning', count: 1 }] });
    expect((await get(`/hotspots/cells/${cell9}`, { ...PERIOD, sources: 'app,walk' })).body.total).toBe(6);
  });

  it('answers an empty hexagon with zeros, not 404', async () => {
    const empty = cellOf({ lng: 16.45, lat: 59.35 }, 9);
    const res = await get(`/hotspots/cells/${empty}`, { ...PERIOD, bins: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 0, byCategory: [] });
    expect(res.body.series.map((b: { count: number }) => b.count)).toEqual([0, 0]);
  });

  it('is for planners, analysts and admins only', async () => {
    const reporter = await ApiClient.login(server.url, area.users.reporter.email);
    expect((await get(`/hotspots/cells/${cell9}`, PERIOD, reporter)).status).toBe(403);
    const analyst = await ApiClient.login(server.url, area.users.analyst.email);
    expect((await get('/hotspots/summary', PERIOD, analyst)).status).toBe(200);
  });

  it.each(['/hotspots/summary', '/hotspots/cells/CELL'])('%s refuses a category the area does not have with 400 naming categories, like /hotspots', async (path) => {
    const res = await get(path.replace('CELL', cell9), { ...PERIOD, categories: 'vald,inbrott' });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['categories']);
    expect(res.body.error.details[0].message).toMatch(/inbrott.*narkotika/);
  });

  it.each([
    ['not a cell', 'hexagon', {}, 'cell'],
    ['a cell finer than the map’s', cellOf(SQUARE, 13), {}, 'cell'],
    ['a cell coarser than the map’s', cellOf(SQUARE, 5), {}, 'cell'],
    ['a step of no days', null, { step: '0d' }, 'step'],
    ['a step in months', null, { step: '1m' }, 'step'],
    ['a step over a quarter', null, { step: '92d' }, 'step'],
    ['no bins', null, { bins: 0 }, 'bins'],
    ['too many bins', null, { bins: 105 }, 'bins'],
    ['a reversed period', null, { from: TO, to: PERIOD.from }, 'to'],
    ['a timestamp without offset', null, { from: '2026-03-23T00:00:00' }, 'from'],
    ['an unknown parameter', null, { bbox: '16,59,17,60' }, 'bbox'],
  ])('refuses %s with 400 naming the field', async (_what, cell, params, path) => {
    const res = await get(`/hotspots/cells/${cell ?? cell9}`, { ...PERIOD, ...params } as Record<string, string | number>);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});
