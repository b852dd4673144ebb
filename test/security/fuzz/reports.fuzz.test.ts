import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, TableWatch, type FuzzCase } from '../../support/fuzz';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { startTestServer, type TestServer } from '../../support/server';
import { badJsonBodies, type BodyField } from './bodies';
import { callerHeaders, cookieCaller, storeReport, tokenCaller, type Caller } from './callers';
import { latLngToCell } from 'h3-js';
import { encodeLoosely, hugeString, junkValue, nastyString, plain, RawJson, toJsonText, undecodable } from './junk';
import { badBbox, badCommaList, badIntString, badQueries, badTimestamp, longQueryValue, queryJunk, type QueryParam } from './queries';

/** POST /reports, GET|PATCH|DELETE /reports/:id and GET /reports: bad input never writes and always answers 4xx JSON. */

const CENTER: [number, number] = [16.5, 59.37];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

const isString = (v: unknown) => typeof plain(v) === 'string';

const badTimestampValue = fc.oneof(badTimestamp, junkValue.filter((v) => !isString(v)));
const badUuid = fc.oneof(
  junkValue.filter((v) => !(typeof plain(v) === 'string' && UUID.test(plain(v) as string))),
  fc.uuid().chain((u) =>
    fc.constantFrom(`{${u}}`, `urn:uuid:${u}`, u.replace(/-/g, ''), `${u} `, ` ${u}`, u.slice(1), `${u}0`, u.replace(/[0-9a-f]$/, 'g'), `${u}\u0000`),
  ),
);
const badCoordinates = fc.oneof(
  fc.constantFrom<unknown[]>([], [16.5], [16.5, 59.37, 1, 2], [[16.5, 59.37]], ['16.5', '59.37'], [null, null], [181, 59.37], [16.5, 90.0001], [-180.5, 0], [16.5, -91], [1e10, 1e10]),
  fc.tuple(fc.constantFrom('1e309', '-1e309', '123456789012345678901234567890', '-0', '1e-400'), fc.boolean()).map(([t, lngFirst]) => (lngFirst ? [new RawJson(t), 59.37] : [16.5, new RawJson(t)])),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '-0', '1e309').map((s) => [s, 59.37]),
  fc.tuple(fc.constant(16.5), fc.constant(59.37), fc.oneof(fc.constantFrom('1e309', 'NaN').map((t) => new RawJson(t === 'NaN' ? '"NaN"' : t)), nastyString)),
  junkValue.filter((v) => !Array.isArray(plain(v))),
);
const badLocation = fc.oneof(
  junkValue,
  badCoordinates.map((coordinates) => ({ type: 'Point', coordinates })),
  fc.constantFrom('point', 'POINT', 'Polygon', 'Feature', '', 'MultiPoint').map((type) => ({ type, coordinates: [16.5, 59.37] })),
  fc.constant({ coordinates: [16.5, 59.37] }),
  fc.constant({ type: 'Point' }),
  fc.constant({ type: 'Point', coordinates: [[16.5, 59.37], [16.6, 59.38]] }),
);

const REPORT_FIELDS: BodyField[] = [
  { name: 'id', required: false, invalid: badUuid },
  { name: 'category', required: true, invalid: fc.oneof(junkValue, hugeString(64, 3_000)).filter((v) => !(typeof plain(v) === 'string' && CODE.test(plain(v) as string))) },
  { name: 'observedAt', required: true, invalid: badTimestampValue },
  { name: 'observedUntil', required: false, invalid: fc.oneof(badTimestamp, junkValue.filter((v) => !isString(v) && plain(v) !== null)) },
  // -0 and 1e-400 parse to a valid 0: that point is outside the area (422).
  { name: 'location', required: true, invalid: badLocation, status: [400, 422] },
  { name: 'severity', required: false, invalid: junkValue.filter((v) => !(Number.isInteger(plain(v)) && (plain(v) as number) >= 1 && (plain(v) as number) <= 3)) },
  { name: 'description', required: false, invalid: fc.oneof(junkValue.filter((v) => !isString(v) && plain(v) !== null), hugeString(2_001, 400_000)) },
  { name: 'organisationId', required: false, invalid: junkValue.filter((v) => plain(v) !== null && !(Number.isInteger(plain(v)) && (plain(v) as number) > 0)) },
];

/** A cursor as the API writes them: base64url of [observedAt, id]. */
const A_CURSOR = Buffer.from(JSON.stringify(['2026-05-01T12:00:00.000Z', '6f9619ff-8b86-4d11-b42d-00c04fc964ff'])).toString('base64url');
const A_CELL = latLngToCell(CENTER[1], CENTER[0], 9);

const REPORT = { category: 'vald', observedAt: '2026-05-01T21:30:00+02:00', location: { type: 'Point', coordinates: [16.51, 59.375] } };

/** Text that is allowed in a report and still nasty: the bad field is refused with this around it. */
const decorate = fc.record(
  { description: fc.oneof(nastyString, fc.constant(null)), severity: fc.constantFrom(1, 2, 3), observedUntil: fc.constant(null) },
  { requiredKeys: [] },
);

/** Well-formed reports the service must still refuse (422): unknown category, outside the area, impossible times, unknown organisation. */
function semanticallyBadReports(headers: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<FuzzCase> {
  const post = (body: unknown, path: string, h: Record<string, string>, status = [422]) =>
    fuzzCase({ method: 'POST', path: '/api/v1/reports', headers: { ...h, 'content-type': 'application/json' }, body: toJsonText(body) }, { status, path });
  return fc.oneof(
    fc.tuple(headers, fc.stringMatching(/^zz[a-z0-9-]{0,30}$/)).map(([h, category]) => post({ ...REPORT, category }, 'category', h)),
    fc
      .tuple(headers, fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }))
      .filter(([, lng, lat]) => Math.abs(lng - CENTER[0]) > 0.3 || Math.abs(lat - CENTER[1]) > 0.3)
      .map(([h, lng, lat]) => post({ ...REPORT, location: { type: 'Point', coordinates: [lng, lat] } }, 'location.coordinates', h)),
    fc
      .tuple(headers, fc.constantFrom('2099-01-01T00:00:00Z', '9999-12-31T23:59:59-18:00', '1969-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '0000-01-01T00:00:00+18:00'))
      .map(([h, observedAt]) => post({ ...REPORT, observedAt }, 'observedAt', h)),
    headers.map((h) => post({ ...REPORT, observedUntil: '2026-05-01T21:29:59+02:00' }, 'observedUntil', h)),
    fc
      .tuple(headers, fc.constantFrom(999_999, 2_147_483_647, 2_147_483_648, 9_007_199_254_740_991))
      // Past int4 the schema refuses it (400); below, the service finds no such organisation (422).
      .map(([h, organisationId]) => post({ ...REPORT, organisationId }, 'organisationId', h, organisationId > 2_147_483_647 ? [400] : [422])),
  );
}

/** Path ids the by-id routes must refuse with 400 naming "id", percent-encoded (or raw) into one path segment. */
const badIdSegment = fc.oneof(
  fc
    .tuple(fc.oneof(nastyString, badUuid.filter((v) => typeof v === 'string') as fc.Arbitrary<string>, hugeString(37, 600)), fc.boolean())
    .filter(([s]) => s.length > 0 && !UUID.test(s))
    .map(([s, raw]) => encodeLoosely(s, raw).replace(/\//g, '%2F').replace(/\?/g, '%3F')),
  fc.constantFrom('..', '.', '..%2F..%2Fhealth', '%2e%2e', 'null', 'undefined', '0', '-1', '1e309', '%00', '%', '%E0%A4%A', '%ff', '%ED%A0%80'),
  fc.integer({ min: 1, max: 600 }).map((n) => '9'.repeat(n)),
);

describe.each(BACKENDS)('fuzz: reports (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let admin: Caller;
  let reporter: Caller;
  let planner: Caller;
  const existing: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-rep', CENTER);
    admin = await tokenCaller(server.db, area, 'admin');
    planner = await tokenCaller(server.db, area, 'planner');
    reporter = await cookieCaller(server.url, area, 'reporter');
    for (let i = 0; i < 3; i++) existing.push(await storeReport(server.db, area));
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`reports (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('POST /reports: bad bodies are refused with 4xx JSON naming the field, and nothing is stored', async () => {
    const headers = callerHeaders(admin, reporter);
    await fuzzFamily({
      family: 'POST /reports',
      baseUrl: server.url,
      watch,
      runs: 200,
      cases: fc.oneof(
        { weight: 4, arbitrary: badJsonBodies({ method: 'POST', path: '/api/v1/reports', base: REPORT, decorate, fields: REPORT_FIELDS, strict: true, limitBytes: 1024 * 1024, headers }) },
        { weight: 1, arbitrary: semanticallyBadReports(headers) },
      ),
    });
  });

  it('GET, PATCH and DELETE /reports/:id: bad ids and bad patches are refused and change nothing', async () => {
    const headers = callerHeaders(admin, planner);
    // DELETE is the admin's: a planner would get 403 before the id is looked at.
    const headersFor = (method: string) => (method === 'DELETE' ? callerHeaders(admin) : headers);
    const knownId = fc.constantFrom(...existing);
    const patchFields: BodyField[] = [
      { name: 'status', required: false, invalid: junkValue.filter((v) => !['new', 'reviewed', 'archived'].includes(plain(v) as string)) },
      { name: 'category', required: false, invalid: junkValue.filter((v) => !(typeof plain(v) === 'string' && CODE.test(plain(v) as string))) },
    ];
    const byBadId = fc.tuple(fc.constantFrom('GET', 'PATCH', 'DELETE'), badIdSegment).chain(([method, id]) => headersFor(method).map((h) => [method, id, h] as const)).map(([method, id, h]) =>
      fuzzCase(
        { method, path: `/api/v1/reports/${id}`, headers: method === 'PATCH' ? { ...h, 'content-type': 'application/json' } : h, body: method === 'PATCH' ? '{"status":"reviewed"}' : undefined },
        undecodable(id) ? { status: [400] } : { status: [400], path: 'id' },
      ),
    );
    const unknownId = fc.tuple(fc.constantFrom('GET', 'PATCH', 'DELETE'), fc.uuid()).chain(([method, id]) => headersFor(method).map((h) => [method, id, h] as const)).map(([method, id, h]) =>
      fuzzCase(
        { method, path: `/api/v1/reports/${id}`, headers: method === 'PATCH' ? { ...h, 'content-type': 'application/json' } : h, body: method === 'PATCH' ? '{"status":"archived"}' : undefined },
        { status: [404] },
      ),
    );
    const badPatch = badJsonBodies({
      method: 'PATCH',
      path: knownId.map((id) => `/api/v1/reports/${id}`),
      base: { status: 'reviewed' },
      fields: patchFields,
      strict: true,
      limitBytes: 1024 * 1024,
      headers,
    });
    const emptyPatch = fc.tuple(knownId, headers).map(([id, h]) =>
      fuzzCase({ method: 'PATCH', path: `/api/v1/reports/${id}`, headers: { ...h, 'content-type': 'application/json' }, body: '{}' }, { status: [400] }),
    );
    const unknownCategory = fc.tuple(knownId, headers, fc.stringMatching(/^zz[a-z0-9-]{0,30}$/)).map(([id, h, category]) =>
      fuzzCase({ method: 'PATCH', path: `/api/v1/reports/${id}`, headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ category }) }, { status: [422], path: 'category' }),
    );
    const extraSegments = fc.tuple(knownId, fc.constantFrom('/x', '/..', '/%2e%2e/', '/historik', '/%00'), headers).map(([id, tail, h]) =>
      fuzzCase({ method: 'GET', path: `/api/v1/reports/${id}${tail}`, headers: h }, { status: [404] }),
    );
    await fuzzFamily({
      family: 'GET|PATCH|DELETE /reports/:id',
      baseUrl: server.url,
      watch,
      runs: 200,
      cases: fc.oneof(
        { weight: 5, arbitrary: byBadId },
        { weight: 2, arbitrary: unknownId },
        { weight: 5, arbitrary: badPatch },
        { weight: 1, arbitrary: emptyPatch },
        { weight: 1, arbitrary: unknownCategory },
        { weight: 1, arbitrary: extraSegments },
      ),
    });
  });

  it('PATCH /reports (bulk triage) and GET /reports/:id/history: bad input changes nothing', async () => {
    const headers = callerHeaders(admin, planner);
    const knownId = fc.constantFrom(...existing);
    const bulk = badJsonBodies({
      method: 'PATCH',
      path: '/api/v1/reports',
      base: { ids: existing, status: 'reviewed' },
      fields: [
        {
          name: 'ids',
          required: true,
          invalid: fc.oneof(
            junkValue.filter((v) => !Array.isArray(plain(v))),
            fc.constant([]),
            badUuid.map((u) => [existing[0], u]),
            fc.integer({ min: 1001, max: 2000 }).map((n) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)),
          ),
        },
        { name: 'status', required: false, invalid: junkValue.filter((v) => !['new', 'reviewed', 'archived'].includes(plain(v) as string)) },
        { name: 'category', required: false, invalid: junkValue.filter((v) => !(typeof plain(v) === 'string' && CODE.test(plain(v) as string))) },
      ],
      strict: true,
      limitBytes: 1024 * 1024,
      headers,
    });
    // Well-formed, but an id is not a report of the area (422 naming it) or the category is unknown (422).
    const unknownIds = fc.tuple(fc.array(fc.uuid(), { minLength: 1, maxLength: 5 }), knownId, headers).map(([ids, known, h]) =>
      fuzzCase({ method: 'PATCH', path: '/api/v1/reports', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ ids: [known, ...ids], status: 'archived' }) }, { status: [422], path: 'ids' }),
    );
    const unknownCategory = fc.tuple(knownId, headers, fc.stringMatching(/^zz[a-z0-9-]{0,30}$/)).map(([id, h, category]) =>
      fuzzCase({ method: 'PATCH', path: '/api/v1/reports', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ ids: [id], category }) }, { status: [422], path: 'category' }),
    );
    const history = fc.tuple(fc.oneof(badIdSegment, fc.uuid()), headers).map(([id, h]) =>
      fuzzCase({ method: 'GET', path: `/api/v1/reports/${id}/history`, headers: h }, UUID.test(id) ? { status: [404] } : undecodable(id) ? { status: [400] } : { status: [400], path: 'id' }),
    );
    await fuzzFamily({
      family: 'PATCH /reports (bulk) and GET /reports/:id/history',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fc.oneof({ weight: 5, arbitrary: bulk }, { weight: 1, arbitrary: unknownIds }, { weight: 1, arbitrary: unknownCategory }, { weight: 2, arbitrary: history }),
    });
  });

  it('GET /reports: bad query strings are refused with 400 naming the parameter', async () => {
    const headers = callerHeaders(admin, reporter);
    const listValid = {
      from: fc.constantFrom('2025-01-01T00:00:00Z', '2025-01-01T00:00:00+01:00'),
      to: fc.constantFrom('2026-12-31T00:00:00Z'),
    };
    const params: QueryParam[] = [
      { name: 'from', valid: listValid.from, invalid: badTimestamp },
      { name: 'to', valid: listValid.to, invalid: badTimestamp },
      { name: 'categories', valid: fc.constantFrom('vald', 'vald,narkotika', 'zz-unknown'), invalid: badCommaList((s) => CODE.test(s)) },
      { name: 'sources', valid: fc.constantFrom('app', 'import,polisen'), invalid: badCommaList((s) => ['app', 'import', 'polisen', 'walk'].includes(s)) },
      { name: 'status', valid: fc.constantFrom('new', 'new,reviewed'), invalid: badCommaList((s) => ['new', 'reviewed', 'archived'].includes(s)) },
      { name: 'bbox', valid: fc.constantFrom('16,59,17,60'), invalid: badBbox },
      { name: 'cell', valid: fc.constant(A_CELL), invalid: fc.oneof(nastyString, fc.constantFrom('891f1d48b1bfff', '891f1d48b1bffff0', '091f1d48b1bffff', 'g91f1d48b1bffff', 'ffffffffffffffff', '0')).filter((s) => !/^[0-9a-f]{15}$/i.test(s) || s.startsWith('0')) },
      { name: 'organisations', valid: fc.constantFrom('1', '1,2'), invalid: badCommaList((s) => /^\d{1,9}$/.test(s)) },
      { name: 'severity', valid: fc.constantFrom('1', '2,3'), invalid: badCommaList((s) => ['1', '2', '3'].includes(s)) },
      { name: 'q', valid: fc.constantFrom('ruta', '100%', 'å_ä'), invalid: fc.oneof(fc.constantFrom('', '   '), fc.integer({ min: 201, max: 1_000 }).map((n) => 'q'.repeat(n))) },
      { name: 'sort', valid: fc.constantFrom('observedAt', 'severity', 'status', 'reportedAt', 'category'), invalid: fc.oneof(queryJunk, fc.constantFrom('observed_at', 'id', 'description', '-', ':asc', 'severity:', 'severity:ASC', '--severity', '-severity:desc', 'severity,category')).filter((s) => !/^(-)?(observedAt|reportedAt|category|severity|status)(:(asc|desc))?$/.test(s.trim()) || (s.trim().startsWith('-') && s.includes(':'))) },
      { name: 'order', valid: fc.constantFrom('asc', 'desc'), invalid: fc.oneof(queryJunk, fc.constantFrom('ASC', 'up', 'descending', '')).filter((s) => s !== 'asc' && s !== 'desc') },
      { name: 'format', valid: fc.constant('json'), invalid: fc.oneof(queryJunk, fc.constantFrom('CSV', 'geo+json', 'xlsx', 'kml', '')).filter((s) => !['json', 'csv', 'geojson'].includes(s)) },
      { name: 'limit', valid: fc.constantFrom('1', '1000', '50'), invalid: badIntString(1, 1000) },
      { name: 'cursor', valid: fc.constant(A_CURSOR), invalid: fc.oneof(fc.constantFrom('x', '!!!', 'W10', 'bnVsbA', 'e30', 'WzEsMl0', 'WyIiLCIiXQ'), longQueryValue, nastyString.filter((s) => s.length > 0)) },
    ];
    await fuzzFamily({
      family: 'GET /reports (query)',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: badQueries({ path: '/api/v1/reports', params, headers }),
    });
  });

  it('GET /reports: forged but well-formed cursors are never a 5xx', async () => {
    const dateLike = fc.oneof(
      fc.constantFrom('1', '0', '-1', '275760-09-13', '+275760-09-13T00:00:00Z', '-271821-04-20', '0000-01-01', '2026-02-30', 'Sat Jan 01 2000', '1e3', '99999', 'May 1', 'epoch', 'infinity', '-infinity', 'now', 'today', 'allballs', '2026-05-01 12:00 Europe/Stockholm', '2026-05-01T12:00:00+25:00'),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      queryJunk,
    );
    const anyId = fc.oneof(fc.uuid(), fc.constant('00000000-0000-0000-0000-000000000000'));
    const legacy = fc.tuple(dateLike, anyId).map(([at, id]) => [at, id]);
    // The sorted form [field, direction, key, id], with keys at and past each field's edges.
    const sortKey = fc.oneof(
      fc.constantFrom('0', '1', '2', '3', '4', '-1', '253402300799999999', '253402300800000000', '999999999999999999', '1e6', '1.5', '', 'vald', 'VALD', 'a'.repeat(64)),
      fc.bigInt({ min: 0n, max: 10n ** 19n }).map(String),
      queryJunk,
    );
    const sorted = fc.tuple(fc.constantFrom('observedAt', 'reportedAt', 'category', 'severity', 'status', 'id'), fc.constantFrom('asc', 'desc', 'up'), sortKey, anyId);
    const encode = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    // Mostly under the sort the cursor names, so its key reaches the query; sometimes under another.
    const withSort = fc.oneof(
      legacy.map((parts) => ({ cursor: encode(parts), sort: '' })),
      sorted.map((parts) => ({ cursor: encode(parts), sort: `&sort=${parts[0]}:${parts[1]}` })),
      fc.tuple(sorted, fc.constantFrom('', '&sort=category:asc', '&sort=severity')).map(([parts, sort]) => ({ cursor: encode(parts), sort })),
    );
    await fuzzFamily({
      family: 'GET /reports (forged cursor)',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fc.tuple(withSort, callerHeaders(admin, reporter)).map(([c, h]) => fuzzCase({ method: 'GET', path: `/api/v1/reports?cursor=${c.cursor}${c.sort}`, headers: h }, { lenient: true })),
    });
  });
});
