import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { changes, checkAnswer, send, TableWatch, type Expectation, type FuzzRequest } from '../../support/fuzz';
import { startTestServer, type TestServer } from '../../support/server';
import { tokenCaller, type Caller } from './callers';

/**
 * What the fuzz families (*.fuzz.test.ts) found, each as its smallest input: the 5xx answers
 * KB1–KB7, reported to the lead and fixed in 3dc6d75, stay as regression tests; KB8 (a bad date
 * stored as another) fails until fixed. A new 5xx goes here with its signature in known-bugs.ts.
 */

const JSON_TYPE = { 'content-type': 'application/json' };
const REPORT = { category: 'vald', observedAt: '2026-05-01T21:30:00+02:00', location: { type: 'Point', coordinates: [16.51, 59.375] } };
const cursor = (observedAt: string) => Buffer.from(JSON.stringify([observedAt, '6f9619ff-8b86-4d11-b42d-00c04fc964ff'])).toString('base64url');

describe.each(BACKENDS)('bugs found by fuzzing: each input is refused with a 4xx JSON error and stores nothing (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let admin: Caller;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000' } });
    area = await createTestArea(server.db, 'known-bugs');
    admin = await tokenCaller(server.db, area, 'admin');
    watch = await TableWatch.create(server.db);
  });
  afterAll(() => server?.close());

  /**
   * Sends the request; a refusal must be a well-formed 4xx that writes nothing (a lenient case may
   * also be accepted). A wrong login may record its failure (the lockout's table).
   */
  async function expectRefused(request: FuzzRequest, expectation: Expectation) {
    const before = await watch.snapshot();
    const res = await send(server.url, request);
    expect(res.status, `${request.method} ${request.path.slice(0, 120)} → ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
    checkAnswer(res, expectation, request);
    const written = changes(before, await watch.snapshot()).filter((c) => !c.startsWith('login_failures:'));
    if (res.status >= 400) expect(written).toEqual([]);
  }

  const withAdmin = (headers: Record<string, string> = {}) => ({ ...admin.headers, ...headers });

  describe('KB1: a NUL character (JSON "\\u0000") in a text value reached PostgreSQL, which refused it (was a 500)', () => {
    it('POST /auth/login {"email": "a\\u0000b@x.se"}', () =>
      expectRefused({ method: 'POST', path: '/api/v1/auth/login', headers: JSON_TYPE, body: '{"email":"a\\u0000b@x.se","password":"x"}' }, { lenient: true }));
    it('POST /reports with "description": "a\\u0000b"', () =>
      expectRefused({ method: 'POST', path: '/api/v1/reports', headers: withAdmin(JSON_TYPE), body: JSON.stringify({ ...REPORT, description: 'a\u0000b' }) }, { lenient: true }));
    it('POST /tokens {"name": "a\\u0000b"}', () =>
      expectRefused({ method: 'POST', path: '/api/v1/tokens', headers: withAdmin(JSON_TYPE), body: '{"name":"a\\u0000b"}' }, { lenient: true }));
    it('POST /imports?format=geojson with properties.id "x\\u0000"', () =>
      expectRefused(
        {
          method: 'POST',
          path: '/api/v1/imports?format=geojson',
          headers: withAdmin(JSON_TYPE),
          body: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [16.51, 59.375] }, properties: { id: 'x\u0000', category: 'vald', observedAt: '2026-05-01T21:30:00+02:00' } }] }),
        },
        { lenient: true },
      ));
    it('POST /imports?format=csv with a NUL byte in a description cell', () =>
      expectRefused(
        { method: 'POST', path: '/api/v1/imports?format=csv', headers: withAdmin({ 'content-type': 'text/csv' }), body: 'id,category,observed_at,lat,lng,description\nn-1,vald,2026-05-01T21:30:00+02:00,59.375,16.51,a\u0000b\n' },
        { lenient: true },
      ));
  });

  describe('KB2: a body whose Content-Encoding does not decode (zlib error, no body-parser type) (was a 500)', () => {
    it('POST /auth/login, Content-Encoding: gzip, body "not gzip"', () =>
      expectRefused({ method: 'POST', path: '/api/v1/auth/login', headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: 'not gzip' }, { status: [400, 415] }));
    it('POST /privacy/check, Content-Encoding: deflate, a plain JSON body', () =>
      expectRefused({ method: 'POST', path: '/api/v1/privacy/check', headers: withAdmin({ ...JSON_TYPE, 'content-encoding': 'deflate' }), body: '{"text":"x"}' }, { status: [400, 415] }));
  });

  describe("KB3: malformed percent-encoding in a path parameter (Express's URIError, status 400 but no HttpError) (was a 500)", () => {
    it('GET /reports/%E0%A4%A', () => expectRefused({ method: 'GET', path: '/api/v1/reports/%E0%A4%A', headers: withAdmin() }, { status: [400, 404] }));
    it('DELETE /tokens/%', () => expectRefused({ method: 'DELETE', path: '/api/v1/tokens/%', headers: withAdmin() }, { status: [400, 404] }));
    it('GET /public/areas/%zz/hotspots (no login)', () => expectRefused({ method: 'GET', path: '/api/v1/public/areas/%zz/hotspots' }, { status: [400, 404] }));
  });

  describe('KB4: a forged GET /reports cursor whose date JavaScript parses but the database cannot store (was a 500)', () => {
    it('cursor = base64url(["275760-09-13", uuid]) (PGlite)', () =>
      expectRefused({ method: 'GET', path: `/api/v1/reports?cursor=${cursor('275760-09-13')}`, headers: withAdmin() }, { lenient: true }));
    it('cursor = base64url(["-271821-04-20T00:00:00Z", uuid]) (before 4713 BC)', () =>
      expectRefused({ method: 'GET', path: `/api/v1/reports?cursor=${cursor('-271821-04-20T00:00:00Z')}`, headers: withAdmin() }, { lenient: true }));
  });

  describe('KB5: a deeply nested value in a Polisen event (JSON.stringify in the row error overflowed the stack) (was a 500)', () => {
    it('POST /imports?format=polisen [{"datetime": [[[…10 000 deep…]]]}]', () =>
      expectRefused(
        { method: 'POST', path: '/api/v1/imports?format=polisen', headers: withAdmin(JSON_TYPE), body: `[{"datetime":${'['.repeat(10_000)}${']'.repeat(10_000)}}]` },
        { status: [400, 422] },
      ));
  });

  describe('KB6: organisationId passes the schema (a safe integer) but not the int4 column (was a 500)', () => {
    it('POST /reports {..., "organisationId": 2147483648}', () =>
      expectRefused({ method: 'POST', path: '/api/v1/reports', headers: withAdmin(JSON_TYPE), body: JSON.stringify({ ...REPORT, organisationId: 2_147_483_648 }) }, { status: [400, 422], path: 'organisationId' }));
  });

  describe('KB8 (open, not fixed yet): years 0000-0099 are read as 1900-1999 (Date.UTC maps two-digit years), so an impossible date is stored', () => {
    it('POST /reports {"observedAt": "0099-05-01T21:30:00+02:00"} is refused, not stored as 1999-05-01', () =>
      expectRefused({ method: 'POST', path: '/api/v1/reports', headers: withAdmin(JSON_TYPE), body: JSON.stringify({ ...REPORT, observedAt: '0099-05-01T21:30:00+02:00' }) }, { status: [400, 422], path: 'observedAt' }));
  });

  describe('KB7: lone UTF-16 surrogates (JSON "\\udc00\\ud800") after a combining mark made PGlite fail with "invalid byte sequence for encoding UTF8" (was a 500, PGlite only)', () => {
    it('POST /auth/login {"email": "\\u0301\\udc00\\ud800"}', () =>
      expectRefused({ method: 'POST', path: '/api/v1/auth/login', headers: JSON_TYPE, body: '{"email":"\\u0301\\udc00\\ud800","password":"x"}' }, { status: [400, 401] }));
    it('POST /reports with "description": "\\u0301\\udc00\\ud800"', () =>
      expectRefused({ method: 'POST', path: '/api/v1/reports', headers: withAdmin(JSON_TYPE), body: JSON.stringify({ ...REPORT, description: '\u0301\udc00\ud800' }) }, { lenient: true }));
  });
});
