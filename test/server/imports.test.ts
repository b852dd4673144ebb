import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import iconv from 'iconv-lite';
import { BACKENDS } from '../support/backends';
import { startTestServer, type TestServer } from '../support/server';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { createArea, createUser } from '../../server/areas/areas.service';
import { HAS_SHARED_DATA, municipalityBoundary, readShared, SHARED_DATA_SKIP_REASON } from '../support/shared-data';

const CENTER: [number, number] = [16.5, 59.37];

function featureCollection(rows: Array<{ id: string; lng: number; lat: number; category?: string; observedAt?: string; severity?: number }>) {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lng, r.lat] },
      properties: {
        id: r.id,
        category: r.category ?? 'klotter',
        observedAt: r.observedAt ?? '2026-05-01T21:30:00+02:00',
        severity: r.severity ?? 2,
      },
    })),
  });
}

const geo = { 'content-type': 'application/geo+json' };

describe.each(BACKENDS)('imports (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { IMPORT_MAX_BYTES: String(2 * 1024 * 1024) } });
    area = await createTestArea(server.db, 'imp', CENTER);
    admin = await ApiClient.login(server.url, area.users.admin.email);
  });
  afterAll(() => server?.close());

  async function reportCount(source?: string) {
    let q = server.db.selectFrom('reports').select(sql<number>`count(*)::int`.as('n')).where('area_id', '=', area.id);
    if (source) q = q.where('source', '=', source as 'import');
    return (await q.executeTakeFirstOrThrow()).n;
  }

  it('imports a GeoJSON FeatureCollection and a second import of the same file writes nothing new', async () => {
    const body = featureCollection([
      { id: 'g-1', lng: 16.51, lat: 59.371 },
      { id: 'g-2', lng: 16.52, lat: 59.372, category: 'vald', severity: 3 },
      { id: 'g-3', lng: 16.49, lat: 59.36 },
    ]);
    const first = await admin.post('/api/v1/imports?format=geojson', body, geo);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ inserted: 3, duplicates: 0, outsideArea: 0, rejected: [] });
    const again = await admin.post('/api/v1/imports?format=geojson', body, geo);
    expect(again.body).toMatchObject({ inserted: 0, duplicates: 3, outsideArea: 0, rejected: [] });
    const stored = await server.db
      .selectFrom('reports')
      .select(['external_id', 'source', 'severity', 'category', 'h3'])
      .where('external_id', '=', 'g-2')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ source: 'import', severity: 3, category: 'vald' });
  });

  it('counts rows outside the area instead of writing them', async () => {
    const res = await admin.post(
      '/api/v1/imports?format=geojson',
      featureCollection([
        { id: 'o-1', lng: 18.07, lat: 59.33 },
        { id: 'o-2', lng: 16.5, lat: 59.37 },
      ]),
      geo,
    );
    expect(res.body).toMatchObject({ inserted: 1, outsideArea: 1 });
  });

  it('rejects the whole file when any row is bad and onError=reject, listing every bad row', async () => {
    const before = await reportCount();
    const res = await admin.post(
      '/api/v1/imports?format=geojson',
      featureCollection([
        { id: 'r-1', lng: 16.5, lat: 59.37 },
        { id: 'r-2', lng: 16.5, lat: 59.37, category: 'no-such-category' },
        { id: 'r-3', lng: 16.5, lat: 59.37, observedAt: '2026-02-30T10:00:00+01:00' },
        { id: 'r-4', lng: 16.5, lat: 59.37, observedAt: '1969-12-31T10:00:00Z' },
      ]),
      geo,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import_rejected');
    const rows = res.body.error.rejected.map((r: { row: number; field: string }) => `${r.row}:${r.field}`);
    expect(rows).toEqual(expect.arrayContaining(['2:category', '4:observedAt']));
    expect(rows.some((r: string) => r.startsWith('3:'))).toBe(true);
    expect(await reportCount()).toBe(before);
  });

  it('writes the valid rows and lists the bad ones with onError=skip', async () => {
    const res = await admin.post(
      '/api/v1/imports?format=geojson&onError=skip',
      featureCollection([
        { id: 's-1', lng: 16.5, lat: 59.37 },
        { id: 's-2', lng: 16.5, lat: 59.37, category: 'nope' },
      ]),
      geo,
    );
    expect(res.status).toBe(200);
    expect(res.body.inserted).toBe(1);
    expect(res.body.rejected).toEqual([expect.objectContaining({ row: 2, field: 'category' })]);
  });

  it('reads a Swedish Excel CSV: semicolons, decimal commas, Windows-1252', async () => {
    const text =
      'id;category;observed_at;lat;lng;severity;description\r\n' +
      'x-1;skadegorelse;2026-06-05 22:15;59,3712;16,5093;2;Skadegörelse på Ängsgärdet\r\n' +
      'x-2;nedskrapning;2026-06-06;59,3700;16,5100;;\r\n';
    const res = await admin.post('/api/v1/imports?format=csv', iconv.encode(text, 'windows-1252'), { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body.inserted).toBe(2);
    const row = await server.db
      .selectFrom('reports')
      .select(['description', 'observed_at', sql<number>`ST_Y(geom)`.as('lat')])
      .where('external_id', '=', 'x-1')
      .executeTakeFirstOrThrow();
    expect(row.description).toBe('Skadegörelse på Ängsgärdet');
    // 22:15 local summer time is 20:15 UTC.
    expect(row.observed_at.toISOString()).toBe('2026-06-05T20:15:00.000Z');
    expect(Number(row.lat)).toBeCloseTo(59.3712, 6);
  });

  it('transforms SWEREF 99 TM coordinates with PostGIS and repairs swapped axes, saying so', async () => {
    // 16.5093 E, 59.3712 N is about E 585 770, N 6 582 580 in SWEREF 99 TM; x/y here are swapped on purpose.
    const text = 'id,category,observed_at,x,y\nsw-1,klotter,2026-06-01T12:00:00+02:00,585770,6582580\n';
    const res = await admin.post('/api/v1/imports?format=csv&crs=EPSG:3006', text, { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body.inserted).toBe(1);
    expect(res.body.notes.join(' ')).toMatch(/swap|omkast/i);
    const row = await server.db
      .selectFrom('reports')
      .select([sql<number>`ST_X(geom)`.as('lng'), sql<number>`ST_Y(geom)`.as('lat')])
      .where('external_id', '=', 'sw-1')
      .executeTakeFirstOrThrow();
    expect(Number(row.lng)).toBeCloseTo(16.5093, 2);
    expect(Number(row.lat)).toBeCloseTo(59.3712, 2);
  });

  it('answers 415 for a content type the format does not take', async () => {
    const res = await admin.post('/api/v1/imports?format=csv', '{}', { 'content-type': 'application/json' });
    expect(res.status).toBe(415);
    expect(res.body.error.details[0].path).toBe('content-type');
  });

  it('answers 400 naming format for an unknown or missing format', async () => {
    for (const q of ['?format=xml', '']) {
      const res = await admin.post(`/api/v1/imports${q}`, '{}', { 'content-type': 'application/json' });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('format');
    }
  });

  it('answers 400 for malformed JSON and writes nothing', async () => {
    const before = await reportCount();
    const res = await admin.post('/api/v1/imports?format=geojson', '{"type":"FeatureCollection","features":[{"type":', geo);
    expect(res.status).toBe(400);
    expect(await reportCount()).toBe(before);
  });

  it('answers 413 for a body over the limit and writes nothing, even when streamed without a length', async () => {
    const before = await reportCount();
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ id: `big-${i}`, lng: 16.5, lat: 59.37 }));
    const body = featureCollection(rows);
    expect(body.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await admin.post('/api/v1/imports?format=geojson', body, geo);
    expect(res.status).toBe(413);
    const chunked = await fetch(`${server.url}/api/v1/imports?format=geojson`, {
      method: 'POST',
      headers: { ...geo, authorization: `Bearer ${await adminToken()}` },
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await reportCount()).toBe(before);
  });

  it('answers 400 naming the parameter for a bad crs', async () => {
    const res = await admin.post('/api/v1/imports?format=csv&crs=EPSG:9999', 'id\n', { 'content-type': 'text/csv' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('crs');
  });

  it('refuses imports from reporters', async () => {
    const reporter = await ApiClient.login(server.url, area.users.reporter.email);
    const res = await reporter.post('/api/v1/imports?format=geojson', featureCollection([]), geo);
    expect(res.status).toBe(403);
  });

  async function adminToken() {
    const { createApiToken } = await import('../../server/auth/auth.service');
    return (await createApiToken(server.db, { id: area.users.admin.id, areaId: area.id }, 'test')).token;
  }
});

describe.skipIf(!HAS_SHARED_DATA).each(BACKENDS)('Polisen import on real data (%s)', (backend) => {
  let server: TestServer;
  let admin: ApiClient;
  let areaId: number;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    // Vara holds the centroid of Västra Götalands län: the classic false hotspot.
    const area = await createArea(server.db, { code: 'vara', name: 'Vara', boundary: municipalityBoundary('Vara') });
    areaId = area.id;
    await createUser(server.db, { email: 'admin@vara.test', name: 'Admin', role: 'admin', areaCode: 'vara', password: 'correct-horse-battery' });
    admin = await ApiClient.login(server.url, 'admin@vara.test');
  });
  afterAll(() => server?.close());

  type Event = { id: number; name: string; type: string; location: { name: string; gps: string } };

  it('imports the 500-event API snapshot: only Vara events, none piled on the county centroid', async () => {
    const body = readShared('incidents/polisen_events_api_snapshot_2026-08-22.json');
    const events = JSON.parse(body.toString('utf8')) as Event[];
    const expected = events.filter(
      (e) => e.location.name.toLowerCase() === 'vara' || (e.location.name.endsWith(' län') && /,\s*vara$/i.test(e.name.trim())),
    );
    const res = await admin.post('/api/v1/imports?format=polisen', body, { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(res.body.rejected).toEqual([]);
    expect(res.body.inserted).toBe(expected.length);
    expect(res.body.inserted + res.body.outsideArea + res.body.duplicates).toBe(events.length);
    const rows = await server.db
      .selectFrom('reports')
      .select(['external_id', 'location_precision', 'source', 'source_type'])
      .where('area_id', '=', areaId)
      .execute();
    expect(rows.map((r) => r.external_id).sort()).toEqual(expected.map((e) => String(e.id)).sort());
    expect(new Set(rows.map((r) => r.location_precision))).toEqual(new Set(['municipality']));
    expect(rows.every((r) => r.source === 'polisen' && r.source_type)).toBe(true);
  });

  it('imports the 85,000-event archive without a false county hotspot, and a re-import adds nothing', async () => {
    const body = readShared('incidents/polisen_events_2022-09_2026-08.json.gz');
    const events = JSON.parse(body.toString('utf8')) as Event[];
    const countyInVara = events.filter((e) => e.location.name === 'Västra Götalands län').length;
    const expected = events.filter(
      (e) => e.location.name.toLowerCase() === 'vara' || (e.location.name.endsWith(' län') && /,\s*vara$/i.test(e.name.trim())),
    ).length;
    expect(countyInVara).toBeGreaterThan(3000);
    const res = await admin.post('/api/v1/imports?format=polisen', body, { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(res.body.rejected).toEqual([]);
    const total = (
      await server.db.selectFrom('reports').select(sql<number>`count(*)::int`.as('n')).where('area_id', '=', areaId).executeTakeFirstOrThrow()
    ).n;
    // Everything in the area is a Vara event; thousands of county events stayed out.
    expect(total).toBe(expected);
    expect(total).toBeLessThan(countyInVara / 5);
    // Point-precision hotspots (the default) show none of them; precision=all only Vara's own.
    const window = 'from=2022-01-01T00:00:00Z&to=2026-09-01T00:00:00Z';
    const points = await admin.get(`/api/v1/hotspots?res=8&${window}`);
    expect(points.status).toBe(200);
    expect(points.body.features).toEqual([]);
    const all = await admin.get(`/api/v1/hotspots?res=8&${window}&precision=all&includeExcluded=true`);
    expect(all.body.meta.total).toBe(expected);

    const again = await admin.post('/api/v1/imports?format=polisen', body, { 'content-type': 'application/json' });
    expect(again.body).toMatchObject({ inserted: 0, duplicates: expected });
  }, 180_000);
});
