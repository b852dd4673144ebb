import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, TableWatch } from '../../support/fuzz';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { startTestServer, type TestServer } from '../../support/server';
import { badJsonBodies } from './bodies';
import { callerHeaders, cookieCaller, tokenCaller, type Caller } from './callers';
import { encodeLoosely, headerValue, hugeString, junkValue, nastyString, plain, undecodable } from './junk';
import { badQueries, queryJunk } from './queries';

/** Credentials and API tokens under bad input: junk credentials never authenticate, and no token is made or revoked. */

describe.each(BACKENDS)('fuzz: credentials and tokens (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let admin: Caller;
  let reporter: Caller;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-tok');
    admin = await tokenCaller(server.db, area, 'admin');
    reporter = await cookieCaller(server.url, area, 'reporter');
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`credentials and tokens (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('junk credentials on authenticated routes answer 401/403 and never authenticate', async () => {
    const routes = fc.constantFrom(
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/me/export'],
      ['POST', '/api/v1/auth/logout-all'],
      ['GET', '/api/v1/tokens'],
      ['POST', '/api/v1/tokens'],
      ['DELETE', '/api/v1/tokens/1'],
      ['GET', '/api/v1/reports'],
      ['POST', '/api/v1/privacy/check'],
      ['GET', '/api/v1/audit'],
    );
    const credentials = fc.oneof(
      headerValue.map((v) => ({ authorization: v })),
      headerValue.map((v) => ({ authorization: `Bearer ${v}` })),
      fc.constantFrom('tk_', 'tk_' + 'A'.repeat(43), 'tk_' + 'A'.repeat(5000), "tk_' OR '1'='1").map((v) => ({ authorization: `Bearer ${v}` })),
      fc.tuple(headerValue, fc.boolean()).map(([v, withOrigin]) => ({ cookie: `tk_session=${v}`, ...(withOrigin ? { origin: server.url } : {}) })),
      fc.tuple(headerValue, fc.boolean()).map(([v, withOrigin]) => ({ cookie: v, ...(withOrigin ? { origin: server.url } : {}) })),
      fc.constantFrom({ cookie: 'tk_session=' }, { cookie: 'tk_session=a; tk_session=b' }, { cookie: 'tk_session="x"' }, { cookie: '=;;=' }),
    );
    await fuzzFamily({
      family: 'authenticated routes (junk credentials)',
      baseUrl: server.url,
      watch,
      runs: 120,
      cases: fc.tuple(routes, credentials).map(([[method, path], headers]) =>
        fuzzCase(
          { method, path, headers: method === 'GET' || method === 'DELETE' ? headers : { ...headers, 'content-type': 'application/json' }, body: method === 'POST' ? '{"name":"x","text":"x"}' : undefined },
          { status: [401, 403] },
        ),
      ),
    });
  });

  it('POST, GET and DELETE /tokens: bad bodies, queries and ids are refused and no token is made or revoked', async () => {
    const headers = callerHeaders(admin, reporter);
    const create = badJsonBodies({
      method: 'POST',
      path: '/api/v1/tokens',
      base: { name: 'fuzz', readOnly: true },
      fields: [
        { name: 'name', required: true, invalid: fc.oneof(junkValue.filter((v) => typeof plain(v) !== 'string'), fc.constantFrom('', ' ', '\t\n'), hugeString(101, 400_000)) },
        { name: 'readOnly', required: false, invalid: junkValue.filter((v) => typeof plain(v) !== 'boolean') },
      ],
      strict: true,
      limitBytes: 1024 * 1024,
      headers,
    });
    const list = badQueries({
      path: '/api/v1/tokens',
      params: [{ name: 'all', valid: fc.constantFrom('false', '0'), invalid: fc.oneof(queryJunk, fc.constantFrom('yes', 'TRUE', 'on', '2', '')).filter((s) => !['true', 'false', '1', '0'].includes(s)) }],
      headers,
    });
    const badId = fc
      .tuple(fc.oneof(nastyString, fc.constantFrom('0x1', '1e3', '-1', '1.0', '1 ', '+1', '1234567890', '99999999999999999999', '%31', '٣')), fc.boolean())
      .map(([s, raw]) => encodeLoosely(s, raw).replace(/\//g, '%2F').replace(/\?/g, '%3F'))
      .filter((s) => s.length > 0 && !/^\d{1,9}$/.test(decodeURIComponentSafe(s)));
    const revokeBad = fc.tuple(badId, headers).map(([id, h]) => fuzzCase({ method: 'DELETE', path: `/api/v1/tokens/${id}`, headers: h }, undecodable(id) ? { status: [400] } : { status: [400], path: 'id' }));
    // Ids far above any token this run makes: well-formed, but nobody's.
    const revokeUnknown = fc.tuple(fc.integer({ min: 100_000_000, max: 999_999_999 }), headers).map(([id, h]) => fuzzCase({ method: 'DELETE', path: `/api/v1/tokens/${id}`, headers: h }, { status: [404] }));
    await fuzzFamily({
      family: 'POST|GET|DELETE /tokens',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fc.oneof({ weight: 5, arbitrary: create }, { weight: 2, arbitrary: list }, { weight: 3, arbitrary: revokeBad }, { weight: 1, arbitrary: revokeUnknown }),
    });
  });
});

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
