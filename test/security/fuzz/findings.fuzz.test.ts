import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { sql } from 'kysely';
import { latLngToCell } from 'h3-js';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, TableWatch, type FuzzCase } from '../../support/fuzz';
import { startTestServer, type TestServer } from '../../support/server';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { badJsonBodies, type BodyField } from './bodies';
import { callerHeaders, cookieCaller, storeReport, tokenCaller, type Caller } from './callers';
import { hugeString, junkValue, nastyString, plain, toJsonText, undecodable } from './junk';
import { badBbox, badCommaList, badIntString, badQueries, longQueryValue, type QueryParam } from './queries';
import { badIdSegment, badTimestampValue, badUuid } from './walk-junk';

/** POST /walks/:id/findings, GET /findings, GET|PATCH|DELETE /findings/:id: bad input never writes. */

const CENTER: [number, number] = [16.5, 59.37];
const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const RESPONSIBLE = ['kommun', 'fastighetsagare', 'trafikverket', 'polis', 'annan'];
const STATUSES = ['open', 'planned', 'fixed', 'wont-fix'];
const isString = (v: unknown) => typeof plain(v) === 'string';

const FINDING = { category: 'belysning', location: { type: 'Point', coordinates: [16.51, 59.375] }, priority: 2, responsible: 'kommun' };

const badPriority = junkValue.filter((v) => !(Number.isInteger(plain(v)) && (plain(v) as number) >= 1 && (plain(v) as number) <= 3));
const badResponsible = fc.oneof(junkValue, fc.constantFrom('Kommun', 'kommunen', 'fastighetsägare', 'polisen', '')).filter((v) => !RESPONSIBLE.includes(plain(v) as string));
const badText = fc.oneof(junkValue.filter((v) => !isString(v) && plain(v) !== null), hugeString(2_001, 100_000));
const badShortText = fc.oneof(junkValue.filter((v) => !isString(v) && plain(v) !== null), hugeString(201, 5_000), fc.constantFrom('', '  '));
const badLocation = fc.oneof(
  junkValue,
  fc.constantFrom<unknown>(
    { type: 'Point', coordinates: [] },
    { type: 'Point', coordinates: [181, 59] },
    { type: 'Point', coordinates: ['16.5', '59.37'] },
    { type: 'point', coordinates: [16.5, 59.37] },
    { type: 'LineString', coordinates: [[16.5, 59.37], [16.6, 59.38]] },
    { coordinates: [16.5, 59.37] },
  ),
);
const badCategory = fc.oneof(junkValue, hugeString(64, 3_000)).filter((v) => !(isString(v) && CODE.test(plain(v) as string)));

const FINDING_FIELDS: BodyField[] = [
  { name: 'id', required: false, invalid: badUuid },
  { name: 'category', required: true, invalid: badCategory },
  { name: 'location', required: true, invalid: badLocation },
  { name: 'priority', required: true, invalid: badPriority },
  { name: 'description', required: false, invalid: badText },
  { name: 'proposedFix', required: false, invalid: badText },
  { name: 'responsible', required: true, invalid: badResponsible },
  { name: 'responsibleName', required: false, invalid: badShortText },
  { name: 'observedAt', required: false, invalid: badTimestampValue },
];

const decorate = fc.record({ description: fc.oneof(nastyString, fc.constant(null)), responsibleName: fc.constantFrom('Gatukontoret', "O'Brien & Söner <AB>") }, { requiredKeys: [] });

const badDueDate = fc.oneof(
  junkValue.filter((v) => !isString(v) && plain(v) !== null),
  fc.constantFrom('2026-02-30', '2026-13-01', '2026-1-1', '20260101', '2026-01-01T00:00:00Z', '01/02/2026', '', '2026-00-10', '٢٠٢٦-01-01'),
  nastyString.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
);

describe.each(BACKENDS)('fuzz: findings (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let walker: Caller;
  let planner: Caller;
  let ownWalk: string;
  let othersWalk: string;
  let doneWalk: string;
  const findings: string[] = [];
  let reportId: string;

  async function storeWalk(status: 'planned' | 'done', leader: number) {
    const id = crypto.randomUUID();
    await server.db
      .insertInto('walks')
      .values({
        area_id: area.id,
        id,
        name: 'Fuzzvandring',
        planned_at: new Date('2026-05-01T16:00:00Z'),
        status,
        started_at: status === 'done' ? new Date('2026-05-01T16:00:00Z') : null,
        ended_at: status === 'done' ? new Date('2026-05-01T18:00:00Z') : null,
        leader_id: leader,
        created_by: leader,
      })
      .execute();
    return id;
  }

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-find', CENTER);
    planner = await tokenCaller(server.db, area, 'planner');
    walker = await cookieCaller(server.url, area, 'walker');
    ownWalk = await storeWalk('planned', area.users.walker.id);
    othersWalk = await storeWalk('planned', area.users.planner.id);
    doneWalk = await storeWalk('done', area.users.walker.id);
    for (const walkId of [ownWalk, othersWalk]) {
      const id = await storeReport(server.db, area);
      await server.db.updateTable('reports').set({ source: 'walk', category: 'belysning' }).where('id', '=', id).execute();
      await server.db
        .insertInto('findings')
        .values({ area_id: area.id, id, walk_id: walkId, category: 'belysning', geom: sql`ST_SetSRID(ST_MakePoint(16.51, 59.375), 4326)`, priority: 2, responsible: 'kommun', observed_at: new Date('2026-05-01T16:30:00Z'), created_by: area.users.walker.id })
        .execute();
      findings.push(id);
    }
    reportId = await storeReport(server.db, area);
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`findings (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('POST /walks/:id/findings: bad bodies, walks and ids are refused with 4xx JSON, and nothing is stored', async () => {
    const headers = callerHeaders(walker, planner);
    const post = (walkId: string, body: unknown, h: Record<string, string>, status: number[], path?: string) =>
      fuzzCase({ method: 'POST', path: `/api/v1/walks/${walkId}/findings`, headers: { ...h, 'content-type': 'application/json' }, body: toJsonText(body) }, { status, path });
    const semantic: fc.Arbitrary<FuzzCase> = fc.oneof(
      fc.tuple(headers, fc.stringMatching(/^zz[a-z0-9-]{0,30}$/)).map(([h, category]) => post(ownWalk, { ...FINDING, category }, h, [422], 'category')),
      headers.map((h) => post(ownWalk, { ...FINDING, category: 'vald' }, h, [422], 'category')),
      fc
        .tuple(headers, fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }))
        .filter(([, lng, lat]) => Math.abs(lng - CENTER[0]) > 0.3 || Math.abs(lat - CENTER[1]) > 0.3)
        .map(([h, lng, lat]) => post(ownWalk, { ...FINDING, location: { type: 'Point', coordinates: [lng, lat] } }, h, [422], 'location.coordinates')),
      fc.constantFrom('2099-01-01T00:00:00Z', '1969-12-31T23:59:59Z').chain((observedAt) => headers.map((h) => post(ownWalk, { ...FINDING, observedAt }, h, [422], 'observedAt'))),
      fc.constant(post(othersWalk, FINDING, walker.headers, [403])),
      fc.constant(post(doneWalk, FINDING, walker.headers, [409], 'status')),
      headers.map((h) => post(crypto.randomUUID(), FINDING, h, [404])),
      headers.map((h) => post(ownWalk, { ...FINDING, id: reportId }, h, [409], 'id')),
      fc.tuple(badIdSegment, headers).map(([id, h]) => post(id, FINDING, h, [400], undecodable(id) ? undefined : 'id')),
    );
    await fuzzFamily({
      family: 'POST /walks/:id/findings',
      baseUrl: server.url,
      watch,
      runs: 200,
      cases: fc.oneof(
        { weight: 4, arbitrary: badJsonBodies({ method: 'POST', path: `/api/v1/walks/${ownWalk}/findings`, base: FINDING, decorate, fields: FINDING_FIELDS, strict: true, limitBytes: 1024 * 1024, headers }) },
        { weight: 2, arbitrary: semantic },
      ),
    });
  });

  it('GET /findings: bad query strings are refused with 400 naming the parameter', async () => {
    const params: QueryParam[] = [
      { name: 'status', valid: fc.constantFrom('open', 'open,planned'), invalid: badCommaList((s) => STATUSES.includes(s)) },
      { name: 'responsible', valid: fc.constantFrom('kommun', 'polis,annan'), invalid: badCommaList((s) => RESPONSIBLE.includes(s)) },
      { name: 'overdue', valid: fc.constantFrom('true', 'false'), invalid: fc.oneof(nastyString, fc.constantFrom('yes', 'TRUE', '2', '')).filter((s) => !['true', 'false', '1', '0'].includes(s)) },
      { name: 'walk', valid: fc.constant(ownWalk), invalid: fc.oneof(nastyString, longQueryValue).filter((s) => !/^[0-9a-f-]{36}$/i.test(s)) },
      { name: 'categories', valid: fc.constantFrom('belysning', 'vegetation,klotter'), invalid: badCommaList((s) => CODE.test(s)) },
      { name: 'bbox', valid: fc.constant('16,59,17,60'), invalid: badBbox },
      { name: 'cell', valid: fc.constant(latLngToCell(CENTER[1], CENTER[0], 9)), invalid: fc.oneof(nastyString, fc.constantFrom('891f1d48b1bfff', 'ffffffffffffffff', '0')).filter((s) => !/^[0-9a-f]{15}$/i.test(s)) },
      { name: 'limit', valid: fc.constantFrom('1', '5000'), invalid: badIntString(1, 5000) },
      { name: 'cursor', valid: fc.constant(Buffer.from(JSON.stringify(['2026-05-01T12:00:00.000Z', crypto.randomUUID()])).toString('base64url')), invalid: fc.oneof(fc.constantFrom('x', 'W10', 'e30'), longQueryValue) },
    ];
    await fuzzFamily({ family: 'GET /findings (query)', baseUrl: server.url, watch, runs: 150, cases: badQueries({ path: '/api/v1/findings', params, headers: callerHeaders(walker, planner) }) });
  });

  it('GET, PATCH and DELETE /findings/:id: bad ids, bad changes and forbidden status moves change nothing', async () => {
    const headers = callerHeaders(walker, planner);
    const patchFields: BodyField[] = [
      { name: 'status', required: false, invalid: junkValue.filter((v) => !STATUSES.includes(plain(v) as string)) },
      { name: 'owner', required: false, invalid: badShortText },
      { name: 'dueDate', required: false, invalid: badDueDate },
      { name: 'comment', required: false, invalid: fc.oneof(junkValue.filter((v) => !isString(v)), hugeString(2_001, 50_000), fc.constantFrom('', ' ')) },
      { name: 'category', required: false, invalid: badCategory },
      { name: 'location', required: false, invalid: badLocation.filter((v) => plain(v) !== undefined) },
      { name: 'priority', required: false, invalid: badPriority },
      { name: 'responsible', required: false, invalid: badResponsible },
      { name: 'responsibleName', required: false, invalid: badShortText },
    ];
    const withBody = (method: string, h: Record<string, string>) => (method === 'PATCH' ? { ...h, 'content-type': 'application/json' } : h);
    const byBadId = fc.tuple(fc.constantFrom('GET', 'PATCH', 'DELETE'), badIdSegment, headers).map(([method, id, h]) =>
      fuzzCase({ method, path: `/api/v1/findings/${id}`, headers: withBody(method, h), body: method === 'PATCH' ? '{"comment":"x"}' : undefined }, undecodable(id) ? { status: [400] } : { status: [400], path: 'id' }),
    );
    const unknownId = fc.tuple(fc.constantFrom('GET', 'PATCH', 'DELETE'), fc.uuid(), headers).map(([method, id, h]) =>
      fuzzCase({ method, path: `/api/v1/findings/${id}`, headers: withBody(method, h), body: method === 'PATCH' ? '{"comment":"x"}' : undefined }, { status: [404] }),
    );
    const badPatch = badJsonBodies({ method: 'PATCH', path: fc.constant(`/api/v1/findings/${findings[0]}`), base: { comment: 'Uppföljning' }, fields: patchFields, strict: true, limitBytes: 1024 * 1024, headers });
    const semantic = fc.oneof(
      fc.constantFrom('1999-12-31', '2101-01-01', '0001-01-01').chain((dueDate) => headers.map((h) => fuzzCase({ method: 'PATCH', path: `/api/v1/findings/${findings[0]}`, headers: withBody('PATCH', h), body: JSON.stringify({ dueDate }) }, { status: [422], path: 'dueDate' }))),
      fc.constantFrom('fixed', 'wont-fix').map((status) => fuzzCase({ method: 'PATCH', path: `/api/v1/findings/${findings[0]}`, headers: withBody('PATCH', walker.headers), body: JSON.stringify({ status }) }, { status: [403], path: 'status' })),
      fc.constantFrom('GET', 'PATCH', 'DELETE').map((method) =>
        // The walker may read every finding of the area, but not change one of a walk led by someone else.
        fuzzCase({ method, path: `/api/v1/findings/${findings[1]}`, headers: withBody(method, walker.headers), body: method === 'PATCH' ? '{"comment":"x"}' : undefined }, method === 'GET' ? { lenient: true } : { status: [403] }),
      ),
    );
    await fuzzFamily({
      family: 'GET|PATCH|DELETE /findings/:id',
      baseUrl: server.url,
      watch,
      runs: 200,
      cases: fc.oneof({ weight: 4, arbitrary: byBadId }, { weight: 2, arbitrary: unknownId }, { weight: 5, arbitrary: badPatch }, { weight: 2, arbitrary: semantic }),
    });
  });
});
