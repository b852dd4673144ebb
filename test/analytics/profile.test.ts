import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { cellOf, insertReports, qs, type Planned } from './fixtures';

const spot = (i: number) => ({ lng: 16.42 + (i % 5) * 0.035, lat: 59.33 + Math.floor(i / 5) * 0.02 });

// Around both DST changes of 2026 in Sweden: 03-29 01:00 UTC (02→03) and 10-25 01:00 UTC (03→02).
const REPORTS: Planned[] = [
  { ...spot(0), observedAt: '2026-03-29T00:30:00Z', severity: 2 }, // Sunday 01:30 CET
  { ...spot(1), observedAt: '2026-03-29T01:30:00Z' }, // Sunday 03:30 CEST (02:xx does not exist)
  { ...spot(2), observedAt: '2026-03-28T23:30:00Z' }, // Sunday 00:30 CET, Saturday in UTC
  { ...spot(3), observedAt: '2026-03-29T22:30:00Z', severity: 3 }, // Monday 00:30 CEST, Sunday in UTC
  { ...spot(4), observedAt: '2026-10-25T00:30:00Z' }, // Sunday 02:30 CEST
  { ...spot(5), observedAt: '2026-10-25T01:30:00Z' }, // Sunday 02:30 CET (the second one)
  { ...spot(6), observedAt: '2026-10-24T22:30:00Z' }, // Sunday 00:30 CEST, Saturday in UTC
  { ...spot(7), observedAt: '2026-10-25T23:30:00Z', category: 'klotter' }, // Monday 00:30 CET
  { ...spot(0), observedAt: '2026-06-05T19:45:00Z' }, // Friday 21:45 CEST
  { ...spot(0), observedAt: '2026-06-05T20:15:00Z', precision: 'municipality' }, // left out at point precision
];
const YEAR = { from: '2026-01-01T00:00:00+01:00', to: '2027-01-01T00:00:00+01:00' };

/** Weekday (Monday = 0) and hour of an instant in a time zone, by Intl: independent of the server's SQL. */
function localSlot(iso: string, timeZone: string): [number, number] {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.find((p) => p.type === 'weekday')!.value);
  return [weekday, Number(parts.find((p) => p.type === 'hour')!.value)];
}

function matrixByHand(reports: Planned[], timeZone: string, value: (r: Planned) => number = () => 1) {
  const matrix = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const r of reports) {
    const [weekday, hour] = localSlot(r.observedAt, timeZone);
    matrix[weekday]![hour]! += value(r);
  }
  return matrix;
}

const pointOnly = REPORTS.filter((r) => r.precision !== 'municipality');

describe.each(BACKENDS)('GET /profile (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let analyst: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'profile');
    await insertReports(server.db, area.id, REPORTS);
    analyst = await ApiClient.login(server.url, area.users.analyst.email);
  });
  afterAll(() => server?.close());

  const profile = (params: Record<string, string | number | boolean | undefined>) => analyst.get(`/api/v1/profile?${qs(params)}`);

  it('counts by local weekday (Monday = 0) and hour, across both DST changes', async () => {
    const res = await profile(YEAR);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ total: pointOnly.length, timezone: 'Europe/Stockholm', cell: null });
    expect(res.body.matrix).toHaveLength(7);
    for (const row of res.body.matrix) expect(row).toHaveLength(24);
    expect(res.body.matrix).toEqual(matrixByHand(pointOnly, 'Europe/Stockholm'));
  });

  it('puts the spring-forward night and both autumn 02:30s in the right local slots', async () => {
    const { matrix } = (await profile(YEAR)).body;
    expect(matrix[6][1]).toBe(1); // 01:30 CET, 29 March
    expect(matrix[6][2]).toBe(2); // 02:30 CEST and 02:30 CET, 25 October; none on 29 March
    expect(matrix[6][3]).toBe(1); // 03:30 CEST, 29 March
    expect(matrix[6][0]).toBe(2); // Sunday 00:30 local, Saturday in UTC, both changes
    expect(matrix[0][0]).toBe(2); // Monday 00:30 local, Sunday in UTC
    expect(matrix[4][21]).toBe(1);
  });

  it('sums severity with weighted=true', async () => {
    const res = await profile({ ...YEAR, weighted: true });
    expect(res.body.matrix).toEqual(matrixByHand(pointOnly, 'Europe/Stockholm', (r) => r.severity ?? 1));
  });

  it('takes the filters of /hotspots: categories, precision=all, the window', async () => {
    expect((await profile({ ...YEAR, categories: 'klotter' })).body.total).toBe(1);
    expect((await profile({ ...YEAR, precision: 'all' })).body.matrix).toEqual(matrixByHand(REPORTS, 'Europe/Stockholm'));
    const october = await profile({ from: '2026-10-01T00:00:00+02:00', to: '2026-11-01T00:00:00+01:00' });
    expect(october.body.total).toBe(4);
  });

  it.each([7, 10, 15])('counts one cell of resolution %i (its res-15 descendants)', async (res) => {
    const cell = cellOf(spot(0), res);
    const inCell = pointOnly.filter((r) => cellOf(r, res) === cell);
    const response = await profile({ ...YEAR, cell });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ cell, total: inCell.length });
    expect(response.body.matrix).toEqual(matrixByHand(inCell, 'Europe/Stockholm'));
    if (res === 15) expect(inCell.length).toBe(2);
  });

  it('uses the area’s own time zone', async () => {
    await sql`UPDATE areas SET timezone = 'America/Los_Angeles' WHERE id = ${area.id}`.execute(server.db);
    try {
      const res = await profile(YEAR);
      expect(res.body.timezone).toBe('America/Los_Angeles');
      expect(res.body.matrix).toEqual(matrixByHand(pointOnly, 'America/Los_Angeles'));
    } finally {
      await sql`UPDATE areas SET timezone = 'Europe/Stockholm' WHERE id = ${area.id}`.execute(server.db);
    }
  });

  it('downloads CSV: a row per weekday, the hours as columns', async () => {
    const res = await profile({ ...YEAR, format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="profile-profile-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (res.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe(['weekday', 'day', ...Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`), 'total'].join(','));
    const matrix = matrixByHand(pointOnly, 'Europe/Stockholm');
    expect(lines.slice(1)).toEqual(matrix.map((row, d) => [d, ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][d], ...row, row.reduce((a, b) => a + b, 0)].join(',')));
  });

  describe('bad input: 400 naming the field', () => {
    const paths = (body: any): string[] => body.error.details.map((d: { path: string }) => d.path);
    it.each([
      ['cell', 'not-a-cell'],
      ['cell', '8908ca1a2dbfff'],
      ['cell', 'ffffffffffffffff'],
      ['format', 'geojson'],
      ['crs', 'EPSG:3006'],
      ['categories', 'inbrott'],
      ['hours', '25'],
      ['to', '2026-13-01T00:00:00Z'],
    ])('%s=%s', async (name, value) => {
      const res = await profile({ ...YEAR, [name]: value });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual([name]);
    });
  });
});
