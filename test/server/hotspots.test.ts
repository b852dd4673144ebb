import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cellToLatLng, cellToParent, latLngToCell } from 'h3-js';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

/** A report the test posts, and from which it computes the expected hotspots itself. */
interface Planned {
  lng: number;
  lat: number;
  observedAt: string;
  category?: string;
  severity?: number;
}

/** The report's res-r cell: the ancestor of its res-15 cell (DESIGN §4), never latLngToCell at r. */
const cellOf = (p: { lat: number; lng: number }, res = 9) => cellToParent(latLngToCell(p.lat, p.lng, 15), res);

// Two points near Eskilstuna where the res-9 ancestor and the direct res-9 cell differ — and
// cross over: each one's direct cell is the other one's ancestor.
const CROSS_1 = { lng: 16.4966, lat: 59.36 };
const CROSS_2 = { lng: 16.4956, lat: 59.36 };
const CENTRE = { lng: 16.5, lat: 59.37 };
const NEAR_CENTRE = { lng: 16.4999, lat: 59.37005 };
const EAST = { lng: 16.55, lat: 59.39 };

const JANUARY = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
const JAN = {
  cross1Heavy: { ...CROSS_1, observedAt: '2026-01-10T12:00:00Z', category: 'vald', severity: 3 },
  cross1Light: { ...CROSS_1, observedAt: '2026-01-11T12:00:00Z', category: 'vald', severity: 1 },
  cross2: { ...CROSS_2, observedAt: '2026-01-12T12:00:00Z', category: 'narkotika', severity: 2 },
  atFrom: { ...CENTRE, observedAt: JANUARY.from, category: 'vald', severity: 2 },
  nearCentre: { ...NEAR_CENTRE, observedAt: '2026-01-20T12:00:00Z', category: 'klotter', severity: 1 },
  lastSecond: { ...EAST, observedAt: '2026-01-31T23:59:59Z', category: 'stold', severity: 1 },
  atTo: { ...EAST, observedAt: JANUARY.to, category: 'stold', severity: 3 },
} satisfies Record<string, Planned>;
const IN_JANUARY = [JAN.cross1Heavy, JAN.cross1Light, JAN.cross2, JAN.atFrom, JAN.nearCentre, JAN.lastSecond];

/** Spread-out points, one per time-of-day report, so each matched report shows as its own cell. */
const spot = (i: number) => ({ lng: 16.42 + (i % 4) * 0.04, lat: 59.33 + Math.floor(i / 4) * 0.02 });

// DST starts 2026-03-29 at 01:00 UTC (02:00 CET → 03:00 CEST); Sunday is weekday 6.
const SPRING = { from: '2026-03-28T00:00:00Z', to: '2026-03-31T00:00:00Z' };
const SPR = {
  sunday0430: { ...spot(0), observedAt: '2026-03-29T02:30:00Z' }, // 04:30 CEST; UTC hour 2
  sunday0130: { ...spot(1), observedAt: '2026-03-29T00:30:00Z' }, // 01:30 CET
  sunday0030: { ...spot(2), observedAt: '2026-03-28T23:30:00Z' }, // 00:30 CET Sunday; Saturday in UTC
  monday0030: { ...spot(3), observedAt: '2026-03-29T22:30:00Z' }, // 00:30 CEST Monday; Sunday in UTC
} satisfies Record<string, Planned>;

// DST ends 2026-10-25 at 01:00 UTC (03:00 CEST → 02:00 CET): local 02:30 happens twice.
const AUTUMN = { from: '2026-10-24T00:00:00Z', to: '2026-10-27T00:00:00Z' };
const AUT = {
  first0230: { ...spot(4), observedAt: '2026-10-25T00:30:00Z' }, // 02:30 CEST
  second0230: { ...spot(5), observedAt: '2026-10-25T01:30:00Z' }, // 02:30 CET
  sunday0030: { ...spot(6), observedAt: '2026-10-24T22:30:00Z' }, // 00:30 CEST Sunday; Saturday in UTC
  monday0030: { ...spot(7), observedAt: '2026-10-25T23:30:00Z' }, // 00:30 CET Monday; Sunday in UTC
} satisfies Record<string, Planned>;

// A summer night (UTC+2) for hours that wrap past midnight.
const NIGHT = { from: '2026-06-01T00:00:00Z', to: '2026-06-03T00:00:00Z' };
const NGT = {
  local2130: { ...spot(8), observedAt: '2026-06-01T19:30:00Z' },
  local2200: { ...spot(9), observedAt: '2026-06-01T20:00:00Z' },
  local2330: { ...spot(10), observedAt: '2026-06-01T21:30:00Z' },
  local0030: { ...spot(11), observedAt: '2026-06-01T22:30:00Z' },
  local0359: { ...spot(12), observedAt: '2026-06-02T01:59:00Z' },
  local0400: { ...spot(13), observedAt: '2026-06-02T02:00:00Z' },
  local1200: { ...spot(14), observedAt: '2026-06-02T10:00:00Z' },
} satisfies Record<string, Planned>;

const PLANNED: Planned[] = [...Object.values(JAN), ...Object.values(SPR), ...Object.values(AUT), ...Object.values(NGT)];

/** [cell, count, weight] per cell, sorted by cell, as the test expects the API to count them. */
function expected(reports: Planned[], opts: { weighted?: boolean; res?: number } = {}) {
  const byCell = new Map<string, { count: number; weight: number }>();
  for (const r of reports) {
    const cell = cellOf(r, opts.res ?? 9);
    const entry = byCell.get(cell) ?? { count: 0, weight: 0 };
    entry.count += 1;
    entry.weight += opts.weighted ? (r.severity ?? 1) : 1;
    byCell.set(cell, entry);
  }
  return [...byCell].map(([cell, e]) => [cell, e.count, e.weight]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

const qs = (params: Record<string, string | number | boolean>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

describe.each(BACKENDS)('hotspot counts (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let planner: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'hot');
    const reporter = await ApiClient.login(server.url, area.users.reporter.email);
    planner = await ApiClient.login(server.url, area.users.planner.email);
    for (const p of PLANNED) {
      const res = await reporter.post('/api/v1/reports', {
        category: p.category ?? 'ovrigt',
        severity: p.severity ?? 1,
        observedAt: p.observedAt,
        location: { type: 'Point', coordinates: [p.lng, p.lat] },
      });
      if (res.status !== 201) throw new Error(`seeding ${p.observedAt}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    // Geocoded only to the municipality: stored, but not a place on the map.
    await sql`
      INSERT INTO reports (area_id, id, category, observed_at, geom, h3, severity, source, location_precision)
      VALUES (${area.id}, ${randomUUID()}, 'vald', '2026-01-15T12:00:00Z',
              ST_SetSRID(ST_MakePoint(${CENTRE.lng}, ${CENTRE.lat}), 4326),
              ${BigInt(`0x${latLngToCell(CENTRE.lat, CENTRE.lng, 15)}`).toString()}, 2, 'import', 'municipality')`.execute(server.db);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function hotspots(params: Record<string, string | number | boolean>, client = planner) {
    return client.get(`/api/v1/hotspots?${qs(params)}`);
  }

  /** [cell, count, weight] per feature, sorted by cell. */
  async function counted(params: Record<string, string | number | boolean>) {
    const res = await hotspots(params);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.features
      .map((f: any) => [f.id, f.properties.count, f.properties.weight])
      .sort((a: string[], b: string[]) => a[0]!.localeCompare(b[0]!));
  }

  describe('cells and counts', () => {
    it('counts January’s point reports per res-9 cell', async () => {
      expect(await counted({ res: 9, ...JANUARY })).toEqual(expected(IN_JANUARY));
    });

    it('puts each report in the res-9 ancestor of its res-15 cell, not in latLngToCell at res 9', async () => {
      const ancestor = cellOf(CROSS_1);
      const direct = latLngToCell(CROSS_1.lat, CROSS_1.lng, 9);
      expect(ancestor).not.toBe(direct);
      expect(cellOf(CROSS_2)).toBe(direct);
      const counts = new Map((await counted({ res: 9, ...JANUARY })).map(([cell, count]: [string, number]) => [cell, count]));
      expect(counts.get(ancestor)).toBe(2); // both CROSS_1 reports
      expect(counts.get(direct)).toBe(1); // only the CROSS_2 report
    });

    it.each([6, 7, 8, 10, 11, 12])('counts by the ancestor at resolution %i as well', async (res) => {
      expect(await counted({ res, ...JANUARY })).toEqual(expected(IN_JANUARY, { res }));
    });

    it('answers a GeoJSON FeatureCollection: id = cell, a closed Polygon in [lng, lat], properties {cell, count, weight}', async () => {
      const res = await hotspots({ res: 9, ...JANUARY });
      expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      expect(res.body.type).toBe('FeatureCollection');
      expect(res.body.meta).toMatchObject({ res: 9, from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z', total: 6, cells: 4 });
      for (const feature of res.body.features) {
        expect(feature.type).toBe('Feature');
        expect(Object.keys(feature.properties).sort()).toEqual(['cell', 'count', 'weight']);
        expect(feature.id).toBe(feature.properties.cell);
        expect(feature.properties.cell).toMatch(/^89[0-9a-f]{13}$/);
        expect(typeof feature.properties.count).toBe('number');
        expect(feature.geometry.type).toBe('Polygon');
        const ring = feature.geometry.coordinates[0];
        expect(ring).toHaveLength(7);
        expect(ring[6]).toEqual(ring[0]);
        const [lat, lng] = cellToLatLng(feature.id);
        expect(ring[0][0]).toBeCloseTo(lng, 2);
        expect(ring[0][1]).toBeCloseTo(lat, 2);
      }
    });

    it('sums severity as the weight when weighted=true', async () => {
      expect(await counted({ res: 9, ...JANUARY, weighted: true })).toEqual(expected(IN_JANUARY, { weighted: true }));
    });

    it('uses the count as the weight by default', async () => {
      const rows = await counted({ res: 9, ...JANUARY });
      for (const [, count, weight] of rows) expect(weight).toBe(count);
    });

    it('includes a report exactly at `from` and excludes one exactly at `to`', async () => {
      const rows = await counted({ res: 9, ...JANUARY });
      const counts = new Map(rows.map(([cell, count]: [string, number]) => [cell, count]));
      expect(counts.get(cellOf(JAN.atFrom))).toBe(2); // atFrom and nearCentre
      expect(counts.get(cellOf(JAN.atTo))).toBe(1); // lastSecond only
      expect(await counted({ res: 9, from: JANUARY.to, to: '2026-02-02T00:00:00Z' })).toEqual(expected([JAN.atTo]));
    });

    it('filters by categories', async () => {
      const vald = IN_JANUARY.filter((r) => r.category === 'vald');
      expect(await counted({ res: 9, ...JANUARY, categories: 'vald' })).toEqual(expected(vald));
      const valdOrKlotter = IN_JANUARY.filter((r) => r.category === 'vald' || r.category === 'klotter');
      expect(await counted({ res: 9, ...JANUARY, categories: 'vald,klotter' })).toEqual(expected(valdOrKlotter));
    });

    it('leaves out reports located only to the municipality by default (precision=point)', async () => {
      expect(await counted({ res: 9, ...JANUARY, precision: 'point' })).toEqual(expected(IN_JANUARY));
    });

    it('includes them with precision=all', async () => {
      const municipal: Planned = { ...CENTRE, observedAt: '2026-01-15T12:00:00Z', category: 'vald', severity: 2 };
      expect(await counted({ res: 9, ...JANUARY, precision: 'all' })).toEqual(expected([...IN_JANUARY, municipal]));
    });
  });

  describe('weekday and hour filters in Europe/Stockholm time', () => {
    it('takes the weekday from local time on the day DST starts', async () => {
      expect(await counted({ res: 9, ...SPRING, weekdays: 6 })).toEqual(expected([SPR.sunday0430, SPR.sunday0130, SPR.sunday0030]));
      expect(await counted({ res: 9, ...SPRING, weekdays: 0 })).toEqual(expected([SPR.monday0030]));
    });

    it('takes the hour from local time after the spring-forward (02:30 UTC is 04:30 local)', async () => {
      expect(await counted({ res: 9, ...SPRING, hours: '4' })).toEqual(expected([SPR.sunday0430]));
      expect(await counted({ res: 9, ...SPRING, hours: '2' })).toEqual([]);
      expect(await counted({ res: 9, ...SPRING, hours: '1' })).toEqual(expected([SPR.sunday0130]));
    });

    it('counts both 02:30s of the day DST ends in hour 2', async () => {
      expect(await counted({ res: 9, ...AUTUMN, hours: '2' })).toEqual(expected([AUT.first0230, AUT.second0230]));
    });

    it('takes the weekday and midnight hour from local time on the day DST ends', async () => {
      expect(await counted({ res: 9, ...AUTUMN, weekdays: 6 })).toEqual(expected([AUT.first0230, AUT.second0230, AUT.sunday0030]));
      expect(await counted({ res: 9, ...AUTUMN, weekdays: 0 })).toEqual(expected([AUT.monday0030]));
      expect(await counted({ res: 9, ...AUTUMN, hours: '0' })).toEqual(expected([AUT.sunday0030, AUT.monday0030]));
    });

    it('combines weekdays and hours', async () => {
      expect(await counted({ res: 9, ...AUTUMN, weekdays: '5,6', hours: '0-1' })).toEqual(expected([AUT.sunday0030]));
    });

    it('wraps hours=22-3 past midnight: 22:00–03:59 local, not 21:30 or 04:00', async () => {
      expect(await counted({ res: 9, ...NIGHT, hours: '22-3' })).toEqual(
        expected([NGT.local2200, NGT.local2330, NGT.local0030, NGT.local0359]),
      );
    });

    it('takes a list of hours and ranges', async () => {
      expect(await counted({ res: 9, ...NIGHT, hours: '21,12-13' })).toEqual(expected([NGT.local2130, NGT.local1200]));
    });
  });

  describe('invalid requests', () => {
    const paths = (body: any): string[] => body.error.details.map((d: { path: string }) => d.path);

    it.each([5, 13, 'nine'])('refuses res=%s with 400 naming res', async (res) => {
      const r = await hotspots({ res, ...JANUARY });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(paths(r.body)).toEqual(['res']);
    });

    it('refuses from after to with 400', async () => {
      const r = await hotspots({ res: 9, from: JANUARY.to, to: JANUARY.from });
      expect(r.status).toBe(400);
      expect(paths(r.body)).toEqual(['to']);
    });

    it('refuses from equal to to with 400 (an empty window)', async () => {
      const r = await hotspots({ res: 9, from: JANUARY.from, to: JANUARY.from });
      expect(r.status).toBe(400);
    });

    it('refuses an unknown query parameter with 400 naming it', async () => {
      const r = await hotspots({ res: 9, ...JANUARY, resolution: 9 });
      expect(r.status).toBe(400);
      expect(paths(r.body)).toEqual(['resolution']);
    });

    it.each([
      ['weekdays', '7'],
      ['hours', '24'],
      ['hours', '18-'],
      ['precision', 'approximate'],
      ['weighted', 'yes'],
      ['from', '2026-01-01'],
    ])('refuses %s=%s with 400 naming it', async (name, value) => {
      const r = await hotspots({ res: 9, ...JANUARY, [name]: value });
      expect(r.status).toBe(400);
      expect(paths(r.body).length).toBeGreaterThan(0);
      for (const path of paths(r.body)) expect(path === name || path.startsWith(`${name}.`), path).toBe(true);
    });

    it('refuses a category the area does not have with 400 naming categories and listing its codes', async () => {
      const r = await hotspots({ res: 9, ...JANUARY, categories: 'vald,inbrott' });
      expect(r.status).toBe(400);
      expect(paths(r.body)).toEqual(['categories']);
      expect(r.body.error.details[0].message).toMatch(/inbrott.*narkotika/);
    });

    it('refuses a reporter with 403', async () => {
      const reporter = await ApiClient.login(server.url, area.users.reporter.email);
      const r = await hotspots({ res: 9, ...JANUARY }, reporter);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    });

    it('lets an analyst read hotspots', async () => {
      const analyst = await ApiClient.login(server.url, area.users.analyst.email);
      const r = await hotspots({ res: 9, ...JANUARY }, analyst);
      expect(r.status).toBe(200);
    });

    it('refuses an anonymous caller with 401', async () => {
      const r = await hotspots({ res: 9, ...JANUARY }, new ApiClient(server.url));
      expect(r.status).toBe(401);
    });
  });
});
