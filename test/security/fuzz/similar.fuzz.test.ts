import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, TableWatch } from '../../support/fuzz';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { startTestServer, type TestServer } from '../../support/server';
import { badJsonBodies, type BodyField } from './bodies';
import { callerHeaders, cookieCaller, storeReport, tokenCaller, type Caller } from './callers';
import { encodeLoosely, hugeString, junkValue, nastyString, plain, undecodable } from './junk';
import { badQueries, badTimestamp, queryJunk, type QueryParam } from './queries';

/** GET /reports/similar and POST /reports/:id/confirmations (issue 5): bad input never writes and always answers 4xx JSON. */

const CENTER: [number, number] = [16.5, 59.37];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const DECIMAL = /^-?\d{1,3}(\.\d{1,15})?$/;

/** Query values that are not a decimal within ±limit degrees. */
const badDegrees = (limit: number) =>
  fc
    .oneof(queryJunk, fc.constantFrom('181', '-180.0000001', '90.5', '1e1', '16,5', '16.', '.5', '+16.5', '0x10', '16.5°', '1234', '16.5.1', '16.1234567890123456'))
    .filter((s) => !(DECIMAL.test(s) && Math.abs(Number(s)) <= limit));

describe.each(BACKENDS)('fuzz: similar reports and confirmations (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let reporter: Caller;
  let planner: Caller;
  const existing: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-sim', CENTER);
    planner = await tokenCaller(server.db, area, 'planner');
    reporter = await cookieCaller(server.url, area, 'reporter');
    for (let i = 0; i < 3; i++) existing.push(await storeReport(server.db, area));
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`similar reports and confirmations (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('GET /reports/similar: bad query strings are refused with 400 naming the parameter', async () => {
    const params: QueryParam[] = [
      { name: 'category', valid: fc.constantFrom('vald', 'klotter'), invalid: fc.oneof(queryJunk, hugeString(64, 300)).filter((s) => !CODE.test(s)) },
      { name: 'lng', valid: fc.constantFrom('16.5', '16.51', '-0.5'), invalid: badDegrees(180) },
      { name: 'lat', valid: fc.constantFrom('59.37', '59.375'), invalid: badDegrees(90) },
      { name: 'observedAt', valid: fc.constantFrom('2026-05-01T12:00:00Z', '2026-05-01T14:00:00+02:00'), invalid: badTimestamp },
    ];
    await fuzzFamily({
      family: 'GET /reports/similar (query)',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: badQueries({ path: '/api/v1/reports/similar', params, headers: callerHeaders(reporter, planner) }),
    });
  });

  it('POST /reports/:id/confirmations: bad ids, bodies and times are refused and store nothing', async () => {
    const headers = callerHeaders(reporter, planner);
    const knownId = fc.constantFrom(...existing);
    const isString = (v: unknown) => typeof plain(v) === 'string';
    const fields: BodyField[] = [
      { name: 'id', required: false, invalid: junkValue.filter((v) => !(isString(v) && UUID.test(plain(v) as string))) },
      { name: 'note', required: false, invalid: fc.oneof(junkValue.filter((v) => !isString(v) && plain(v) !== null), hugeString(1_001, 200_000)) },
      { name: 'confirmedAt', required: false, invalid: fc.oneof(badTimestamp, junkValue.filter((v) => !isString(v))) },
    ];
    const badBodies = badJsonBodies({
      method: 'POST',
      path: knownId.map((id) => `/api/v1/reports/${id}/confirmations`),
      base: { note: 'Såg samma sak' },
      fields,
      strict: true,
      limitBytes: 1024 * 1024,
      headers,
    });
    const post = (path: string, h: Record<string, string>, body: unknown) => ({
      method: 'POST',
      path,
      headers: { ...h, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const impossibleTime = fc
      .tuple(knownId, headers, fc.constantFrom('2099-01-01T00:00:00Z', '9999-12-31T23:59:59-18:00', '1969-12-31T23:59:59Z', '0001-01-01T00:00:00Z'))
      .map(([id, h, confirmedAt]) => fuzzCase(post(`/api/v1/reports/${id}/confirmations`, h, { confirmedAt }), { status: [422], path: 'confirmedAt' }));
    const badIdSegment = fc
      .tuple(fc.oneof(nastyString, fc.constantFrom('similar', 'null', '0', '..', '%00', '%ff')), fc.boolean(), headers)
      .filter(([s]) => s.length > 0 && !UUID.test(s))
      .map(([s, raw, h]) => {
        const id = encodeLoosely(s, raw).replace(/\//g, '%2F').replace(/\?/g, '%3F');
        return fuzzCase(post(`/api/v1/reports/${id}/confirmations`, h, {}), undecodable(id) ? { status: [400] } : { status: [400], path: 'id' });
      });
    const unknownReport = fc
      .tuple(fc.uuid(), headers)
      .map(([id, h]) => fuzzCase(post(`/api/v1/reports/${id}/confirmations`, h, { note: 'x' }), { status: [404] }));
    await fuzzFamily({
      family: 'POST /reports/:id/confirmations',
      baseUrl: server.url,
      watch,
      runs: 200,
      cases: fc.oneof(
        { weight: 6, arbitrary: badBodies },
        { weight: 1, arbitrary: impossibleTime },
        { weight: 2, arbitrary: badIdSegment },
        { weight: 1, arbitrary: unknownReport },
      ),
    });
  });
});
