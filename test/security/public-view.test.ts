import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cellToParent, getResolution, latLngToCell } from 'h3-js';
import { pointToStorageCell } from '../../server/h3/cells';
import {
  isoWeekLabel,
  isoWeeksInYear,
  isoWeekStart,
  resolvePublicWindow,
  startOfLocalWeek,
  toLocalIso,
} from '../../server/public/public-weeks';
import { HttpError } from '../../server/http/errors';
import { periodBefore, shiftWeek } from '../../web/src/views/public/weeks';
import { publicMapCode } from '../../web/src/views/public/public-route';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

const TZ = 'Europe/Stockholm';
const DAY_MS = 86_400_000;

/** Points ~1 km apart, each in its own res-8 hexagon. */
const P = {
  a: { lng: 16.46, lat: 59.36 },
  b: { lng: 16.48, lat: 59.36 },
  c: { lng: 16.5, lat: 59.36 },
  d: { lng: 16.52, lat: 59.36 },
  e: { lng: 16.54, lat: 59.36 },
  f: { lng: 16.46, lat: 59.38 },
  g: { lng: 16.48, lat: 59.38 },
  x: { lng: 16.5, lat: 59.38 },
  y: { lng: 16.52, lat: 59.38 },
};
const cellOf = (p: { lng: number; lat: number }, res = 8) => cellToParent(latLngToCell(p.lat, p.lng, 15), res);

/**
 * Wednesday noon (UTC) of the week `weeksBack` weeks before the current one in Stockholm,
 * computed without the code under test: far from any week boundary whatever the offset.
 */
function midWeek(weeksBack: number, now = new Date()): Date {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const date = new Date(`${today}T00:00:00Z`);
  const monday = date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(monday - weeksBack * 7 * DAY_MS + 2 * DAY_MS + 12 * 3600_000);
}

interface Planned {
  at: Date | string;
  point: { lng: number; lat: number };
  count: number;
  precision?: 'point' | 'municipality';
  inAnalytics?: boolean;
}

async function insertReports(server: TestServer, area: TestArea, plans: Planned[]) {
  const rows = plans.flatMap((p) =>
    Array.from({ length: p.count }, () => ({
      area_id: area.id,
      id: crypto.randomUUID(),
      category: 'vald',
      observed_at: new Date(p.at),
      geom: sql`ST_SetSRID(ST_MakePoint(${p.point.lng}, ${p.point.lat}), 4326)`,
      h3: pointToStorageCell(p.point.lng, p.point.lat),
      source: 'app' as const,
      description: 'Bråk vid kiosken, vittne nås på 070-123 45 67 (19121212-1212)',
      organisation_id: area.organisationId,
      reporter_id: area.users.reporter.id,
      location_precision: p.precision ?? 'point',
      in_analytics: p.inAnalytics ?? true,
    })),
  );
  await server.db.insertInto('reports').values(rows).execute();
}

async function setSettings(server: TestServer, area: TestArea, settings: Record<string, unknown>) {
  await server.db
    .updateTable('areas')
    .set({ settings: sql`settings || ${JSON.stringify(settings)}::jsonb` as unknown as string })
    .where('id', '=', area.id)
    .execute();
}

async function get(server: TestServer, path: string) {
  const res = await fetch(server.url + path);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

const detailPaths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((d) => d.path);
const cellsAndCounts = (body: { features: { properties: { cell: string; count: number } }[] }) =>
  body.features.map((f) => [f.properties.cell, f.properties.count] as const).sort();

describe.each(BACKENDS)('public view (%s)', (backend) => {
  let server: TestServer;
  let published: TestArea;
  let unpublished: TestArea;
  let stricter: TestArea;
  let toggled: TestArea;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    published = await createTestArea(server.db, 'oppen');
    unpublished = await createTestArea(server.db, 'stangd');
    stricter = await createTestArea(server.db, 'k-sex');
    toggled = await createTestArea(server.db, 'vaxla');

    await insertReports(server, published, [
      { at: midWeek(2), point: P.a, count: 5 }, // exactly k: shown
      { at: midWeek(3), point: P.b, count: 4 }, // below k: left out
      { at: midWeek(1), point: P.c, count: 5 },
      { at: midWeek(1), point: P.c, count: 2, precision: 'municipality' }, // not a point: not counted
      { at: midWeek(1), point: P.c, count: 1, inAnalytics: false }, // left out of analytics
      { at: midWeek(0), point: P.d, count: 6 }, // the week in progress is never published
      { at: midWeek(1), point: P.e, count: 5 },
      { at: midWeek(6), point: P.e, count: 5 }, // outside the default four weeks
      // Fixed 2025 weeks: W10 starts 2025-03-03, W11 2025-03-10 (both CET, +01:00).
      { at: '2025-03-05T12:00:00Z', point: P.f, count: 5 },
      { at: '2025-03-09T23:59:59+01:00', point: P.g, count: 4 }, // last second of W10
      { at: '2025-03-10T00:00:00+01:00', point: P.g, count: 5 }, // first instant of W11
    ]);
    await setSettings(server, published, { publicHotspots: true });

    await insertReports(server, unpublished, [{ at: midWeek(1), point: P.a, count: 10 }]);

    await insertReports(server, stricter, [
      { at: midWeek(1), point: P.x, count: 6 },
      { at: midWeek(1), point: P.y, count: 5 },
    ]);
    await setSettings(server, stricter, { publicHotspots: true, publicMinCount: 6 });
  });
  afterAll(() => server?.close());

  describe('an area that is not published', () => {
    it('answers 404 for its hotspots and its page data, exactly as for a code that does not exist', async () => {
      const off = await get(server, '/api/v1/public/areas/stangd/hotspots');
      const unknown = await get(server, '/api/v1/public/areas/finns-inte/hotspots');
      expect(off.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect(off.body).toEqual(unknown.body);
      expect((await get(server, '/api/v1/public/areas/stangd')).body).toEqual((await get(server, '/api/v1/public/areas/finns-inte')).body);
    });

    it('is off by default: a new area answers 404 and its settings say so', async () => {
      const fresh = await createTestArea(server.db, 'ny-kommun');
      expect((await get(server, '/api/v1/public/areas/ny-kommun/hotspots')).status).toBe(404);
      const admin = await ApiClient.login(server.url, fresh.users.admin.email);
      expect((await admin.get('/api/v1/areas/current/settings')).body).toMatchObject({ publicHotspots: false, publicMinCount: 5 });
    });

    it('answers 404 to a code that is not even a possible area code', async () => {
      expect((await get(server, '/api/v1/public/areas/%20DROP%20TABLE/hotspots')).status).toBe(404);
    });
  });

  describe('a published area', () => {
    it('shows only cells with at least k = 5 point reports of the last four complete weeks', async () => {
      const res = await get(server, '/api/v1/public/areas/oppen/hotspots');
      expect(res.status, res.text).toBe(200);
      expect(cellsAndCounts(res.body)).toEqual(
        [
          [cellOf(P.a), 5],
          [cellOf(P.c), 5],
          [cellOf(P.e), 5],
        ].sort(),
      );
    });

    it('needs no login, sets no cookie and lets caches keep the answer for five minutes', async () => {
      const res = await get(server, '/api/v1/public/areas/oppen/hotspots');
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('content-type')).toContain('application/geo+json');
    });

    it('gives each hexagon its cell and count only, and no free text, organisation, category or reporter anywhere', async () => {
      const res = await get(server, '/api/v1/public/areas/oppen/hotspots');
      for (const feature of res.body.features) {
        expect(Object.keys(feature.properties).sort()).toEqual(['cell', 'count']);
        expect(feature.geometry.type).toBe('Polygon');
      }
      for (const forbidden of ['description', 'organisation', 'reporter', 'category', 'vald', 'severity', 'weight', '070-123', '19121212', 'Polisen', 'suppressed', 'total']) {
        expect(res.text, forbidden).not.toContain(forbidden);
      }
    });

    it('describes the period in the area’s own time and whole ISO weeks', async () => {
      const { body } = await get(server, '/api/v1/public/areas/oppen/hotspots');
      const currentWeek = startOfLocalWeek(new Date(), TZ);
      expect(Object.keys(body.meta).sort()).toEqual(['areaName', 'firstWeek', 'from', 'lastWeek', 'minCount', 'res', 'to', 'weeks']);
      expect(body.meta).toMatchObject({ res: 8, minCount: 5, weeks: 4, areaName: 'Testområde oppen' });
      expect(body.meta.to).toBe(toLocalIso(currentWeek, TZ));
      expect(body.meta.to).toMatch(/T00:00:00\+0[12]:00$/);
      expect(new Date(body.meta.to).getTime() - new Date(body.meta.from).getTime()).toBeGreaterThanOrEqual(28 * DAY_MS - 3600_000);
      expect(body.meta.lastWeek).toBe(isoWeekLabel(new Date(currentWeek.getTime() - DAY_MS), TZ));
    });

    it('counts whole weeks given as ISO weeks, each report in the week of its local time', async () => {
      const w10 = await get(server, '/api/v1/public/areas/oppen/hotspots?from=2025-W10&to=2025-W11');
      expect(cellsAndCounts(w10.body)).toEqual([[cellOf(P.f), 5]]); // G's 4 reports in W10 stay hidden
      expect(w10.body.meta).toMatchObject({ from: '2025-03-03T00:00:00+01:00', to: '2025-03-10T00:00:00+01:00', firstWeek: '2025-W10', lastWeek: '2025-W10', weeks: 1 });

      const w11 = await get(server, '/api/v1/public/areas/oppen/hotspots?from=2025-W11&to=2025-W12');
      expect(cellsAndCounts(w11.body)).toEqual([[cellOf(P.g), 5]]);

      const both = await get(server, '/api/v1/public/areas/oppen/hotspots?from=2025-W10&to=2025-W12');
      expect(cellsAndCounts(both.body)).toEqual([[cellOf(P.f), 5], [cellOf(P.g), 9]].sort());
    });

    it('accepts a timestamp with offset that is a local Monday 00:00, also written in UTC', async () => {
      const local = await get(server, '/api/v1/public/areas/oppen/hotspots?from=2025-03-03T00:00:00%2B01:00&to=2025-03-10T00:00:00%2B01:00');
      expect(local.status, local.text).toBe(200);
      const utc = await get(server, '/api/v1/public/areas/oppen/hotspots?from=2025-03-02T23:00:00Z&to=2025-03-09T23:00:00Z');
      expect(utc.status, utc.text).toBe(200);
      expect(cellsAndCounts(utc.body)).toEqual(cellsAndCounts(local.body));
    });

    it('accepts week ends across a change to summer time', async () => {
      // Summer time began 2025-03-30: W14 starts 2025-03-31T00:00+02:00.
      const res = await get(server, '/api/v1/public/areas/oppen/hotspots?from=2025-03-24T00:00:00%2B01:00&to=2025-03-31T00:00:00%2B02:00');
      expect(res.status, res.text).toBe(200);
      const wrongOffset = await get(server, '/api/v1/public/areas/oppen/hotspots?from=2025-03-24T00:00:00%2B01:00&to=2025-03-31T00:00:00%2B01:00');
      expect(wrongOffset.status).toBe(400);
      expect(detailPaths(wrongOffset.body)).toEqual(['to']);
    });

    it('uses the area’s own k: with publicMinCount 6 a cell of 5 is hidden', async () => {
      const { body } = await get(server, '/api/v1/public/areas/k-sex/hotspots');
      expect(cellsAndCounts(body)).toEqual([[cellOf(P.x), 6]]);
      expect(body.meta.minCount).toBe(6);
    });

    it('aggregates coarser resolutions from the same reports and still hides small cells', async () => {
      const { status, body } = await get(server, '/api/v1/public/areas/oppen/hotspots?res=7');
      expect(status).toBe(200);
      expect(body.meta.res).toBe(7);
      for (const f of body.features) {
        expect(getResolution(f.properties.cell)).toBe(7);
        expect(f.properties.count).toBeGreaterThanOrEqual(5);
      }
    });

    it('serves what the page needs: name, outline, k and the week in progress', async () => {
      const res = await get(server, '/api/v1/public/areas/oppen');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      expect(res.body).toMatchObject({ code: 'oppen', name: 'Testområde oppen', timezone: TZ, minCount: 5, maxRes: 8 });
      expect(res.body.currentWeek).toBe(isoWeekLabel(new Date(), TZ));
      expect(res.body.boundary.type).toBe('MultiPolygon');
      expect(res.body.bbox).toHaveLength(4);
      expect(Object.keys(res.body).sort()).toEqual(['bbox', 'boundary', 'code', 'currentWeek', 'maxRes', 'minCount', 'name', 'timezone']);
    });
  });

  describe('refuses what the public view does not serve', () => {
    it.each([
      ['res=9', 'res'],
      ['res=12', 'res'],
      ['res=abc', 'res'],
      ['from=2025-03-04T00:00:00%2B01:00&to=2025-03-10T00:00:00%2B01:00', 'from'], // a Tuesday
      ['from=2025-03-03T01:00:00%2B01:00&to=2025-03-10T00:00:00%2B01:00', 'from'], // Monday 01:00
      ['from=2025-03-03T00:00:00Z&to=2025-03-10T00:00:00%2B01:00', 'from'], // Monday 01:00 local
      ['from=2025-03-03T00:00:00%2B01:00&to=2025-03-10T12:00:00%2B01:00', 'to'],
      ['from=yesterday', 'from'],
      ['to=2025-W54', 'to'],
      ['from=2025-W00', 'from'],
      ['from=2025-W12&to=2025-W10', 'to'],
      ['from=2025-W10&to=2025-W10', 'to'],
      ['from=2023-W01&to=2025-W10', 'from'], // more than two years
      ['categories=vald', 'categories'],
      ['organisations=1', 'organisations'],
      ['precision=all', 'precision'],
    ])('%s → 400 naming %s', async (query, path) => {
      const res = await get(server, `/api/v1/public/areas/oppen/hotspots?${query}`);
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(detailPaths(res.body)).toEqual([path]);
    });

    it('refuses a period that reaches into the week in progress (only complete weeks)', async () => {
      const thisWeek = isoWeekLabel(new Date(), TZ);
      const [year, week] = thisWeek.split('-W').map(Number) as [number, number];
      const next = week < isoWeeksInYear(year) ? `${year}-W${String(week + 1).padStart(2, '0')}` : `${year + 1}-W01`;
      const res = await get(server, `/api/v1/public/areas/oppen/hotspots?to=${next}`);
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toEqual(['to']);
      expect((await get(server, `/api/v1/public/areas/oppen/hotspots?to=${thisWeek}`)).status).toBe(200);
    });

    it('accepts exactly two years (104 weeks)', async () => {
      expect((await get(server, '/api/v1/public/areas/oppen/hotspots?from=2023-W11&to=2025-W11')).status).toBe(200);
    });
  });

  describe('the admin switch', () => {
    it('is turned on and off by the area’s admin, and the public view follows', async () => {
      const admin = await ApiClient.login(server.url, toggled.users.admin.email);
      await insertReports(server, toggled, [{ at: midWeek(1), point: P.a, count: 5 }]);

      const on = await admin.patch('/api/v1/areas/current/settings', { publicHotspots: true });
      expect(on.status, JSON.stringify(on.body)).toBe(200);
      expect(on.body).toEqual({ publicHotspots: true, publicMinCount: 5, confidentialityMarking: 'Omfattas av sekretess enligt OSL', printMinCount: 5 });
      expect(cellsAndCounts((await get(server, '/api/v1/public/areas/vaxla/hotspots')).body)).toEqual([[cellOf(P.a), 5]]);

      const stricterK = await admin.patch('/api/v1/areas/current/settings', { publicMinCount: 6 });
      expect(stricterK.body).toMatchObject({ publicHotspots: true, publicMinCount: 6 });
      expect((await get(server, '/api/v1/public/areas/vaxla/hotspots')).body.features).toEqual([]);

      await admin.patch('/api/v1/areas/current/settings', { publicHotspots: false });
      expect((await get(server, '/api/v1/public/areas/vaxla/hotspots')).status).toBe(404);
      expect((await admin.get('/api/v1/areas/current/settings')).body).toMatchObject({ publicHotspots: false, publicMinCount: 6 });
    });

    it('keeps settings it does not know about when merging', async () => {
      const area = await createTestArea(server.db, 'merge');
      await setSettings(server, area, { someoneElses: 'kept' });
      const admin = await ApiClient.login(server.url, area.users.admin.email);
      const res = await admin.patch('/api/v1/areas/current/settings', { publicMinCount: 7 });
      expect(res.body).toEqual({ someoneElses: 'kept', publicHotspots: false, publicMinCount: 7, confidentialityMarking: 'Omfattas av sekretess enligt OSL', printMinCount: 5 });
    });

    it.each([
      [{ publicHotspots: 'yes' }, ['publicHotspots']],
      [{ publicMinCount: 2 }, ['publicMinCount']],
      [{ publicMinCount: 5.5 }, ['publicMinCount']],
      [{ publicHotspots: true, colour: 'red', k: 3 }, ['colour', 'k']],
    ])('refuses %j with 400 naming %j', async (patch, paths) => {
      const admin = await ApiClient.login(server.url, toggled.users.admin.email);
      const res = await admin.patch('/api/v1/areas/current/settings', patch);
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toEqual(paths);
    });

    it('refuses an empty change', async () => {
      const admin = await ApiClient.login(server.url, toggled.users.admin.email);
      const res = await admin.patch('/api/v1/areas/current/settings', {});
      expect(res.status).toBe(400);
    });

    it.each(['reporter', 'walker', 'planner', 'analyst'] as const)('is for admins only: a %s gets 403 and changes nothing', async (role) => {
      const client = await ApiClient.login(server.url, published.users[role].email);
      expect((await client.get('/api/v1/areas/current/settings')).status).toBe(403);
      expect((await client.patch('/api/v1/areas/current/settings', { publicHotspots: false })).status).toBe(403);
      expect((await get(server, '/api/v1/public/areas/oppen/hotspots')).status).toBe(200);
    });

    it('answers 401 without a login', async () => {
      expect((await get(server, '/api/v1/areas/current/settings')).status).toBe(401);
    });

    it('changes only the admin’s own area', async () => {
      const admin = await ApiClient.login(server.url, unpublished.users.admin.email);
      await admin.patch('/api/v1/areas/current/settings', { publicMinCount: 9 });
      expect((await get(server, '/api/v1/public/areas/oppen/hotspots')).body.meta.minCount).toBe(5);
      expect((await get(server, '/api/v1/public/areas/stangd/hotspots')).status).toBe(404);
    });
  });
});

describe.each(BACKENDS)('public view rate limit (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(() => server?.close());

  it('answers 429 with Retry-After after 60 requests a minute from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await fetch(`${server.url}/api/v1/public/areas/finns-inte/hotspots`)).status);
    expect(new Set(statuses)).toEqual(new Set([404]));
    const limited = await get(server, '/api/v1/public/areas/finns-inte');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_requests');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The public promises page draws on the same budget, not a second one of its own.
    expect((await get(server, '/api/v1/public/areas/finns-inte/promises')).status).toBe(429);
  });
});

describe('week boundaries (pure)', () => {
  const at = (iso: string) => new Date(iso);
  const now = at('2026-03-12T10:00:00Z'); // Thursday of 2026-W11

  it('names ISO weeks by local date, including the years with 53 weeks', () => {
    expect(isoWeekLabel(at('2026-03-01T23:30:00Z'), TZ)).toBe('2026-W10'); // Monday 00:30 local
    expect(isoWeekLabel(at('2026-03-01T22:30:00Z'), TZ)).toBe('2026-W09'); // Sunday 23:30 local
    expect(isoWeekLabel(at('2021-01-03T12:00:00Z'), TZ)).toBe('2020-W53');
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksInYear(2026)).toBe(53);
  });

  it('starts weeks at local Monday midnight, in winter and in summer', () => {
    expect(isoWeekStart(2026, 10, TZ).toISOString()).toBe('2026-03-01T23:00:00.000Z');
    expect(isoWeekStart(2026, 27, TZ).toISOString()).toBe('2026-06-28T22:00:00.000Z');
    expect(toLocalIso(isoWeekStart(2026, 27, TZ), TZ)).toBe('2026-06-29T00:00:00+02:00');
  });

  it('defaults to the four complete weeks before the current one', () => {
    const w = resolvePublicWindow({}, TZ, now);
    expect(toLocalIso(w.from, TZ)).toBe('2026-02-09T00:00:00+01:00');
    expect(toLocalIso(w.to, TZ)).toBe('2026-03-09T00:00:00+01:00');
    expect(w.weeks).toBe(4);
  });

  it('spans the change to summer time in whole local weeks', () => {
    const w = resolvePublicWindow({ from: { kind: 'week', year: 2026, week: 13 }, to: { kind: 'week', year: 2026, week: 15 } }, TZ, at('2026-05-01T00:00:00Z'));
    expect([toLocalIso(w.from, TZ), toLocalIso(w.to, TZ), w.weeks]).toEqual(['2026-03-23T00:00:00+01:00', '2026-04-06T00:00:00+02:00', 2]);
  });

  it('refuses a boundary that is not a local Monday 00:00, naming the field and the nearest week start', () => {
    try {
      resolvePublicWindow({ from: { kind: 'instant', at: at('2026-03-03T00:00:00+01:00') } }, TZ, now);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(HttpError);
      expect((err as HttpError).details).toEqual([{ path: 'from', message: expect.stringContaining('2026-03-02T00:00:00+01:00') }]);
    }
  });

  it('the web page counts weeks the way the server does, across years of 52 and 53 weeks', () => {
    let label = '2019-W01';
    for (let i = 0; i < 500; i++) {
      const [year, week] = label.split('-W').map(Number) as [number, number];
      const nextMonday = new Date(isoWeekStart(year, week, TZ).getTime() + 7 * DAY_MS + 12 * 3600_000);
      const next = shiftWeek(label, 1);
      expect(next, label).toBe(isoWeekLabel(nextMonday, TZ));
      expect(shiftWeek(next, -1)).toBe(label);
      label = next;
    }
    expect(periodBefore('2026-W02', 4)).toEqual({ from: '2025-W50', to: '2026-W02', first: { year: 2025, week: 50 }, last: { year: 2026, week: 1 } });
  });

  it('the web app finds the area code in /oppen/<code> and nowhere else', () => {
    expect(publicMapCode('/oppen/demo')).toBe('demo');
    expect(publicMapCode('/oppen/demo/')).toBe('demo');
    expect(publicMapCode('/oppen/')).toBeNull();
    expect(publicMapCode('/oppen/demo/extra')).toBeNull();
    expect(publicMapCode('/')).toBeNull();
  });
});
