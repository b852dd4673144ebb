import fc from 'fast-check';
import type { z } from 'zod';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, TableWatch } from '../../support/fuzz';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { startTestServer, type TestServer } from '../../support/server';
import { badJsonBodies, type BodyField } from './bodies';
import { callerHeaders, cookieCaller, tokenCaller, type Caller } from './callers';
import { encodeLoosely, hugeString, junkValue, nastyString, plain, toJsonText, undecodable } from './junk';
import { badQueries, badTimestamp, queryJunk, type QueryParam } from './queries';
import { CreatePlanBody, PlanStatusSchema } from '../../../server/patrols/patrol-plan.schema';
import { ProposeBody } from '../../../server/patrols/proposal.schema';
import { CreateLogBody } from '../../../server/patrols/patrol-log.schema';

/** Patrol plans, proposals and logs: bad input never writes and always answers 4xx JSON naming the field. */

const CENTER: [number, number] = [16.5, 59.37];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CELL = latLngToCell(59.37, 16.5, 9);
const TARGET = { cells: [CELL], windows: [{ weekdays: [4, 5], hours: '22-3' }], dwellMinutes: 15, visitsPerWeek: 6, priority: 1 };
const PLAN = { name: 'Fuzzplan', from: '2026-12-01', to: '2027-01-01', targets: [TARGET] };
const PROPOSE = { res: 9, budgetMinutesPerWeek: 300, maxTargets: 3, method: 'count', seed: 1 };
const LOG = { unit: 'Patrull 1', startedAt: '2026-05-01T20:00:00+02:00', endedAt: '2026-05-01T20:15:00+02:00', location: { type: 'Point', coordinates: CENTER } };

/** Values a field's own schema refuses (so the body is invalid whatever else it holds). */
function refusedBy(schema: z.ZodType, extra: fc.Arbitrary<unknown> = fc.constant(undefined)) {
  return fc.oneof(junkValue, extra).filter((v) => v !== undefined && !schema.safeParse(plain(v)).success);
}

/** One target with one field broken, or junk where the target list goes. */
const badTargets = refusedBy(
  CreatePlanBody.shape.targets,
  fc.oneof(
    fc.tuple(fc.constantFrom('cells', 'zoneId', 'windows', 'dwellMinutes', 'visitsPerWeek', 'priority', 'unit', 'schedule', 'plannedMinutesPerWeek', 'name', 'bogus'), junkValue).map(([k, v]) => [{ ...TARGET, [k]: plain(v) }]),
    fc.constantFrom(
      [{ ...TARGET, windows: [{ weekdays: [7], hours: '18-23' }] }],
      [{ ...TARGET, windows: [{ weekdays: [1, 1], hours: '18-23' }] }],
      [{ ...TARGET, windows: [{ weekdays: [1], hours: '8,12-13' }] }],
      [{ ...TARGET, windows: [{ weekdays: [1], hours: '24' }] }],
      [{ ...TARGET, cells: [CELL, latLngToCell(59.37, 16.5, 10)] }],
      [{ ...TARGET, cells: [CELL, CELL] }],
      [{ ...TARGET, zoneId: crypto.randomUUID() }],
      [{ ...TARGET, cells: undefined }],
      [{ ...TARGET, plannedMinutesPerWeek: 1 }],
      Array.from({ length: 51 }, () => TARGET),
    ),
  ),
);

const PLAN_FIELDS: BodyField[] = [
  { name: 'name', required: true, invalid: refusedBy(CreatePlanBody.shape.name, fc.oneof(hugeString(201, 2_000), fc.constantFrom('', '   '))) },
  { name: 'from', required: true, invalid: refusedBy(CreatePlanBody.shape.from, badTimestamp) },
  { name: 'to', required: true, invalid: refusedBy(CreatePlanBody.shape.to, badTimestamp) },
  { name: 'targets', required: true, invalid: badTargets },
];

const PROPOSE_FIELDS: BodyField[] = (['res', 'from', 'to', 'categories', 'budgetMinutesPerWeek', 'maxTargets', 'method', 'seed'] as const).map((name) => ({
  name,
  required: name === 'budgetMinutesPerWeek',
  invalid: refusedBy(ProposeBody.shape[name], name === 'from' || name === 'to' ? badTimestamp : fc.constantFrom(-1, 0.5, 1e9, 'vald', ['vald', 'vald'], ['ZZ'])),
}));

const LOG_FIELDS: BodyField[] = (['id', 'planId', 'unit', 'startedAt', 'endedAt', 'track', 'location'] as const).map((name) => ({
  name,
  required: name === 'unit' || name === 'startedAt' || name === 'endedAt',
  invalid: refusedBy(CreateLogBody.shape[name], name.endsWith('At') ? badTimestamp : fc.constantFrom({ type: 'LineString', coordinates: [[16.5, 59.37]] }, { type: 'Point', coordinates: [200, 0] }, { type: 'Polygon', coordinates: [] })),
}));

const badIdSegment = fc.oneof(
  fc
    .tuple(fc.oneof(nastyString, hugeString(37, 600)), fc.boolean())
    .filter(([s]) => s.length > 0 && !UUID.test(s))
    .map(([s, raw]) => encodeLoosely(s, raw).replace(/\//g, '%2F').replace(/\?/g, '%3F')),
  fc.constantFrom('..', '%2e%2e', 'null', '0', '-1', '%00', '%', '%ff', '%ED%A0%80', 'propose'),
);

const json = (h: Record<string, string>) => ({ ...h, 'content-type': 'application/json' });

describe.each(BACKENDS)('fuzz: patrol plans and logs (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let admin: Caller;
  let planner: Caller;
  let analyst: Caller;
  let reporter: Caller;
  let draft: string;
  let active: string;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-patrols', CENTER);
    admin = await tokenCaller(server.db, area, 'admin');
    planner = await cookieCaller(server.url, area, 'planner');
    analyst = await tokenCaller(server.db, area, 'analyst');
    reporter = await cookieCaller(server.url, area, 'reporter');
    for (const status of ['draft', 'active'] as const) {
      const id = crypto.randomUUID();
      await server.db
        .insertInto('patrol_plans')
        .values({ area_id: area.id, id, name: status, period_from: new Date('2026-05-01T00:00:00Z'), period_to: new Date('2026-06-01T00:00:00Z'), status })
        .execute();
      if (status === 'draft') draft = id;
      else active = id;
    }
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`patrols (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('POST /patrol-plans/propose: bad bodies (400) and a budget below one stop, reversed periods, unknown categories', async () => {
    const headers = callerHeaders(admin, planner, analyst);
    const semantic = fc.tuple(headers, fc.oneof(
      fc.integer({ min: 0, max: 9 }).map((b) => [{ ...PROPOSE, budgetMinutesPerWeek: b }, 'budgetMinutesPerWeek', 422] as const),
      fc.constant([{ ...PROPOSE, from: '2026-05-10', to: '2026-05-01' }, 'to', 400] as const),
      fc.stringMatching(/^zz[a-z0-9-]{0,20}$/).map((c) => [{ ...PROPOSE, categories: [c] }, 'categories', 422] as const),
    )).map(([h, [body, path, status]]) => fuzzCase({ method: 'POST', path: '/api/v1/patrol-plans/propose', headers: json(h), body: toJsonText(body) }, { status: [status], path }));
    await fuzzFamily({
      family: 'POST /patrol-plans/propose',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fc.oneof(
        { weight: 4, arbitrary: badJsonBodies({ method: 'POST', path: '/api/v1/patrol-plans/propose', base: PROPOSE, fields: PROPOSE_FIELDS, strict: true, limitBytes: 1024 * 1024, headers }) },
        { weight: 1, arbitrary: semantic },
      ),
    });
  });

  it('POST /patrol-plans: bad plans are refused naming the field; unknown zones and cells outside the area 422', async () => {
    const headers = callerHeaders(admin, planner);
    const semantic = fc.tuple(headers, fc.oneof(
      fc.uuid().map((zoneId) => [{ ...PLAN, targets: [{ ...TARGET, cells: undefined, zoneId }] }, 'targets.0.zoneId', 422] as const),
      fc.constant([{ ...PLAN, targets: [{ ...TARGET, cells: [latLngToCell(57.7, 11.97, 9)] }] }, 'targets.0.cells', 422] as const),
      fc.constantFrom(['2027-01-01', '2026-12-01'], ['2026-12-01', '2026-12-01']).map(([from, to]) => [{ ...PLAN, from, to }, 'to', 400] as const),
    )).map(([h, [body, path, status]]) => fuzzCase({ method: 'POST', path: '/api/v1/patrol-plans', headers: json(h), body: toJsonText(body) }, { status: [status], path }));
    await fuzzFamily({
      family: 'POST /patrol-plans',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fc.oneof(
        { weight: 4, arbitrary: badJsonBodies({ method: 'POST', path: '/api/v1/patrol-plans', base: PLAN, fields: PLAN_FIELDS, strict: true, limitBytes: 1024 * 1024, headers }) },
        { weight: 1, arbitrary: semantic },
      ),
    });
  });

  it('GET|PATCH /patrol-plans/:id, /dosage and /briefing: bad ids, unknown ids, bad patches and steps back change nothing', async () => {
    const headers = callerHeaders(admin, planner);
    const routes = ['', '/dosage', '/briefing'];
    const byBadId = fc.tuple(fc.constantFrom('GET', 'PATCH'), fc.constantFrom(...routes), badIdSegment, headers).map(([method, tail, id, h]) =>
      method === 'PATCH'
        ? fuzzCase({ method, path: `/api/v1/patrol-plans/${id}`, headers: json(h), body: '{"name":"Ny"}' }, undecodable(id) ? { status: [400] } : { status: [400, 404], path: 'id' })
        : fuzzCase({ method, path: `/api/v1/patrol-plans/${id}${tail}`, headers: h }, undecodable(id) ? { status: [400] } : { status: [400, 404] }),
    );
    const unknownId = fc.tuple(fc.constantFrom(...routes), fc.uuid(), headers).map(([tail, id, h]) => fuzzCase({ method: 'GET', path: `/api/v1/patrol-plans/${id}${tail}`, headers: h }, { status: [404] }));
    const badPatch = badJsonBodies({
      method: 'PATCH',
      path: fc.constant(`/api/v1/patrol-plans/${draft}`),
      base: { name: 'Ny' },
      fields: [...PLAN_FIELDS.map((f) => ({ ...f, required: false })), { name: 'status', required: false, invalid: refusedBy(PlanStatusSchema) }],
      strict: true,
      limitBytes: 1024 * 1024,
      headers,
    });
    const stepBack = headers.chain((h) =>
      fc.constantFrom<[Record<string, unknown>, string]>([{ status: 'draft' }, 'status'], [{ targets: [] }, 'targets'], [{ from: '2026-04-01' }, 'from']).map(([body, path]) =>
        fuzzCase({ method: 'PATCH', path: `/api/v1/patrol-plans/${active}`, headers: json(h), body: JSON.stringify(body) }, { status: [409], path }),
      ),
    );
    const badQuery = fc.tuple(fc.constantFrom(...routes), fc.constantFrom('x', 'format', 'status'), queryJunk, headers).map(([tail, key, value, h]) =>
      fuzzCase({ method: 'GET', path: `/api/v1/patrol-plans/${draft}${tail}?${key}=${encodeLoosely(value, false)}`, headers: h }, { status: [400] }),
    ).filter((c) => !(c.request.path.includes('/briefing?format=') && /format=(json|html)$/.test(c.request.path)));
    await fuzzFamily({
      family: 'GET|PATCH /patrol-plans/:id(/dosage|/briefing)',
      baseUrl: server.url,
      watch,
      runs: 200,
      cases: fc.oneof(
        { weight: 4, arbitrary: byBadId },
        { weight: 2, arbitrary: unknownId },
        { weight: 5, arbitrary: badPatch },
        { weight: 1, arbitrary: stepBack },
        { weight: 2, arbitrary: badQuery },
      ),
    });
  });

  it('GET /patrol-plans: bad status lists and unknown parameters are refused', async () => {
    const params: QueryParam[] = [
      { name: 'status', valid: fc.constantFrom('draft', 'active,closed'), invalid: fc.oneof(queryJunk, fc.constantFrom('', 'open', 'draft,open', 'ACTIVE')).filter((s) => !s.split(',').map((x) => x.trim()).filter(Boolean).every((x) => ['draft', 'active', 'closed'].includes(x)) || s.trim() === '' || s.split(',').filter((x) => x.trim()).length > 3) },
    ];
    await fuzzFamily({ family: 'GET /patrol-plans (query)', baseUrl: server.url, watch, runs: 100, cases: badQueries({ path: '/api/v1/patrol-plans', params, headers: callerHeaders(admin, reporter) }) });
  });

  it('POST /patrol-logs: bad logs are refused naming the field; ends before it starts (400), outside the area (422)', async () => {
    const headers = callerHeaders(admin, reporter, planner);
    const semantic = fc.tuple(headers, fc.oneof(
      fc.integer({ min: 1, max: 100_000 }).map((s) => [{ ...LOG, endedAt: new Date(Date.parse(LOG.startedAt) - s * 1000).toISOString() }, 'endedAt', 400] as const),
      fc
        .tuple(fc.double({ min: -170, max: 170, noNaN: true }), fc.double({ min: -80, max: 80, noNaN: true }))
        .filter(([lng, lat]) => Math.abs(lng - CENTER[0]) > 0.5 || Math.abs(lat - CENTER[1]) > 0.5)
        .map(([lng, lat]) => [{ ...LOG, location: undefined, track: { type: 'LineString', coordinates: [[lng, lat], [lng + 0.001, lat]] } }, 'track', 422] as const),
      fc.uuid().map((planId) => [{ ...LOG, planId }, 'planId', 422] as const),
      fc.constant([{ ...LOG, track: { type: 'LineString', coordinates: [CENTER, [16.51, 59.37]] } }, 'location', 400] as const),
    )).map(([h, [body, path, status]]) => fuzzCase({ method: 'POST', path: '/api/v1/patrol-logs', headers: json(h), body: toJsonText(body) }, { status: [status], path }));
    await fuzzFamily({
      family: 'POST /patrol-logs',
      baseUrl: server.url,
      watch,
      runs: 200,
      cases: fc.oneof(
        { weight: 4, arbitrary: badJsonBodies({ method: 'POST', path: '/api/v1/patrol-logs', base: LOG, fields: LOG_FIELDS, strict: true, limitBytes: 1024 * 1024, headers }) },
        { weight: 1, arbitrary: semantic },
      ),
    });
  });

  it('GET /patrol-logs: bad query strings are refused with 400 naming the parameter', async () => {
    const params: QueryParam[] = [
      { name: 'planId', valid: fc.constant(draft), invalid: fc.oneof(queryJunk, fc.constantFrom('', 'x', '0')).filter((s) => !UUID.test(s)) },
      { name: 'from', valid: fc.constant('2026-01-01T00:00:00Z'), invalid: badTimestamp },
      { name: 'to', valid: fc.constant('2026-12-01T00:00:00Z'), invalid: badTimestamp },
      { name: 'unit', valid: fc.constant('Patrull 1'), invalid: fc.oneof(hugeString(101, 1_000), fc.constantFrom('', '   ')) },
      { name: 'limit', valid: fc.constantFrom('1', '1000'), invalid: fc.oneof(queryJunk, fc.constantFrom('0', '1001', '-1', '1.5')).filter((s) => !(Number.isInteger(Number(s)) && Number(s) >= 1 && Number(s) <= 1000 && s.trim() !== '')) },
      { name: 'cursor', valid: fc.constant(Buffer.from(JSON.stringify(['2026-05-01T12:00:00.000Z', crypto.randomUUID()])).toString('base64url')), invalid: fc.constantFrom('x', '!!!', 'W10', 'bnVsbA', 'e30') },
    ];
    await fuzzFamily({ family: 'GET /patrol-logs (query)', baseUrl: server.url, watch, runs: 150, cases: badQueries({ path: '/api/v1/patrol-logs', params, headers: callerHeaders(admin, reporter) }) });
  });
});
