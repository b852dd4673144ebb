import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { bhByHand, cellOf, insertReports, qs, type Planned } from './fixtures';

/** R's binom.test two-sided p, by its definition: Σ P(j) over every j with P(j) ≤ P(k)·(1 + 1e−7). */
function binomTestByHand(k: number, n: number, share: number): number {
  const pmf: number[] = [];
  for (let j = 0; j <= n; j++) {
    let c = 1;
    for (let i = 1; i <= j; i++) c = (c * (n - j + i)) / i;
    pmf.push(c * share ** j * (1 - share) ** (n - j));
  }
  const limit = pmf[k]! * (1 + 1e-7);
  return Math.min(1, pmf.filter((p) => p <= limit).reduce((a, b) => a + b, 0));
}

// A: four weeks of February; B: the first two weeks of March (Europe/Stockholm, no DST change).
const A = { aFrom: '2026-02-01T00:00:00+01:00', aTo: '2026-03-01T00:00:00+01:00' };
const B = { bFrom: '2026-03-01T00:00:00+01:00', bTo: '2026-03-15T00:00:00+01:00' };
const T_A = 28 * 86_400;
const T_B = 14 * 86_400;

const PLACES = {
  growing: { lng: 16.5, lat: 59.37, a: 2, b: 10 },
  fresh: { lng: 16.45, lat: 59.35, a: 0, b: 8 },
  vanished: { lng: 16.55, lat: 59.39, a: 12, b: 0 },
  steady: { lng: 16.42, lat: 59.4, a: 4, b: 2 },
  quiet: { lng: 16.58, lat: 59.33, a: 1, b: 0 },
};

function planned(): Planned[] {
  const out: Planned[] = [];
  for (const place of Object.values(PLACES)) {
    for (let i = 0; i < place.a; i++) out.push({ ...place, observedAt: `2026-02-${String(2 + i).padStart(2, '0')}T10:00:00+01:00` });
    for (let i = 0; i < place.b; i++) out.push({ ...place, observedAt: `2026-03-${String(1 + i).padStart(2, '0')}T10:00:00+01:00` });
  }
  // Outside both periods, and one in B of another category.
  out.push({ ...PLACES.steady, observedAt: '2026-03-15T00:00:00+01:00' });
  out.push({ ...PLACES.steady, observedAt: '2026-01-31T23:59:59+01:00' });
  out.push({ ...PLACES.fresh, observedAt: '2026-03-03T10:00:00+01:00', category: 'klotter' });
  return out;
}

describe.each(BACKENDS)('GET /hotspots/compare (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let planner: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'compare');
    await insertReports(server.db, area.id, planned());
    planner = await ApiClient.login(server.url, area.users.planner.email);
  });
  afterAll(() => server?.close());

  const compare = (params: Record<string, string | number | undefined>) => planner.get(`/api/v1/hotspots/compare?${qs(params)}`);

  /** The expected rows: every cell with a + b > 0, tested by hand. */
  function byHand(share: number, opts: { categories?: string[] } = {}) {
    const cells = new Map<string, { a: number; b: number }>();
    for (const r of planned()) {
      if (opts.categories && !opts.categories.includes(r.category ?? 'vald')) continue;
      const t = Date.parse(r.observedAt);
      const inA = t >= Date.parse(A.aFrom) && t < Date.parse(A.aTo);
      const inB = t >= Date.parse(B.bFrom) && t < Date.parse(B.bTo);
      if (!inA && !inB) continue;
      const cell = cellOf(r, 9);
      const entry = cells.get(cell) ?? { a: 0, b: 0 };
      if (inA) entry.a++;
      else entry.b++;
      cells.set(cell, entry);
    }
    const rows = [...cells].sort(([x], [y]) => (BigInt(`0x${x}`) < BigInt(`0x${y}`) ? -1 : 1));
    const p = rows.map(([, c]) => binomTestByHand(c.b, c.a + c.b, share));
    const pFdr = bhByHand(p);
    return rows.map(([cell, c], i) => {
      const rising = c.b / T_B > c.a / T_A;
      const change = pFdr[i]! > 0.05 ? 'stable' : c.a === 0 ? 'new' : c.b === 0 ? 'gone' : rising ? 'increased' : 'decreased';
      return { cell, a: c.a, b: c.b, diff: c.b - c.a, rateRatio: c.a === 0 ? null : c.b / T_B / (c.a / T_A), p: p[i]!, pFdr: pFdr[i]!, change };
    });
  }

  function expectRows(features: any[], expected: ReturnType<typeof byHand>) {
    expect(features.map((f) => f.id)).toEqual(expected.map((e) => e.cell));
    features.forEach((f, i) => {
      const e = expected[i]!;
      expect(Object.keys(f.properties).sort()).toEqual(['a', 'b', 'cell', 'change', 'diff', 'p', 'pFdr', 'rateRatio']);
      expect(f.properties).toMatchObject({ cell: e.cell, a: e.a, b: e.b, diff: e.diff, change: e.change });
      if (e.rateRatio === null) expect(f.properties.rateRatio).toBeNull();
      else expect(f.properties.rateRatio).toBeCloseTo(e.rateRatio, 12);
      expect(Math.abs(f.properties.p - e.p), e.cell).toBeLessThan(1e-9);
      expect(Math.abs(f.properties.pFdr - e.pFdr)).toBeLessThan(1e-9);
    });
  }

  it('tests each cell against the time share t_B/(t_A + t_B), exactly as binom.test', async () => {
    const res = await compare({ res: 9, ...A, ...B });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const expected = byHand(T_B / (T_A + T_B));
    expectRows(res.body.features, expected);
    expect(new Set(expected.map((e) => e.change))).toEqual(new Set(['increased', 'new', 'gone', 'stable']));
    const totalA = expected.reduce((s, e) => s + e.a, 0);
    const totalB = expected.reduce((s, e) => s + e.b, 0);
    expect(res.body.meta).toMatchObject({
      res: 9,
      baseline: 'time',
      aFrom: '2026-01-31T23:00:00.000Z',
      aTo: '2026-02-28T23:00:00.000Z',
      bFrom: '2026-02-28T23:00:00.000Z',
      bTo: '2026-03-14T23:00:00.000Z',
      totalA,
      totalB,
      defaultPeriods: false,
    });
    expect(res.body.meta.share).toBeCloseTo(1 / 3, 15);
    expect(res.body.meta.areaRateRatio).toBeCloseTo(totalB / T_B / (totalA / T_A), 12);
  });

  it('tests against the area-wide share ΣB/(ΣA + ΣB) with baseline=area', async () => {
    const time = byHand(1 / 3);
    const share = time.reduce((s, e) => s + e.b, 0) / time.reduce((s, e) => s + e.a + e.b, 0);
    const res = await compare({ res: 9, ...A, ...B, baseline: 'area' });
    expect(res.status).toBe(200);
    expect(res.body.meta.share).toBeCloseTo(share, 15);
    expectRows(res.body.features, byHand(share));
  });

  it('filters by category', async () => {
    const res = await compare({ res: 9, ...A, ...B, categories: 'klotter' });
    expectRows(res.body.features, byHand(1 / 3, { categories: ['klotter'] }));
  });

  it('leaves a gap between the periods uncounted', async () => {
    const res = await compare({ res: 9, aFrom: '2026-02-01T00:00:00+01:00', aTo: '2026-02-03T00:00:00+01:00', ...B });
    expect(res.body.meta.totalA).toBe(Object.values(PLACES).filter((p) => p.a > 0).length);
  });

  it('compares only B with the period of the same length just before it', async () => {
    const res = await compare({ res: 9, ...B });
    expect(res.status).toBe(200);
    expect(res.body.meta).toMatchObject({ aFrom: '2026-02-14T23:00:00.000Z', aTo: '2026-02-28T23:00:00.000Z', tA: T_B, tB: T_B });
  });

  it('defaults to the last 14 whole local days against the 14 before, ending at today’s local midnight', async () => {
    const res = await compare({ res: 9 });
    expect(res.status).toBe(200);
    const { rows } = await sql<{ today: Date; b_from: Date; a_from: Date }>`
      SELECT date_trunc('day', now() AT TIME ZONE 'Europe/Stockholm') AT TIME ZONE 'Europe/Stockholm' AS today,
             (date_trunc('day', now() AT TIME ZONE 'Europe/Stockholm') - interval '14 days') AT TIME ZONE 'Europe/Stockholm' AS b_from,
             (date_trunc('day', now() AT TIME ZONE 'Europe/Stockholm') - interval '28 days') AT TIME ZONE 'Europe/Stockholm' AS a_from`.execute(server.db);
    const iso = (d: Date | string) => new Date(d).toISOString();
    expect(res.body.meta).toMatchObject({
      defaultPeriods: true,
      bTo: iso(rows[0]!.today),
      bFrom: iso(rows[0]!.b_from),
      aTo: iso(rows[0]!.b_from),
      aFrom: iso(rows[0]!.a_from),
    });
  });

  it('measures a period across the spring DST change in real seconds (14 days − 1 hour)', async () => {
    const res = await compare({ res: 9, bFrom: '2026-03-22T00:00:00+01:00', bTo: '2026-04-05T00:00:00+02:00' });
    expect(res.body.meta.tB).toBe(14 * 86_400 - 3600);
  });

  describe('bad input: 400 naming the field', () => {
    const paths = (body: any): string[] => body.error.details.map((d: { path: string }) => d.path);
    it('B starting before A ends (overlapping periods)', async () => {
      const res = await compare({ res: 9, ...A, bFrom: '2026-02-20T00:00:00+01:00', bTo: B.bTo });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['bFrom']);
    });
    it('B before A (reversed order)', async () => {
      const res = await compare({ res: 9, aFrom: B.bFrom, aTo: B.bTo, bFrom: A.aFrom, bTo: A.aTo });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['bFrom']);
    });
    it('a period that ends before it starts', async () => {
      const res = await compare({ res: 9, aFrom: A.aTo, aTo: A.aFrom, ...B });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toContain('aTo');
    });
    it('only some of the four bounds', async () => {
      const res = await compare({ res: 9, aFrom: A.aFrom, bTo: B.bTo });
      expect(res.status).toBe(400);
      expect(paths(res.body).sort()).toEqual(['aTo', 'bFrom']);
    });
    it.each([
      ['baseline', 'region'],
      ['res', '13'],
      ['format', 'shp'],
      ['crs', 'EPSG:3857'],
      ['weighted', 'true'],
      ['aFrom', 'yesterday'],
    ])('%s=%s', async (name, value) => {
      const res = await compare({ res: 9, ...A, ...B, [name]: value });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual([name]);
    });
    it('an unknown category', async () => {
      const res = await compare({ res: 9, ...A, ...B, categories: 'graffiti' });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['categories']);
    });
  });
});
