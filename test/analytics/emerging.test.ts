import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridDisk } from 'h3-js';
import { twoSidedP } from '../../server/stats/normal';
import { mannKendall } from '../../server/stats/mann-kendall';
import { classifyPattern } from '../../server/stats/emerging';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, squareBoundary, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { bhByHand, cellOf, insertReports, qs, studyRegionOf, type Planned } from './fixtures';

const BOUNDARY = squareBoundary(16.5, 59.37);
const RES = 8;

// Ten weekly bins in local time, the last ending Monday 6 April 2026; the bin of 23–30 March is an
// hour short (DST starts on the 29th).
const EDGES = [
  '2026-01-26T00:00:00+01:00', '2026-02-02T00:00:00+01:00', '2026-02-09T00:00:00+01:00', '2026-02-16T00:00:00+01:00',
  '2026-02-23T00:00:00+01:00', '2026-03-02T00:00:00+01:00', '2026-03-09T00:00:00+01:00', '2026-03-16T00:00:00+01:00',
  '2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00', '2026-04-06T00:00:00+02:00',
];
const T = EDGES.length - 1;
const iso = (s: string) => new Date(s).toISOString();

const PERSISTENT = { lng: 16.5, lat: 59.37 };
const NEW = { lng: 16.42, lat: 59.34 };
const INTENSIFYING = { lng: 16.57, lat: 59.4 };
const SCATTER = [
  { lng: 16.45, lat: 59.4 },
  { lng: 16.55, lat: 59.33 },
];

/** Reports per place and bin, placed mid-bin (Wednesday noon). */
function planned(): Planned[] {
  const out: Planned[] = [];
  const put = (p: { lng: number; lat: number }, bin: number, n: number) => {
    const at = new Date(Date.parse(EDGES[bin]!) + 2.5 * 86_400_000).toISOString();
    for (let i = 0; i < n; i++) out.push({ ...p, observedAt: at });
  };
  for (let t = 0; t < T; t++) {
    put(PERSISTENT, t, 40);
    put(INTENSIFYING, t, 40 + 3 * t);
    put(SCATTER[t % 2]!, t, 1);
  }
  put(NEW, T - 1, 150);
  // Outside the cube: before the first edge and at the last.
  out.push({ ...NEW, observedAt: '2026-01-25T23:59:00+01:00' }, { ...NEW, observedAt: EDGES[T]! });
  return out;
}

/** The space-time cube and its Gi* by hand (DESIGN §5), then the pattern of each reported cell. */
function byHand(reports: Planned[], k: number, lag: number) {
  const edges = EDGES.map((e) => Date.parse(e));
  const cube = new Map<string, number[]>();
  for (const r of reports) {
    const t = Date.parse(r.observedAt);
    const bin = edges.findIndex((e, i) => i < T && t >= e && t < edges[i + 1]!);
    if (bin < 0) continue;
    const cell = cellOf(r, RES);
    const row = cube.get(cell) ?? new Array<number>(T).fill(0);
    row[bin]!++;
    cube.set(cell, row);
  }
  const region = studyRegionOf(BOUNDARY.coordinates, RES, cube.keys());
  const inRegion = new Set(region);
  const N = region.length * T;
  const value = (cell: string, t: number) => cube.get(cell)?.[t] ?? 0;
  let sum = 0;
  let squares = 0;
  for (const cell of region) for (let t = 0; t < T; t++) (sum += value(cell, t)), (squares += value(cell, t) ** 2);
  const mean = sum / N;
  const sd = Math.sqrt(squares / N - mean * mean);
  const z = new Map<string, number[]>();
  const allP: number[] = [];
  for (const cell of region) {
    const ring = gridDisk(cell, k).filter((c) => inRegion.has(c));
    const zs: number[] = [];
    for (let t = 0; t < T; t++) {
      let w = 0;
      let s = 0;
      for (let u = Math.max(0, t - lag); u <= t; u++) for (const c of ring) (w += 1), (s += value(c, u));
      const zi = (s - mean * w) / (sd * Math.sqrt((N * w - w * w) / (N - 1)));
      zs.push(zi);
      allP.push(twoSidedP(zi));
    }
    z.set(cell, zs);
  }
  const fdr = bhByHand(allP);
  const pFdr = new Map(region.map((cell, i) => [cell, fdr.slice(i * T, (i + 1) * T)]));
  return { region, cube, mean, sd, z, pFdr };
}

describe.each(BACKENDS)('GET /hotspots/emerging (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let analyst: ApiClient;
  const reports = planned();

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'emerging');
    await insertReports(server.db, area.id, reports);
    analyst = await ApiClient.login(server.url, area.users.analyst.email);
  });
  afterAll(() => server?.close());

  const emerging = (params: Record<string, string | number | undefined>) => analyst.get(`/api/v1/hotspots/emerging?${qs(params)}`);

  async function checkAgainstHand(k: number, lag: number) {
    const res = await emerging({ res: RES, from: EDGES[0], to: EDGES[T], step: '7d', k, lag });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const hand = byHand(reports, k, lag);
    const { meta, features } = res.body;
    expect(meta).toMatchObject({ res: RES, k, lag, step: '7d', T, n: hand.region.length, edges: EDGES.map(iso), from: iso(EDGES[0]!), to: iso(EDGES[T]!) });
    expect(meta.mean).toBeCloseTo(hand.mean, 12);
    expect(meta.sd).toBeCloseTo(hand.sd, 12);
    const reported = hand.region.filter((c) => hand.cube.has(c));
    expect(features.map((f: any) => f.id)).toEqual(reported);
    for (const f of features) {
      const zs = hand.z.get(f.id)!;
      const fdrs = hand.pFdr.get(f.id)!;
      const props = f.properties;
      expect(Object.keys(props).sort()).toEqual(['bins', 'cell', 'coldBins', 'hotBins', 'pattern', 'tau', 'trendP', 'trendZ']);
      expect(props.bins).toHaveLength(T);
      props.bins.forEach((b: any, t: number) => {
        expect(b).toMatchObject({ from: iso(EDGES[t]!), to: iso(EDGES[t + 1]!), count: hand.cube.get(f.id)![t] });
        expect(Math.abs(b.z - zs[t]!), `${f.id} bin ${t}`).toBeLessThan(1e-9);
        expect(Math.abs(b.pFdr - fdrs[t]!)).toBeLessThan(1e-9);
      });
      const hot = zs.map((z, t) => z > 0 && fdrs[t]! <= 0.05);
      const cold = zs.map((z, t) => z < 0 && fdrs[t]! <= 0.05);
      expect(props.hotBins).toBe(hot.filter(Boolean).length);
      expect(props.coldBins).toBe(cold.filter(Boolean).length);
      const trend = mannKendall(zs);
      expect(props.trendZ).toBeCloseTo(trend.z, 12);
      expect(props.trendP).toBeCloseTo(trend.p, 12);
      expect(props.tau).toBeCloseTo(trend.s / ((T * (T - 1)) / 2), 12);
      expect(props.pattern).toBe(classifyPattern(hot, cold, trend));
    }
    return res.body;
  }

  it('matches the space-time cube computed by hand (k = 1, lag = 1), bin by bin', async () => {
    const body = await checkAgainstHand(1, 1);
    const pattern = (p: { lng: number; lat: number }) => body.features.find((f: any) => f.id === cellOf(p, RES)).properties.pattern;
    expect(pattern(NEW)).toBe('new-hot');
    expect(pattern(PERSISTENT)).toBe('persistent-hot');
    expect(pattern(INTENSIFYING)).toBe('intensifying-hot');
  });

  it('matches by hand with k = 2 and lag = 0 and lag = 3', async () => {
    await checkAgainstHand(2, 0);
    await checkAgainstHand(1, 3);
  });

  it('extends the first bin back to a whole step before `from`, so every bin is equally long', async () => {
    const res = await emerging({ res: RES, from: '2026-01-28T12:00:00+01:00', to: EDGES[T], step: '1w' });
    expect(res.status).toBe(200);
    expect(res.body.meta).toMatchObject({ T, from: iso(EDGES[0]!), requestedFrom: '2026-01-28T11:00:00.000Z', edges: EDGES.map(iso) });
  });

  it('steps hours by the clock: 24h bins over the spring DST night are 24 hours, not calendar days', async () => {
    const res = await emerging({ res: RES, from: '2026-03-28T00:00:00+01:00', to: '2026-03-31T00:00:00+02:00', step: '24h' });
    expect(res.status).toBe(200);
    expect(res.body.meta.edges).toEqual(['2026-03-27T22:00:00.000Z', '2026-03-28T22:00:00.000Z', '2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z']);
  });

  it('defaults to 26 bins of 14 days ending at today’s local midnight', async () => {
    const res = await emerging({ res: RES });
    expect(res.status).toBe(200);
    expect(res.body.meta).toMatchObject({ T: 26, step: '14d' });
    const to = new Date(res.body.meta.to);
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(to);
    expect(local).toBe('00:00');
    expect(Date.now() - to.getTime()).toBeLessThan(86_400_000);
  });

  it('accepts exactly 200 bins', async () => {
    const res = await emerging({ res: 7, from: '2026-03-01T00:00:00Z', to: new Date(Date.parse('2026-03-01T00:00:00Z') + 200 * 3_600_000).toISOString(), step: '1h' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.meta.T).toBe(200);
  });

  describe('bad input', () => {
    const paths = (body: any): string[] => body.error.details.map((d: { path: string }) => d.path);
    it('more than 200 bins: 400 naming step', async () => {
      const res = await emerging({ res: RES, from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', step: '1d' });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['step']);
    });
    it('a single bin: 400 naming from', async () => {
      const res = await emerging({ res: RES, from: EDGES[T - 1], to: EDGES[T], step: '14d' });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['from']);
    });
    it.each([
      ['step', '14'],
      ['step', '0d'],
      ['step', '2m'],
      ['step', '-7d'],
      ['lag', '-1'],
      ['lag', '13'],
      ['k', '4'],
      ['res', '5'],
      ['categories', 'okand'],
      ['format', 'json'],
    ])('%s=%s: 400 naming it', async (name, value) => {
      const res = await emerging({ res: RES, from: EDGES[0], to: EDGES[T], step: '7d', [name]: value });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual([name]);
    });
    it('from after to: 400 naming to', async () => {
      const res = await emerging({ res: RES, from: EDGES[T], to: EDGES[0] });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['to']);
    });
    it('a cube beyond the limit: 422 region_too_large with advice', async () => {
      const res = await emerging({ res: 11, from: '2026-01-01T00:00:00Z', to: '2026-01-09T00:00:00Z', step: '1h' });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('region_too_large');
      expect(res.body.error.details[0].message).toMatch(/res \d+ or coarser|longer step/);
    });
  });
});
