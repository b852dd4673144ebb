import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, TableWatch, type FuzzCase } from '../../support/fuzz';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { startTestServer, type TestServer } from '../../support/server';
import { callerHeaders, tokenCaller, type Caller } from './callers';
import { encodeLoosely, nastyString, undecodable } from './junk';
import { badBbox, badCommaList, badIntString, badQueries, badTimestamp, isIsoWithOffsetLike, longQueryValue, queryJunk, type QueryParam } from './queries';
import { isCell } from '../../../server/h3/cells';

/** The aggregate reads: GET /hotspots and the statistics over it, the public view without login, and the admin's GET /audit. */

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const HOURS_OK = (s: string) =>
  s.split(',').every((part) => {
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part.trim());
    return !!m && Number(m[1]) <= 23 && (m[2] === undefined || Number(m[2]) <= 23);
  });

const HOTSPOT_PARAMS: QueryParam[] = [
  { name: 'res', valid: fc.constantFrom('6', '8', '12'), invalid: badIntString(6, 12) },
  { name: 'from', valid: fc.constant('2025-01-01T00:00:00Z'), invalid: badTimestamp },
  { name: 'to', valid: fc.constant('2026-06-01T00:00:00+02:00'), invalid: badTimestamp },
  { name: 'categories', valid: fc.constantFrom('vald', 'vald,klotter'), invalid: badCommaList((s) => CODE.test(s)) },
  { name: 'organisations', valid: fc.constantFrom('1', '1,2'), invalid: badCommaList((s) => /^\d{1,9}$/.test(s)) },
  { name: 'sources', valid: fc.constantFrom('app', 'app,walk'), invalid: badCommaList((s) => ['app', 'import', 'polisen', 'walk'].includes(s)) },
  { name: 'precision', valid: fc.constantFrom('point', 'all'), invalid: fc.oneof(queryJunk, fc.constantFrom('POINT', 'points', 'any')).filter((s) => s !== 'point' && s !== 'all') },
  { name: 'weekdays', valid: fc.constantFrom('0', '5,6'), invalid: badCommaList((s) => /^[0-6]$/.test(s)) },
  { name: 'hours', valid: fc.constantFrom('18-23', '22-3', '8,12-13'), invalid: fc.oneof(queryJunk, fc.constantFrom('24', '0-24', '-1', '1--2', '18-', '', '1,,2', '99', '٣')).filter((s) => !HOURS_OK(s)) },
  { name: 'weighted', valid: fc.constantFrom('true', '0'), invalid: fc.oneof(queryJunk, fc.constantFrom('TRUE', 'yes', '')).filter((s) => !['true', 'false', '1', '0'].includes(s)) },
  { name: 'includeExcluded', valid: fc.constantFrom('false', '1'), invalid: fc.oneof(queryJunk, fc.constantFrom('on', 'null')).filter((s) => !['true', 'false', '1', '0'].includes(s)) },
  { name: 'bbox', valid: fc.constant('16,59,17,60'), invalid: badBbox },
];

/** A value the schema accepts only from a closed set (compared as the server does). */
const notOneOf = (accepted: string[], extra: string[] = [], normalise = (v: string) => v) =>
  fc.oneof(queryJunk, fc.constantFrom('', ...extra)).filter((s) => !accepted.includes(normalise(s)));

const CRS_OK = ['epsg:4326', '4326', 'crs84', 'urn:ogc:def:crs:ogc:1.3:crs84', 'urn:ogc:def:crs:epsg::4326', 'epsg:3006', '3006', 'urn:ogc:def:crs:epsg::3006'];
const CRS_PARAM: QueryParam = {
  name: 'crs',
  valid: fc.constantFrom('EPSG:3006', 'EPSG:4326', 'epsg:3006'),
  invalid: notOneOf(CRS_OK, ['EPSG:3857', 'EPSG:3021', 'EPSG:', 'urn:ogc:def:crs:EPSG::3857'], (v) => v.trim().toLowerCase()),
};
const formatParam = (accepted: string[]): QueryParam => ({ name: 'format', valid: fc.constantFrom(...accepted), invalid: notOneOf(accepted, ['CSV', 'json ', 'xlsx', 'shp']) });
const WITHOUT_WINDOW = HOTSPOT_PARAMS.filter((p) => !['from', 'to', 'weighted'].includes(p.name));
const K_PARAM: QueryParam = { name: 'k', valid: fc.constantFrom('1', '3'), invalid: badIntString(1, 3) };
const STEP_OK = /^([1-9]\d{0,3})([hdw])$/;

const GI_PARAMS: QueryParam[] = [...HOTSPOT_PARAMS, K_PARAM, formatParam(['geojson', 'csv']), CRS_PARAM];
const COMPARE_PARAMS: QueryParam[] = [
  ...WITHOUT_WINDOW,
  { name: 'aFrom', valid: fc.constant('2025-01-01T00:00:00Z'), invalid: badTimestamp },
  { name: 'aTo', valid: fc.constant('2025-02-01T00:00:00Z'), invalid: badTimestamp },
  { name: 'bFrom', valid: fc.constant('2025-02-01T00:00:00+01:00'), invalid: badTimestamp },
  { name: 'bTo', valid: fc.constant('2025-03-01T00:00:00Z'), invalid: badTimestamp },
  { name: 'baseline', valid: fc.constantFrom('time', 'area'), invalid: notOneOf(['time', 'area'], ['TIME', 'region', 'areas']) },
  formatParam(['geojson', 'csv']),
  CRS_PARAM,
];
const EMERGING_PARAMS: QueryParam[] = [
  ...HOTSPOT_PARAMS,
  K_PARAM,
  { name: 'step', valid: fc.constantFrom('14d', '2w', '6h'), invalid: fc.oneof(queryJunk, fc.constantFrom('14', '0d', '2m', '-7d', '1.5d', '99999d', 'd', '7 d')).filter((s) => !STEP_OK.test(s.trim())) },
  { name: 'lag', valid: fc.constantFrom('0', '1', '12'), invalid: badIntString(0, 12) },
  formatParam(['geojson', 'csv']),
  CRS_PARAM,
];
const BACKTEST_PARAMS: QueryParam[] = [
  ...WITHOUT_WINDOW,
  { name: 'trainFrom', valid: fc.constant('2025-01-01T00:00:00Z'), invalid: badTimestamp },
  { name: 'trainTo', valid: fc.constant('2025-02-01T00:00:00Z'), invalid: badTimestamp },
  { name: 'testFrom', valid: fc.constant('2025-02-01T00:00:00+01:00'), invalid: badTimestamp },
  { name: 'testTo', valid: fc.constant('2025-03-01T00:00:00Z'), invalid: badTimestamp },
  { name: 'method', valid: fc.constantFrom('count', 'gi'), invalid: notOneOf(['count', 'gi'], ['GI', 'kde', 'counts']) },
  {
    name: 'coverage',
    valid: fc.constantFrom('0.05', '1', '0.01'),
    invalid: fc.oneof(queryJunk, fc.constantFrom('0', '1.5', '-0.1', '5%', 'NaN', 'Infinity', '1e-400', '0x1')).filter((s) => {
      const n = Number(s);
      return !(n > 0 && n <= 1);
    }),
  },
  K_PARAM,
  formatParam(['json', 'geojson', 'csv']),
  CRS_PARAM,
];
const PROFILE_PARAMS: QueryParam[] = [
  ...HOTSPOT_PARAMS,
  { name: 'cell', valid: fc.constantFrom('8908ca1a2dbffff', '871f26b6cffffff'), invalid: fc.oneof(queryJunk, fc.constantFrom('8908ca1a2dbfff', '8908CA1A2DBFFFZ', 'ffffffffffffffff', '0', '8908ca1a2dbffff0')).filter((s) => !isCell(s.toLowerCase())) },
  formatParam(['json', 'csv']),
];

const WEEK = /^\s*\d{4}-?W\d{2}\s*$/i;
const badWeekBoundary = fc.oneof(
  fc.oneof(queryJunk, badTimestamp).filter((s) => !WEEK.test(s) && !isIsoWithOffsetLike(s)),
  fc.constantFrom('2026-W54', '2026-W00', '1969-W10', '2101-W01', '2026-W99', '2026W1', '2026-w10x', '0000-W01', `2026-W10${' '.repeat(40)}`),
);
const PUBLIC_PARAMS: QueryParam[] = [
  { name: 'res', valid: fc.constantFrom('6', '7', '8'), invalid: badIntString(6, 8) },
  { name: 'from', valid: fc.constant('2026-W10'), invalid: badWeekBoundary },
  { name: 'to', valid: fc.constant('2026-W20'), invalid: badWeekBoundary },
];

const AUDIT_PARAMS: QueryParam[] = [
  { name: 'from', valid: fc.constant('2025-01-01T00:00:00Z'), invalid: badTimestamp },
  { name: 'to', valid: fc.constant('2030-01-01T00:00:00Z'), invalid: badTimestamp },
  { name: 'action', valid: fc.constantFrom('report.update', 'auth.login,report.read'), invalid: badCommaList((s) => /^[a-z][a-z0-9._-]{0,62}$/.test(s)) },
  { name: 'userId', valid: fc.constantFrom('1', '999999999'), invalid: fc.oneof(queryJunk, fc.constantFrom('1234567890', '-1', '1.0', '0x1', '')).filter((s) => !/^\d{1,9}$/.test(s)) },
  { name: 'limit', valid: fc.constantFrom('1', '1000'), invalid: badIntString(1, 1000) },
  { name: 'cursor', valid: fc.constant(Buffer.from(JSON.stringify(['12'])).toString('base64url')), invalid: fc.oneof(fc.constantFrom('x', 'W10', 'WyJhIl0', 'WzFd', Buffer.from(JSON.stringify(['9'.repeat(19)])).toString('base64url')), longQueryValue, nastyString.filter((s) => s.length > 0)) },
];

/** A client address per request, so the public view's 60-a-minute limit per address does not turn the run into 429s. */
const fromAnywhere = (cases: fc.Arbitrary<FuzzCase>) =>
  fc.tuple(cases, fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 })).map(([c, x, y]) => fuzzCase({ ...c.request, localAddress: `127.1.${x}.${y}` }, c.expect));

describe.each(BACKENDS)('fuzz: analytics, public view and audit (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let admin: Caller;
  let planner: Caller;
  let analyst: Caller;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-ana');
    // Published, so a good code gets past the area lookup and only the query is wrong.
    await sql`UPDATE areas SET settings = settings || '{"publicHotspots": true}'::jsonb WHERE id = ${area.id}`.execute(server.db);
    admin = await tokenCaller(server.db, area, 'admin');
    planner = await tokenCaller(server.db, area, 'planner');
    analyst = await tokenCaller(server.db, area, 'analyst');
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`analytics, public view and audit (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('GET /hotspots: bad query strings are refused with 400 naming the parameter', async () => {
    await fuzzFamily({
      family: 'GET /hotspots',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: badQueries({ path: '/api/v1/hotspots', params: [...HOTSPOT_PARAMS, formatParam(['geojson', 'csv']), CRS_PARAM], headers: callerHeaders(admin, planner, analyst) }),
    });
  });

  it.each([
    ['GET /hotspots/gi', '/api/v1/hotspots/gi', GI_PARAMS],
    ['GET /hotspots/compare', '/api/v1/hotspots/compare', COMPARE_PARAMS],
    ['GET /hotspots/emerging', '/api/v1/hotspots/emerging', EMERGING_PARAMS],
    ['GET /hotspots/backtest', '/api/v1/hotspots/backtest', BACKTEST_PARAMS],
    ['GET /profile', '/api/v1/profile', PROFILE_PARAMS],
  ] as const)('%s: bad query strings are refused with 400 naming the parameter', async (family, path, params) => {
    await fuzzFamily({ family, baseUrl: server.url, watch, runs: 100, cases: badQueries({ path, params, headers: callerHeaders(admin, planner, analyst) }) });
  });

  it('GET /public/areas/:code/hotspots: bad queries answer 400, bad codes 404, without login', async () => {
    const badCode = fc
      .tuple(fc.oneof(nastyString, fc.constantFrom('FUZZ-ANA', 'fuzz-ana ', 'fuzz_ana', '-fuzz', 'a'.repeat(64), '..', '%2e%2e', '%00', '%')), fc.boolean())
      .map(([s, raw]) => encodeLoosely(s, raw).replace(/\//g, '%2F').replace(/\?/g, '%3F'))
      .filter((s) => s.length > 0 && s !== 'fuzz-ana');
    const codes = fc.tuple(badCode, fc.constantFrom('/hotspots?res=8', '/hotspots', '')).map(([code, tail]) =>
      fuzzCase({ method: 'GET', path: `/api/v1/public/areas/${code}${tail}` }, { status: undecodable(code) ? [400] : [404] }),
    );
    await fuzzFamily({
      family: 'GET /public/areas/:code(/hotspots)',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fromAnywhere(
        fc.oneof(
          { weight: 3, arbitrary: badQueries({ path: `/api/v1/public/areas/${area.code}/hotspots`, params: PUBLIC_PARAMS, headers: fc.constant({}) }) },
          { weight: 1, arbitrary: codes },
        ),
      ),
    });
  });

  it('GET /audit: bad query strings are refused with 400 naming the parameter', async () => {
    await fuzzFamily({
      family: 'GET /audit',
      baseUrl: server.url,
      watch,
      runs: 120,
      cases: badQueries({ path: '/api/v1/audit', params: AUDIT_PARAMS, headers: callerHeaders(admin) }),
    });
  });
});
