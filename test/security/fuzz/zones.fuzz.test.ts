import fc from 'fast-check';
import { sql } from 'kysely';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, TableWatch, type FuzzCase } from '../../support/fuzz';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { startTestServer, type TestServer } from '../../support/server';
import { badJsonBodies, type BodyField } from './bodies';
import { callerHeaders, cookieCaller, tokenCaller, type Caller } from './callers';
import { encodeLoosely, hugeString, junkValue, nastyString, plain, RawJson, toJsonText, undecodable } from './junk';
import { queryJunk } from './queries';

/** The zones routes: bad drawings, names, ids and lookups never write and always answer 4xx JSON. */

const CENTER: [number, number] = [16.5, 59.37];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZONE = {
  name: 'Fuzzplatsen',
  geometry: { type: 'Polygon', coordinates: [[[16.49, 59.365], [16.51, 59.365], [16.51, 59.375], [16.49, 59.375], [16.49, 59.365]]] },
};
const A_CELL = latLngToCell(CENTER[1], CENTER[0], 9);

/** A name the schema takes: 1–100 characters once whitespace is trimmed and collapsed. */
const isValidName = (v: unknown) => {
  const s = plain(v);
  if (typeof s !== 'string') return false;
  const n = s.trim().replace(/\s+/g, ' ').length;
  return n >= 1 && n <= 100;
};
const badName = fc.oneof(junkValue, hugeString(101, 3_000), fc.constantFrom('', '   ', '\n\t')).filter((v) => !isValidName(v));

const ring = (corners: unknown[]) => ({ type: 'Polygon', coordinates: [corners] });
const badCoordinate = fc.oneof(
  fc.constantFrom<unknown>(181, -180.5, 90.0001, -91, 1e10, '16.5', null, true, [], 'NaN'),
  fc.constantFrom('1e309', '-1e309', '123456789012345678901234567890').map((t) => new RawJson(t)),
);
/** Shapes the schema refuses (400): wrong types, too few corners, bad numbers, wrong nesting. */
const badGeometry = fc.oneof(
  junkValue.filter((v) => plain(v) === null || typeof plain(v) !== 'object' || Array.isArray(plain(v))),
  fc.constantFrom('Point', 'LineString', 'polygon', 'POLYGON', 'Feature', 'GeometryCollection', '').map((type) => ({ type, coordinates: ZONE.geometry.coordinates })),
  fc.constant({ type: 'Polygon' }),
  fc.constant({ coordinates: ZONE.geometry.coordinates }),
  fc.constant(ring([[16.5, 59.37], [16.51, 59.37]])),
  fc.constant(ring([[16.5, 59.37], [16.5, 59.37], [16.5, 59.37], [16.5, 59.37]])),
  fc.constant({ type: 'Polygon', coordinates: [] }),
  fc.constant({ type: 'MultiPolygon', coordinates: [] }),
  fc.constant({ type: 'MultiPolygon', coordinates: ZONE.geometry.coordinates }),
  fc.constant({ type: 'Polygon', coordinates: [ZONE.geometry.coordinates] }),
  fc.tuple(badCoordinate, fc.boolean(), fc.integer({ min: 0, max: 3 })).map(([bad, lngSide, at]) => {
    const corners: unknown[] = ZONE.geometry.coordinates[0]!.map((p) => [...p]);
    (corners[at] as unknown[])[lngSide ? 0 : 1] = bad;
    return ring(corners);
  }),
  fc.integer({ min: 10_001, max: 12_000 }).map((n) => ring(Array.from({ length: n }, (_, i) => [16.49 + (i % 100) * 1e-4, 59.365 + Math.floor(i / 100) * 1e-4]))),
);

/** Well-formed shapes and names the service refuses: outside the area or no area at all (422), a taken name (409). */
function semanticallyBadZones(method: 'POST' | 'PATCH', path: fc.Arbitrary<string>, headers: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<FuzzCase> {
  const send = (body: unknown, field: string, status: number[]) =>
    fc.tuple(path, headers).map(([p, h]) => fuzzCase({ method, path: p, headers: { ...h, 'content-type': 'application/json' }, body: toJsonText(body) }, { status, path: field }));
  const outside = fc
    .tuple(fc.double({ min: -170, max: 170, noNaN: true }), fc.double({ min: -80, max: 80, noNaN: true }))
    .filter(([lng, lat]) => Math.abs(lng - CENTER[0]) > 0.5 || Math.abs(lat - CENTER[1]) > 0.5)
    .map(([lng, lat]) => ring([[lng, lat], [lng + 0.01, lat], [lng + 0.01, lat + 0.01], [lng, lat + 0.01], [lng, lat]]));
  const flat = fc.integer({ min: 3, max: 8 }).map((n) => ring(Array.from({ length: n }, (_, i) => [16.49 + i * 0.001, 59.37])));
  const tiny = fc.constant(ring([[16.5, 59.37], [16.50001, 59.37], [16.50001, 59.37001], [16.5, 59.37]]));
  return fc.oneof(
    outside.chain((geometry) => send({ name: 'Utanför', geometry }, 'geometry', [422])),
    flat.chain((geometry) => send({ name: 'Platt', geometry }, 'geometry', [422])),
    tiny.chain((geometry) => send({ name: 'Liten', geometry }, 'geometry', [422])),
    fc.constantFrom('Befintlig', 'BEFINTLIG', '  befintlig ').chain((name) => send({ name, geometry: ZONE.geometry }, 'name', [409])),
  );
}

const badIdSegment = fc.oneof(
  fc
    .tuple(fc.oneof(nastyString, hugeString(37, 600)), fc.boolean())
    .filter(([s]) => s.length > 0 && !UUID.test(s))
    .map(([s, raw]) => encodeLoosely(s, raw).replace(/\//g, '%2F').replace(/\?/g, '%3F')),
  fc.constantFrom('..', '%2e%2e', 'null', '0', '-1', '1e309', '%00', '%', '%ff', '%ED%A0%80', 'locate%00'),
  fc.integer({ min: 1, max: 600 }).map((n) => '9'.repeat(n)),
);

describe.each(BACKENDS)('fuzz: zones (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let admin: Caller;
  let planner: Caller;
  let reporter: Caller;
  let existing: string;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-zones', CENTER);
    admin = await tokenCaller(server.db, area, 'admin');
    planner = await cookieCaller(server.url, area, 'planner');
    reporter = await tokenCaller(server.db, area, 'reporter');
    existing = crypto.randomUUID();
    await server.db
      .insertInto('zones')
      .values({ area_id: area.id, id: existing, name: 'Befintlig', geom: sql`ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(16.45, 59.36), 4326), 0.002))` })
      .execute();
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`zones (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  const FIELDS: BodyField[] = [
    { name: 'name', required: true, invalid: badName },
    { name: 'geometry', required: true, invalid: badGeometry },
  ];

  it('POST /zones: bad drawings and names are refused with 4xx JSON naming the field, and nothing is stored', async () => {
    const headers = callerHeaders(admin, planner);
    await fuzzFamily({
      family: 'POST /zones',
      baseUrl: server.url,
      watch,
      runs: 200,
      cases: fc.oneof(
        { weight: 4, arbitrary: badJsonBodies({ method: 'POST', path: '/api/v1/zones', base: ZONE, fields: FIELDS, strict: true, limitBytes: 1024 * 1024, headers }) },
        { weight: 1, arbitrary: semanticallyBadZones('POST', fc.constant('/api/v1/zones'), headers) },
      ),
    });
  });

  it('GET, PATCH and DELETE /zones/:id: bad ids, unknown ids and bad patches change nothing', async () => {
    const headers = callerHeaders(admin, planner);
    const json = (h: Record<string, string>) => ({ ...h, 'content-type': 'application/json' });
    const byBadId = fc.tuple(fc.constantFrom('GET', 'PATCH', 'DELETE'), badIdSegment, headers).map(([method, id, h]) =>
      fuzzCase(
        { method, path: `/api/v1/zones/${id}`, headers: method === 'PATCH' ? json(h) : h, body: method === 'PATCH' ? '{"name":"Ny"}' : undefined },
        undecodable(id) ? { status: [400] } : { status: [400], path: 'id' },
      ),
    );
    const unknownId = fc.tuple(fc.constantFrom('GET', 'PATCH', 'DELETE'), fc.uuid(), headers).map(([method, id, h]) =>
      fuzzCase({ method, path: `/api/v1/zones/${id}`, headers: method === 'PATCH' ? json(h) : h, body: method === 'PATCH' ? '{"name":"Ny"}' : undefined }, { status: [404] }),
    );
    const path = fc.constant(`/api/v1/zones/${existing}`);
    const badPatch = badJsonBodies({
      method: 'PATCH',
      path,
      base: { name: 'Befintlig' },
      fields: FIELDS.map((f) => ({ ...f, required: false })),
      strict: true,
      limitBytes: 1024 * 1024,
      headers,
    });
    const emptyPatch = headers.map((h) => fuzzCase({ method: 'PATCH', path: `/api/v1/zones/${existing}`, headers: json(h), body: '{}' }, { status: [400] }));
    // Renaming to its own name is allowed, so the taken name must be another zone's: none here but itself.
    const semantic = semanticallyBadZones('PATCH', path, headers).filter((c) => c.expect.status?.[0] !== 409);
    await fuzzFamily({
      family: 'GET|PATCH|DELETE /zones/:id',
      baseUrl: server.url,
      watch,
      runs: 200,
      cases: fc.oneof(
        { weight: 4, arbitrary: byBadId },
        { weight: 2, arbitrary: unknownId },
        { weight: 5, arbitrary: badPatch },
        { weight: 1, arbitrary: emptyPatch },
        { weight: 2, arbitrary: semantic },
      ),
    });
  });

  it('POST /zones/locate: bad cell lists and distances are refused with 400 naming the field', async () => {
    const headers = callerHeaders(admin, planner, reporter);
    const badCell = fc.oneof(
      junkValue.filter((v) => typeof plain(v) !== 'string' || !/^[0-9a-f]{15}$/i.test(plain(v) as string)),
      fc.constantFrom('891f1d48b1bfff', '891f1d48b1bffff0', 'g91f1d48b1bffff', 'ffffffffffffffff', '0'),
    );
    const badCells = fc.oneof(
      junkValue.filter((v) => !Array.isArray(plain(v))),
      fc.constant([]),
      fc.integer({ min: 1001, max: 3000 }).map((n) => Array(n).fill(A_CELL)),
      badCell.map((c) => [A_CELL, c]),
    );
    const badDistance = fc.oneof(
      junkValue.filter((v) => typeof plain(v) !== 'number' || (plain(v) as number) < 0 || (plain(v) as number) > 20_000),
      fc.constantFrom(-1, -0.0001, 20_000.5, 1e9),
    );
    await fuzzFamily({
      family: 'POST /zones/locate',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: badJsonBodies({
        method: 'POST',
        path: '/api/v1/zones/locate',
        base: { cells: [A_CELL] },
        fields: [
          { name: 'cells', required: true, invalid: badCells },
          { name: 'maxDistanceMeters', required: false, invalid: badDistance },
        ],
        strict: true,
        limitBytes: 1024 * 1024,
        headers,
      }),
    });
  });

  it('GET /zones: query junk is never a 5xx', async () => {
    const query = fc
      .array(fc.tuple(fc.oneof(nastyString, fc.constantFrom('areaId', 'name', 'limit', '__proto__', 'a[b]')), queryJunk, fc.boolean()), { minLength: 1, maxLength: 4 })
      .map((pairs) => pairs.map(([k, v, raw]) => `${encodeLoosely(k, raw)}=${encodeLoosely(v, raw)}`).join('&'));
    await fuzzFamily({
      family: 'GET /zones (query junk)',
      baseUrl: server.url,
      watch,
      runs: 60,
      cases: fc.tuple(query, callerHeaders(admin, reporter)).map(([q, h]) => fuzzCase({ method: 'GET', path: `/api/v1/zones?${q}`, headers: h }, { lenient: true })),
    });
  });
});
