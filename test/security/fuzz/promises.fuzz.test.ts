import fc from 'fast-check';
import type { z } from 'zod';
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
import { encodeLoosely, hugeString, junkValue, nastyString, plain, toJsonText, undecodable } from './junk';
import { badTimestamp, queryJunk } from './queries';
import { CreateActivityBody, CreatePromiseBody, PatchPromiseBody } from '../../../server/promises/promise.schema';
import { EvaluationBody } from '../../../server/evaluations/evaluation.schema';

/** Medborgarlöften, their activities, progress, reports and public page, and evaluations: bad input never writes and answers 4xx JSON. */

const CENTER: [number, number] = [16.5, 59.37];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CELL = latLngToCell(59.37, 16.5, 9);
const PROMISE = { title: 'Fuzzlöfte', owner: 'gemensamt', from: '2026-01-01', to: '2027-01-01', targets: [{ metric: 'patrol-visits', per: 'week', goal: 3 }] };
const ACTIVITY = { kind: 'skolbesok', date: '2026-05-10', note: 'x', count: 1 };
const EVALUATION = { targetCells: [CELL], before: { from: '2026-01-01', to: '2026-03-01' }, after: { from: '2026-03-01', to: '2026-05-01' }, res: 9 };

function refusedBy(schema: z.ZodType, extra: fc.Arbitrary<unknown> = fc.constant(undefined)) {
  return fc.oneof(junkValue, extra).filter((v) => v !== undefined && !schema.safeParse(plain(v)).success);
}

const TARGET = PROMISE.targets[0]!;
const badPromiseTargets = fc.oneof(
  fc.tuple(fc.constantFrom('metric', 'zoneId', 'per', 'goal', 'id', 'bogus'), junkValue).map(([k, v]) => [{ ...TARGET, [k]: plain(v) }]),
  fc.constantFrom([], [{ ...TARGET, goal: 0 }], [{ ...TARGET, metric: 'reports' }], Array.from({ length: 21 }, () => TARGET)),
);

const PROMISE_FIELDS: BodyField[] = (['title', 'owner', 'from', 'to', 'targets'] as const).map((name) => ({
  name,
  required: true,
  invalid: refusedBy(CreatePromiseBody.shape[name], name === 'targets' ? badPromiseTargets : name === 'from' || name === 'to' ? badTimestamp : hugeString(201, 1_000)),
}));

const ACTIVITY_FIELDS: BodyField[] = (['id', 'kind', 'date', 'zoneId', 'note', 'count'] as const).map((name) => ({
  name,
  required: name === 'kind' || name === 'date' || name === 'count',
  invalid: refusedBy(CreateActivityBody.shape[name], fc.constantFrom('2026-02-30', '2026-5-1', 0, 100_001, 'Skolbesök', hugeString(2_001, 5_000))),
}));

const EVALUATION_FIELDS: BodyField[] = (['targetCells', 'before', 'after', 'res', 'ring', 'controlsPerCell', 'categories'] as const).map((name) => ({
  name,
  required: name === 'before' || name === 'after',
  invalid: refusedBy(
    EvaluationBody.shape[name],
    fc.constantFrom({ from: '2026-01-01' }, { from: 'x', to: '2026-01-01' }, { from: '2026-01-01', to: '2026-02-01', extra: 1 }, [latLngToCell(59.37, 16.5, 10)], [CELL, CELL], 0, 3, 12, ['ZZ']),
  ),
}));

const badIdSegment = fc.oneof(
  fc
    .tuple(fc.oneof(nastyString, hugeString(37, 600)), fc.boolean())
    .filter(([s]) => s.length > 0 && !UUID.test(s))
    .map(([s, raw]) => encodeLoosely(s, raw).replace(/\//g, '%2F').replace(/\?/g, '%3F')),
  fc.constantFrom('..', '%2e%2e', 'null', '0', '-1', '%00', '%', '%ff', '%ED%A0%80'),
);

const json = (h: Record<string, string>) => ({ ...h, 'content-type': 'application/json' });
const send = (method: string, path: string, h: Record<string, string>, body: unknown, expect: { status: number[]; path?: string }): FuzzCase =>
  fuzzCase({ method, path, headers: json(h), body: toJsonText(body) }, expect);

describe.each(BACKENDS)('fuzz: promises and evaluations (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let admin: Caller;
  let planner: Caller;
  let analyst: Caller;
  let draft: string;
  let closed: string;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-promises', CENTER);
    await sql`UPDATE areas SET settings = settings || '{"publicPromises": true}'::jsonb WHERE id = ${area.id}`.execute(server.db);
    admin = await tokenCaller(server.db, area, 'admin');
    planner = await cookieCaller(server.url, area, 'planner');
    analyst = await tokenCaller(server.db, area, 'analyst');
    for (const status of ['draft', 'closed'] as const) {
      const id = crypto.randomUUID();
      await server.db
        .insertInto('promises')
        .values({ area_id: area.id, id, title: status, owner: 'kommun', period_from: new Date('2026-01-01T00:00:00+01:00'), period_to: new Date('2027-01-01T00:00:00+01:00'), status })
        .execute();
      if (status === 'draft') draft = id;
      else closed = id;
    }
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`promises and evaluations (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('POST /promises: bad promises are refused naming the field; reversed periods 400, unknown zones 422', async () => {
    const headers = callerHeaders(admin, planner);
    const semantic = fc.tuple(headers, fc.oneof(
      fc.constant([{ ...PROMISE, from: '2027-01-01', to: '2026-01-01' }, 'to', 400] as const),
      fc.uuid().map((zoneId) => [{ ...PROMISE, targets: [{ ...TARGET, zoneId }] }, 'targets.0.zoneId', 422] as const),
    )).map(([h, [body, path, status]]) => send('POST', '/api/v1/promises', h, body, { status: [status], path }));
    await fuzzFamily({
      family: 'POST /promises',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fc.oneof(
        { weight: 4, arbitrary: badJsonBodies({ method: 'POST', path: '/api/v1/promises', base: PROMISE, fields: PROMISE_FIELDS, strict: true, limitBytes: 1024 * 1024, headers }) },
        { weight: 1, arbitrary: semantic },
      ),
    });
  });

  it('GET|PATCH /promises/:id, /progress, /report and POST /activities: bad ids and bodies, unknown ids, closed promises', async () => {
    const headers = callerHeaders(admin, planner);
    const gets = ['', '/progress', '/report'];
    const byBadId = fc.tuple(fc.constantFrom('GET', 'PATCH', 'POST'), fc.constantFrom(...gets), badIdSegment, headers).map(([method, tail, id, h]) => {
      const expectation = undecodable(id) ? { status: [400] } : { status: [400, 404] };
      if (method === 'PATCH') return send(method, `/api/v1/promises/${id}`, h, { title: 'Ny' }, expectation);
      if (method === 'POST') return send(method, `/api/v1/promises/${id}/activities`, h, ACTIVITY, expectation);
      return fuzzCase({ method, path: `/api/v1/promises/${id}${tail}`, headers: h }, expectation);
    });
    const unknownId = fc.tuple(fc.constantFrom(...gets, '/activities'), fc.uuid(), headers).map(([tail, id, h]) =>
      tail === '/activities' ? send('POST', `/api/v1/promises/${id}/activities`, h, ACTIVITY, { status: [404] }) : fuzzCase({ method: 'GET', path: `/api/v1/promises/${id}${tail}`, headers: h }, { status: [404] }),
    );
    const badPatch = badJsonBodies({
      method: 'PATCH',
      path: fc.constant(`/api/v1/promises/${draft}`),
      base: { title: 'Ny' },
      fields: [...PROMISE_FIELDS.map((f) => ({ ...f, required: false })), { name: 'status', required: false, invalid: refusedBy(PatchPromiseBody.shape.status) }],
      strict: true,
      limitBytes: 1024 * 1024,
      headers,
    });
    const closedPatch = headers.map((h) => send('PATCH', `/api/v1/promises/${closed}`, h, { title: 'Efteråt' }, { status: [409], path: 'title' }));
    const badActivity = badJsonBodies({ method: 'POST', path: fc.constant(`/api/v1/promises/${draft}/activities`), base: ACTIVITY, fields: ACTIVITY_FIELDS, strict: true, limitBytes: 1024 * 1024, headers });
    const activityOutside = fc.tuple(headers, fc.constantFrom('2025-12-31', '2027-01-01', '2030-06-01')).map(([h, date]) => send('POST', `/api/v1/promises/${draft}/activities`, h, { ...ACTIVITY, date }, { status: [422], path: 'date' }));
    const badQuery = fc.tuple(fc.constantFrom(...gets), fc.constantFrom('x', 'format', 'as'), queryJunk, headers)
      .map(([tail, key, value, h]) => fuzzCase({ method: 'GET', path: `/api/v1/promises/${draft}${tail}?${key}=${encodeLoosely(value, false)}`, headers: h }, { status: [400] }))
      .filter((c) => !/\/report\?format=(json|html)$/.test(c.request.path));
    await fuzzFamily({
      family: 'GET|PATCH /promises/:id(/progress|/report), POST /promises/:id/activities',
      baseUrl: server.url,
      watch,
      runs: 250,
      cases: fc.oneof(
        { weight: 4, arbitrary: byBadId },
        { weight: 2, arbitrary: unknownId },
        { weight: 4, arbitrary: badPatch },
        { weight: 1, arbitrary: closedPatch },
        { weight: 4, arbitrary: badActivity },
        { weight: 1, arbitrary: activityOutside },
        { weight: 2, arbitrary: badQuery },
      ),
    });
  });

  it('GET /promises and the public page: unknown parameters, bad codes and formats are refused', async () => {
    const headers = callerHeaders(admin, analyst);
    const list = fc.tuple(fc.constantFrom('x', 'status', 'limit'), queryJunk, headers).map(([k, v, h]) => fuzzCase({ method: 'GET', path: `/api/v1/promises?${k}=${encodeLoosely(v, false)}`, headers: h }, { status: [400], path: k }));
    const fromAnywhere = (c: FuzzCase, x: number, y: number) => fuzzCase({ ...c.request, localAddress: `127.2.${x}.${y}` }, c.expect);
    const publicCode = fc.tuple(fc.oneof(nastyString.filter((s) => s.length > 0), fc.constantFrom('Fuzz-Promises', 'nowhere', '..', '%00', '-x')), fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 }))
      .map(([code, x, y]) => fromAnywhere(fuzzCase({ method: 'GET', path: `/api/v1/public/areas/${encodeLoosely(code, false)}/promises` }, { status: [400, 404] }), x, y));
    const publicQuery = fc.tuple(fc.constantFrom('format', 'x'), queryJunk, fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 }))
      .filter(([k, v]) => !(k === 'format' && ['json', 'html'].includes(v)))
      .map(([k, v, x, y]) => fromAnywhere(fuzzCase({ method: 'GET', path: `/api/v1/public/areas/fuzz-promises/promises?${k}=${encodeLoosely(v, false)}` }, { status: [400], path: k }), x, y));
    await fuzzFamily({
      family: 'GET /promises, GET /public/areas/:code/promises',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fc.oneof(list, publicCode, publicQuery),
    });
  });

  it('POST /evaluations: bad bodies 400, reversed or overlapping periods 400, unknown zones and cells outside the area 422', async () => {
    const headers = callerHeaders(admin, analyst, planner);
    const semantic = fc.tuple(headers, fc.oneof(
      fc.constant([{ ...EVALUATION, before: { from: '2026-03-01', to: '2026-01-01' } }, 'before.to', 400] as const),
      fc.constantFrom('2026-02-01', '2025-06-01').map((from) => [{ ...EVALUATION, after: { from, to: '2026-05-01' } }, 'after.from', 400] as const),
      fc.uuid().map((zoneId) => [{ ...EVALUATION, targetCells: undefined, zoneId }, 'zoneId', 422] as const),
      fc.constant([{ ...EVALUATION, targetCells: [latLngToCell(57.7, 11.97, 9)] }, 'targetCells.0', 422] as const),
    )).map(([h, [body, path, status]]) => send('POST', '/api/v1/evaluations', h, body, { status: [status], path }));
    await fuzzFamily({
      family: 'POST /evaluations',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fc.oneof(
        { weight: 4, arbitrary: badJsonBodies({ method: 'POST', path: '/api/v1/evaluations', base: EVALUATION, fields: EVALUATION_FIELDS, strict: true, limitBytes: 1024 * 1024, headers }) },
        { weight: 1, arbitrary: semantic },
      ),
    });
  });
});
