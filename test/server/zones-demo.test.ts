import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS } from '../support/backends';
import { ApiClient } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { DEMO_ZONES } from '../../scripts/demo/zones';

const PLANNER = 'planerare@demo.tryggkarta.se';
const DEMO_PASSWORD = 'demo-losenord-2026';

/** The demo seed draws the area's named places, and the demo's hotspots are named after them. */
describe.each(BACKENDS)('demo zones in the seeded demo area (%s)', (backend) => {
  let server: TestServer;
  let planner: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend, seedDemo: true, demoReportCount: 4000 });
    planner = await ApiClient.login(server.url, PLANNER, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists every demo zone, stored as drawn (nothing needed repair)', async () => {
    const res = await planner.get('/api/v1/zones');
    expect(res.status).toBe(200);
    expect(res.body.features.map((f: any) => f.properties.name).sort()).toEqual(DEMO_ZONES.map((z) => z.name).sort());
    const repaired = await sql<{ n: number }>`SELECT count(*)::int AS n FROM zones WHERE NOT ST_IsValid(geom)`.execute(server.db);
    expect(repaired.rows[0]!.n).toBe(0);
  });

  it('names the ten busiest res-9 cells of the last year after a zone, most of them inside one', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 365 * 86_400_000);
    const hot = await planner.get(`/api/v1/hotspots?res=9&from=${from.toISOString()}&to=${to.toISOString()}`);
    const top = [...hot.body.features].sort((a: any, b: any) => b.properties.count - a.properties.count).slice(0, 10).map((f: any) => f.properties.cell);
    const located = await planner.post('/api/v1/zones/locate', { cells: top });
    expect(located.status).toBe(200);
    expect(located.body.cells.every((c: any) => c.name !== null)).toBe(true);
    expect(located.body.cells.filter((c: any) => c.inside).length).toBeGreaterThanOrEqual(6);
  });
});
