import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cellToLatLng } from 'h3-js';
import { project } from '../../server/analytics/export/crs';
import type { Db } from '../../server/db/database';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { insertReports, qs, type Planned } from './fixtures';

const WINDOW = { from: '2026-03-01T00:00:00+01:00', to: '2026-04-06T00:00:00+02:00' };

function planned(): Planned[] {
  const out: Planned[] = [];
  const places = [
    [16.5, 59.37, 8],
    [16.503, 59.3705, 5],
    [16.45, 59.35, 2],
    [16.56, 59.4, 3],
  ] as const;
  for (const [lng, lat, n] of places) {
    for (let i = 0; i < n; i++) out.push({ lng, lat, observedAt: `2026-03-${String(2 + i * 3).padStart(2, '0')}T12:00:00+01:00`, severity: 1 + (i % 3) });
  }
  return out;
}

/** SWEREF 99 TM by PostGIS ST_Transform (PROJ), the reference the exports are checked against. */
async function postgisSweref(db: Db, points: [number, number][]): Promise<[number, number][]> {
  const { rows } = await sql<{ e: number; n: number }>`
    SELECT ST_X(g) AS e, ST_Y(g) AS n FROM (
      SELECT o, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 4326), 3006) AS g
      FROM unnest(${points.map((p) => p[0])}::float8[], ${points.map((p) => p[1])}::float8[]) WITH ORDINALITY AS t(x, y, o)
    ) s ORDER BY o`.execute(db);
  return rows.map((r) => [Number(r.e), Number(r.n)]);
}

const csvLines = (text: string) => text.trimEnd().split('\r\n').map((l) => l.split(','));

describe.each(BACKENDS)('analytics exports (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let analyst: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'exports');
    await insertReports(server.db, area.id, planned());
    analyst = await ApiClient.login(server.url, area.users.analyst.email);
  });
  afterAll(() => server?.close());

  const get = (path: string, params: Record<string, string | number | boolean | undefined>) => analyst.get(`/api/v1${path}?${qs(params)}`);

  it('projects Stockholm (18.0686, 59.3293) to SWEREF 99 TM as PostGIS does: E ≈ 674 572, N ≈ 6 580 743', async () => {
    const [e, n] = (await postgisSweref(server.db, [[18.0686, 59.3293]]))[0]!;
    const [pe, pn] = project([18.0686, 59.3293], 'EPSG:3006');
    expect(Math.abs(pe - e)).toBeLessThan(0.001);
    expect(Math.abs(pn - n)).toBeLessThan(0.001);
    expect(Math.round(pe / 1000)).toBe(675);
    expect(Math.round(pn / 1000)).toBe(6581);
  });

  it('gives Gi* as CSV: a header, one row per listed cell with its centre and the properties', async () => {
    const geo = await get('/hotspots/gi', { res: 9, ...WINDOW });
    const res = await get('/hotspots/gi', { res: 9, ...WINDOW, format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="gi-exports-res9-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = csvLines(res.body);
    expect(header).toEqual(['cell', 'lat', 'lng', 'count', 'weight', 'z', 'p', 'pFdr', 'bin']);
    expect(rows).toHaveLength(geo.body.features.length);
    rows.forEach((row, i) => {
      const f = geo.body.features[i];
      const [lat, lng] = cellToLatLng(f.id);
      expect(row[0]).toBe(f.id);
      expect(Number(row[1])).toBeCloseTo(lat, 7);
      expect(Number(row[2])).toBeCloseTo(lng, 7);
      expect(row.slice(3).map(Number)).toEqual([f.properties.count, f.properties.count, f.properties.z, f.properties.p, f.properties.pFdr, f.properties.bin]);
    });
  });

  it('gives Gi* GeoJSON in SWEREF 99 TM: every vertex as PostGIS transforms it, with the legacy crs member', async () => {
    const wgs = await get('/hotspots/gi', { res: 9, ...WINDOW });
    const res = await get('/hotspots/gi', { res: 9, ...WINDOW, crs: 'EPSG:3006' });
    expect(res.status).toBe(200);
    expect(res.body.crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } });
    expect(res.body.meta.crs).toBe('EPSG:3006');
    expect(wgs.body.crs).toBeUndefined();
    const vertices = wgs.body.features.flatMap((f: any) => f.geometry.coordinates[0]) as [number, number][];
    const expected = await postgisSweref(server.db, vertices);
    const got = res.body.features.flatMap((f: any) => f.geometry.coordinates[0]) as [number, number][];
    expect(got).toHaveLength(expected.length);
    got.forEach(([e, n], i) => {
      expect(Math.abs(e - expected[i]![0])).toBeLessThan(0.001);
      expect(Math.abs(n - expected[i]![1])).toBeLessThan(0.001);
    });
    expect(res.body.features.map((f: any) => f.properties)).toEqual(wgs.body.features.map((f: any) => f.properties));
  });

  it('gives CSV in SWEREF 99 TM with e, n columns at the cell centres', async () => {
    const res = await get('/hotspots', { res: 9, ...WINDOW, format: 'csv', crs: 'EPSG:3006' });
    expect(res.headers.get('content-disposition')).toMatch(/filename="hotspots-exports-res9-/);
    const [header, ...rows] = csvLines(res.body);
    expect(header).toEqual(['cell', 'e', 'n', 'count', 'weight']);
    const expected = await postgisSweref(server.db, rows.map((r) => { const [lat, lng] = cellToLatLng(r[0]!); return [lng, lat]; }));
    rows.forEach((row, i) => {
      expect(Math.abs(Number(row[1]) - expected[i]![0])).toBeLessThan(0.001);
      expect(Math.abs(Number(row[2]) - expected[i]![1])).toBeLessThan(0.001);
    });
    expect(rows.reduce((s, r) => s + Number(r[3]), 0)).toBe(planned().length);
  });

  it('gives /hotspots GeoJSON in SWEREF 99 TM as well', async () => {
    const res = await get('/hotspots', { res: 9, ...WINDOW, crs: 'urn:ogc:def:crs:EPSG::3006' });
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(res.body.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::3006');
    const [e, n] = res.body.features[0].geometry.coordinates[0][0];
    expect(e).toBeGreaterThan(500_000);
    expect(n).toBeGreaterThan(6_500_000);
  });

  it('gives the comparison as CSV', async () => {
    const params = { res: 9, aFrom: '2026-03-01T00:00:00+01:00', aTo: '2026-03-15T00:00:00+01:00', bFrom: '2026-03-15T00:00:00+01:00', bTo: '2026-03-29T00:00:00+01:00' };
    const geo = await get('/hotspots/compare', params);
    const res = await get('/hotspots/compare', { ...params, format: 'csv' });
    const [header, ...rows] = csvLines(res.body);
    expect(header).toEqual(['cell', 'lat', 'lng', 'a', 'b', 'diff', 'rateRatio', 'p', 'pFdr', 'change']);
    expect(rows.map((r) => r[0])).toEqual(geo.body.features.map((f: any) => f.id));
    rows.forEach((row, i) => {
      const p = geo.body.features[i].properties;
      expect(row.slice(3)).toEqual([p.a, p.b, p.diff, p.rateRatio ?? '', p.p, p.pFdr, p.change].map(String));
    });
  });

  it('gives emerging hot spots as CSV, one row per cell and bin', async () => {
    const params = { res: 9, from: '2026-03-02T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', step: '7d' };
    const geo = await get('/hotspots/emerging', params);
    const res = await get('/hotspots/emerging', { ...params, format: 'csv' });
    expect(res.headers.get('content-disposition')).toMatch(/filename="emerging-exports-res9-/);
    const [header, ...rows] = csvLines(res.body);
    expect(header).toEqual(['cell', 'lat', 'lng', 'pattern', 'trendZ', 'trendP', 'tau', 'hotBins', 'coldBins', 'bin', 'binFrom', 'binTo', 'count', 'z', 'pFdr']);
    expect(rows).toHaveLength(geo.body.features.length * 4);
    const first = geo.body.features[0];
    expect(rows.slice(0, 4).map((r) => [r[0], r[3], r[9], r[10], r[12], Number(r[13])])).toEqual(
      first.properties.bins.map((b: any, t: number) => [first.id, first.properties.pattern, String(t), b.from, String(b.count), b.z]),
    );
  });
});
