import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, send, TableWatch } from '../../support/fuzz';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { startTestServer, type TestServer } from '../../support/server';
import { badJsonBodies } from './bodies';
import { callerHeaders, cookieCaller, tokenCaller, type Caller } from './callers';
import { encodeLoosely, hugeString, junkValue, malformedJson, nastyString, plain, toJsonText } from './junk';
import { queryJunk } from './queries';

/**
 * The area's reference data and settings, the privacy check, routes without input, and paths and
 * methods that are no route at all.
 */

describe.each(BACKENDS)('fuzz: area, settings, privacy and unknown routes (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let admin: Caller;
  let reporter: Caller;
  let adminCookie: Caller;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-area');
    admin = await tokenCaller(server.db, area, 'admin');
    adminCookie = await cookieCaller(server.url, area, 'admin');
    reporter = await tokenCaller(server.db, area, 'reporter');
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`area, settings, privacy and unknown routes (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('GET routes without input (areas, categories, organisations, me, export, settings, health): query junk and GET bodies are never a 5xx', async () => {
    const routes = fc.constantFrom(
      '/api/v1/health',
      '/api/v1/client-config',
      '/api/v1/areas/current',
      '/api/v1/categories',
      '/api/v1/organisations',
      '/api/v1/me',
      '/api/v1/me/export',
      '/api/v1/areas/current/settings',
    );
    const query = fc
      .array(fc.tuple(fc.oneof(nastyString, fc.constantFrom('areaId', 'area_id', 'code', 'limit', 'format', '__proto__', 'a[b]', 'x[]')), queryJunk, fc.boolean()), { maxLength: 4 })
      .map((pairs) => pairs.map(([k, v, raw]) => `${encodeLoosely(k, raw)}=${encodeLoosely(v, raw)}`).join('&'));
    const body = fc.option(fc.oneof(malformedJson, junkValue.map(toJsonText)), { nil: undefined });
    await fuzzFamily({
      family: 'GET areas/categories/organisations/me/export/settings/health (query junk)',
      baseUrl: server.url,
      watch,
      runs: 120,
      cases: fc.tuple(routes, query, body, callerHeaders(admin, adminCookie)).map(([path, q, b, h]) =>
        fuzzCase({ method: 'GET', path: q ? `${path}?${q}` : path, headers: b === undefined ? h : { ...h, 'content-type': 'application/json' }, body: b }, { lenient: true }),
      ),
    });
  });

  it('PATCH /areas/current/settings: bad settings are refused with 400 naming the key, and the area is unchanged', async () => {
    await fuzzFamily({
      family: 'PATCH /areas/current/settings',
      baseUrl: server.url,
      watch,
      runs: 120,
      cases: fc.oneof(
        { weight: 6, arbitrary: badJsonBodies({
          method: 'PATCH',
          path: '/api/v1/areas/current/settings',
          base: { publicHotspots: false, publicMinCount: 5, retentionMonths: 24 },
          fields: [
            { name: 'publicHotspots', required: false, invalid: junkValue.filter((v) => typeof plain(v) !== 'boolean') },
            {
              name: 'retentionMonths',
              required: false,
              invalid: fc.oneof(junkValue, fc.constantFrom(0, -1, 121, 1.5, 1e9, 2_147_483_648)).filter((v) => {
                const n = plain(v);
                return !(typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 120);
              }),
            },
            {
              name: 'publicMinCount',
              required: false,
              invalid: fc.oneof(junkValue, fc.constantFrom(0, 1, 2, -5, 1001, 2.5, 1e9)).filter((v) => {
                const n = plain(v);
                return !(typeof n === 'number' && Number.isInteger(n) && n >= 3 && n <= 1000);
              }),
            },
            {
              name: 'printMinCount',
              required: false,
              invalid: fc.oneof(junkValue, fc.constantFrom(0, 1, -5, 1001, 2.5, 1e9)).filter((v) => {
                const n = plain(v);
                return !(typeof n === 'number' && Number.isInteger(n) && n >= 2 && n <= 1000);
              }),
            },
            {
              name: 'confidentialityMarking',
              required: false,
              invalid: fc.oneof(junkValue.filter((v) => plain(v) !== null && typeof plain(v) !== 'string'), hugeString(201, 3_000)),
            },
          ],
          strict: true,
          limitBytes: 1024 * 1024,
          headers: callerHeaders(admin, adminCookie),
        }) },
        { weight: 1, arbitrary: callerHeaders(admin, adminCookie).map((h) => fuzzCase({ method: 'PATCH', path: '/api/v1/areas/current/settings', headers: { ...h, 'content-type': 'application/json' }, body: '{}' }, { status: [400] })) },
        // Keys that are not settings, or settings spelt another way.
        { weight: 1, arbitrary: fc.tuple(callerHeaders(admin), fc.constantFrom('retention_months', 'settings', 'publichotspots', 'public_hotspots', 'id', 'code', 'timezone')).map(([h, key]) =>
          fuzzCase({ method: 'PATCH', path: '/api/v1/areas/current/settings', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ [key]: 1 }) }, { status: [400], path: key })) },
      ),
    });
  });

  it('POST /privacy/check: bad bodies are refused with 4xx JSON naming the field', async () => {
    await fuzzFamily({
      family: 'POST /privacy/check',
      baseUrl: server.url,
      watch,
      runs: 120,
      cases: badJsonBodies({
        method: 'POST',
        path: '/api/v1/privacy/check',
        base: { text: 'Ring 070-123 45 67' },
        fields: [{ name: 'text', required: true, invalid: fc.oneof(junkValue.filter((v) => typeof plain(v) !== 'string'), hugeString(10_001, 30_000)) }],
        strict: true,
        limitBytes: 10 * 1024,
        headers: callerHeaders(admin, reporter),
      }),
    });
  });

  it('a request head over 16 kB is refused by Node itself (431, no body) before the app sees it', async () => {
    const res = await send(server.url, { method: 'GET', path: `/api/v1/reports/${'a'.repeat(20_000)}`, headers: admin.headers });
    expect(res.status).toBe(431);
  });

  it('paths and methods that are no route answer 404 JSON, never the web app', async () => {
    const segment = fc.tuple(fc.oneof(nastyString, fc.constantFrom('..', '.', '%2e%2e', 'v2', 'reportz', '%00', '%2F')), fc.boolean()).map(([s, raw]) =>
      encodeLoosely(s, raw).replace(/\//g, '%2F').replace(/\?/g, '%3F').replace(/^$/, 'x'),
    );
    const unknownPath = fc.tuple(fc.constantFrom('/api/v1/', '/api/', '/api/v1/reports/x/', '/api/v1/public/', '/api/v1/me/'), fc.array(segment, { minLength: 1, maxLength: 3 }), callerHeaders(admin, reporter)).map(([prefix, parts, h]) =>
      fuzzCase({ method: 'GET', path: prefix + parts.join('/'), headers: h }, { status: [404] }),
    );
    const wrongMethod = fc
      .tuple(
        fc.constantFrom('PUT', 'POST', 'PATCH', 'DELETE'),
        fc.constantFrom('/api/v1/health', '/api/v1/categories', '/api/v1/organisations', '/api/v1/areas/current', '/api/v1/me', '/api/v1/hotspots', '/api/v1/audit', '/api/v1/me/export', '/api/v1/imports', '/api/v1/reports', '/api/v1/privacy/check', '/api/v1/tokens', '/api/v1/public/areas/fuzz-area'),
        callerHeaders(admin),
      )
      .filter(([m, p]) => !(m === 'POST' && ['/api/v1/imports', '/api/v1/reports', '/api/v1/privacy/check', '/api/v1/tokens'].includes(p)))
      .map(([method, path, h]) => fuzzCase({ method, path, headers: h }, { status: [404] }));
    await fuzzFamily({
      family: 'unknown paths and methods',
      baseUrl: server.url,
      watch,
      runs: 100,
      cases: fc.oneof(unknownPath, wrongMethod),
    });
  });
});
