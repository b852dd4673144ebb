import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cellToLatLng, cellToParent, gridDisk, latLngToCell } from 'h3-js';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { pointToStorageCell } from '../../server/h3/cells';

/**
 * Difference in differences on hand-placed reports, the expected numbers worked out by hand.
 * Before: 4 weeks from 3 August 2026; after: the 2 weeks from 31 August.
 */
const BEFORE = { from: '2026-08-03', to: '2026-08-31' };
const AFTER = { from: '2026-08-31', to: '2026-09-14' };
const cell = (lng: number, lat: number) => latLngToCell(lat, lng, 9);
const T = cell(16.5, 59.37);
const R1 = gridDisk(T, 1).find((c) => c !== T)!;
const C1 = cell(16.45, 59.35);
const C2 = cell(16.55, 59.39);
const C3 = cell(16.42, 59.4);
const C4 = cell(16.58, 59.33);
const FEW = cell(16.47, 59.4);

describe.each(BACKENDS)('evaluations (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let analyst: ApiClient;
  let planner: ApiClient;

  /** n reports at the centre of a res-9 cell, spread over days from `day` (UTC noon). */
  async function place(target: string, n: number, firstDay: string) {
    const [lat, lng] = cellToLatLng(target);
    // The centre's res-15 cell has this cell as its res-9 ancestor (the counting rule of DESIGN §4).
    expect(cellToParent(latLngToCell(lat, lng, 15), 9)).toBe(target);
    const rows = Array.from({ length: n }, (_, i) => ({
      area_id: area.id,
      id: crypto.randomUUID(),
      category: 'vald',
      observed_at: new Date(new Date(`${firstDay}T12:00:00Z`).getTime() + (i % 13) * 86_400_000),
      geom: sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`,
      h3: pointToStorageCell(lng, lat),
      source: 'app' as const,
    }));
    if (rows.length) await server.db.insertInto('reports').values(rows).execute();
  }

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_ANALYTICS: '10000' } });
    area = await createTestArea(server.db, 'evaluate');
    analyst = await ApiClient.login(server.url, area.users.analyst.email);
    planner = await ApiClient.login(server.url, area.users.planner.email);
    // Before (from 3 Aug, within 4 weeks) and after (from 31 Aug, within 2 weeks).
    for (const [c, before, after] of [[T, 40, 4], [C1, 40, 20], [C2, 38, 19], [C3, 45, 22], [C4, 10, 5], [R1, 4, 4], [FEW, 2, 1]] as const) {
      await place(c, before, '2026-08-03');
      await place(c, after, '2026-08-31');
    }
  });
  afterAll(() => server?.close());

  it('matches controls on before counts and gives the DiD with its interval, and the ring change', async () => {
    const res = await analyst.post('/api/v1/evaluations', { targetCells: [T], before: BEFORE, after: AFTER, res: 9 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const b = res.body;
    expect(b.before).toEqual({ from: '2026-08-03T00:00:00+02:00', to: '2026-08-31T00:00:00+02:00', weeks: 4 });
    expect(b.after.weeks).toBe(2);
    // Treated: 40 before over 4 weeks = 10 per week; 4 after over 2 weeks = 2.
    expect(b.treated).toMatchObject({ cells: 1, cellIds: [T], countBefore: 40, countAfter: 4, rateBefore: 10, rateAfter: 2 });
    // The 3 nearest before-counts to 40: C1 (40), C2 (38), C3 (45). Before (40 + 38 + 45) / (3 × 4) = 10.25,
    // after (20 + 19 + 22) / (3 × 2) = 10.1667.
    expect(b.control).toMatchObject({ cells: 3, matchedPerCell: 3, countBefore: 123, countAfter: 61, rateBefore: 10.25, rateAfter: 10.1667 });
    // DiD = (2 − 10) − (10.1667 − 10.25) = −7.9167; SE = √(40/16 + 4/4 + 123/144 + 61/36) = √6.0486 = 2.4594;
    // 95 %: −7.9167 ± 1.96 × 2.4594 = [−12.737, −3.0964].
    expect(b.estimate).toBeCloseTo(-7.9167, 4);
    expect(b.standardError).toBeCloseTo(2.4594, 4);
    expect(b.ciLow).toBeCloseTo(-12.737, 3);
    expect(b.ciHigh).toBeCloseTo(-3.0964, 3);
    expect(b.verdictCode).toBe('decrease');
    expect(b.verdict).toMatch(/^Minskning: −7,92 rapporter per cell och vecka/);
    // Ring k = 1: six neighbours, one (R1) with 4 before and 4 after: 4/24 → 4/12 per cell and week.
    // R1's controls: FEW (2 before, 1 after; |2 − 4| = 2) and two empty cells (|0 − 4| = 4 < |10 − 4|); the
    // other five match empty cells. Control rates: 2/(18 × 4) = 1/(18 × 2) = 0.0278 before and after, no
    // change, so the ring's change is +0.1667 — but its 8 reports are too few to tell.
    expect(b.ring).toMatchObject({ k: 1, cells: 6, countBefore: 4, countAfter: 4, rateBefore: 0.1667, rateAfter: 0.3333, verdictCode: 'too-few-reports' });
    expect(b.ring.estimate).toBeCloseTo(0.1667, 4);
    expect(b.ring.control).toMatchObject({ countBefore: 2, countAfter: 1, rateBefore: 0.0278, rateAfter: 0.0278 });
  });

  it('widens the ring with k = 2 and says "too few reports to tell" for a quiet place', async () => {
    const wide = await analyst.post('/api/v1/evaluations', { targetCells: [T], before: BEFORE, after: AFTER, res: 9, ring: 2 });
    expect(wide.body.ring).toMatchObject({ k: 2, cells: 18 });
    const few = await analyst.post('/api/v1/evaluations', { targetCells: [FEW], before: BEFORE, after: AFTER, res: 9 });
    expect(few.body).toMatchObject({ verdictCode: 'too-few-reports', treated: { countBefore: 2, countAfter: 1 } });
    expect(few.body.verdict).toMatch(/För få rapporter för att avgöra/);
  });

  it('evaluates a zone by the cells whose centre lies in it', async () => {
    const [lat, lng] = cellToLatLng(T);
    const d = 0.0005;
    const zone = await planner.post('/api/v1/zones', { name: 'Kring T', geometry: { type: 'Polygon', coordinates: [[[lng - d, lat - d], [lng + d, lat - d], [lng + d, lat + d], [lng - d, lat + d], [lng - d, lat - d]]] } });
    const res = await analyst.post('/api/v1/evaluations', { zoneId: zone.body.id, before: BEFORE, after: AFTER, res: 9 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ zoneName: 'Kring T', treated: { cellIds: [T], countBefore: 40 } });
  });

  it('refuses reversed or overlapping periods (400), unknown zones and cells outside the area (422), naming the field', async () => {
    const base = { targetCells: [T], before: BEFORE, after: AFTER, res: 9 };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, before: { from: '2026-08-31', to: '2026-08-03' } }, 400, 'before.to'],
      [{ ...base, after: { from: '2026-09-14', to: '2026-09-14' } }, 400, 'after.to'],
      [{ ...base, after: { from: '2026-08-24', to: '2026-09-14' } }, 400, 'after.from'],
      [{ ...base, after: { from: '2026-07-01', to: '2026-07-14' } }, 400, 'after.from'],
      [{ ...base, targetCells: undefined, zoneId: crypto.randomUUID() }, 422, 'zoneId'],
      [{ ...base, targetCells: [latLngToCell(57.7, 11.97, 9)] }, 422, 'targetCells.0'],
      [{ ...base, targetCells: [latLngToCell(59.37, 16.5, 10)] }, 400, 'targetCells.0'],
      [{ ...base, zoneId: crypto.randomUUID() }, 400, 'zoneId'],
      [{ ...base, ring: 3 }, 400, 'ring'],
      [{ ...base, categories: ['zz-okand'] }, 422, 'categories'],
      [{ ...base, before: { from: '2026-08-03' } }, 400, 'before.to'],
    ];
    for (const [body, status, path] of cases) {
      const res = await analyst.post('/api/v1/evaluations', body);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.error.details.map((x: { path: string }) => x.path), path).toContain(path);
    }
  });
});
