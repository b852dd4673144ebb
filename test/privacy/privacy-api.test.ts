import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import { pointToStorageCell } from '../../server/h3/cells';
import { createApiToken } from '../../server/auth/auth.service';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

const PNR = '19121212-1212';
const PHONE = '070-123 45 67';
const LOCATION = { type: 'Point', coordinates: [16.5, 59.37] };
/** Reports for the export tests live in January 2025, apart from anything else. */
const EXPORT_WINDOW = 'from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z';

const detailPaths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((d) => d.path);

describe.each(BACKENDS)('personal data in free text (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let reporter: ApiClient;
  let planner: ApiClient;

  async function insertReports(descriptions: (string | null)[], opts: { reporterId?: number; at?: Date } = {}) {
    const at = opts.at ?? new Date('2025-01-15T12:00:00Z');
    const rows = descriptions.map((description, i) => ({
      area_id: area.id,
      id: crypto.randomUUID(),
      category: 'klotter',
      observed_at: new Date(at.getTime() - i * 1000),
      geom: sql`ST_SetSRID(ST_MakePoint(16.5, 59.37), 4326)`,
      h3: pointToStorageCell(16.5, 59.37),
      source: 'app' as const,
      description,
      reporter_id: opts.reporterId ?? area.users.planner.id,
    }));
    for (let i = 0; i < rows.length; i += 1000) await server.db.insertInto('reports').values(rows.slice(i, i + 1000)).execute();
  }

  /** A CSV download through the logged-in client (its body is text, not JSON). */
  async function csv(client: ApiClient, query: string) {
    const res = await client.get(`/api/v1/reports?${query}`);
    return { status: res.status, headers: res.headers, text: res.body as string };
  }

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'integritet');
    [reporter, planner] = await Promise.all([
      ApiClient.login(server.url, area.users.reporter.email),
      ApiClient.login(server.url, area.users.planner.email),
    ]);
    await insertReports([
      `Vittne: ${PNR}, ring ${PHONE}`,
      '=HYPERLINK("http://example.com","klicka")',
      'Klotter, "tags" och\nflera rader',
      null,
      'Inget känsligt, kl. 22.30, 631 86',
    ]);
    await insertReports(['Min egen rapport, tel 08-123 456 78'], { reporterId: area.users.reporter.id, at: new Date('2025-01-20T12:00:00Z') });
  });
  afterAll(() => server?.close());

  describe('POST /privacy/check', () => {
    it('finds personnummer and phone numbers with their offsets, for any logged-in role', async () => {
      const text = `Vittne: ${PNR}, ring ${PHONE}`;
      const res = await reporter.post('/api/v1/privacy/check', { text });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        findings: [
          { kind: 'personnummer', start: 8, end: 21 },
          { kind: 'phone', start: 28, end: 41 },
        ],
      });
      expect(text.slice(28, 41)).toBe(PHONE);
    });

    it('answers an empty list for text without personal data', async () => {
      const res = await reporter.post('/api/v1/privacy/check', { text: 'Klotter på busskuren kl. 22.30, ca 15 personer' });
      expect(res.body).toEqual({ findings: [] });
    });

    it('needs a login', async () => {
      const res = await fetch(`${server.url}/api/v1/privacy/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: PNR }),
      });
      expect(res.status).toBe(401);
    });

    it.each([
      [{}, ['text']],
      [{ text: 42 }, ['text']],
      [{ text: 'x', extra: true }, ['extra']],
      [{ text: 'x'.repeat(10_001) }, ['text']],
    ])('refuses %j with 400 naming the field', async (body, paths) => {
      const res = await reporter.post('/api/v1/privacy/check', body);
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toEqual(paths);
    });

    it('refuses a body over 10 kB with 413', async () => {
      const res = await reporter.post('/api/v1/privacy/check', { text: 'å'.repeat(6000) });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('payload_too_large');
    });
  });

  describe('POST /reports', () => {
    const body = (description: string | null) => ({
      category: 'klotter',
      observedAt: '2026-01-10T12:00:00+01:00',
      location: LOCATION,
      description,
    });

    it('stores the description as given and warns once per kind of personal data in it', async () => {
      const res = await reporter.post('/api/v1/reports', body(`Ring ${PHONE} eller ${PNR}, alt. 121212-1212`));
      expect(res.status).toBe(201);
      expect(res.body.warnings).toEqual([
        { path: 'description', kind: 'phone' },
        { path: 'description', kind: 'personnummer' },
      ]);
      const stored = await reporter.get(`/api/v1/reports/${res.body.id}`);
      expect(stored.body.description).toBe(`Ring ${PHONE} eller ${PNR}, alt. 121212-1212`);
      expect(stored.body.warnings).toBeUndefined();
    });

    it('warns again when the same report is posted again (a retry)', async () => {
      const id = crypto.randomUUID();
      await reporter.post('/api/v1/reports', { ...body(`tel ${PHONE}`), id });
      const retry = await reporter.post('/api/v1/reports', { ...body(`tel ${PHONE}`), id });
      expect(retry.status).toBe(200);
      expect(retry.body.warnings).toEqual([{ path: 'description', kind: 'phone' }]);
    });

    it('adds no warnings field when there is nothing to warn about', async () => {
      for (const description of ['Klotter på skylten, 15 st, kl. 22.30', null]) {
        const res = await reporter.post('/api/v1/reports', body(description));
        expect(res.status).toBe(201);
        expect(res.body).not.toHaveProperty('warnings');
      }
    });
  });

  describe('GET /reports?format=csv', () => {
    it('downloads the filtered reports as CSV with personal data masked', async () => {
      const res = await csv(planner, EXPORT_WINDOW + '&format=csv');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="rapporter-integritet-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(res.text.startsWith('id,observedAt,')).toBe(true);
      expect(res.text).not.toContain(PNR);
      expect(res.text).not.toContain(PHONE);
      expect(res.text).not.toContain('08-123 456 78');
      expect(res.text).toContain('Vittne: [personnummer], ring [telefonnummer]');
      expect(res.text).toContain('Min egen rapport, tel [telefonnummer]');
      expect(res.text).not.toContain('reporterId');
    });

    it('starts with a UTF-8 byte-order mark, so spreadsheets read å, ä and ö right', async () => {
      const { token } = await createApiToken(server.db, { id: area.users.planner.id, areaId: area.id }, 'export');
      const res = await fetch(`${server.url}/api/v1/reports?${EXPORT_WINDOW}&format=csv`, { headers: { authorization: `Bearer ${token}` } });
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 5)]).toEqual([0xef, 0xbb, 0xbf, 0x69, 0x64]); // BOM, "id"
    });

    it('writes RFC 4180 that a CSV parser reads back, one row per report', async () => {
      const res = await csv(planner, EXPORT_WINDOW + '&format=csv');
      const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(6);
      const descriptions = rows.map((r) => r.description);
      expect(descriptions).toContain('Klotter, "tags" och\nflera rader');
      expect(descriptions).toContain('');
      expect(descriptions).toContain('Inget känsligt, kl. 22.30, 631 86');
      expect(rows[0]).toMatchObject({ category: 'klotter', lng: '16.5', lat: '59.37', source: 'app', inAnalytics: 'true' });
    });

    it('defuses spreadsheet formulas in free text', async () => {
      const rows = parse((await csv(planner, EXPORT_WINDOW + '&format=csv')).text, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.description)).toContain(`'=HYPERLINK("http://example.com","klicka")`);
    });

    it('exports only a reporter’s own reports', async () => {
      const rows = parse((await csv(reporter, EXPORT_WINDOW + '&format=csv')).text, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.description)).toEqual(['Min egen rapport, tel [telefonnummer]']);
    });

    it('holds every match, beyond one page of the JSON list', async () => {
      await insertReports(Array.from({ length: 2345 }, (_, i) => `Massrapport ${i}`), { at: new Date('2024-06-15T12:00:00Z') });
      const res = await csv(planner, 'from=2024-06-01T00:00:00Z&to=2024-07-01T00:00:00Z&format=csv&limit=10');
      const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(2345);
      expect(new Set(rows.map((r) => r.id)).size).toBe(2345);
    });

    it('keeps the JSON list unmasked for roles that may read raw reports', async () => {
      const res = await planner.get(`/api/v1/reports?${EXPORT_WINDOW}`);
      expect(JSON.stringify(res.body)).toContain(PNR);
    });

    it.each([
      ['format=xml', 'format'],
      ['format=csv&cursor=abc', 'cursor'],
    ])('%s → 400 naming %s', async (query, path) => {
      const res = await planner.get(`/api/v1/reports?${EXPORT_WINDOW}&${query}`);
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toEqual([path]);
    });
  });

  describe('in the audit log', () => {
    const actionsOf = async (requestId: string) =>
      (await sql<{ action: string }>`SELECT action FROM audit_log WHERE request_id = ${requestId}`.execute(server.db)).rows.map((r) => r.action);

    it('records a CSV download as report.export, and no entry for a privacy check', async () => {
      const checkId = crypto.randomUUID();
      const exportId = crypto.randomUUID();
      await planner.request('POST', '/api/v1/privacy/check', { text: PNR }, { 'x-request-id': checkId });
      await planner.request('GET', `/api/v1/reports?${EXPORT_WINDOW}&format=csv`, undefined, { 'x-request-id': exportId });
      // Entries are written once each response has gone out; the export's arriving means the check's would have too.
      await vi.waitFor(async () => expect(await actionsOf(exportId)).toEqual(['report.export']), { timeout: 10_000, interval: 20 });
      expect(await actionsOf(checkId)).toEqual([]);
    });
  });
});
