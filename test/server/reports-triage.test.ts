import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { pointToStorageCell } from '../../server/h3/cells';
import { auditConn } from '../../server/audit/audit.table';

/** Triage from the reports table: one report or the selected rows at once, with a history of who changed what. */
describe.each(BACKENDS)('report triage and its history (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let other: TestArea;
  let planner: ApiClient;
  let admin: ApiClient;
  let analyst: ApiClient;
  let reporter: ApiClient;

  async function newReport(inArea = area, category = 'klotter'): Promise<string> {
    const id = crypto.randomUUID();
    await sql`
      INSERT INTO reports (area_id, id, category, observed_at, geom, h3, source, reporter_id)
      VALUES (${inArea.id}, ${id}, ${category}, '2026-05-01T12:00:00Z', ST_SetSRID(ST_MakePoint(16.5, 59.37), 4326),
              ${pointToStorageCell(16.5, 59.37)}, 'app', ${inArea.users.reporter.id})`.execute(server.db);
    return id;
  }

  async function stateOf(ids: string[]) {
    const rows = await server.db.selectFrom('reports').select(['id', 'status', 'category']).where('id', 'in', ids).execute();
    return Object.fromEntries(rows.map((r) => [r.id, `${r.status}/${r.category}`]));
  }

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'triage');
    other = await createTestArea(server.db, 'triage-other');
    planner = await ApiClient.login(server.url, area.users.planner.email);
    admin = await ApiClient.login(server.url, area.users.admin.email);
    analyst = await ApiClient.login(server.url, area.users.analyst.email);
    reporter = await ApiClient.login(server.url, area.users.reporter.email);
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('history of one report', () => {
    it('records each status and category change with who made it, oldest first', async () => {
      const id = await newReport();
      expect((await planner.patch(`/api/v1/reports/${id}`, { status: 'reviewed' })).status).toBe(200);
      expect((await admin.patch(`/api/v1/reports/${id}`, { category: 'skadegorelse', status: 'archived' })).status).toBe(200);
      const res = await analyst.get(`/api/v1/reports/${id}/history`);
      expect(res.status).toBe(200);
      expect(res.body.entries).toEqual([
        { at: expect.any(String), user: { id: area.users.planner.id, name: 'planner triage' }, statusFrom: 'new', statusTo: 'reviewed', categoryFrom: null, categoryTo: null },
        { at: expect.any(String), user: { id: area.users.admin.id, name: 'admin triage' }, statusFrom: 'reviewed', statusTo: 'archived', categoryFrom: 'klotter', categoryTo: 'skadegorelse' },
      ]);
      expect(Date.parse(res.body.entries[0].at)).toBeLessThanOrEqual(Date.parse(res.body.entries[1].at));
    });

    it('setting what is already there adds no entry', async () => {
      const id = await newReport();
      await planner.patch(`/api/v1/reports/${id}`, { status: 'new', category: 'klotter' });
      expect((await planner.get(`/api/v1/reports/${id}/history`)).body.entries).toEqual([]);
    });

    it('a refused change (unknown category) adds no entry and changes nothing', async () => {
      const id = await newReport();
      const res = await planner.patch(`/api/v1/reports/${id}`, { status: 'archived', category: 'zz-okand' });
      expect(res.status).toBe(422);
      expect((await planner.get(`/api/v1/reports/${id}/history`)).body.entries).toEqual([]);
      expect(await stateOf([id])).toEqual({ [id]: 'new/klotter' });
    });

    it('is for the analyst roles: a reporter gets 403, another area’s report 404, an unknown id 404', async () => {
      const own = await newReport();
      const foreign = await newReport(other);
      expect((await reporter.get(`/api/v1/reports/${own}/history`)).status).toBe(403);
      expect((await planner.get(`/api/v1/reports/${foreign}/history`)).status).toBe(404);
      expect((await planner.get(`/api/v1/reports/${crypto.randomUUID()}/history`)).status).toBe(404);
      expect((await planner.get('/api/v1/reports/not-a-uuid/history')).status).toBe(400);
    });

    it('goes with the report when an admin deletes it', async () => {
      const id = await newReport();
      await planner.patch(`/api/v1/reports/${id}`, { status: 'reviewed' });
      expect((await admin.delete(`/api/v1/reports/${id}`)).status).toBe(204);
      const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM report_triage WHERE report_id = ${id}`.execute(server.db);
      expect(left.rows[0]!.n).toBe(0);
    });
  });

  describe('PATCH /reports: the selected rows at once', () => {
    it('marks every given report reviewed, counts what changed, and records each change', async () => {
      const ids = [await newReport(), await newReport(), await newReport()];
      await planner.patch(`/api/v1/reports/${ids[2]}`, { status: 'reviewed' });
      const res = await planner.patch('/api/v1/reports', { ids: [...ids, ids[0]], status: 'reviewed' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ updated: 2, unchanged: 1, ids });
      expect(Object.values(await stateOf(ids))).toEqual(['reviewed/klotter', 'reviewed/klotter', 'reviewed/klotter']);
      expect((await planner.get(`/api/v1/reports/${ids[0]}/history`)).body.entries).toHaveLength(1);
      expect((await planner.get(`/api/v1/reports/${ids[2]}/history`)).body.entries).toHaveLength(1);
    });

    it('corrects the category of many reports', async () => {
      const ids = [await newReport(), await newReport()];
      const res = await admin.patch('/api/v1/reports', { ids, category: 'nedskrapning' });
      expect(res.body.updated).toBe(2);
      expect(Object.values(await stateOf(ids))).toEqual(['new/nedskrapning', 'new/nedskrapning']);
    });

    it('an id that is not a report of the area refuses the whole request with 422 naming it, changing nothing', async () => {
      const ids = [await newReport(), await newReport()];
      const foreign = await newReport(other);
      const res = await planner.patch('/api/v1/reports', { ids: [ids[0], foreign, ids[1], crypto.randomUUID()], status: 'archived' });
      expect(res.status).toBe(422);
      expect(res.body.error.details.map((d: any) => d.path)).toEqual(['ids.1', 'ids.3']);
      expect(Object.values(await stateOf([...ids, foreign]))).toEqual(['new/klotter', 'new/klotter', 'new/klotter']);
    });

    it.each([
      ['no ids', { ids: [], status: 'reviewed' }, 'ids'],
      ['an id that is no UUID', { ids: ['x'], status: 'reviewed' }, 'ids.0'],
      ['neither status nor category', { ids: [crypto.randomUUID()] }, '(body)'],
      ['an unknown status', { ids: [crypto.randomUUID()], status: 'done' }, 'status'],
      ['1,001 ids', { ids: Array.from({ length: 1001 }, () => crypto.randomUUID()), status: 'reviewed' }, 'ids'],
    ])('%s is 400', async (_what, body, path) => {
      const res = await planner.patch('/api/v1/reports', body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
    });

    it('an unknown category is 422 unknown_category', async () => {
      const res = await planner.patch('/api/v1/reports', { ids: [await newReport()], category: 'zz-okand' });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('unknown_category');
    });

    it('is for planners and admins only', async () => {
      const ids = [await newReport()];
      expect((await analyst.patch('/api/v1/reports', { ids, status: 'reviewed' })).status).toBe(403);
      expect((await reporter.patch('/api/v1/reports', { ids, status: 'reviewed' })).status).toBe(403);
    });

    it('is audited as report.bulk-update with how many were asked and changed', async () => {
      const ids = [await newReport(), await newReport()];
      await planner.patch('/api/v1/reports', { ids, status: 'archived' });
      const rows = await auditConn(server.db).selectFrom('audit_log').select(['details', 'status']).where('area_id', '=', area.id).where('action', '=', 'report.bulk-update').execute();
      expect(rows).toContainEqual({ details: { count: 2, updated: 2 }, status: 200 });
    });
  });
});
