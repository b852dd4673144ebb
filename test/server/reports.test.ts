import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellToParent, latLngToCell } from 'h3-js';
import { createUser } from '../../server/areas/areas.service';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, PASSWORD, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { reportBody } from './http';

const CENTER_A: [number, number] = [16.5, 59.37];
const CENTER_B: [number, number] = [11.97, 57.7];

const REPORT_CODES = [
  'skadegorelse', 'klotter', 'nedskrapning', 'brand', 'otrygg-samling', 'narkotika', 'alkohol',
  'vald', 'stold', 'trafik', 'ordningsstorning', 'otrygg-plats', 'ovrigt',
];
const FINDING_CODES = [
  'belysning', 'vegetation', 'skymd-sikt', 'klotter', 'nedskrapning', 'trasig-utrustning', 'trafikmiljo',
  'overgiven-plats', 'ovrigt',
];

const detailPaths = (body: any): string[] => body.error.details.map((d: { path: string }) => d.path);

/**
 * The listing data set, all in January 2025 so it never mixes with the reports other tests post
 * (those use 2026). Two pairs share a timestamp, so paging has to break ties by id.
 */
interface Planned {
  key: string;
  by: 'reporter' | 'reporter2';
  category: string;
  observedAt: string;
  lng: number;
  lat: number;
}
const LISTED: Planned[] = [
  { key: 'a', by: 'reporter', category: 'vald', observedAt: '2025-01-05T10:00:00Z', lng: 16.5, lat: 59.37 },
  // 'b' lies about 10 m from 'a': the same hexagon at coarse resolutions
  { key: 'b', by: 'reporter', category: 'narkotika', observedAt: '2025-01-06T10:00:00Z', lng: 16.4999, lat: 59.37005 },
  { key: 'c', by: 'reporter2', category: 'klotter', observedAt: '2025-01-07T10:00:00Z', lng: 16.508, lat: 59.372 },
  { key: 'd', by: 'reporter', category: 'vald', observedAt: '2025-01-08T10:00:00Z', lng: 16.45, lat: 59.35 },
  { key: 'e', by: 'reporter2', category: 'stold', observedAt: '2025-01-08T10:00:00Z', lng: 16.55, lat: 59.39 },
  { key: 'f', by: 'reporter', category: 'brand', observedAt: '2025-01-09T10:00:00Z', lng: 16.42, lat: 59.33 },
  { key: 'g', by: 'reporter', category: 'vald', observedAt: '2025-01-10T10:00:00Z', lng: 16.58, lat: 59.4 },
  { key: 'h', by: 'reporter2', category: 'narkotika', observedAt: '2025-01-10T10:00:00Z', lng: 16.501, lat: 59.3702 },
  { key: 'i', by: 'reporter', category: 'ovrigt', observedAt: '2025-01-11T10:00:00Z', lng: 16.47, lat: 59.36 },
  { key: 'j', by: 'reporter', category: 'trafik', observedAt: '2025-01-12T10:00:00Z', lng: 16.53, lat: 59.38 },
  { key: 'k', by: 'reporter2', category: 'vald', observedAt: '2025-01-13T10:00:00Z', lng: 16.49, lat: 59.345 },
];
const JANUARY = 'from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z';

describe.each(BACKENDS)('reports (%s)', (backend) => {
  let server: TestServer;
  let areaA: TestArea;
  let areaB: TestArea;
  let reporter: ApiClient;
  let reporter2: ApiClient;
  let reporter2Id: number;
  let planner: ApiClient;
  let admin: ApiClient;
  let plannerB: ApiClient;
  let adminB: ApiClient;
  let reporterB: ApiClient;
  /** The listing data set as stored: key → report. */
  const listed = new Map<string, any>();

  beforeAll(async () => {
    server = await startTestServer({ backend });
    areaA = await createTestArea(server.db, 'rep-a', CENTER_A);
    areaB = await createTestArea(server.db, 'rep-b', CENTER_B);
    const second = await createUser(server.db, {
      email: 'reporter2@rep-a.test',
      name: 'Second reporter',
      role: 'reporter',
      areaCode: 'rep-a',
      password: PASSWORD,
      organisationId: areaA.organisationId,
    });
    reporter2Id = second.id;
    [reporter, reporter2, planner, admin, plannerB, adminB, reporterB] = await Promise.all([
      ApiClient.login(server.url, areaA.users.reporter.email),
      ApiClient.login(server.url, 'reporter2@rep-a.test'),
      ApiClient.login(server.url, areaA.users.planner.email),
      ApiClient.login(server.url, areaA.users.admin.email),
      ApiClient.login(server.url, areaB.users.planner.email),
      ApiClient.login(server.url, areaB.users.admin.email),
      ApiClient.login(server.url, areaB.users.reporter.email),
    ]);
    for (const p of LISTED) {
      const client = p.by === 'reporter' ? reporter : reporter2;
      const res = await client.post('/api/v1/reports', {
        category: p.category,
        observedAt: p.observedAt,
        location: { type: 'Point', coordinates: [p.lng, p.lat] },
      });
      if (res.status !== 201) throw new Error(`seeding ${p.key}: ${res.status} ${JSON.stringify(res.body)}`);
      listed.set(p.key, res.body);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (client: ApiClient, body: unknown) => client.post('/api/v1/reports', body);

  /** Ids a list query answers with, in order; the window is January 2025 unless the query sets one. */
  async function listIds(client: ApiClient, query: string): Promise<string[]> {
    const window = query.includes('from=') ? '' : `${JANUARY}&`;
    const res = await client.get(`/api/v1/reports?${window}limit=1000&${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.features.map((f: { id: string }) => f.id);
  }

  const idsOf = (keys: string[]) => keys.map((k) => listed.get(k).id as string);
  /** Keys in the order the API lists: newest first, ties by id descending. */
  function inListOrder(keys: string[]): string[] {
    return [...keys]
      .map((k) => listed.get(k))
      .sort((x, y) => (x.observedAt === y.observedAt ? (x.id < y.id ? 1 : -1) : x.observedAt < y.observedAt ? 1 : -1))
      .map((r) => r.id);
  }

  async function rowCount(id: string): Promise<number> {
    const rows = await server.db.selectFrom('reports').select('id').where('id', '=', id).execute();
    return rows.length;
  }

  describe('creating a report', () => {
    it('answers 201 with the stored report: location, res-15 cell, observedAt in UTC, reporter and organisation', async () => {
      const id = randomUUID();
      const [lng, lat] = [16.5123, 59.3711];
      const res = await post(reporter, {
        id,
        category: 'narkotika',
        observedAt: '2026-08-22T21:30:00+02:00',
        location: { type: 'Point', coordinates: [lng, lat] },
        severity: 2,
        description: '  Misstänkt langning vid busshållplatsen  ',
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('location')).toBe(`/api/v1/reports/${id}`);
      expect(res.body).toMatchObject({
        id,
        category: 'narkotika',
        observedAt: '2026-08-22T19:30:00.000Z',
        observedUntil: null,
        location: { type: 'Point', coordinates: [lng, lat] },
        cell: latLngToCell(lat, lng, 15),
        severity: 2,
        description: 'Misstänkt langning vid busshållplatsen',
        reporterId: areaA.users.reporter.id,
        organisationId: areaA.organisationId,
        source: 'app',
        locationPrecision: 'point',
        status: 'new',
      });
      expect(Date.parse(res.body.reportedAt)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('sends numbers as JSON numbers and the cell as a 15-character hex string', async () => {
      const res = await post(reporter, reportBody({ severity: 3 }));
      expect(res.status).toBe(201);
      const { severity, reporterId, organisationId, location, cell } = res.body;
      for (const value of [severity, reporterId, organisationId, ...location.coordinates]) expect(typeof value).toBe('number');
      expect(cell).toMatch(/^[0-9a-f]{15}$/);
    });

    it('defaults severity to 1 and generates an id when the client sends none', async () => {
      const res = await post(reporter, reportBody());
      expect(res.status).toBe(201);
      expect(res.body.severity).toBe(1);
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('returns the stored report with 200 when the same client id is posted again, and keeps one row', async () => {
      const id = randomUUID();
      const first = await post(reporter, reportBody({ id, category: 'klotter' }));
      expect(first.status).toBe(201);
      const retry = await post(reporter, reportBody({ id, category: 'brand', severity: 3 }));
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expect(await rowCount(id)).toBe(1);
    });

    it('answers concurrent retries of one id with one 201 and otherwise 200, storing one row', async () => {
      const id = randomUUID();
      const responses = await Promise.all(Array.from({ length: 6 }, () => post(reporter, reportBody({ id }))));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      for (const r of responses) expect(r.body.id).toBe(id);
      expect(await rowCount(id)).toBe(1);
    });

    it('refuses an id already used in another area with 409, without revealing that report', async () => {
      const id = randomUUID();
      expect((await post(reporter, reportBody({ id }))).status).toBe(201);
      const res = await post(reporterB, reportBody({ id }, CENTER_B));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('conflict');
      expect(JSON.stringify(res.body)).not.toContain('rep-a');
      expect(await rowCount(id)).toBe(1);
    });

    it('refuses a location outside the area boundary with 422 outside_area naming location.coordinates', async () => {
      const res = await post(reporter, reportBody({ location: { type: 'Point', coordinates: [CENTER_B[0], CENTER_B[1]] } }));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('outside_area');
      expect(detailPaths(res.body)).toEqual(['location.coordinates']);
    });

    it('refuses observedAt before 1970 with 422 naming observedAt', async () => {
      const res = await post(reporter, reportBody({ observedAt: '1969-12-31T23:59:59Z' }));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('invalid_date');
      expect(detailPaths(res.body)).toEqual(['observedAt']);
    });

    it('refuses observedAt more than 24 hours in the future with 422 naming observedAt', async () => {
      const res = await post(reporter, reportBody({ observedAt: new Date(Date.now() + 25 * 3600_000).toISOString() }));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('invalid_date');
      expect(detailPaths(res.body)).toEqual(['observedAt']);
    });

    it('accepts observedAt a few hours ahead (a phone clock running fast)', async () => {
      const res = await post(reporter, reportBody({ observedAt: new Date(Date.now() + 3 * 3600_000).toISOString() }));
      expect(res.status).toBe(201);
    });

    it('refuses an impossible calendar date with 400 naming observedAt', async () => {
      const res = await post(reporter, reportBody({ observedAt: '2026-02-30T10:00:00+01:00' }));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(detailPaths(res.body)).toEqual(['observedAt']);
    });

    it('refuses a timestamp without an offset with 400 naming observedAt', async () => {
      const res = await post(reporter, reportBody({ observedAt: '2026-08-22T21:30:00' }));
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toEqual(['observedAt']);
    });

    it('refuses an unknown category with 422 unknown_category naming category', async () => {
      const res = await post(reporter, reportBody({ category: 'spoken' }));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('unknown_category');
      expect(detailPaths(res.body)).toEqual(['category']);
    });

    it('refuses a walk-finding code that is not a report category', async () => {
      const res = await post(reporter, reportBody({ category: 'belysning' }));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('unknown_category');
    });

    it('refuses a description of 2001 characters with 400 naming description, and takes 2000', async () => {
      const tooLong = await post(reporter, reportBody({ description: 'x'.repeat(2001) }));
      expect(tooLong.status).toBe(400);
      expect(detailPaths(tooLong.body)).toEqual(['description']);
      const longest = await post(reporter, reportBody({ description: 'x'.repeat(2000) }));
      expect(longest.status).toBe(201);
    });

    it.each([
      ['a latitude of 91', { location: { type: 'Point', coordinates: [16.5, 91] } }, 'location.coordinates'],
      ['a longitude of 181', { location: { type: 'Point', coordinates: [181, 59.37] } }, 'location.coordinates'],
      ['a longitude given as the string "NaN"', { location: { type: 'Point', coordinates: ['NaN', 59.37] } }, 'location.coordinates'],
      ['coordinates given as strings', { location: { type: 'Point', coordinates: ['16.5', '59.37'] } }, 'location.coordinates'],
      ['a null latitude (JSON has no NaN)', { location: { type: 'Point', coordinates: [16.5, null] } }, 'location.coordinates'],
      ['a single coordinate', { location: { type: 'Point', coordinates: [16.5] } }, 'location.coordinates'],
      ['a location that is not a Point', { location: { type: 'LineString', coordinates: [16.5, 59.37] } }, 'location.type'],
      ['a category that is a number', { category: 7 }, 'category'],
      ['a category in capitals', { category: 'VALD' }, 'category'],
      ['severity 4', { severity: 4 }, 'severity'],
      ['severity as a string', { severity: '2' }, 'severity'],
      ['an id that is not a UUID', { id: 'report-1' }, 'id'],
      ['observedAt as a number', { observedAt: 1755890000000 }, 'observedAt'],
    ])('refuses %s with 400 naming the field', async (_what, override, path) => {
      const res = await post(reporter, reportBody(override));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(detailPaths(res.body).length).toBeGreaterThan(0);
      for (const p of detailPaths(res.body)) expect(p.startsWith(path), p).toBe(true);
    });

    it.each(['category', 'observedAt', 'location'])('refuses a report without %s with 400 naming it', async (field) => {
      const body: Record<string, unknown> = reportBody();
      delete body[field];
      const res = await post(reporter, body);
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toEqual([field]);
    });

    it('refuses an unknown extra field with 400 naming that field', async () => {
      const res = await post(reporter, reportBody({ areaId: areaB.id }));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(detailPaths(res.body)).toEqual(['areaId']);
    });

    it('refuses malformed JSON with 400 invalid_json', async () => {
      const res = await reporter.post('/api/v1/reports', '{"category": "vald",', { 'content-type': 'application/json' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_json');
    });

    it('refuses a text/plain body with 415', async () => {
      const res = await reporter.post('/api/v1/reports', JSON.stringify(reportBody()), { 'content-type': 'text/plain' });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
    });

    it('refuses a body over 1 MB with 413', async () => {
      const res = await post(reporter, reportBody({ description: 'x'.repeat(1_100_000) }));
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('payload_too_large');
    });

    it('requires a logged-in caller', async () => {
      const anonymous = new ApiClient(server.url);
      const res = await post(anonymous, reportBody());
      expect(res.status).toBe(401);
    });
  });

  describe('listing reports', () => {
    it('lists the area’s reports as a GeoJSON FeatureCollection, newest first', async () => {
      const res = await planner.get(`/api/v1/reports?${JANUARY}`);
      expect(res.status).toBe(200);
      expect(res.body.type).toBe('FeatureCollection');
      expect(res.body.meta).toEqual({ count: LISTED.length, nextCursor: null });
      expect(res.body.features.map((f: { id: string }) => f.id)).toEqual(inListOrder(LISTED.map((p) => p.key)));
      const feature = res.body.features.find((f: { id: string }) => f.id === listed.get('c').id);
      expect(feature).toMatchObject({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [16.508, 59.372] },
        properties: { category: 'klotter', cell: latLngToCell(59.372, 16.508, 15), reporterId: reporter2Id },
      });
    });

    it('includes a report exactly at `from` and excludes one exactly at `to` (half-open window)', async () => {
      const ids = await listIds(planner, 'from=2025-01-07T10:00:00Z&to=2025-01-10T10:00:00Z');
      expect(ids).toEqual(inListOrder(['c', 'd', 'e', 'f']));
    });

    it('filters by a comma-separated list of categories', async () => {
      const ids = await listIds(planner, 'categories=vald,narkotika');
      const expected = LISTED.filter((p) => p.category === 'vald' || p.category === 'narkotika').map((p) => p.key);
      expect(ids).toEqual(inListOrder(expected));
    });

    it('filters by bbox (west,south,east,north)', async () => {
      const [w, s, e, n] = [16.48, 59.355, 16.52, 59.375];
      const ids = await listIds(planner, `bbox=${w},${s},${e},${n}`);
      const expected = LISTED.filter((p) => p.lng >= w && p.lng <= e && p.lat >= s && p.lat <= n).map((p) => p.key);
      expect(expected.length).toBeGreaterThan(1);
      expect(expected.length).toBeLessThan(LISTED.length);
      expect(ids).toEqual(inListOrder(expected));
    });

    it.each([6, 9, 12, 15])('filters by a cell at resolution %i: exactly the reports inside that hexagon', async (res) => {
      const cell = cellToParent(listed.get('a').cell, res);
      const ids = await listIds(planner, `cell=${cell}`);
      const expected = LISTED.filter((p) => cellToParent(latLngToCell(p.lat, p.lng, 15), res) === cell).map((p) => p.key);
      expect(expected).toContain('a');
      expect(ids).toEqual(inListOrder(expected));
    });

    it('counts a report by its res-15 ancestor, so a res-9 cell holds exactly the reports whose ancestor it is', async () => {
      const cell = cellToParent(listed.get('a').cell, 9);
      const expected = LISTED.filter((p) => cellToParent(latLngToCell(p.lat, p.lng, 15), 9) === cell).map((p) => p.key);
      // The data set puts 'b' (10 m away) in the same hexagon and 'c' (500 m away) outside it.
      expect(expected).toEqual(expect.arrayContaining(['a', 'b']));
      expect(expected).not.toContain('c');
      expect(await listIds(planner, `cell=${cell}`)).toEqual(inListOrder(expected));
    });

    it('refuses a cell that is not an H3 index with 400 naming cell', async () => {
      const res = await planner.get('/api/v1/reports?cell=8908ca1a2dbfffz');
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toEqual(['cell']);
    });

    it('pages with limit and cursor, visiting every report once in observed_at descending order', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `${JANUARY}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await planner.get(`/api/v1/reports?${query}`);
        expect(res.status).toBe(200);
        expect(res.body.features.length).toBeLessThanOrEqual(3);
        seen.push(...res.body.features.map((f: { id: string }) => f.id));
        cursor = res.body.meta.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      expect(seen).toEqual(inListOrder(LISTED.map((p) => p.key)));
      expect(new Set(seen).size).toBe(LISTED.length);
    });

    it.each([
      ['garbage', 'not-a-cursor'],
      ['a cursor whose id is not a UUID', Buffer.from(JSON.stringify(['2025-01-05T10:00:00.000Z', 'x'])).toString('base64url')],
      ['a cursor whose time is not a time', Buffer.from(JSON.stringify(['yesterday', randomUUID()])).toString('base64url')],
    ])('refuses an invalid cursor (%s) with 400 naming cursor', async (_what, cursor) => {
      const res = await planner.get(`/api/v1/reports?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toEqual(['cursor']);
    });

    it('refuses an unknown query parameter with 400', async () => {
      const res = await planner.get('/api/v1/reports?area=rep-b');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    });

    it('refuses from after to with 400', async () => {
      const res = await planner.get('/api/v1/reports?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z');
      expect(res.status).toBe(400);
    });

    it('shows a reporter only their own reports', async () => {
      const ids = await listIds(reporter, '');
      expect(ids).toEqual(inListOrder(LISTED.filter((p) => p.by === 'reporter').map((p) => p.key)));
    });

    it('shows a planner every report of the area, whoever sent it', async () => {
      const ids = await listIds(planner, '');
      expect(ids.sort()).toEqual(idsOf(LISTED.map((p) => p.key)).sort());
    });
  });

  describe('reading one report', () => {
    it('answers with the report', async () => {
      const stored = listed.get('a');
      const res = await planner.get(`/api/v1/reports/${stored.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(stored);
    });

    it('answers 404 for an unknown id', async () => {
      const res = await planner.get(`/api/v1/reports/${randomUUID()}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });

    it('answers 400 naming id for an id that is not a UUID', async () => {
      const res = await planner.get('/api/v1/reports/42');
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toEqual(['id']);
    });

    it('lets a reporter read their own report', async () => {
      const res = await reporter.get(`/api/v1/reports/${listed.get('a').id}`);
      expect(res.status).toBe(200);
    });

    it('answers 404 when a reporter asks for someone else’s report', async () => {
      const res = await reporter.get(`/api/v1/reports/${listed.get('c').id}`);
      expect(res.status).toBe(404);
    });

    it('lets a planner read any report of the area', async () => {
      const res = await planner.get(`/api/v1/reports/${listed.get('c').id}`);
      expect(res.status).toBe(200);
      expect(res.body.reporterId).toBe(reporter2Id);
    });
  });

  describe('triage', () => {
    async function freshReport() {
      const res = await post(reporter, reportBody({ category: 'ovrigt' }));
      expect(res.status).toBe(201);
      return res.body.id as string;
    }

    it('lets a planner set the status', async () => {
      const id = await freshReport();
      const res = await planner.patch(`/api/v1/reports/${id}`, { status: 'reviewed' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, status: 'reviewed', category: 'ovrigt' });
      expect((await planner.get(`/api/v1/reports/${id}`)).body.status).toBe('reviewed');
    });

    it('lets a planner change the category', async () => {
      const id = await freshReport();
      const res = await planner.patch(`/api/v1/reports/${id}`, { category: 'alkohol' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, category: 'alkohol', status: 'new' });
    });

    it('refuses a reporter with 403', async () => {
      const id = await freshReport();
      const res = await reporter.patch(`/api/v1/reports/${id}`, { status: 'archived' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    });

    it('refuses an unknown category with 422 and leaves the report as it was', async () => {
      const id = await freshReport();
      const res = await planner.patch(`/api/v1/reports/${id}`, { category: 'spoken' });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('unknown_category');
      expect((await planner.get(`/api/v1/reports/${id}`)).body.category).toBe('ovrigt');
    });

    it('refuses an unknown status with 400 naming status', async () => {
      const id = await freshReport();
      const res = await planner.patch(`/api/v1/reports/${id}`, { status: 'done' });
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toEqual(['status']);
    });

    it('refuses an empty patch with 400', async () => {
      const id = await freshReport();
      const res = await planner.patch(`/api/v1/reports/${id}`, {});
      expect(res.status).toBe(400);
    });

    it('answers 404 for an unknown report', async () => {
      const res = await planner.patch(`/api/v1/reports/${randomUUID()}`, { status: 'reviewed' });
      expect(res.status).toBe(404);
    });

    it('lets an admin delete a report (204), after which it is gone', async () => {
      const id = await freshReport();
      const res = await admin.delete(`/api/v1/reports/${id}`);
      expect(res.status).toBe(204);
      expect((await planner.get(`/api/v1/reports/${id}`)).status).toBe(404);
      expect(await rowCount(id)).toBe(0);
    });

    it('refuses a planner deleting with 403 and keeps the report', async () => {
      const id = await freshReport();
      const res = await planner.delete(`/api/v1/reports/${id}`);
      expect(res.status).toBe(403);
      expect(await rowCount(id)).toBe(1);
    });
  });

  describe('area isolation', () => {
    it('answers 404 when a planner of another area asks for the report', async () => {
      const res = await plannerB.get(`/api/v1/reports/${listed.get('a').id}`);
      expect(res.status).toBe(404);
    });

    it('never lists another area’s reports, whatever the filters', async () => {
      const cellOfA = cellToParent(listed.get('a').cell, 9);
      const ownId = (await post(reporterB, reportBody({}, CENTER_B))).body.id;
      for (const query of ['', JANUARY, `cell=${cellOfA}`, `bbox=16,59,17,60`, `categories=vald`]) {
        const res = await plannerB.get(`/api/v1/reports?limit=1000&${query}`);
        expect(res.status).toBe(200);
        const areaAIds = new Set(idsOf(LISTED.map((p) => p.key)));
        expect(res.body.features.filter((f: { id: string }) => areaAIds.has(f.id))).toEqual([]);
      }
      const all = await plannerB.get('/api/v1/reports?limit=1000');
      expect(all.body.features.map((f: { id: string }) => f.id)).toContain(ownId);
    });

    it('never shows another area’s reports in hotspots', async () => {
      expect((await post(reporterB, reportBody({ observedAt: '2025-01-20T12:00:00Z' }, CENTER_B))).status).toBe(201);
      const res = await plannerB.get('/api/v1/hotspots?res=9&from=2025-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&precision=all');
      expect(res.status).toBe(200);
      const rowsOfB = await server.db.selectFrom('reports').select('id').where('area_id', '=', areaB.id).execute();
      expect(res.body.meta.total).toBe(rowsOfB.length);
      const cellsOfA = new Set(LISTED.map((p) => cellToParent(latLngToCell(p.lat, p.lng, 15), 9)));
      expect(res.body.features.filter((f: { id: string }) => cellsOfA.has(f.id))).toEqual([]);
    });

    it('refuses a report that names another area’s organisation with 422 naming organisationId', async () => {
      const res = await post(reporter, reportBody({ organisationId: areaB.organisationId }));
      expect(res.status).toBe(422);
      expect(detailPaths(res.body)).toEqual(['organisationId']);
    });

    it('answers 404 when an admin of another area patches or deletes the report, and leaves it unchanged', async () => {
      const stored = listed.get('b');
      expect((await adminB.patch(`/api/v1/reports/${stored.id}`, { status: 'archived' })).status).toBe(404);
      expect((await adminB.delete(`/api/v1/reports/${stored.id}`)).status).toBe(404);
      const after = await planner.get(`/api/v1/reports/${stored.id}`);
      expect(after.body).toEqual(stored);
    });
  });

  describe('reference data', () => {
    it('lists the 13 report and 9 finding categories of the default taxonomy', async () => {
      const res = await reporter.get('/api/v1/categories');
      expect(res.status).toBe(200);
      const codes = (kind: string) =>
        res.body.categories.filter((c: { kind: string }) => c.kind === kind).map((c: { code: string }) => c.code);
      expect(codes('report')).toEqual(REPORT_CODES);
      expect(codes('finding')).toEqual(FINDING_CODES);
      expect(res.body.categories.find((c: { code: string }) => c.code === 'vald')).toEqual({
        code: 'vald',
        kind: 'report',
        labelSv: 'Våld/hot',
        labelEn: 'Violence/threats',
        group: 'brott',
        active: true,
      });
    });

    it('lists the organisations of the caller’s area only', async () => {
      const res = await reporter.get('/api/v1/organisations');
      expect(res.status).toBe(200);
      expect(res.body.organisations).toEqual([{ id: areaA.organisationId, name: 'Polisen rep-a', kind: 'polis' }]);
    });
  });
});
