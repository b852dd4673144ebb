import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import { latLngToCell, cellToParent } from 'h3-js';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { insertOrganisation } from '../../server/areas/areas.repository';
import { pointToStorageCell } from '../../server/h3/cells';
import { auditConn } from '../../server/audit/audit.table';

/**
 * The reports table's server side (issue 4 item 5): sort by any column in either direction with
 * keyset cursors that stay right for each sort, the filters the table offers, and exports of the
 * whole selection as CSV and GeoJSON.
 */

interface Seed {
  category: string;
  severity: 1 | 2 | 3;
  status: 'new' | 'reviewed' | 'archived';
  observedAt: string;
  /** Exact to the microsecond, as now() writes it. */
  reportedAt: string;
  description: string | null;
  org: 'polis' | 'skola';
  byReporter: boolean;
  lng: number;
  lat: number;
}

const WINDOW = 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';
const PNR = '19811218-9876';

/** Eighteen reports with deliberate ties in every column, so each order needs its id tie-break. */
function seeds(): Seed[] {
  const categories = ['vald', 'klotter', 'narkotika'];
  const statuses = ['new', 'reviewed', 'archived'] as const;
  return Array.from({ length: 18 }, (_, i) => ({
    category: categories[i % 3]!,
    severity: ((i % 3) + 1) as 1 | 2 | 3,
    status: statuses[Math.floor(i / 6)]!,
    // Pairs share an observedAt.
    observedAt: `2026-03-${String(2 + Math.floor(i / 2)).padStart(2, '0')}T20:00:00Z`,
    // Microseconds apart, closer than a JavaScript Date can tell; pairs share one exactly.
    reportedAt: `2026-03-20 12:00:00.${String(123400 + Math.floor(i / 2) * 7).padStart(6, '0')}+00`,
    description: i === 4 ? `Vittne ${PNR} såg 100% av det` : i % 5 === 0 ? `Krossad RUTA vid entrén ${i}` : null,
    org: i % 4 === 0 ? 'skola' : 'polis',
    byReporter: i % 6 === 0,
    lng: 16.48 + (i % 6) * 0.005,
    lat: 59.36 + Math.floor(i / 6) * 0.004,
  }));
}

describe.each(BACKENDS)('reports table: sort, filters, exports (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let planner: ApiClient;
  let reporter: ApiClient;
  let schoolOrg: number;
  /** Stored rows as the API lists them, with the exact reported_at. */
  let stored: { id: string; seed: Seed }[];

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'tabell');
    schoolOrg = (await insertOrganisation(server.db, area.id, 'Skolan', 'skola')).id;
    planner = await ApiClient.login(server.url, area.users.planner.email);
    reporter = await ApiClient.login(server.url, area.users.reporter.email);
    stored = [];
    for (const seed of seeds()) {
      const id = crypto.randomUUID();
      await sql`
        INSERT INTO reports (area_id, id, category, observed_at, reported_at, geom, h3, severity, description,
                             organisation_id, reporter_id, source, status)
        VALUES (${area.id}, ${id}, ${seed.category}, ${seed.observedAt}, ${seed.reportedAt}::timestamptz,
                ST_SetSRID(ST_MakePoint(${seed.lng}, ${seed.lat}), 4326), ${pointToStorageCell(seed.lng, seed.lat)},
                ${seed.severity}, ${seed.description}, ${seed.org === 'skola' ? schoolOrg : area.organisationId},
                ${seed.byReporter ? area.users.reporter.id : area.users.planner.id}, 'app', ${seed.status})`.execute(server.db);
      stored.push({ id, seed });
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Every page of a listing, following nextCursor; the ids in the order visited. */
  async function pageThrough(client: ApiClient, query: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const res = await client.get(`/api/v1/reports?${WINDOW}&limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      ids.push(...res.body.features.map((f: any) => f.id));
      cursor = res.body.meta.nextCursor;
      if (!cursor) return ids;
    }
    throw new Error('paging did not end');
  }

  const RANK = { new: 0, reviewed: 1, archived: 2 };
  /** '2026-03-20 12:00:00.123400+00' → microseconds since 1970. */
  const micros = (s: string) => BigInt(Date.parse(s.replace(' ', 'T').replace(/\.\d+/, '').replace('+00', 'Z'))) * 1000n + BigInt(s.match(/\.(\d{6})/)![1]!);
  const KEY: Record<string, (s: Seed) => string | number | bigint> = {
    observedAt: (s) => Date.parse(s.observedAt),
    reportedAt: (s) => micros(s.reportedAt),
    category: (s) => s.category,
    severity: (s) => s.severity,
    status: (s) => RANK[s.status],
  };

  /** The order the API promises: the key, then the id, both in the asked direction. */
  function expectedOrder(field: string, direction: 'asc' | 'desc', rows = stored): string[] {
    const sign = direction === 'asc' ? 1 : -1;
    return [...rows]
      .sort((a, b) => {
        const [x, y] = [KEY[field]!(a.seed), KEY[field]!(b.seed)];
        if (x !== y) return (x < y ? -1 : 1) * sign;
        return (a.id < b.id ? -1 : 1) * sign;
      })
      .map((r) => r.id);
  }

  describe.each(['observedAt', 'reportedAt', 'category', 'severity', 'status'])('sort=%s', (field) => {
    it.each(['asc', 'desc'] as const)('%s: pages of 4 visit every report once, in order, ties broken by id', async (direction) => {
      expect(await pageThrough(planner, `sort=${field}&order=${direction}`, 4)).toEqual(expectedOrder(field, direction));
    });
  });

  it('pages of one through reports microseconds apart in reportedAt miss none', async () => {
    expect(await pageThrough(planner, 'sort=reportedAt:asc', 1)).toEqual(expectedOrder('reportedAt', 'asc'));
  });

  it('orders status by workflow (new, reviewed, archived), not alphabetically', async () => {
    const ids = await pageThrough(planner, 'sort=status', 100);
    const statuses = ids.map((id) => stored.find((r) => r.id === id)!.seed.status);
    expect([...new Set(statuses)]).toEqual(['new', 'reviewed', 'archived']);
  });

  it('takes -field for descending and field:asc, and defaults to newest observed first', async () => {
    expect(await pageThrough(planner, 'sort=-severity', 100)).toEqual(expectedOrder('severity', 'desc'));
    expect(await pageThrough(planner, 'sort=severity:asc', 100)).toEqual(expectedOrder('severity', 'asc'));
    expect(await pageThrough(planner, '', 100)).toEqual(expectedOrder('observedAt', 'desc'));
    expect(await pageThrough(planner, 'sort=category', 100)).toEqual(expectedOrder('category', 'asc'));
  });

  it.each([
    ['sort=colour', 'sort'],
    ['sort=severity:up', 'sort'],
    ['sort=-severity:asc', 'sort'],
    ['sort=-severity&order=asc', 'order'],
    ['order=sideways', 'order'],
  ])('%s is 400 naming %s', async (query, path) => {
    const res = await planner.get(`/api/v1/reports?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
  });

  it('a cursor made for one sort is refused with 400 under another', async () => {
    const first = await planner.get(`/api/v1/reports?${WINDOW}&limit=2&sort=severity`);
    const res = await planner.get(`/api/v1/reports?${WINDOW}&limit=2&sort=category&cursor=${first.body.meta.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ path: 'cursor' });
    expect(res.body.error.details[0].message).toMatch(/sort=severity:desc/);
  });

  it('still takes a cursor of the older [observedAt, id] form for the default order', async () => {
    const order = expectedOrder('observedAt', 'desc');
    const third = stored.find((r) => r.id === order[2])!;
    const legacy = Buffer.from(JSON.stringify([new Date(third.seed.observedAt).toISOString(), third.id])).toString('base64url');
    const res = await planner.get(`/api/v1/reports?${WINDOW}&limit=100&cursor=${legacy}`);
    expect(res.status).toBe(200);
    expect(res.body.features.map((f: any) => f.id)).toEqual(order.slice(3));
  });

  describe('filters', () => {
    const idsWhere = (pred: (s: Seed) => boolean) => expectedOrder('observedAt', 'desc', stored.filter((r) => pred(r.seed)));

    it('organisations: only reports of those organisations', async () => {
      expect(await pageThrough(planner, `organisations=${schoolOrg}`, 100)).toEqual(idsWhere((s) => s.org === 'skola'));
      expect(await pageThrough(planner, `organisations=${schoolOrg},${area.organisationId}`, 100)).toHaveLength(18);
    });

    it('severity: only those severities', async () => {
      expect(await pageThrough(planner, 'severity=3', 100)).toEqual(idsWhere((s) => s.severity === 3));
      expect(await pageThrough(planner, 'severity=1,2', 100)).toEqual(idsWhere((s) => s.severity < 3));
    });

    it('q: words in the description, case-insensitive; % and _ are plain characters', async () => {
      expect(await pageThrough(planner, 'q=krossad%20ruta', 100)).toEqual(idsWhere((s) => s.description?.startsWith('Krossad') ?? false));
      expect(await pageThrough(planner, 'q=100%25', 100)).toEqual(idsWhere((s) => s.description?.includes('100%') ?? false));
      expect(await pageThrough(planner, 'q=%25', 100)).toEqual(idsWhere((s) => s.description?.includes('%') ?? false));
      expect(await pageThrough(planner, 'q=_', 100)).toEqual([]);
    });

    it('filters combine with each other, the cell and the sort', async () => {
      const cell = cellToParent(latLngToCell(59.36, 16.48, 15), 7);
      const ids = await pageThrough(planner, `cell=${cell}&status=new,reviewed&sort=severity:asc`, 3);
      const inCell = stored.filter((r) => cellToParent(latLngToCell(r.seed.lat, r.seed.lng, 15), 7) === cell && r.seed.status !== 'archived');
      expect(ids).toEqual(expectedOrder('severity', 'asc', inCell));
      expect(ids.length).toBeGreaterThan(3);
    });

    it.each([
      ['organisations=abc', 'organisations'],
      ['severity=4', 'severity'],
      ['q=', 'q'],
      [`q=${'x'.repeat(201)}`, 'q'],
    ])('%s is 400 naming %s', async (query, path) => {
      const res = await planner.get(`/api/v1/reports?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.some((d: any) => d.path === path || d.path.startsWith(`${path}.`))).toBe(true);
    });

    it('a reporter’s filters still see only their own reports', async () => {
      expect(await pageThrough(reporter, 'severity=1,2,3', 100)).toEqual(idsWhere((s) => s.byReporter));
    });
  });

  describe('exports of the whole selection', () => {
    async function download(client: ApiClient, query: string) {
      const res = await client.get(`/api/v1/reports?${query}`);
      return { status: res.status, headers: res.headers, text: typeof res.body === 'string' ? res.body : JSON.stringify(res.body) };
    }

    it('format=geojson: a FeatureCollection of every match in the asked order, masked, without reporter ids', async () => {
      const res = await download(planner, `${WINDOW}&format=geojson&sort=severity&limit=2`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="rapporter-tabell-\d{4}-\d{2}-\d{2}\.geojson"$/);
      const body = JSON.parse(res.text);
      expect(body.type).toBe('FeatureCollection');
      expect(body.meta.count).toBe(18);
      expect(body.features.map((f: any) => f.id)).toEqual(expectedOrder('severity', 'desc'));
      expect(body.features[0]).toMatchObject({ type: 'Feature', geometry: { type: 'Point' } });
      expect(body.features[0].properties).not.toHaveProperty('reporterId');
      for (const f of body.features) expect(f.properties).not.toHaveProperty('photos');
      expect(res.text).not.toContain(PNR);
      expect(res.text).toContain('Vittne [personnummer] såg 100% av det');
    });

    it('format=geojson holds every match, beyond one batch, each once', async () => {
      const values = Array.from({ length: 2100 }, (_, i) => sql`(${area.id}, ${crypto.randomUUID()}, 'ovrigt', ${new Date(Date.UTC(2025, 5, 1) + i * 60_000)},
        ST_SetSRID(ST_MakePoint(16.5, 59.37), 4326), ${pointToStorageCell(16.5, 59.37)}, 'import')`);
      await sql`INSERT INTO reports (area_id, id, category, observed_at, geom, h3, source) VALUES ${sql.join(values)}`.execute(server.db);
      const res = await download(planner, 'from=2025-06-01T00:00:00Z&to=2025-07-01T00:00:00Z&format=geojson&sort=observedAt:asc');
      const body = JSON.parse(res.text);
      expect(body.features).toHaveLength(2100);
      expect(new Set(body.features.map((f: any) => f.id)).size).toBe(2100);
      const times = body.features.map((f: any) => f.properties.observedAt);
      expect(times).toEqual([...times].sort());
    });

    it('format=csv follows the asked order too', async () => {
      const res = await download(planner, `${WINDOW}&format=csv&sort=category:asc`);
      const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.id)).toEqual(expectedOrder('category', 'asc'));
    });

    it('a reporter exports only their own reports', async () => {
      const body = JSON.parse((await download(reporter, `${WINDOW}&format=geojson`)).text);
      expect(body.features.map((f: any) => f.id).sort()).toEqual(stored.filter((r) => r.seed.byReporter).map((r) => r.id).sort());
    });

    it('a cursor with an export is 400 naming cursor', async () => {
      const first = await planner.get(`/api/v1/reports?${WINDOW}&limit=2`);
      const res = await download(planner, `${WINDOW}&format=geojson&cursor=${first.body.meta.nextCursor}`);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).error.details[0].path).toBe('cursor');
    });

    it('is audited as report.export with the format', async () => {
      await download(planner, `${WINDOW}&format=geojson&severity=3`);
      const rows = await auditConn(server.db)
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('area_id', '=', area.id)
        .where('action', '=', 'report.export')
        .execute();
      expect(rows.map((r) => r.details)).toContainEqual({ format: 'geojson' });
    });
  });
});
