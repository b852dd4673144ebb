import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { polygonToCells } from 'h3-js';
import { twoSidedP } from '../../server/stats/normal';
import { createArea, createUser } from '../../server/areas/areas.service';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, PASSWORD, squareBoundary, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { bhByHand, binByHand, cellOf, giStarByHand, insertReports, qs, studyRegionOf, type Planned } from './fixtures';

const CENTRE: [number, number] = [16.5, 59.37];
const BOUNDARY = squareBoundary(...CENTRE);
const WINDOW = { from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' };

/** A cluster that Gi* must find, a few scattered reports, and one outside the window. */
function planned(): Planned[] {
  const reports: Planned[] = [];
  const at = (lng: number, lat: number, n: number, extra: Partial<Planned> = {}) => {
    for (let i = 0; i < n; i++) reports.push({ lng, lat, observedAt: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00+01:00`, ...extra });
  };
  at(16.5, 59.37, 9, { severity: 3 });
  at(16.503, 59.3705, 7);
  at(16.497, 59.3695, 6, { category: 'narkotika' });
  at(16.45, 59.35, 2);
  at(16.56, 59.4, 1, { severity: 2 });
  at(16.43, 59.41, 1);
  reports.push({ lng: 16.5, lat: 59.37, observedAt: '2026-04-01T00:00:00+02:00' }); // at `to`: not counted
  return reports;
}

/** A point just inside the west edge whose cell's centre lies outside the boundary: the region gains its cell. */
function edgePoint(res: number): { lng: number; lat: number } {
  const inside = new Set(polygonToCells(BOUNDARY.coordinates, res, true));
  for (let lat = 59.33; lat < 59.41; lat += 0.0005) {
    const p = { lng: CENTRE[0] - 0.1 + 0.0002, lat };
    if (!inside.has(cellOf(p, res))) return p;
  }
  throw new Error('no edge point found');
}

describe.each(BACKENDS)('GET /hotspots/gi (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let analyst: ApiClient;
  const reports = planned();

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'gi');
    reports.push({ ...edgePoint(8), observedAt: '2026-03-15T08:00:00+01:00' });
    await insertReports(server.db, area.id, reports);
    analyst = await ApiClient.login(server.url, area.users.analyst.email);
  });
  afterAll(() => server?.close());

  const gi = (params: Record<string, string | number | boolean | undefined>, client = analyst) => client.get(`/api/v1/hotspots/gi?${qs(params)}`);

  /** Every listed cell and the meta against Gi* computed by hand over the region built by hand. */
  async function checkAgainstHand(res: number, k: number, opts: { weighted?: boolean; categories?: string } = {}) {
    const counted = reports.filter(
      (r) => r.observedAt < '2026-04' && (!opts.categories || opts.categories.split(',').includes(r.category ?? 'vald')),
    );
    const x = new Map<string, number>();
    const counts = new Map<string, number>();
    for (const r of counted) {
      const cell = cellOf(r, res);
      x.set(cell, (x.get(cell) ?? 0) + (opts.weighted ? (r.severity ?? 1) : 1));
      counts.set(cell, (counts.get(cell) ?? 0) + 1);
    }
    const region = studyRegionOf(BOUNDARY.coordinates, res, x.keys());
    const hand = giStarByHand(region, x, k);
    const p = region.map((c) => twoSidedP(hand.byCell.get(c)!.z));
    const pFdr = bhByHand(p);

    const response = await gi({ res, k, ...WINDOW, weighted: opts.weighted, categories: opts.categories });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const { meta, features } = response.body;
    expect(meta.n).toBe(hand.n);
    expect(meta.mean).toBeCloseTo(hand.mean, 9);
    expect(meta.sd).toBeCloseTo(hand.sd, 9);
    expect(meta).toMatchObject({ res, k, total: counted.length, weighted: opts.weighted ?? false });

    const listed = region.filter((c) => hand.byCell.get(c)!.sum > 0);
    expect(features.map((f: any) => f.id)).toEqual(listed);
    for (const feature of features) {
      const i = region.indexOf(feature.id);
      const expected = hand.byCell.get(feature.id)!;
      const props = feature.properties;
      expect(props.cell).toBe(feature.id);
      expect(props.count).toBe(counts.get(feature.id) ?? 0);
      expect(Math.abs(props.z - expected.z), feature.id).toBeLessThan(1e-9);
      expect(Math.abs(props.p - p[i]!)).toBeLessThan(1e-9);
      expect(Math.abs(props.pFdr - pFdr[i]!)).toBeLessThan(1e-9);
      expect(props.bin).toBe(binByHand(expected.z, pFdr[i]!));
      expect(feature.geometry.type).toBe('Polygon');
    }
    // Each unlisted cell's z is the one meta gives for its number of neighbours.
    for (const cell of region.filter((c) => hand.byCell.get(c)!.sum === 0)) {
      const { w, z } = hand.byCell.get(cell)!;
      expect(Math.abs(meta.zeroNeighbourhoodZ[String(w)] - z)).toBeLessThan(1e-9);
    }
    return response.body;
  }

  it('matches Gi* computed by hand at res 8, k = 1, for every listed cell and the meta', async () => {
    const body = await checkAgainstHand(8, 1);
    expect(Object.keys(body.features[0].properties).sort()).toEqual(['bin', 'cell', 'count', 'p', 'pFdr', 'z']);
    expect(body.features.some((f: any) => f.properties.bin === 3)).toBe(true);
  });

  it('matches by hand at res 9 with k = 2', async () => {
    await checkAgainstHand(9, 2);
  });

  it('matches by hand with weighted=true (x = Σ severity), adding the weight', async () => {
    const body = await checkAgainstHand(8, 1, { weighted: true });
    expect(body.features.every((f: any) => typeof f.properties.weight === 'number')).toBe(true);
  });

  it('matches by hand with a category filter', async () => {
    await checkAgainstHand(9, 1, { categories: 'vald' });
  });

  it('adds to the region the cell of a report whose cell centre lies outside the boundary', async () => {
    const res = await gi({ res: 8, ...WINDOW });
    const boundaryCells = polygonToCells(BOUNDARY.coordinates, 8, true);
    const edgeCell = cellOf(reports[reports.length - 1]!, 8);
    expect(boundaryCells).not.toContain(edgeCell);
    expect(res.body.meta.boundaryCells).toBe(boundaryCells.length);
    expect(res.body.features.map((f: any) => f.id)).toContain(edgeCell);
  });

  it('lists nothing and gives the zero z by Σw when no report is counted', async () => {
    const res = await gi({ res: 8, from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body.features).toEqual([]);
    expect(res.body.meta).toMatchObject({ n: polygonToCells(BOUNDARY.coordinates, 8, true).length, mean: 0, sd: 0, total: 0 });
    for (const z of Object.values(res.body.meta.zeroNeighbourhoodZ)) expect(z).toBe(0);
  });

  it('rebuilds the region when the area boundary changes', async () => {
    const before = (await gi({ res: 8, ...WINDOW })).body.meta;
    const larger = squareBoundary(CENTRE[0], CENTRE[1], 0.12);
    await sql`UPDATE areas SET boundary = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(larger)}), 4326)) WHERE id = ${area.id}`.execute(server.db);
    try {
      const after = (await gi({ res: 8, ...WINDOW })).body.meta;
      expect(after.boundaryCells).toBe(polygonToCells(larger.coordinates, 8, true).length);
      expect(after.boundaryCells).toBeGreaterThan(before.boundaryCells);
    } finally {
      await sql`UPDATE areas SET boundary = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(BOUNDARY)}), 4326)) WHERE id = ${area.id}`.execute(server.db);
    }
    expect((await gi({ res: 8, ...WINDOW })).body.meta.boundaryCells).toBe(before.boundaryCells);
  });

  it('answers 422 region_too_large with a coarser resolution as advice, before counting', async () => {
    const res = await gi({ res: 12, ...WINDOW });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('region_too_large');
    expect(res.body.error.details[0].path).toBe('res');
    expect(res.body.error.message).toMatch(/res 11 or lower/);
  });

  it('answers 422 region_too_small when the region has fewer than 3 cells', async () => {
    const tiny = { type: 'Polygon', coordinates: [[[16.5, 59.37], [16.501, 59.37], [16.501, 59.3705], [16.5, 59.3705], [16.5, 59.37]]] };
    await createArea(server.db, { code: 'gi-tiny', name: 'Liten', boundary: tiny });
    await createUser(server.db, { email: 'analyst@gi-tiny.test', name: 'A', role: 'analyst', areaCode: 'gi-tiny', password: PASSWORD });
    const client = await ApiClient.login(server.url, 'analyst@gi-tiny.test');
    const res = await gi({ res: 7, ...WINDOW }, client);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('region_too_small');
    expect(res.body.error.details[0].path).toBe('res');
  });

  describe('bad input: 400 naming the field', () => {
    const paths = (body: any): string[] => body.error.details.map((d: { path: string }) => d.path);
    it.each([
      ['res', '5'],
      ['res', '13'],
      ['res', 'nine'],
      ['k', '0'],
      ['k', '4'],
      ['k', 'two'],
      ['weighted', 'yes'],
      ['format', 'xml'],
      ['crs', 'EPSG:9999'],
      ['from', '2026-03-01'],
    ])('%s=%s', async (name, value) => {
      const res = await gi({ res: 8, ...WINDOW, [name]: value });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(paths(res.body)).toEqual([name]);
    });

    it('an unknown category, listing the area’s codes', async () => {
      const res = await gi({ res: 8, ...WINDOW, categories: 'vald,inbrott' });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['categories']);
      expect(res.body.error.details[0].message).toMatch(/inbrott/);
      expect(res.body.error.details[0].message).toMatch(/narkotika/);
    });

    it('from after to', async () => {
      const res = await gi({ res: 8, from: WINDOW.to, to: WINDOW.from });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['to']);
    });

    it('an unknown parameter', async () => {
      const res = await gi({ res: 8, ...WINDOW, radius: 2 });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['radius']);
    });
  });
});

