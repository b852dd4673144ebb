import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, TableWatch, type FuzzCase } from '../../support/fuzz';
import { startTestServer, type TestServer } from '../../support/server';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { badJsonBodies, type BodyField } from './bodies';
import { callerHeaders, cookieCaller, tokenCaller, type Caller } from './callers';
import { hugeString, junkValue, nastyString, plain, toJsonText, undecodable } from './junk';
import { badIdSegment, badTimestampValue, badUuid } from './walk-junk';
import { badCommaList, badIntString, badQueries, badTimestamp, longQueryValue, type QueryParam } from './queries';

/** POST /walks, GET /walks, GET|PATCH /walks/:id: bad input never writes and always answers 4xx JSON. */

const CENTER: [number, number] = [16.5, 59.37];
const isString = (v: unknown) => typeof plain(v) === 'string';
const isPositiveInt4 = (v: unknown) => Number.isInteger(plain(v)) && (plain(v) as number) > 0 && (plain(v) as number) <= 2_147_483_647;

const badName = fc.oneof(junkValue.filter((v) => !isString(v)), hugeString(201, 5_000), fc.constantFrom('', ' ', '\t\n'));
const badLine = fc.oneof(
  junkValue.filter((v) => plain(v) !== null),
  fc.constantFrom<unknown>(
    { type: 'LineString', coordinates: [] },
    { type: 'LineString', coordinates: [[16.5, 59.37]] },
    { type: 'LineString', coordinates: [[16.5, 59.37], [181, 59.37]] },
    { type: 'LineString', coordinates: [[16.5, 59.37], ['16.5', '59.37']] },
    { type: 'LineString', coordinates: [[16.5, 59.37], [16.5]] },
    { type: 'linestring', coordinates: [[16.5, 59.37], [16.51, 59.37]] },
    { type: 'Point', coordinates: [16.5, 59.37] },
    { type: 'LineString', coordinates: [[16.5, 59.37], [16.51, 59.37]], extra: 1 },
    { coordinates: [[16.5, 59.37], [16.51, 59.37]] },
  ),
  fc.integer({ min: 10_001, max: 12_000 }).map((n) => ({ type: 'LineString', coordinates: Array.from({ length: n }, (_, i) => [16.5 + i * 1e-6, 59.37]) })),
);
const badParticipants = fc.oneof(
  junkValue.filter((v) => !Array.isArray(plain(v)) || (plain(v) as unknown[]).length > 0),
  fc.constantFrom<unknown>([{}], [{ name: '' }], [{ organisationId: 0 }], [{ organisationId: '1' }], [{ name: 'a', role: 'x' }], [null], ['Skolan']),
  fc.integer({ min: 101, max: 150 }).map((n) => Array.from({ length: n }, () => ({ name: 'x' }))),
);
const badNotes = fc.oneof(junkValue.filter((v) => !isString(v) && plain(v) !== null), hugeString(10_001, 40_000));
const badLeader = junkValue.filter((v) => plain(v) !== null && !isPositiveInt4(v));

const WALK = { name: 'Vandring', plannedAt: '2026-09-10T18:00:00+02:00', participants: [{ name: 'Boende' }] };

const WALK_FIELDS: BodyField[] = [
  { name: 'id', required: false, invalid: badUuid },
  { name: 'name', required: true, invalid: badName },
  { name: 'plannedAt', required: true, invalid: badTimestampValue },
  { name: 'plannedRoute', required: false, invalid: badLine },
  { name: 'participants', required: false, invalid: badParticipants },
  { name: 'notes', required: false, invalid: badNotes },
  { name: 'leaderId', required: false, invalid: badLeader },
];

const decorate = fc.record(
  {
    notes: fc.oneof(nastyString.filter((s) => s.length <= 10_000), fc.constant(null)),
    plannedRoute: fc.constant({ type: 'LineString', coordinates: [[16.5, 59.37], [16.51, 59.371]] }),
  },
  { requiredKeys: [] },
);

/** Well-formed walks the service must still refuse (422): impossible dates, a route far away, unknown organisations or leaders. */
function semanticallyBadWalks(headers: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<FuzzCase> {
  const post = (body: unknown, path: string, h: Record<string, string>) =>
    fuzzCase({ method: 'POST', path: '/api/v1/walks', headers: { ...h, 'content-type': 'application/json' }, body: toJsonText(body) }, { status: [422], path });
  return fc.oneof(
    fc.tuple(headers, fc.constantFrom('1999-12-31T23:59:59Z', '1970-01-01T00:00:00Z', '2099-01-01T00:00:00Z', '9999-12-31T23:59:59-18:00')).map(([h, plannedAt]) => post({ ...WALK, plannedAt }, 'plannedAt', h)),
    fc
      .tuple(headers, fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -85, max: 85, noNaN: true }))
      .filter(([, lng, lat]) => Math.abs(lng - CENTER[0]) > 0.3 || Math.abs(lat - CENTER[1]) > 0.3)
      .map(([h, lng, lat]) => post({ ...WALK, plannedRoute: { type: 'LineString', coordinates: [[16.5, 59.37], [lng, lat]] } }, 'plannedRoute.coordinates.1', h)),
    fc.tuple(headers, fc.integer({ min: 100_000, max: 2_147_483_647 })).map(([h, organisationId]) => post({ ...WALK, participants: [{ organisationId }] }, 'participants.0.organisationId', h)),
    fc.tuple(headers, fc.integer({ min: 100_000, max: 2_147_483_647 })).map(([h, leaderId]) => post({ ...WALK, leaderId }, 'leaderId', h)),
  );
}

const T0 = Date.parse('2026-05-01T16:10:00Z');
const fix = (i: number, lng = 16.5 + i * 1e-4, lat = 59.37): unknown[] => [lng, lat, new Date(T0 + i * 5000).toISOString(), 5];
const badFix = fc.oneof(
  junkValue.filter((v) => !Array.isArray(plain(v))),
  fc.constantFrom<unknown>([], [16.5], [16.5, 59.37], [16.5, 59.37, '2026-05-01T16:10:00Z'], [16.5, 59.37, '2026-05-01T16:10:00Z', 5, 1], ['16.5', 59.37, '2026-05-01T16:10:00Z', 5], [181, 59.37, '2026-05-01T16:10:00Z', 5], [16.5, 59.37, '2026-05-01 16:10', 5], [16.5, 59.37, '2026-05-01T16:10:00Z', -1], [16.5, 59.37, '2026-05-01T16:10:00Z', '5'], [16.5, 59.37, 1_777_651_800_000, 5]),
  badTimestampValue.map((t) => [16.5, 59.37, plain(t), 5]),
);
const badPoints = fc.oneof(
  junkValue.filter((v) => !Array.isArray(plain(v)) || (plain(v) as unknown[]).length === 0 || (plain(v) as unknown[]).some((x) => !Array.isArray(x))),
  fc.tuple(fc.integer({ min: 0, max: 4 }), badFix).map(([i, bad]) => [...Array.from({ length: i }, (_, k) => fix(k)), bad, fix(i + 1)]),
  fc.integer({ min: 5001, max: 5100 }).map((n) => Array.from({ length: n }, (_, k) => fix(k))),
);

describe.each(BACKENDS)('fuzz: walks (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let walker: Caller;
  let planner: Caller;
  const walks: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-walk', CENTER);
    planner = await tokenCaller(server.db, area, 'planner');
    walker = await cookieCaller(server.url, area, 'walker');
    for (const status of ['planned', 'ongoing', 'done'] as const) {
      const id = crypto.randomUUID();
      await server.db
        .insertInto('walks')
        .values({
          area_id: area.id,
          id,
          name: `Vandring ${status}`,
          planned_at: new Date('2026-05-01T16:00:00Z'),
          planned_route: sql`ST_GeomFromText('LINESTRING(16.5 59.37, 16.51 59.371)', 4326)`,
          status,
          started_at: status === 'planned' ? null : new Date('2026-05-01T16:00:00Z'),
          ended_at: status === 'done' ? new Date('2026-05-01T18:00:00Z') : null,
          leader_id: area.users.walker.id,
          created_by: area.users.walker.id,
        })
        .execute();
      walks.push(id);
    }
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`walks (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('POST /walks: bad bodies are refused with 4xx JSON naming the field, and nothing is stored', async () => {
    const headers = callerHeaders(walker, planner);
    await fuzzFamily({
      family: 'POST /walks',
      baseUrl: server.url,
      watch,
      runs: 200,
      cases: fc.oneof(
        { weight: 4, arbitrary: badJsonBodies({ method: 'POST', path: '/api/v1/walks', base: WALK, decorate, fields: WALK_FIELDS, strict: true, limitBytes: 1024 * 1024, headers }) },
        { weight: 1, arbitrary: semanticallyBadWalks(headers) },
      ),
    });
  });

  it('POST /walks/:id/track: malformed, unordered, impossible or far-away fixes are refused and nothing is stored', async () => {
    const headers = callerHeaders(walker, planner);
    const post = (walkId: string, points: unknown, h: Record<string, string>, status: number[], path?: string) =>
      fuzzCase({ method: 'POST', path: `/api/v1/walks/${walkId}/track`, headers: { ...h, 'content-type': 'application/json' }, body: toJsonText({ points }) }, { status, path });
    const unordered = fc
      .tuple(fc.integer({ min: 2, max: 40 }), fc.nat(), headers, fc.boolean())
      .map(([n, seed, h, equal]) => {
        const points = Array.from({ length: n }, (_, k) => fix(k));
        const i = 1 + (seed % (n - 1));
        points[i]![2] = equal ? points[i - 1]![2] : new Date(T0 - 1000).toISOString();
        return post(walks[0]!, points, h, [400], `points.${i}`);
      });
    const faraway = fc
      .tuple(fc.integer({ min: 1, max: 30 }), fc.nat(), fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -85, max: 85, noNaN: true }), headers)
      .filter(([, , lng, lat]) => Math.abs(lng - CENTER[0]) > 0.3 || Math.abs(lat - CENTER[1]) > 0.3)
      .map(([n, seed, lng, lat, h]) => {
        const points = Array.from({ length: n }, (_, k) => fix(k));
        const i = seed % n;
        points[i] = fix(i, lng, lat);
        return post(walks[1]!, points, h, [422], `points.${i}`);
      });
    const future = headers.map((h) => post(walks[1]!, [[16.5, 59.37, '2099-01-01T00:00:00Z', 5]], h, [422], 'points.0'));
    const afterEnd = headers.map((h) => post(walks[2]!, [fix(0), [16.5, 59.37, '2026-05-01T18:00:01Z', 5]], h, [409], 'points.1'));
    await fuzzFamily({
      family: 'POST /walks/:id/track',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fc.oneof(
        { weight: 4, arbitrary: badJsonBodies({ method: 'POST', path: fc.constantFrom(...walks).map((id) => `/api/v1/walks/${id}/track`), base: { points: [fix(0)] }, fields: [{ name: 'points', required: true, invalid: badPoints }], strict: true, limitBytes: 1024 * 1024, headers }) },
        { weight: 2, arbitrary: unordered },
        { weight: 2, arbitrary: faraway },
        { weight: 1, arbitrary: future },
        { weight: 1, arbitrary: afterEnd },
        { weight: 1, arbitrary: fc.tuple(fc.uuid(), headers).map(([id, h]) => post(id, [fix(0)], h, [404])) },
      ),
    });
  });

  it('POST /walks/:id/rewalk: bad bodies, walks not done and impossible dates are refused and nothing is planned', async () => {
    const headers = callerHeaders(walker, planner);
    const fields: BodyField[] = [
      { name: 'id', required: false, invalid: badUuid },
      { name: 'name', required: false, invalid: badName },
      { name: 'plannedAt', required: false, invalid: badTimestampValue },
      { name: 'leaderId', required: false, invalid: badLeader },
    ];
    const post = (walkId: string, body: unknown, h: Record<string, string>, status: number[], path?: string) =>
      fuzzCase({ method: 'POST', path: `/api/v1/walks/${walkId}/rewalk`, headers: { ...h, 'content-type': 'application/json' }, body: toJsonText(body) }, { status, path });
    await fuzzFamily({
      family: 'POST /walks/:id/rewalk',
      baseUrl: server.url,
      watch,
      runs: 120,
      cases: fc.oneof(
        // Every field is optional, so an empty body is a valid re-walk request here (body-parser reads it as {}).
        { weight: 4, arbitrary: badJsonBodies({ method: 'POST', path: `/api/v1/walks/${walks[2]}/rewalk`, base: { name: 'Återbesök' }, fields, strict: true, limitBytes: 1024 * 1024, headers }).filter((c) => c.request.body !== '') },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom(walks[0]!, walks[1]!), headers).map(([id, h]) => post(id, {}, h, [409], 'status')) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('1999-12-31T23:59:59Z', '2099-01-01T00:00:00Z'), headers).map(([plannedAt, h]) => post(walks[2]!, { plannedAt }, h, [422], 'plannedAt')) },
        { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 100_000, max: 2_147_483_647 }), headers).map(([leaderId, h]) => post(walks[2]!, { leaderId }, h, [422], 'leaderId')) },
        { weight: 1, arbitrary: fc.tuple(fc.uuid(), headers).map(([id, h]) => post(id, {}, h, [404])) },
        { weight: 1, arbitrary: fc.tuple(badIdSegment, headers).map(([id, h]) => post(id, {}, h, [400], undecodable(id) ? undefined : 'id')) },
      ),
    });
  });

  it('GET /walks/:id/protocol: bad ids, formats and unknown walks are refused', async () => {
    const headers = callerHeaders(walker, planner);
    const byBadId = fc.tuple(badIdSegment, headers).map(([id, h]) => fuzzCase({ method: 'GET', path: `/api/v1/walks/${id}/protocol`, headers: h }, undecodable(id) ? { status: [400] } : { status: [400], path: 'id' }));
    const unknown = fc.tuple(fc.uuid(), headers).map(([id, h]) => fuzzCase({ method: 'GET', path: `/api/v1/walks/${id}/protocol`, headers: { ...h, accept: 'text/html' } }, { status: [404] }));
    const badQuery = badQueries({ path: `/api/v1/walks/${walks[2]}/protocol`, params: [{ name: 'format', valid: fc.constantFrom('json', 'html'), invalid: nastyString.filter((s) => !['json', 'html'].includes(s)) }], headers });
    await fuzzFamily({ family: 'GET /walks/:id/protocol', baseUrl: server.url, watch, runs: 100, cases: fc.oneof(byBadId, unknown, badQuery) });
  });

  it('GET /walks: bad query strings are refused with 400 naming the parameter', async () => {
    const params: QueryParam[] = [
      { name: 'status', valid: fc.constantFrom('planned', 'ongoing,done'), invalid: badCommaList((s) => ['planned', 'ongoing', 'done'].includes(s)) },
      { name: 'from', valid: fc.constant('2025-01-01T00:00:00Z'), invalid: badTimestamp },
      { name: 'to', valid: fc.constant('2027-01-01T00:00:00Z'), invalid: badTimestamp },
      { name: 'limit', valid: fc.constantFrom('1', '500'), invalid: badIntString(1, 500) },
      { name: 'cursor', valid: fc.constant(Buffer.from(JSON.stringify(['2026-05-01T12:00:00.000Z', crypto.randomUUID()])).toString('base64url')), invalid: fc.oneof(fc.constantFrom('x', 'W10', 'e30', 'WzEsMl0'), longQueryValue) },
    ];
    await fuzzFamily({ family: 'GET /walks (query)', baseUrl: server.url, watch, runs: 120, cases: badQueries({ path: '/api/v1/walks', params, headers: callerHeaders(walker, planner) }) });
  });

  it('GET and PATCH /walks/:id: bad ids, bad changes and backward moves are refused and change nothing', async () => {
    const headers = callerHeaders(walker, planner);
    const known = fc.constantFrom(...walks);
    const patchFields: BodyField[] = [
      { name: 'name', required: false, invalid: badName },
      { name: 'plannedAt', required: false, invalid: badTimestampValue },
      { name: 'plannedRoute', required: false, invalid: badLine },
      { name: 'participants', required: false, invalid: badParticipants },
      { name: 'notes', required: false, invalid: badNotes },
      { name: 'leaderId', required: false, invalid: badLeader },
      { name: 'status', required: false, invalid: junkValue.filter((v) => !['planned', 'ongoing', 'done'].includes(plain(v) as string)) },
    ];
    const byBadId = fc.tuple(fc.constantFrom('GET', 'PATCH'), badIdSegment, headers).map(([method, id, h]) =>
      fuzzCase(
        { method, path: `/api/v1/walks/${id}`, headers: method === 'PATCH' ? { ...h, 'content-type': 'application/json' } : h, body: method === 'PATCH' ? '{"name":"x"}' : undefined },
        undecodable(id) ? { status: [400] } : { status: [400], path: 'id' },
      ),
    );
    const unknownId = fc.tuple(fc.constantFrom('GET', 'PATCH'), fc.uuid(), headers).map(([method, id, h]) =>
      fuzzCase({ method, path: `/api/v1/walks/${id}`, headers: method === 'PATCH' ? { ...h, 'content-type': 'application/json' } : h, body: method === 'PATCH' ? '{"name":"x"}' : undefined }, { status: [404] }),
    );
    const badPatch = badJsonBodies({ method: 'PATCH', path: fc.constant(`/api/v1/walks/${walks[0]}`), base: { name: 'Vandring planned' }, fields: patchFields, strict: true, limitBytes: 1024 * 1024, headers });
    const backwards = fc
      .tuple(fc.constantFrom<[number, string]>([1, 'planned'], [2, 'planned'], [2, 'ongoing']), headers)
      .map(([[i, status], h]) => fuzzCase({ method: 'PATCH', path: `/api/v1/walks/${walks[i]}`, headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ status }) }, { status: [409], path: 'status' }));
    const walkerOnDone = fc
      .tuple(nastyString.filter((s) => s.trim().length > 0 && s.length <= 200))
      .map(([name]) => fuzzCase({ method: 'PATCH', path: `/api/v1/walks/${walks[2]}`, headers: { ...walker.headers, 'content-type': 'application/json' }, body: toJsonText({ name }) }, { status: [400, 409] }));
    const emptyPatch = fc.tuple(known, headers).map(([id, h]) => fuzzCase({ method: 'PATCH', path: `/api/v1/walks/${id}`, headers: { ...h, 'content-type': 'application/json' }, body: '{}' }, { status: [400] }));
    await fuzzFamily({
      family: 'GET|PATCH /walks/:id',
      baseUrl: server.url,
      watch,
      runs: 200,
      cases: fc.oneof(
        { weight: 4, arbitrary: byBadId },
        { weight: 2, arbitrary: unknownId },
        { weight: 5, arbitrary: badPatch },
        { weight: 1, arbitrary: backwards },
        { weight: 1, arbitrary: walkerOnDone },
        { weight: 1, arbitrary: emptyPatch },
      ),
    });
  });
});
