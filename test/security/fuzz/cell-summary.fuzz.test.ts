import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, TableWatch } from '../../support/fuzz';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { startTestServer, type TestServer } from '../../support/server';
import { callerHeaders, tokenCaller, type Caller } from './callers';
import { encodeLoosely, nastyString, undecodable } from './junk';
import { badCommaList, badIntString, badQueries, badTimestamp, queryJunk, type QueryParam } from './queries';

/** The drill-down reads: GET /hotspots/summary and GET /hotspots/cells/:cell. */

const CELL_9 = '891f3628653ffff';
const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const STEP_OK = (s: string) => /^[1-9]\d{0,2}[dw]$/.test(s) && Number(s.slice(0, -1)) * (s.endsWith('w') ? 7 : 1) <= 91;

const SUMMARY_PARAMS: QueryParam[] = [
  { name: 'from', valid: fc.constant('2025-01-01T00:00:00Z'), invalid: badTimestamp },
  { name: 'to', valid: fc.constant('2026-06-01T00:00:00+02:00'), invalid: badTimestamp },
  { name: 'categories', valid: fc.constantFrom('vald', 'vald,klotter'), invalid: badCommaList((s) => CODE.test(s)) },
  { name: 'weekdays', valid: fc.constantFrom('0', '5,6'), invalid: badCommaList((s) => /^[0-6]$/.test(s)) },
  { name: 'precision', valid: fc.constantFrom('point', 'all'), invalid: fc.oneof(queryJunk, fc.constantFrom('POINT', 'any')).filter((s) => s !== 'point' && s !== 'all') },
  { name: 'step', valid: fc.constantFrom('7d', '14d', '2w'), invalid: fc.oneof(queryJunk, fc.constantFrom('0d', '92d', '14', 'd', '1m', '14D', '-7d', '1.5w', '14w', '007d')).filter((s) => !STEP_OK(s)) },
  { name: 'bins', valid: fc.constantFrom('1', '12', '104'), invalid: badIntString(1, 104) },
];

describe.each(BACKENDS)('fuzz: drill-down summaries (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let planner: Caller;
  let analyst: Caller;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-drill');
    planner = await tokenCaller(server.db, area, 'planner');
    analyst = await tokenCaller(server.db, area, 'analyst');
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`drill-down summaries (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('GET /hotspots/summary and /hotspots/cells/:cell: bad query strings are refused with 400 naming the parameter', async () => {
    await fuzzFamily({
      family: 'GET /hotspots/summary|cells/:cell (query)',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fc.oneof(
        badQueries({ path: '/api/v1/hotspots/summary', params: SUMMARY_PARAMS, headers: callerHeaders(planner, analyst) }),
        badQueries({ path: `/api/v1/hotspots/cells/${CELL_9}`, params: SUMMARY_PARAMS, headers: callerHeaders(planner, analyst) }),
      ),
    });
  });

  it('GET /hotspots/cells/:cell: a bad cell is refused with 400 naming `cell`', async () => {
    const badCell = fc
      .tuple(
        fc.oneof(
          nastyString,
          // Almost cells: a res-13 cell, a res-5 cell, a changed digit, upper-case junk, too long or short.
          fc.constantFrom('8d088699ed5977f', '8508869bfffffff', '891f3628653fff0', 'ZZ1f3628653ffff', '891f3628653ffff0', '891f3628653fff', '0', '-1'),
        ),
        fc.boolean(),
      )
      .map(([s, raw]) => encodeLoosely(s, raw).replace(/\//g, '%2F').replace(/\?/g, '%3F').replace(/#/g, '%23'))
      .filter((s) => s.length > 0 && s !== CELL_9 && s !== '.' && s !== '..' && s !== '%2e' && s !== '%2E');
    await fuzzFamily({
      family: 'GET /hotspots/cells/:cell (cell)',
      baseUrl: server.url,
      watch,
      runs: 120,
      cases: fc.tuple(badCell, callerHeaders(planner, analyst)).map(([cell, headers]) =>
        fuzzCase({ method: 'GET', path: `/api/v1/hotspots/cells/${cell}`, headers }, undecodable(cell) ? { status: [400] } : { status: [400], path: 'cell' }),
      ),
    });
  });
});
