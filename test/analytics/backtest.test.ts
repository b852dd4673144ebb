import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, squareBoundary, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { cellOf, giStarByHand, insertReports, qs, studyRegionOf, type Planned } from './fixtures';

const BOUNDARY = squareBoundary(16.5, 59.37);
const TRAIN = { trainFrom: '2026-01-01T00:00:00+01:00', trainTo: '2026-02-01T00:00:00+01:00' };
const TEST = { testFrom: '2026-02-01T00:00:00+01:00', testTo: '2026-03-01T00:00:00+01:00' };

/** Places with [train, test] counts: some keep their level, some move, ties on purpose. */
const PLACES: [lng: number, lat: number, train: number, test: number][] = [
  [16.5, 59.37, 12, 9],
  [16.503, 59.371, 6, 7],
  [16.45, 59.35, 6, 1],
  [16.55, 59.39, 6, 0],
  [16.42, 59.41, 3, 5],
  [16.58, 59.33, 1, 4],
  [16.47, 59.4, 0, 6],
  [16.52, 59.34, 2, 2],
];

function planned(): Planned[] {
  const out: Planned[] = [];
  for (const [lng, lat, train, test] of PLACES) {
    for (let i = 0; i < train; i++) out.push({ lng, lat, observedAt: `2026-01-${String(2 + i).padStart(2, '0')}T10:00:00+01:00` });
    for (let i = 0; i < test; i++) out.push({ lng, lat, observedAt: `2026-02-${String(2 + i).padStart(2, '0')}T10:00:00+01:00` });
  }
  return out;
}

/** DESIGN §5 "Accuracy", by hand: rank by score desc, ties by ascending cell index, take ⌊coverage·n⌋ (≥ 1). */
function byHand(res: number, coverage: number, method: 'count' | 'gi', k = 1) {
  const train = new Map<string, number>();
  const test = new Map<string, number>();
  for (const [lng, lat, a, b] of PLACES) {
    const cell = cellOf({ lng, lat }, res);
    train.set(cell, (train.get(cell) ?? 0) + a);
    test.set(cell, (test.get(cell) ?? 0) + b);
  }
  const region = studyRegionOf(BOUNDARY.coordinates, res, [...train.keys()]);
  const gi = method === 'gi' ? giStarByHand(region, train, k) : undefined;
  const score = (c: string) => (gi ? gi.byCell.get(c)!.z : (train.get(c) ?? 0));
  const ranked = region.map((cell, i) => ({ cell, i, s: score(cell) })).sort((x, y) => y.s - x.s || x.i - y.i);
  const takenCount = Math.max(1, Math.floor(coverage * region.length + 1e-9));
  const taken = ranked.slice(0, takenCount).map((r) => r.cell);
  const sum = (m: Map<string, number>, cells: string[]) => cells.reduce((s, c) => s + (m.get(c) ?? 0), 0);
  const allTrain = sum(train, region);
  const allTest = sum(test, region);
  const hitRate = sum(test, taken) / allTest;
  const areaShare = takenCount / region.length;
  return { n: region.length, taken, hitRate, areaShare, pai: hitRate / areaShare, rri: sum(test, taken) / sum(train, taken) / (allTest / allTrain), allTrain, allTest };
}

describe.each(BACKENDS)('GET /hotspots/backtest (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let analyst: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'backtest');
    await insertReports(server.db, area.id, planned());
    analyst = await ApiClient.login(server.url, area.users.analyst.email);
  });
  afterAll(() => server?.close());

  const backtest = (params: Record<string, string | number | undefined>) => analyst.get(`/api/v1/hotspots/backtest?${qs(params)}`);

  it.each([
    [9, 0.01, 'count'],
    [9, 0.05, 'count'],
    [8, 0.03, 'count'],
    [8, 0.05, 'gi'],
    [9, 0.01, 'gi'],
  ] as const)('res %i, coverage %s, %s: the ranking and shares by hand', async (res, coverage, method) => {
    const hand = byHand(res, coverage, method);
    const response = await backtest({ res, coverage, method, ...TRAIN, ...TEST });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = response.body;
    expect(body.cells).toEqual(hand.taken);
    expect(body).toMatchObject({ n: hand.n, taken: hand.taken.length, trainTotal: hand.allTrain, testTotal: hand.allTest, method, coverage, res });
    expect(body.hitRate).toBeCloseTo(hand.hitRate, 12);
    expect(body.areaShare).toBeCloseTo(hand.areaShare, 12);
    expect(body.pai).toBeCloseTo(hand.pai, 9);
    expect(body.rri).toBeCloseTo(hand.rri, 9);
  });

  it('breaks ties in the training count by ascending cell index', async () => {
    // Three places have 6 training reports; coverage for the top cell and two of them: the lower indices win.
    const coverage = 3.5 / byHand(9, 1, 'count').n;
    const hand = byHand(9, coverage, 'count');
    const res = await backtest({ res: 9, coverage, ...TRAIN, ...TEST });
    expect(res.body.taken).toBe(3);
    expect(res.body.cells).toEqual(hand.taken);
    const sixes = PLACES.filter((p) => p[2] === 6).map(([lng, lat]) => cellOf({ lng, lat }, 9)).sort((a, b) => (BigInt(`0x${a}`) < BigInt(`0x${b}`) ? -1 : 1));
    expect(res.body.cells.slice(1)).toEqual(sixes.slice(0, res.body.cells.length - 1));
  });

  it('takes at least one cell however small the coverage', async () => {
    const res = await backtest({ res: 9, coverage: 1e-9, ...TRAIN, ...TEST });
    expect(res.body.taken).toBe(1);
    expect(res.body.cells).toEqual([cellOf({ lng: 16.5, lat: 59.37 }, 9)]);
  });

  it('answers null for a figure whose denominator is 0', async () => {
    const res = await backtest({ res: 9, ...TRAIN, testFrom: '2030-01-01T00:00:00Z', testTo: '2030-02-01T00:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ hitRate: null, pai: null, rri: null, testTotal: 0 });
  });

  it('exports the taken cells as GeoJSON and CSV with the cumulative curve', async () => {
    const hand = byHand(9, 0.05, 'count');
    const geo = await backtest({ res: 9, ...TRAIN, ...TEST, format: 'geojson' });
    expect(geo.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(geo.body.features.map((f: any) => f.id)).toEqual(hand.taken);
    expect(geo.body.meta.pai).toBeCloseTo(hand.pai, 9);
    const last = geo.body.features.at(-1).properties;
    expect(last.rank).toBe(hand.taken.length);
    expect(last.pai).toBeCloseTo(hand.pai, 9);
    const csv = await backtest({ res: 9, ...TRAIN, ...TEST, format: 'csv' });
    const lines = (csv.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe('cell,lat,lng,rank,train,test,score,hitRate,areaShare,pai');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(hand.taken);
  });

  describe('bad input: 400 naming the field', () => {
    const paths = (body: any): string[] => body.error.details.map((d: { path: string }) => d.path);
    it.each([
      ['method', 'kde'],
      ['coverage', '0'],
      ['coverage', '1.5'],
      ['coverage', '5%'],
      ['coverage', '-0.1'],
      ['res', '4'],
      ['k', '9'],
      ['format', 'xlsx'],
      ['crs', 'EPSG:3021'],
      ['categories', 'rån'],
    ])('%s=%s', async (name, value) => {
      const res = await backtest({ res: 9, ...TRAIN, ...TEST, [name]: value });
      expect(res.status).toBe(400);
      expect(paths(res.body)[0]?.split('.')[0]).toBe(name);
    });
    it('a test period that starts before training ends', async () => {
      const res = await backtest({ res: 9, ...TRAIN, testFrom: '2026-01-20T00:00:00+01:00', testTo: TEST.testTo });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['testFrom']);
    });
    it('a reversed training period', async () => {
      const res = await backtest({ res: 9, trainFrom: TRAIN.trainTo, trainTo: TRAIN.trainFrom, ...TEST });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['trainTo']);
    });
  });
});
