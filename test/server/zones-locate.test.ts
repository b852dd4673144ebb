import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { pointToPolygonDistance } from '@turf/turf';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { auditConn } from '../../server/audit/audit.table';

/** A square of about 2·half metres on a side around (lng, lat). */
function square(lng: number, lat: number, halfMetres: number) {
  const dLat = halfMetres / 111_320;
  const dLng = halfMetres / (111_320 * Math.cos((lat * Math.PI) / 180));
  return {
    type: 'Polygon' as const,
    coordinates: [[[lng - dLng, lat - dLat], [lng + dLng, lat - dLat], [lng + dLng, lat + dLat], [lng - dLng, lat + dLat], [lng - dLng, lat - dLat]]],
  };
}

/** Metres east of a point, at its latitude. */
const east = (lng: number, lat: number, metres: number) => lng + metres / (111_320 * Math.cos((lat * Math.PI) / 180));

// Zones in the test area (16.4–16.6 E × 59.345–59.395 N): a district with a square inside it,
// and a small place on its own.
const CENTRUM = square(16.5, 59.37, 600);
const TORGET = square(16.5, 59.37, 250);
const HAMNEN = square(16.45, 59.36, 100);

describe.each(BACKENDS)('zones: naming cells after places (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let planner: ApiClient;
  let reporter: ApiClient;
  const ids: Record<string, string> = {};

  const locate = (client: ApiClient, body: unknown) => client.post('/api/v1/zones/locate', body);

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'locate');
    const other = await createTestArea(server.db, 'locate-other');
    planner = await ApiClient.login(server.url, area.users.planner.email);
    reporter = await ApiClient.login(server.url, area.users.reporter.email);
    for (const [name, geometry] of [['Centrum', CENTRUM], ['Torget', TORGET], ['Hamnen', HAMNEN]] as const) {
      const res = await planner.post('/api/v1/zones', { name, geometry });
      if (res.status !== 201) throw new Error(`zone ${name}: ${res.status} ${JSON.stringify(res.body)}`);
      ids[name] = res.body.id;
    }
    // Another area's zone right next to Hamnen must never name this area's cells.
    const otherPlanner = await ApiClient.login(server.url, other.users.planner.email);
    await otherPlanner.post('/api/v1/zones', { name: 'Grannens', geometry: square(east(16.45, 59.36, 400), 59.36, 150) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a cell whose centre lies in a zone is named after it, inside, at 0 m', async () => {
    const cell = latLngToCell(59.36, 16.45, 10);
    const res = await locate(reporter, { cells: [cell] });
    expect(res.status).toBe(200);
    expect(res.body.cells).toEqual([{ cell, zoneId: ids.Hamnen, name: 'Hamnen', inside: true, distanceMeters: 0 }]);
  });

  it('where zones nest, the smallest one holding the centre names the cell', async () => {
    const inTorget = latLngToCell(59.37, 16.5, 10);
    const [lat, lng] = [59.37, east(16.5, 59.37, 400)];
    const inCentrumOnly = latLngToCell(lat, lng, 10);
    const res = await locate(planner, { cells: [inTorget, inCentrumOnly] });
    expect(res.body.cells.map((c: any) => [c.name, c.inside])).toEqual([
      ['Torget', true],
      ['Centrum', true],
    ]);
  });

  it('a cell outside every zone is named after the nearest one within 2 km, with the distance to its edge', async () => {
    const cell = latLngToCell(59.36, east(16.45, 59.36, 700), 10);
    const [lat, lng] = cellToLatLng(cell);
    const expectedMetres = pointToPolygonDistance([lng, lat], HAMNEN, { units: 'meters' });
    const res = await locate(planner, { cells: [cell] });
    const [answer] = res.body.cells;
    expect(answer).toMatchObject({ cell, zoneId: ids.Hamnen, name: 'Hamnen', inside: false });
    // PostGIS measures on the spheroid, turf on a sphere: they agree to within a percent.
    expect(Math.abs(answer.distanceMeters - expectedMetres)).toBeLessThan(expectedMetres * 0.01 + 1);
  });

  it('a cell more than 2 km from every zone gets no name', async () => {
    const cell = latLngToCell(59.39, 16.59, 9);
    const res = await locate(planner, { cells: [cell] });
    expect(res.body.cells).toEqual([{ cell, zoneId: null, name: null, inside: false, distanceMeters: null }]);
  });

  it('maxDistanceMeters widens or narrows the search', async () => {
    const cell = latLngToCell(59.36, east(16.45, 59.36, 700), 10);
    const narrow = await locate(planner, { cells: [cell], maxDistanceMeters: 100 });
    expect(narrow.body.cells[0].zoneId).toBeNull();
    expect(narrow.body.meta.maxDistanceMeters).toBe(100);
    const far = latLngToCell(59.39, 16.59, 9);
    const wide = await locate(planner, { cells: [far], maxDistanceMeters: 20_000 });
    expect(wide.body.cells[0]).toMatchObject({ name: 'Centrum', inside: false });
  });

  it('answers in the order asked, repeats included, at any resolution', async () => {
    const hamnen = latLngToCell(59.36, 16.45, 12);
    const torget = latLngToCell(59.37, 16.5, 11);
    const res = await locate(planner, { cells: [torget, hamnen, torget] });
    expect(res.body.cells.map((c: any) => [c.cell, c.name])).toEqual([
      [torget, 'Torget'],
      [hamnen, 'Hamnen'],
      [torget, 'Torget'],
    ]);
  });

  it('names a thousand cells in one request, each as a one-by-one lookup would', async () => {
    const disk = gridDisk(latLngToCell(59.365, 16.475, 9), 18).slice(0, 1000);
    expect(disk).toHaveLength(1000);
    const all = await locate(planner, { cells: disk });
    expect(all.status).toBe(200);
    expect(all.body.cells).toHaveLength(1000);
    const sample = [0, 1, 250, 500, 999].map((i) => disk[i]!);
    for (const cell of sample) {
      const one = await locate(planner, { cells: [cell] });
      expect(all.body.cells[disk.indexOf(cell)]).toEqual(one.body.cells[0]);
    }
    const named = new Set(all.body.cells.map((c: any) => c.name));
    expect(named).toEqual(new Set(['Centrum', 'Torget', 'Hamnen', null]));
  });

  it('never names a cell after another area’s zone', async () => {
    const nextToGrannens = latLngToCell(59.36, east(16.45, 59.36, 400), 10);
    const res = await locate(planner, { cells: [nextToGrannens] });
    expect(res.body.cells[0].name).toBe('Hamnen');
    expect(res.body.cells[0].inside).toBe(false);
  });

  it.each([
    ['no cells', { cells: [] }, 'cells'],
    ['1,001 cells', { cells: Array(1001).fill(latLngToCell(59.37, 16.5, 9)) }, 'cells'],
    ['a cell that is no H3 index', { cells: ['8908ca1a2dbfffz'] }, 'cells.0'],
    ['a number for a cell', { cells: [123] }, 'cells.0'],
    ['a negative distance', { cells: [latLngToCell(59.37, 16.5, 9)], maxDistanceMeters: -1 }, 'maxDistanceMeters'],
    ['a distance past 20 km', { cells: [latLngToCell(59.37, 16.5, 9)], maxDistanceMeters: 20_001 }, 'maxDistanceMeters'],
    ['an unknown field', { cells: [latLngToCell(59.37, 16.5, 9)], zone: 'x' }, 'zone'],
  ])('%s is 400 naming the field', async (_what, body, path) => {
    const res = await locate(planner, body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
  });

  it('a lookup is a read: it leaves no audit entry', async () => {
    const before = await auditConn(server.db).selectFrom('audit_log').select('id').where('area_id', '=', area.id).where('path', '=', '/api/v1/zones/locate').execute();
    await locate(planner, { cells: [latLngToCell(59.37, 16.5, 9)] });
    const after = await auditConn(server.db).selectFrom('audit_log').select('id').where('area_id', '=', area.id).where('path', '=', '/api/v1/zones/locate').execute();
    expect(before).toEqual([]);
    expect(after).toEqual([]);
  });
});
