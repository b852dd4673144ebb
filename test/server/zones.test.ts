import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { area as turfArea, booleanClockwise } from '@turf/turf';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { withArea } from '../../server/db/scope';
import { auditConn } from '../../server/audit/audit.table';

/** A square of about 2·half metres on a side around (lng, lat), counter-clockwise, closed. */
function square(lng: number, lat: number, halfMetres: number) {
  const dLat = halfMetres / 111_320;
  const dLng = halfMetres / (111_320 * Math.cos((lat * Math.PI) / 180));
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lng - dLng, lat - dLat],
        [lng + dLng, lat - dLat],
        [lng + dLng, lat + dLat],
        [lng - dLng, lat + dLat],
        [lng - dLng, lat - dLat],
      ],
    ],
  };
}

// The test area is 16.4–16.6 E × 59.345–59.395 N (test/support/fixtures.ts).
const CENTRE: [number, number] = [16.5, 59.37];

describe.each(BACKENDS)('zones (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let other: TestArea;
  let planner: ApiClient;
  let admin: ApiClient;
  let analyst: ApiClient;
  let reporter: ApiClient;
  let otherPlanner: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'zones');
    other = await createTestArea(server.db, 'zones-other');
    planner = await ApiClient.login(server.url, area.users.planner.email);
    admin = await ApiClient.login(server.url, area.users.admin.email);
    analyst = await ApiClient.login(server.url, area.users.analyst.email);
    reporter = await ApiClient.login(server.url, area.users.reporter.email);
    otherPlanner = await ApiClient.login(server.url, other.users.planner.email);
  });
  afterAll(async () => {
    await server?.close();
  });

  const create = (client: ApiClient, name: string, geometry: unknown) => client.post('/api/v1/zones', { name, geometry });

  describe('drawing and naming', () => {
    it('a planner creates a zone: 201 with its id, name, geometry and area in km²', async () => {
      const drawn = square(16.45, 59.36, 200);
      const res = await create(planner, 'Hamnen', drawn);
      expect(res.status).toBe(201);
      expect(res.headers.get('location')).toBe(`/api/v1/zones/${res.body.id}`);
      expect(res.body).toMatchObject({ name: 'Hamnen', geometry: { type: 'Polygon' } });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      // 400 × 400 m = 0.16 km², measured on the spheroid; turf's sphere agrees to well under 1 %.
      expect(res.body.areaKm2).toBeCloseTo(turfArea(drawn) / 1e6, 2);
      expect(res.body.geometry.coordinates[0][0][0]).toBeCloseTo(drawn.coordinates[0]![0]![0]!, 6);
      expect(res.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it('GET /zones answers a FeatureCollection of the area’s zones with id, name and areaKm2', async () => {
      await create(planner, 'Östercentrum', square(16.55, 59.37, 150));
      const res = await reporter.get('/api/v1/zones');
      expect(res.status).toBe(200);
      expect(res.body.type).toBe('FeatureCollection');
      const names = res.body.features.map((f: any) => f.properties.name);
      expect(names).toEqual(expect.arrayContaining(['Hamnen', 'Östercentrum']));
      const hamnen = res.body.features.find((f: any) => f.properties.name === 'Hamnen');
      expect(hamnen).toMatchObject({ type: 'Feature', geometry: { type: 'Polygon' } });
      expect(hamnen.id).toBe(hamnen.properties.id);
      expect(hamnen.properties.areaKm2).toBeGreaterThan(0.1);
      expect(res.body.meta.count).toBe(res.body.features.length);
    });

    it('lists zones in Swedish alphabetical order (Å, Ä, Ö after Z)', async () => {
      await create(planner, 'Årby centrum', square(16.42, 59.35, 100));
      await create(planner, 'Zebrastigen', square(16.43, 59.35, 100));
      const names: string[] = (await planner.get('/api/v1/zones')).body.features.map((f: any) => f.properties.name);
      expect(names.indexOf('Zebrastigen')).toBeLessThan(names.indexOf('Årby centrum'));
      expect(names.indexOf('Årby centrum')).toBeLessThan(names.indexOf('Östercentrum'));
      expect(names.indexOf('Hamnen')).toBeLessThan(names.indexOf('Zebrastigen'));
    });

    it('GET /zones/:id answers the zone; an unknown id is 404', async () => {
      const created = await create(planner, 'Stationen', square(16.5, 59.36, 120));
      const res = await analyst.get(`/api/v1/zones/${created.body.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(created.body);
      expect((await analyst.get(`/api/v1/zones/${crypto.randomUUID()}`)).status).toBe(404);
    });

    it('stores outer rings counter-clockwise (RFC 7946) even when drawn clockwise', async () => {
      const ccw = square(16.47, 59.38, 100);
      const clockwise = { type: 'Polygon', coordinates: [[...ccw.coordinates[0]!].reverse()] };
      expect(booleanClockwise(clockwise.coordinates[0] as [number, number][])).toBe(true);
      const res = await create(planner, 'Medsols', clockwise);
      expect(res.status).toBe(201);
      expect(booleanClockwise(res.body.geometry.coordinates[0])).toBe(false);
    });

    it('closes an open ring, drops altitudes and trims the name', async () => {
      const ring = square(16.48, 59.38, 100).coordinates[0]!.slice(0, 4).map(([lng, lat]) => [lng, lat, 12.5]);
      const res = await create(planner, '  Öppen   ring  ', { type: 'Polygon', coordinates: [ring] });
      expect(res.status).toBe(201);
      expect(res.body.name).toBe('Öppen ring');
      const stored = res.body.geometry.coordinates[0];
      expect(stored).toHaveLength(5);
      expect(stored[0]).toEqual(stored[4]);
      expect(stored[0]).toHaveLength(2);
    });

    it('repairs a self-intersecting (bow-tie) polygon into two triangles', async () => {
      const [w, e, s, n] = [16.52, 16.524, 59.38, 59.382];
      const bowTie = { type: 'Polygon', coordinates: [[[w, s], [e, n], [e, s], [w, n], [w, s]]] };
      const res = await create(planner, 'Fjärilen', bowTie);
      expect(res.status).toBe(201);
      expect(res.body.geometry.type).toBe('MultiPolygon');
      expect(res.body.geometry.coordinates).toHaveLength(2);
      const valid = await sql<{ valid: boolean }>`SELECT bool_and(ST_IsValid(geom)) AS valid FROM zones WHERE area_id = ${area.id}`.execute(server.db);
      expect(valid.rows[0]!.valid).toBe(true);
    });

    it('keeps a MultiPolygon of separate parts and the hole of a polygon', async () => {
      const outer = square(16.44, 59.385, 200).coordinates[0]!;
      const hole = [...square(16.44, 59.385, 50).coordinates[0]!].reverse();
      const res = await create(planner, 'Ringen', { type: 'MultiPolygon', coordinates: [[outer, hole], square(16.46, 59.385, 50).coordinates] });
      expect(res.status).toBe(201);
      expect(res.body.geometry.type).toBe('MultiPolygon');
      expect(res.body.geometry.coordinates[0]).toHaveLength(2);
      expect(res.body.areaKm2).toBeCloseTo((400 * 400 - 100 * 100 + 100 * 100) / 1e6, 2);
    });

    it('a zone reaching past the boundary is kept as drawn, as long as it overlaps the area', async () => {
      const res = await create(planner, 'Gränsen', square(16.6, 59.37, 300));
      expect(res.status).toBe(201);
      expect(res.body.areaKm2).toBeCloseTo(0.36, 2);
    });
  });

  describe('bad shapes and names', () => {
    it('a zone outside the area is 422 outside_area', async () => {
      const res = await create(planner, 'Göteborg', square(11.97, 57.7, 200));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('outside_area');
      expect(res.body.error.details[0].path).toBe('geometry');
    });

    it('a zone that only touches the boundary from outside is 422 outside_area', async () => {
      const touching = { type: 'Polygon', coordinates: [[[16.6, 59.36], [16.61, 59.36], [16.61, 59.37], [16.6, 59.37], [16.6, 59.36]]] };
      const res = await create(planner, 'Utanför kanten', touching);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('outside_area');
    });

    it('corners on one line enclose nothing: 422 invalid_geometry', async () => {
      const line = { type: 'Polygon', coordinates: [[[16.5, 59.37], [16.51, 59.37], [16.52, 59.37], [16.5, 59.37]]] };
      const res = await create(planner, 'Linjen', line);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('invalid_geometry');
      expect(res.body.error.details[0].path).toBe('geometry.coordinates');
    });

    it('a shape of a few square metres is a slip of the mouse: 422 invalid_geometry', async () => {
      const res = await create(planner, 'Prick', square(16.5, 59.37, 1));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('invalid_geometry');
      expect(res.body.error.details[0].message).toMatch(/m²/);
    });

    it.each([
      ['a Point', { type: 'Point', coordinates: [16.5, 59.37] }, 'geometry.type'],
      ['two corners', { type: 'Polygon', coordinates: [[[16.5, 59.37], [16.51, 59.37]]] }, 'geometry.coordinates.0'],
      ['a latitude past the pole', { type: 'Polygon', coordinates: [[[16.5, 59.37], [16.51, 91], [16.52, 59.37], [16.5, 59.37]]] }, 'geometry.coordinates.0.1.1'],
      ['text coordinates', { type: 'Polygon', coordinates: [[['16.5', '59.37'], [16.51, 59.38], [16.52, 59.37]]] }, 'geometry.coordinates.0.0'],
      ['no rings', { type: 'Polygon', coordinates: [] }, 'geometry.coordinates'],
      ['three copies of one corner', { type: 'Polygon', coordinates: [[[16.5, 59.37], [16.5, 59.37], [16.5, 59.37], [16.5, 59.37]]] }, 'geometry.coordinates.0'],
      ['a Feature instead of a geometry', { type: 'Feature', geometry: square(16.5, 59.37, 100), properties: {} }, 'geometry.type'],
    ])('%s is 400 naming the field', async (_what, geometry, path) => {
      const res = await create(planner, 'Trasig', geometry);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
    });

    it.each([
      ['empty', '', 'name'],
      ['blank', '   ', 'name'],
      ['too long', 'x'.repeat(101), 'name'],
      ['not text', 42, 'name'],
    ])('a %s name is 400 naming "name"', async (_what, name, path) => {
      const res = await planner.post('/api/v1/zones', { name, geometry: square(16.5, 59.37, 100) });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
    });

    it('an unknown field is 400 naming it', async () => {
      const res = await planner.post('/api/v1/zones', { name: 'X', geometry: square(16.5, 59.37, 100), colour: 'red' });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toContainEqual({ path: 'colour', message: 'is not a known field' });
    });

    it('a JSON body in another charset than UTF-8 is 415, not garbage read as UTF-16', async () => {
      const body = JSON.stringify({ name: 'Kodad', geometry: square(16.5, 59.37, 100) });
      for (const charset of ['utf-16', 'utf-16le', 'latin1']) {
        const res = await planner.post('/api/v1/zones', body, { 'content-type': `application/json; charset=${charset}` });
        expect(res.status, charset).toBe(415);
        expect(res.body.error.code).toBe('unsupported_media_type');
      }
      expect((await planner.post('/api/v1/zones', body, { 'content-type': 'application/json; charset=UTF-8' })).status).toBe(201);
    });

    it('a name already used in the area, in any case, is 409 naming "name"', async () => {
      const res = await create(planner, 'HAMNEN', square(16.41, 59.39, 100));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('conflict');
      expect(res.body.error.details[0].path).toBe('name');
    });

    it('the same name in another area is fine', async () => {
      const res = await create(otherPlanner, 'Hamnen', square(16.45, 59.36, 200));
      expect(res.status).toBe(201);
    });

    it('two requests racing for one name: one 201, one 409, one zone stored', async () => {
      const answers = await Promise.all([
        create(planner, 'Kapplöpningen', square(16.44, 59.35, 100)),
        create(admin, 'kapplöpningen', square(16.45, 59.35, 100)),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM zones WHERE area_id = ${area.id} AND lower(name) = 'kapplöpningen'`.execute(server.db);
      expect(stored.rows[0]!.n).toBe(1);
    });

    it('nothing is stored by a refused request', async () => {
      const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM zones`.execute(server.db);
      await create(planner, 'Göteborg', square(11.97, 57.7, 200));
      await create(planner, 'HAMNEN', square(16.41, 59.39, 100));
      await create(planner, 'Linjen', { type: 'Polygon', coordinates: [[[16.5, 59.37], [16.51, 59.37], [16.52, 59.37], [16.5, 59.37]]] });
      const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM zones`.execute(server.db);
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    });
  });

  describe('renaming, redrawing and deleting', () => {
    it('PATCH renames and redraws; updatedAt moves, createdAt stays', async () => {
      const created = (await create(planner, 'Torget', square(16.51, 59.375, 80))).body;
      const renamed = await planner.patch(`/api/v1/zones/${created.id}`, { name: 'Stora torget' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ id: created.id, name: 'Stora torget', createdAt: created.createdAt, geometry: created.geometry });
      const redrawn = await admin.patch(`/api/v1/zones/${created.id}`, { geometry: square(16.51, 59.375, 160) });
      expect(redrawn.status).toBe(200);
      expect(redrawn.body.name).toBe('Stora torget');
      expect(redrawn.body.areaKm2).toBeCloseTo(4 * created.areaKm2, 2);
      expect(Date.parse(redrawn.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    });

    it('a zone may change the case of its own name', async () => {
      const created = (await create(planner, 'lilla torget', square(16.515, 59.375, 50))).body;
      const res = await planner.patch(`/api/v1/zones/${created.id}`, { name: 'Lilla torget' });
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('Lilla torget');
    });

    it('renaming to another zone’s name is 409; redrawing outside the area is 422; both leave the zone as it was', async () => {
      const created = (await create(planner, 'Bryggan', square(16.52, 59.375, 60))).body;
      expect((await planner.patch(`/api/v1/zones/${created.id}`, { name: 'hamnen' })).status).toBe(409);
      const outside = await planner.patch(`/api/v1/zones/${created.id}`, { name: 'Nya bryggan', geometry: square(11.97, 57.7, 200) });
      expect(outside.status).toBe(422);
      expect(outside.body.error.code).toBe('outside_area');
      expect((await planner.get(`/api/v1/zones/${created.id}`)).body).toEqual(created);
    });

    it('an empty PATCH is 400', async () => {
      const created = (await create(planner, 'Tomma', square(16.525, 59.375, 60))).body;
      const res = await planner.patch(`/api/v1/zones/${created.id}`, {});
      expect(res.status).toBe(400);
    });

    it('DELETE removes the zone: 204, then 404', async () => {
      const created = (await create(planner, 'Tillfällig', square(16.53, 59.375, 60))).body;
      expect((await planner.delete(`/api/v1/zones/${created.id}`)).status).toBe(204);
      expect((await planner.get(`/api/v1/zones/${created.id}`)).status).toBe(404);
      expect((await planner.delete(`/api/v1/zones/${created.id}`)).status).toBe(404);
    });

    it('analysts and reporters read zones but may not draw, rename or delete them', async () => {
      const created = (await create(planner, 'Skyddad', square(16.535, 59.375, 60))).body;
      expect((await analyst.get(`/api/v1/zones/${created.id}`)).status).toBe(200);
      expect((await analyst.post('/api/v1/zones', { name: 'Analytikerns', geometry: square(16.5, 59.37, 100) })).status).toBe(403);
      expect((await analyst.patch(`/api/v1/zones/${created.id}`, { name: 'Nej' })).status).toBe(403);
      expect((await reporter.delete(`/api/v1/zones/${created.id}`)).status).toBe(403);
    });

    it('writes are audited as zone.create, zone.update and zone.delete', async () => {
      const created = (await create(planner, 'Granskad', square(16.54, 59.375, 60))).body;
      await planner.patch(`/api/v1/zones/${created.id}`, { name: 'Granskad 2' });
      await planner.delete(`/api/v1/zones/${created.id}`);
      const rows = await auditConn(server.db)
        .selectFrom('audit_log')
        .select(['action', 'status', 'resource'])
        .where('area_id', '=', area.id)
        .where('resource_id', '=', created.id)
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { action: 'zone.create', status: 201, resource: 'zone' },
        { action: 'zone.update', status: 200, resource: 'zone' },
        { action: 'zone.delete', status: 204, resource: 'zone' },
      ]);
    });
  });

  describe('another area', () => {
    it('another area’s zone answers 404 to read, rename and delete, and stays as it was', async () => {
      const foreign = (await create(otherPlanner, 'Främmande', square(16.5, 59.38, 100))).body;
      expect((await planner.get(`/api/v1/zones/${foreign.id}`)).status).toBe(404);
      expect((await planner.patch(`/api/v1/zones/${foreign.id}`, { name: 'Kapad' })).status).toBe(404);
      expect((await admin.delete(`/api/v1/zones/${foreign.id}`)).status).toBe(404);
      expect((await otherPlanner.get(`/api/v1/zones/${foreign.id}`)).body).toEqual(foreign);
      const listed = (await planner.get('/api/v1/zones')).body.features.map((f: any) => f.id);
      expect(listed).not.toContain(foreign.id);
    });

    it('row-level security hides other areas’ zones even from an unscoped query', async () => {
      const app = server.database.handle.appDb();
      const seen = await withArea(app, area.id, (tx) => tx.selectFrom('zones').select('area_id').distinct().execute());
      expect(seen).toEqual([{ area_id: area.id }]);
    });
  });
});
