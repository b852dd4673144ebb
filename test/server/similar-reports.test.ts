import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createUser } from '../../server/areas/areas.service';
import { purgeArea } from '../../server/retention/retention.service';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, PASSWORD, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Issue 5, item 1: the phone form's hint "a similar report exists" (same category, ≤ 100 m,
 * ≤ 2 h) and "add to it" (a confirmation) instead of a duplicate report.
 */

const CENTER_A: [number, number] = [16.5, 59.37];
const CENTER_B: [number, number] = [11.97, 57.7];
/** Metres → degrees at 59.37° N, for placing reports at known distances. */
const M_LAT = 1 / 111_320;
const M_LNG = 1 / (111_320 * Math.cos((59.37 * Math.PI) / 180));
const AT = '2026-06-12T21:00:00+02:00';
const atPlus = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();

const detailPaths = (body: any): string[] => body.error.details.map((d: { path: string }) => d.path);

describe.each(BACKENDS)('similar reports and confirmations (%s)', (backend) => {
  let server: TestServer;
  let areaA: TestArea;
  let areaB: TestArea;
  let reporter: ApiClient;
  let reporter2: ApiClient;
  let planner: ApiClient;
  let reporterB: ApiClient;

  async function report(client: ApiClient, overrides: Record<string, unknown> & { east?: number; north?: number }) {
    const { east = 0, north = 0, ...rest } = overrides;
    const body = {
      id: randomUUID(),
      category: 'klotter',
      observedAt: AT,
      location: { type: 'Point', coordinates: [CENTER_A[0] + east * M_LNG, CENTER_A[1] + north * M_LAT] },
      description: 'Taggar på busskuren, skribent Anna 0701234567',
      ...rest,
    };
    const res = await client.post('/api/v1/reports', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  const similar = (client: ApiClient, q: Record<string, string | number>) =>
    client.get(`/api/v1/reports/similar?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`);
  const here = (east = 0, north = 0) => ({ lng: CENTER_A[0] + east * M_LNG, lat: CENTER_A[1] + north * M_LAT });
  const confirmationRows = async (reportId: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM report_confirmations WHERE report_id = ${reportId}`.execute(server.db)).rows[0]!.n;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    areaA = await createTestArea(server.db, 'sim-a', CENTER_A);
    areaB = await createTestArea(server.db, 'sim-b', CENTER_B);
    await createUser(server.db, { email: 'reporter2@sim-a.test', name: 'Reporter Två', role: 'reporter', areaCode: 'sim-a', password: PASSWORD, organisationId: areaA.organisationId });
    [reporter, reporter2, planner, reporterB] = await Promise.all([
      ApiClient.login(server.url, areaA.users.reporter.email),
      ApiClient.login(server.url, 'reporter2@sim-a.test'),
      ApiClient.login(server.url, areaA.users.planner.email),
      ApiClient.login(server.url, areaB.users.reporter.email),
    ]);
  });
  afterAll(() => server?.close());

  describe('GET /reports/similar', () => {
    it('finds a report of the same category within 100 m and 2 hours, nearest first, with the distance in metres', async () => {
      const near = await report(reporter2, { category: 'brand', east: 40, observedAt: atPlus(-90) });
      const nearer = await report(reporter2, { category: 'brand', north: 15, observedAt: atPlus(60) });
      const res = await similar(reporter, { category: 'brand', ...here(), observedAt: AT });
      expect(res.status).toBe(200);
      expect(res.body.similar.map((s: any) => s.id)).toEqual([nearer, near]);
      expect(res.body.similar[0]).toEqual({ id: nearer, category: 'brand', observedAt: atPlus(60), distance: 15, own: false, confirmations: 0 });
      expect(res.body.similar[1].distance).toBe(40);
      expect(res.body.meta).toEqual({ radius: 100, windowMinutes: 120 });
    });

    it('leaves out other categories, reports more than 100 m away and reports more than 2 hours apart', async () => {
      await report(reporter2, { category: 'narkotika', east: 10 });
      await report(reporter2, { category: 'alkohol', east: 130 });
      await report(reporter2, { category: 'alkohol', observedAt: atPlus(125) });
      await report(reporter2, { category: 'alkohol', observedAt: atPlus(-125) });
      const kept = await report(reporter2, { category: 'alkohol', east: -95, observedAt: atPlus(-115) });
      const res = await similar(reporter, { category: 'alkohol', ...here(), observedAt: AT });
      expect(res.body.similar.map((s: any) => s.id)).toEqual([kept]);
    });

    it('counts a report whose time window reaches within 2 hours, though it began earlier', async () => {
      const windowed = await report(reporter2, { category: 'otrygg-samling', observedAt: atPlus(-300), observedUntil: atPlus(-60) });
      const res = await similar(reporter, { category: 'otrygg-samling', ...here(), observedAt: AT });
      expect(res.body.similar.map((s: any) => s.id)).toEqual([windowed]);
    });

    it("never shows another reporter's description, reporter or exact place, and marks the caller's own", async () => {
      const others = await report(reporter2, { category: 'stold', east: 20 });
      const mine = await report(reporter, { category: 'stold', east: -30 });
      const res = await similar(reporter, { category: 'stold', ...here(), observedAt: AT });
      expect(res.body.similar.map((s: any) => [s.id, s.own])).toEqual([[others, false], [mine, true]]);
      const text = JSON.stringify(res.body);
      for (const secret of ['Taggar', '0701234567', 'reporterId', 'description', 'coordinates', 'location']) expect(text).not.toContain(secret);
    });

    it("does not see another area's reports", async () => {
      await report(reporter2, { category: 'trafik' });
      const res = await reporterB.get(`/api/v1/reports/similar?category=trafik&lng=${CENTER_A[0]}&lat=${CENTER_A[1]}&observedAt=${encodeURIComponent(AT)}`);
      expect(res.status).toBe(200);
      expect(res.body.similar).toEqual([]);
    });

    it('defaults observedAt to now', async () => {
      const now = new Date().toISOString();
      const fresh = await report(reporter2, { category: 'ordningsstorning', observedAt: now });
      const res = await similar(reporter, { category: 'ordningsstorning', ...here() });
      expect(res.body.similar.map((s: any) => s.id)).toEqual([fresh]);
    });

    it('refuses a missing or bad parameter with 400 naming it, and an unknown category with 422', async () => {
      const cases: [Record<string, string | number>, string][] = [
        [{ lng: 16.5, lat: 59.37 }, 'category'],
        [{ category: 'vald', lat: 59.37 }, 'lng'],
        [{ category: 'vald', lng: 16.5, lat: 91 }, 'lat'],
        [{ category: 'vald', lng: '0x10', lat: 59.37 }, 'lng'],
        [{ category: 'vald', lng: 16.5, lat: 59.37, observedAt: '2026-06-12 21:00' }, 'observedAt'],
        [{ category: 'vald', lng: 16.5, lat: 59.37, radius: 500 }, 'radius'],
      ];
      for (const [q, path] of cases) {
        const res = await similar(reporter, q);
        expect(res.status, JSON.stringify(q)).toBe(400);
        expect(detailPaths(res.body)).toContain(path);
      }
      const unknown = await similar(reporter, { category: 'belysning-x', ...here() });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.code).toBe('unknown_category');
    });
  });

  describe('POST /reports/:id/confirmations', () => {
    it('stores who confirmed, when and the note, and shows the count on the report', async () => {
      const reportId = await report(reporter2, { category: 'skadegorelse' });
      const id = randomUUID();
      const res = await reporter.post(`/api/v1/reports/${reportId}/confirmations`, { id, note: 'Fortfarande trasigt', confirmedAt: '2026-06-12T21:40:00+02:00' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id, reportId, note: 'Fortfarande trasigt', confirmedAt: '2026-06-12T19:40:00.000Z', confirmations: 1 });
      const row = (await sql<{ user_id: number; note: string }>`SELECT user_id, note FROM report_confirmations WHERE id = ${id}`.execute(server.db)).rows[0]!;
      expect(row).toEqual({ user_id: areaA.users.reporter.id, note: 'Fortfarande trasigt' });

      const stored = await planner.get(`/api/v1/reports/${reportId}`);
      expect(stored.body.confirmations).toBe(1);
      const listed = await reporter2.get('/api/v1/reports?categories=skadegorelse');
      expect(listed.body.features.find((f: any) => f.id === reportId).properties.confirmations).toBe(1);
      const hint = await similar(reporter, { category: 'skadegorelse', ...here(), observedAt: AT });
      expect(hint.body.similar[0]).toMatchObject({ id: reportId, confirmations: 1 });
    });

    it('returns the stored confirmation with 200 when the same id is sent again, and keeps one row', async () => {
      const reportId = await report(reporter2, { category: 'nedskrapning' });
      const id = randomUUID();
      const first = await reporter.post(`/api/v1/reports/${reportId}/confirmations`, { id, note: 'första' });
      const retry = await reporter.post(`/api/v1/reports/${reportId}/confirmations`, { id, note: 'andra' });
      expect([first.status, retry.status]).toEqual([201, 200]);
      expect(retry.body).toEqual(first.body);
      expect(await confirmationRows(reportId)).toBe(1);
    });

    it('answers concurrent retries of one id with one 201 and otherwise 200, storing one row', async () => {
      const reportId = await report(reporter2, { category: 'nedskrapning', east: 5 });
      const id = randomUUID();
      const responses = await Promise.all(Array.from({ length: 6 }, () => reporter.post(`/api/v1/reports/${reportId}/confirmations`, { id })));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(await confirmationRows(reportId)).toBe(1);
    });

    it('lets several people confirm one report, each counted', async () => {
      const reportId = await report(reporter, { category: 'ovrigt' });
      expect((await reporter2.post(`/api/v1/reports/${reportId}/confirmations`, {})).status).toBe(201);
      const second = await planner.post(`/api/v1/reports/${reportId}/confirmations`, { note: null });
      expect(second.body.confirmations).toBe(2);
      expect((await reporter.get(`/api/v1/reports/${reportId}`)).body.confirmations).toBe(2);
    });

    it('refuses an id used by someone else or for another report with 409, storing nothing', async () => {
      const reportId = await report(reporter2, { category: 'vald', east: 60 });
      const other = await report(reporter2, { category: 'vald', east: 70 });
      const id = randomUUID();
      expect((await reporter.post(`/api/v1/reports/${reportId}/confirmations`, { id })).status).toBe(201);
      const byOther = await reporter2.post(`/api/v1/reports/${reportId}/confirmations`, { id });
      const forOther = await reporter.post(`/api/v1/reports/${other}/confirmations`, { id });
      for (const res of [byOther, forOther]) {
        expect(res.status).toBe(409);
        expect(detailPaths(res.body)).toEqual(['id']);
      }
      expect(await confirmationRows(other)).toBe(0);
    });

    it("answers 404 for another area's report or an unknown one, storing nothing", async () => {
      const reportId = await report(reporter2, { category: 'vald', east: 80 });
      expect((await reporterB.post(`/api/v1/reports/${reportId}/confirmations`, {})).status).toBe(404);
      expect((await reporter.post(`/api/v1/reports/${randomUUID()}/confirmations`, {})).status).toBe(404);
      expect(await confirmationRows(reportId)).toBe(0);
    });

    it('refuses bad bodies with 400 naming the field and impossible times with 422', async () => {
      const reportId = await report(reporter2, { category: 'vald', east: 90 });
      const bad: [unknown, string, number][] = [
        [{ id: 'not-a-uuid' }, 'id', 400],
        [{ note: 'x'.repeat(1001) }, 'note', 400],
        [{ note: 12 }, 'note', 400],
        [{ confirmedAt: 'igår' }, 'confirmedAt', 400],
        [{ reportId }, 'reportId', 400],
        [{ confirmedAt: '2099-01-01T00:00:00Z' }, 'confirmedAt', 422],
        [{ confirmedAt: '1969-12-31T23:59:59Z' }, 'confirmedAt', 422],
      ];
      for (const [body, path, status] of bad) {
        const res = await reporter.post(`/api/v1/reports/${reportId}/confirmations`, body);
        expect(res.status, JSON.stringify(body)).toBe(status);
        expect(detailPaths(res.body)).toContain(path);
      }
      const utf16 = await reporter.request('POST', `/api/v1/reports/${reportId}/confirmations`, '{"note":"Såg det"}', { 'content-type': 'application/json; charset=utf-16' });
      expect(utf16.status).toBe(415);
      const badId = await reporter.post('/api/v1/reports/not-a-uuid/confirmations', {});
      expect(badId.status).toBe(400);
      expect(detailPaths(badId.body)).toContain('id');
      expect(await confirmationRows(reportId)).toBe(0);
    });

    it('is audited as a write', async () => {
      const reportId = await report(reporter2, { category: 'vald', east: 95 });
      const id = randomUUID();
      expect((await reporter.post(`/api/v1/reports/${reportId}/confirmations`, { id })).status).toBe(201);
      await expect
        .poll(async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE path = ${`/api/v1/reports/${reportId}/confirmations`} AND status = 201`.execute(server.db)).rows[0]!.n)
        .toBe(1);
    });
  });

  describe('personal data in confirmations', () => {
    it("lists the caller's confirmations, notes included, in their GDPR export", async () => {
      const reportId = await report(reporter2, { category: 'brand', east: 55, observedAt: atPlus(-30) });
      const id = randomUUID();
      expect((await reporter.post(`/api/v1/reports/${reportId}/confirmations`, { id, note: 'Röken syns fortfarande' })).status).toBe(201);
      const exported = await reporter.get('/api/v1/me/export');
      expect(exported.body.confirmations).toContainEqual(expect.objectContaining({ id, reportId, note: 'Röken syns fortfarande' }));
      const others = await reporter2.get('/api/v1/me/export');
      expect(others.body.confirmations.map((c: { id: string }) => c.id)).not.toContain(id);
    });

    it('retention clears the note and confirmer of confirmations older than the cutoff, and keeps the count', async () => {
      const reportId = await report(reporter2, { category: 'brand', east: 65 });
      const old = new Date(Date.now() - 30 * 30 * 24 * 3600 * 1000).toISOString();
      const oldId = randomUUID();
      const newId = randomUUID();
      expect((await reporter.post(`/api/v1/reports/${reportId}/confirmations`, { id: oldId, note: 'gammal', confirmedAt: old })).status).toBe(201);
      expect((await reporter.post(`/api/v1/reports/${reportId}/confirmations`, { id: newId, note: 'ny' })).status).toBe(201);

      const dry = await purgeArea(server.db, { areaCode: 'sim-a', via: 'cli', dryRun: true });
      expect(dry.confirmationsCleared).toBe(1);
      const result = await purgeArea(server.db, { areaCode: 'sim-a', via: 'cli' });
      expect(result.confirmationsCleared).toBe(1);
      const rows = (await sql<{ id: string; note: string | null; user_id: number | null }>`SELECT id, note, user_id FROM report_confirmations WHERE report_id = ${reportId} ORDER BY confirmed_at`.execute(server.db)).rows;
      expect(rows).toEqual([
        { id: oldId, note: null, user_id: null },
        { id: newId, note: 'ny', user_id: areaA.users.reporter.id },
      ]);
      expect((await planner.get(`/api/v1/reports/${reportId}`)).body.confirmations).toBe(2);
    });
  });
});
