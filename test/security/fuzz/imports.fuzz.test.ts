import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, TableWatch, type FuzzCase } from '../../support/fuzz';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { startTestServer, type TestServer } from '../../support/server';
import { callerHeaders, cookieCaller, tokenCaller, type Caller } from './callers';
import { deepJson, deepJunk, hugeString, JsonObject, junkValue, malformedJson, nastyString, NUMBER_STRINGS, RawJson, toJsonText } from './junk';
import { badQueries, badTimestamp, queryJunk, type QueryParam } from './queries';

/**
 * POST /imports (GeoJSON, CSV, Polisen): bad query parameters are refused before the body is
 * read, and bad bodies are refused as a whole; an import that fails stores nothing, not even the
 * good rows read before the bad one (one transaction).
 */

const CENTER: [number, number] = [16.5, 59.37];
const MAX_BYTES = 256 * 1024;

const GOOD_FEATURE = {
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [16.51, 59.375] },
  properties: { id: 'f-1', category: 'klotter', observedAt: '2026-05-01T21:30:00+02:00', severity: 2 },
};
const GOOD_GEOJSON = JSON.stringify({ type: 'FeatureCollection', features: [GOOD_FEATURE] });
const GOOD_CSV = 'id,category,observed_at,lat,lng\nc-1,klotter,2026-05-01T21:30:00+02:00,59.375,16.51\n';
const GOOD_EVENT = {
  id: 4711,
  datetime: '2026-05-01 21:48:12 +02:00',
  name: '01 maj 21.30, Misshandel, Testområde fuzz-imp',
  summary: 'x',
  url: '/x',
  type: 'Misshandel',
  location: { name: 'Testområde fuzz-imp', gps: '59.375,16.51' },
};

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A GeoJSON feature with exactly one thing wrong, so no feature of a generated file can be stored. */
const brokenFeature: fc.Arbitrary<unknown> = fc.oneof(
  junkValue,
  fc.constantFrom('Featur', 'feature', 'FeatureCollection', '').map((type) => ({ ...GOOD_FEATURE, type })),
  fc
    .oneof(
      junkValue,
      fc.constantFrom('1e309', '-1e309', '123456789012345678901234567890').map((t) => ({ type: 'Point', coordinates: [new RawJson(t), 59.375] })),
      fc.constantFrom<unknown[]>([], [16.51], ['16.51', '59.375'], [181, 59], [16.51, 91], [[16.51, 59.375]]).map((coordinates) => ({ type: 'Point', coordinates })),
      fc.constant({ type: 'LineString', coordinates: [[16.5, 59.37], [16.6, 59.38]] }),
    )
    .map((geometry) => ({ ...GOOD_FEATURE, geometry })),
  fc
    .tuple(
      fc.constantFrom('id', 'category', 'observedAt', 'severity', 'description'),
      fc.oneof(junkValue, hugeString(2_001, 20_000), deepJunk),
    )
    .filter(([key, v]) => breaksProperty(key, v))
    .map(([key, value]) => ({ ...GOOD_FEATURE, properties: toJsonObjectWith(GOOD_FEATURE.properties, key, value) })),
  fc.constantFrom('id', 'category', 'observedAt').map((key) => ({ ...GOOD_FEATURE, properties: JsonObject.from(GOOD_FEATURE.properties).without(key) })),
  fc.stringMatching(/^zz[a-z0-9-]{0,20}$/).map((category) => ({ ...GOOD_FEATURE, properties: { ...GOOD_FEATURE.properties, category } })),
);

function toJsonObjectWith(base: Record<string, unknown>, key: string, value: unknown) {
  return JsonObject.from(base).set(key, value);
}

const REPORT_CATEGORIES = ['skadegorelse', 'klotter', 'nedskrapning', 'brand', 'otrygg-samling', 'narkotika', 'alkohol', 'vald', 'stold', 'trafik', 'ordningsstorning', 'otrygg-plats', 'ovrigt'];

/** Whether `value` in property `key` makes a feature invalid, by the GeoJSON import's rules (parsers/README.md). */
function breaksProperty(key: string, value: unknown): boolean {
  const v = value instanceof RawJson ? safeParse(value.text) : value instanceof JsonObject ? {} : value;
  const absent = v === null || v === undefined;
  const scalar = typeof v === 'string' || typeof v === 'number';
  switch (key) {
    case 'id':
      return absent || !scalar || String(v).trim() === '' || [...String(v).trim()].length > 200;
    case 'category':
      return typeof v !== 'string' || !REPORT_CATEGORIES.includes(v.trim());
    case 'observedAt':
      return typeof v !== 'string' || !/^\s*\d{4}-\d{2}-\d{2}/.test(v);
    case 'severity':
      return !absent && (!scalar || !['1', '2', '3', ''].includes(String(v).trim()));
    case 'description':
      return !absent && (typeof v !== 'string' || [...v.trim()].length > 2000);
    default:
      return false;
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A CSV row with exactly one field wrong. */
const brokenCsvRow = fc.oneof(
  fc.tuple(fc.oneof(nastyString, fc.stringMatching(/^zz[a-z0-9-]{0,20}$/)), fc.nat(999)).map(([c, n]) => [`r-${n}`, `zz${c}`, '2026-05-01T21:30:00+02:00', '59.375', '16.51']),
  fc.tuple(fc.oneof(badTimestamp, fc.constantFrom('', '2026-02-30 12:00', '1969-12-31T23:59:59Z', '2099-01-01T00:00:00Z')), fc.nat(999)).map(([t, n]) => [`r-${n}`, 'klotter', t, '59.375', '16.51']),
  fc
    .tuple(fc.constantFrom(...NUMBER_STRINGS, '95', '-91', '59,375', '59.375.1', 'N59', ''), fc.boolean(), fc.nat(999))
    .filter(([x]) => !Number.isFinite(Number(x.replace(',', '.'))) || Math.abs(Number(x.replace(',', '.'))) > 90 || x.trim() === '')
    .map(([x, isLat, n]) => [`r-${n}`, 'klotter', '2026-05-01T21:30:00+02:00', isLat ? x : '59.375', isLat ? '16.51' : x]),
  fc.constantFrom('', ' ', 'x'.repeat(201)).map((id) => [id, 'klotter', '2026-05-01T21:30:00+02:00', '59.375', '16.51']),
);

/** A Polisen event with exactly one thing wrong. */
const brokenEvent: fc.Arbitrary<unknown> = fc.oneof(
  junkValue.filter((v) => !(v instanceof JsonObject)),
  fc.oneof(junkValue, badTimestamp, deepJunk, fc.constant(deepJson(60_000, 'array'))).map((datetime) => ({ ...GOOD_EVENT, datetime })),
  fc.oneof(fc.constantFrom(null, '', ' ', 1.5, true), deepJunk, fc.constant({})).map((id) => ({ ...GOOD_EVENT, id })),
  fc.oneof(fc.constantFrom(null, '', '  ', 42), deepJunk).map((type) => ({ ...GOOD_EVENT, type })),
  fc.oneof(junkValue.filter((v) => !(v instanceof JsonObject)), fc.constant({ gps: '59.375,16.51' }), fc.constant({ name: 'X' })).map((location) => ({ ...GOOD_EVENT, location })),
  fc
    .oneof(nastyString, fc.constantFrom('59.375', '59.375,', '91,16', '59,181', '1e309,16', 'NaN,NaN', '59.375;16.51'))
    .filter((g) => !/^\s*-?\d+(?:\.\d+)?\s*,\s*-?\d+(?:\.\d+)?\s*$/.test(g) || /9[1-9],|18[1-9]$/.test(g))
    .map((gps) => ({ ...GOOD_EVENT, location: { name: 'X', gps } })),
);

describe.each(BACKENDS)('fuzz: imports (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let admin: Caller;
  let planner: Caller;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', IMPORT_MAX_BYTES: String(MAX_BYTES) } });
    area = await createTestArea(server.db, 'fuzz-imp', CENTER);
    admin = await tokenCaller(server.db, area, 'admin');
    planner = await cookieCaller(server.url, area, 'planner');
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`imports (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('POST /imports: bad query parameters are refused with 400 naming them, even with a good body', async () => {
    const headers = callerHeaders(admin, planner);
    const formatParams: QueryParam[] = [
      { name: 'format', valid: fc.constant('geojson'), invalid: fc.oneof(queryJunk, fc.constantFrom('GEOJSON', 'json', 'geojson ', 'csv,geojson', '')).filter((s) => !['geojson', 'csv', 'polisen'].includes(s)) },
      { name: 'onError', valid: fc.constantFrom('reject', 'skip'), invalid: fc.oneof(queryJunk, fc.constantFrom('REJECT', 'ignore', '')).filter((s) => s !== 'reject' && s !== 'skip') },
    ];
    const noCrs = (s: string) => s.trim() !== '' && !/\d{4}|sweref|rt ?90|wgs|epsg|crs84|4326/i.test(s);
    const delimiters = [',', ';', '\t', '|', 'comma', 'semicolon', 'tab', '\\t', 'pipe', ''];
    const column = (name: string, header: string): QueryParam => ({
      name,
      valid: fc.constant(header),
      invalid: fc.oneof(fc.constantFrom('', ' ', '\t'), hugeString(201, 1_000).map((s) => s.slice(0, 1_000))).filter((s) => s.trim() === '' || [...s.trim()].length > 200),
    });
    const csvParams: QueryParam[] = [
      { name: 'crs', valid: fc.constantFrom('EPSG:4326', '4326'), invalid: queryJunk.filter(noCrs) },
      { name: 'delimiter', valid: fc.constantFrom(',', 'comma'), invalid: queryJunk.filter((s) => !delimiters.includes(s.toLowerCase())) },
      column('latColumn', 'lat'),
      column('lngColumn', 'lng'),
      column('idColumn', 'id'),
      column('categoryColumn', 'category'),
    ];
    await fuzzFamily({
      family: 'POST /imports (query)',
      baseUrl: server.url,
      watch,
      runs: 120,
      cases: fc.oneof(
        badQueries({ method: 'POST', path: '/api/v1/imports', params: formatParams, headers, body: { text: GOOD_GEOJSON, headers: { 'content-type': 'application/geo+json' } }, knownParamsOnly: true }),
        badQueries({ method: 'POST', path: '/api/v1/imports?format=csv', params: csvParams, headers, body: { text: GOOD_CSV, headers: { 'content-type': 'text/csv' } }, knownParamsOnly: true }),
      ),
    });
  });

  it('POST /imports: bad GeoJSON, CSV and Polisen bodies are refused as a whole and store nothing', async () => {
    const headers = callerHeaders(admin, planner);
    const post = (format: string, type: string | undefined, body: string | Uint8Array, status: number[], extra: { onError?: string; chunked?: boolean } = {}) =>
      headers.map((h) =>
        fuzzCase(
          {
            method: 'POST',
            path: `/api/v1/imports?format=${format}${extra.onError ? `&onError=${extra.onError}` : ''}`,
            headers: { ...h, ...(type ? { 'content-type': type } : {}) },
            body,
            chunked: extra.chunked,
          },
          extra.onError === 'skip' ? { lenient: true } : { status },
        ),
      );
    const geoType = fc.constantFrom('application/geo+json', 'application/json', 'application/geo+json; charset=utf-8');
    const csvType = fc.constantFrom('text/csv', 'text/plain', 'application/vnd.ms-excel', 'text/csv; charset=windows-1252');
    const features = fc.array(brokenFeature, { minLength: 1, maxLength: 4 });

    const geojson: fc.Arbitrary<FuzzCase> = fc.oneof(
      fc.tuple(geoType, features).chain(([t, fs]) => post('geojson', t, toJsonText({ type: 'FeatureCollection', features: fs }), [422])),
      fc.tuple(geoType, features, fc.constant('skip')).chain(([t, fs, onError]) => post('geojson', t, toJsonText({ type: 'FeatureCollection', features: fs }), [200], { onError })),
      // A good feature before the bad one: the whole file is still refused, the good row rolled back.
      fc.tuple(geoType, brokenFeature).chain(([t, f]) => post('geojson', t, toJsonText({ type: 'FeatureCollection', features: [GOOD_FEATURE, f] }), [422])),
      fc.tuple(geoType, malformedJson).chain(([t, text]) => post('geojson', t, text, [400])),
      fc.tuple(geoType, fc.nat(GOOD_GEOJSON.length - 1)).chain(([t, n]) => post('geojson', t, GOOD_GEOJSON.slice(0, n), [400])),
      fc
        .tuple(geoType, fc.oneof(junkValue, fc.constantFrom<unknown>({ type: 'Feature' }, { features: [GOOD_FEATURE] }, { type: 'FeatureCollection', features: {} }, [GOOD_FEATURE])))
        .chain(([t, v]) => post('geojson', t, toJsonText(v), [400, 422])),
    );
    const csv: fc.Arbitrary<FuzzCase> = fc.oneof(
      fc.tuple(csvType, fc.array(brokenCsvRow, { minLength: 1, maxLength: 4 }), fc.boolean()).chain(([t, rows, good]) =>
        post('csv', t, ['id,category,observed_at,lat,lng', ...(good ? ['g-1,klotter,2026-05-01T21:30:00+02:00,59.375,16.51'] : []), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n'), [422]),
      ),
      fc.tuple(csvType, fc.oneof(nastyString, fc.string({ unit: 'binary', maxLength: 200 }))).chain(([t, text]) => post('csv', t, text, [400, 422])),
      fc.tuple(csvType, fc.uint8Array({ minLength: 1, maxLength: 300 })).chain(([t, bytes]) => post('csv', t, bytes, [400, 422])),
      fc.tuple(csvType, fc.constantFrom('id,category,observed_at,lat,lng\n"unterminated,klotter,2026-05-01T21:30:00Z,59.375,16.51\n', 'id;category,observed_at;lat,lng\nx;klotter,2026-05-01T21:30:00Z;59.375,16.51\n', 'id,category,observed_at,lat,lng\nx,klotter,2026-05-01T21:30:00Z,59.375\n', 'id,id,category,observed_at,lat,lng\nx,y,klotter,2026-05-01T21:30:00Z,59.375,16.51\n', '\ufeff\ufeffid,category\n', '', '\r\n\r\n')).chain(([t, text]) => post('csv', t, text, [400, 422])),
    );
    const polisen: fc.Arbitrary<FuzzCase> = fc.oneof(
      fc.array(brokenEvent, { minLength: 1, maxLength: 4 }).chain((events) => post('polisen', 'application/json', toJsonText(events), [422])),
      malformedJson.chain((text) => post('polisen', 'application/json', text, [400])),
      fc.oneof(junkValue.filter((v) => !Array.isArray(v) && !(v instanceof RawJson && v.text.startsWith('['))), fc.constant({ events: [GOOD_EVENT] })).chain((v) => post('polisen', 'application/json', toJsonText(v), [400])),
    );
    const wrongType = fc.oneof(
      fc.constantFrom<[string, string | undefined]>(['csv', 'application/json'], ['csv', undefined], ['geojson', 'text/csv'], ['geojson', undefined], ['polisen', 'application/geo+json'], ['polisen', 'text/csv'], ['geojson', 'multipart/form-data; boundary=x']),
    ).chain(([format, type]) => post(format, type, format === 'csv' ? GOOD_CSV : GOOD_GEOJSON, [415]));
    const tooLarge = fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.boolean()).chain(([over, chunked]) => {
      // Good rows all the way: refused for the size alone, and what was read before rolls back.
      const row = 'big-%,klotter,2026-05-01T21:30:00+02:00,59.375,16.51\n';
      const rows: string[] = ['id,category,observed_at,lat,lng\n'];
      let size = rows[0]!.length;
      for (let i = 0; size <= MAX_BYTES + over; i++) {
        const line = row.replace('%', String(i));
        rows.push(line);
        size += line.length;
      }
      return post('csv', 'text/csv', rows.join(''), [413], { chunked });
    });

    await fuzzFamily({
      family: 'POST /imports (body)',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fc.oneof({ weight: 4, arbitrary: geojson }, { weight: 4, arbitrary: csv }, { weight: 3, arbitrary: polisen }, { weight: 1, arbitrary: wrongType }, { weight: 1, arbitrary: tooLarge }),
    });
  });
});
