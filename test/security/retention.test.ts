import { afterAll, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { auditConn } from '../../server/audit/audit.table';
import { openDatabase } from '../../server/db/database';
import type { Db } from '../../server/db/database';
import { pointToStorageCell } from '../../server/h3/cells';
import { createLogger } from '../../server/logger';
import { purgeArea } from '../../server/retention/retention.service';
import { startRetentionSchedule } from '../../server/retention/retention.schedule';
import { monthsBefore, RetentionSettingError, retentionMonthsOf } from '../../server/retention/retention.settings';
import { BACKENDS } from '../support/backends';
import { startTestServer, type TestServer } from '../support/server';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { runScript } from '../support/spawn';

const DAY_MS = 24 * 3600 * 1000;
const A_POINT: [number, number] = [16.5, 59.37];
const B_POINT: [number, number] = [11.97, 57.7];

function monthsAgo(months: number, now = new Date()) {
  // A week inside the month boundary, so "older than N months" is unambiguous.
  return new Date(monthsBefore(now, months).getTime() - 7 * DAY_MS);
}

interface Seed {
  months: number;
  description: string | null;
  reporterId: number | null;
  point?: [number, number];
}

async function addReport(db: Db, area: TestArea, seed: Seed, base: [number, number]) {
  const id = randomUUID();
  const [lng, lat] = seed.point ?? base;
  await db
    .insertInto('reports')
    .values({
      area_id: area.id,
      id,
      category: 'klotter',
      observed_at: monthsAgo(seed.months),
      geom: sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`,
      h3: pointToStorageCell(lng, lat),
      severity: 2,
      description: seed.description,
      organisation_id: area.organisationId,
      reporter_id: seed.reporterId,
      source: 'app',
    })
    .execute();
  return id;
}

function reportsOf(db: Db, areaId: number) {
  return db
    .selectFrom('reports')
    .select(['id', 'category', 'observed_at', 'h3', 'severity', 'description', 'organisation_id', 'reporter_id', 'status', sql<string>`ST_AsText(geom)`.as('wkt')])
    .where('area_id', '=', areaId)
    .orderBy('id')
    .execute();
}

function purgeEntries(db: Db, areaId: number) {
  return auditConn(db).selectFrom('audit_log').selectAll().where('area_id', '=', areaId).where('action', '=', 'purge.run').orderBy('id').execute();
}

describe('retention settings', () => {
  it('counts calendar months back, clamped to the end of a shorter month', () => {
    expect(monthsBefore(new Date('2026-03-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(monthsBefore(new Date('2026-05-15T08:30:00Z'), 24).toISOString()).toBe('2024-05-15T08:30:00.000Z');
    expect(monthsBefore(new Date('2026-01-10T00:00:00Z'), 13).toISOString()).toBe('2024-12-10T00:00:00.000Z');
  });

  it('takes 24 months when the area sets nothing and refuses a value it would have to guess about', () => {
    expect(retentionMonthsOf({}, 'x')).toBe(24);
    expect(retentionMonthsOf({ retentionMonthsOther: 3 }, 'x')).toBe(24);
    expect(retentionMonthsOf({ retentionMonths: 6 }, 'x')).toBe(6);
    for (const bad of [0, 121, 6.5, '6', true, -1]) {
      expect(() => retentionMonthsOf({ retentionMonths: bad }, 'x'), JSON.stringify(bad)).toThrow(RetentionSettingError);
    }
  });
});

describe.each(BACKENDS)('retention purge (%s)', (backend) => {
  let server: TestServer;
  let a: TestArea;
  let b: TestArea;
  let planner: ApiClient;
  const ids = {} as Record<'oldFull' | 'oldReporterOnly' | 'oldTextOnly' | 'oldBare' | 'recent' | 'justInside' | 'otherArea', string>;

  async function hotspotCounts() {
    const from = encodeURIComponent(new Date(Date.now() - 4 * 365 * DAY_MS).toISOString());
    const to = encodeURIComponent(new Date(Date.now() + DAY_MS).toISOString());
    const res = await planner.get(`/api/v1/hotspots?res=9&precision=all&from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.features.map((f: { id: string; properties: { count: number } }) => [f.id, f.properties.count]));
  }

  beforeAll(async () => {
    server = await startTestServer({ backend });
    a = await createTestArea(server.db, 'retention-a', A_POINT);
    b = await createTestArea(server.db, 'retention-b', B_POINT);
    const db = server.db;
    const r = a.users.reporter.id;
    ids.oldFull = await addReport(db, a, { months: 30, description: 'Gammal text med namn', reporterId: r }, A_POINT);
    ids.oldReporterOnly = await addReport(db, a, { months: 26, description: null, reporterId: a.users.walker.id, point: [16.52, 59.38] }, A_POINT);
    ids.oldTextOnly = await addReport(db, a, { months: 25, description: 'Importerad text', reporterId: null, point: [16.45, 59.36] }, A_POINT);
    ids.oldBare = await addReport(db, a, { months: 40, description: null, reporterId: null }, A_POINT);
    ids.recent = await addReport(db, a, { months: 2, description: 'Ny text', reporterId: r }, A_POINT);
    ids.justInside = await addReport(db, a, { months: 23, description: 'Nästan gammal', reporterId: r, point: [16.52, 59.38] }, A_POINT);
    ids.otherArea = await addReport(db, b, { months: 30, description: 'Annat område', reporterId: b.users.reporter.id }, B_POINT);
    planner = await ApiClient.login(server.url, a.users.planner.email);
  });
  afterAll(() => server?.close());

  it('a dry run counts what would be cleared and changes nothing', async () => {
    const rowsBefore = await reportsOf(server.db, a.id);
    const result = await purgeArea(server.db, { areaCode: a.code, dryRun: true, via: 'cli' });
    expect(result).toMatchObject({
      areaCode: a.code,
      months: 24,
      monthsFrom: 'default',
      dryRun: true,
      reportsAffected: 3,
      descriptionsCleared: 2,
      reporterLinksCleared: 2,
    });
    expect(result.before).toEqual(result.after);
    expect(result.before).toMatchObject({ reports: 6, withDescription: 4, withReporter: 4, beforeCutoff: 4 });
    expect(await reportsOf(server.db, a.id)).toEqual(rowsBefore);
    expect(await purgeEntries(server.db, a.id)).toHaveLength(0);
  });

  it('clears descriptions and reporter links of old reports only, and every cell keeps its count', async () => {
    const hotspotsBefore = await hotspotCounts();
    expect(Object.values(hotspotsBefore).reduce((sum: number, n) => sum + (n as number), 0)).toBe(6);
    const rowsBefore = await reportsOf(server.db, a.id);
    const otherBefore = await reportsOf(server.db, b.id);

    const result = await purgeArea(server.db, { areaCode: a.code, via: 'cli' });
    expect(result).toMatchObject({ dryRun: false, reportsAffected: 3, descriptionsCleared: 2, reporterLinksCleared: 2 });
    expect(result.after).toMatchObject({ reports: 6, withDescription: 2, withReporter: 2, beforeCutoff: 4, beforeCutoffWithDescription: 0, beforeCutoffWithReporter: 0 });

    const rowsAfter = await reportsOf(server.db, a.id);
    const byId = (rows: typeof rowsAfter) => new Map(rows.map((r) => [r.id, r]));
    const before = byId(rowsBefore);
    for (const row of rowsAfter) {
      const old = before.get(row.id)!;
      const purged = [ids.oldFull, ids.oldReporterOnly, ids.oldTextOnly, ids.oldBare].includes(row.id);
      // Place, time, category, severity, status and organisation always stay.
      expect({ ...row, description: null, reporter_id: null }).toEqual({ ...old, description: null, reporter_id: null });
      if (purged) {
        expect(row.description, row.id).toBeNull();
        expect(row.reporter_id, row.id).toBeNull();
      } else {
        expect(row).toEqual(old);
      }
    }
    expect(byId(rowsAfter).get(ids.oldFull)!.organisation_id).toBe(a.organisationId);
    expect(await reportsOf(server.db, b.id)).toEqual(otherBefore);
    expect(await hotspotCounts()).toEqual(hotspotsBefore);
  });

  it('is audited in the area, with its counts and no person', async () => {
    const entries = await purgeEntries(server.db, a.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      area_id: a.id,
      user_id: null,
      via: 'cli',
      action: 'purge.run',
      resource: 'report',
      details: { months: 24, monthsFrom: 'default', reportsAffected: 3, descriptionsCleared: 2, reporterLinksCleared: 2 },
    });
  });

  it('finds nothing more to clear on a second run', async () => {
    const again = await purgeArea(server.db, { areaCode: a.code, via: 'cli' });
    expect(again).toMatchObject({ reportsAffected: 0, descriptionsCleared: 0, reporterLinksCleared: 0 });
  });

  it('follows the area’s retentionMonths setting; --months overrides it', async () => {
    await sql`UPDATE areas SET settings = settings || '{"retentionMonths": 1}'::jsonb WHERE id = ${a.id}`.execute(server.db);
    try {
      const bySetting = await purgeArea(server.db, { areaCode: a.code, dryRun: true, via: 'cli' });
      expect(bySetting).toMatchObject({ months: 1, monthsFrom: 'setting', reportsAffected: 2 });
      const overridden = await purgeArea(server.db, { areaCode: a.code, months: 120, dryRun: true, via: 'cli' });
      expect(overridden).toMatchObject({ months: 120, monthsFrom: 'override', reportsAffected: 0 });
    } finally {
      await sql`UPDATE areas SET settings = settings - 'retentionMonths' WHERE id = ${a.id}`.execute(server.db);
    }
    await expect(purgeArea(server.db, { areaCode: a.code, months: 0, dryRun: true, via: 'cli' })).rejects.toThrow(/1 to 120/);
    await expect(purgeArea(server.db, { areaCode: 'no-such-area', dryRun: true, via: 'cli' })).rejects.toThrow(/No area/);
  });

  it('cannot store a retentionMonths the purge would have to guess about', async () => {
    for (const bad of ['0', '121', '6.5', '"24"', 'null', 'true']) {
      await expect(
        sql`UPDATE areas SET settings = jsonb_set(settings, '{retentionMonths}', ${bad}::jsonb) WHERE id = ${a.id}`.execute(server.db),
        bad,
      ).rejects.toThrow(/areas_retention_months/);
    }
  });

  it('the server’s daily run purges every area, audited as system', async () => {
    const schedule = startRetentionSchedule({ db: server.db, logger: createLogger('silent'), firstRunAfterMs: 0 });
    try {
      const [entry] = await vi.waitFor(
        async () => {
          const rows = await purgeEntries(server.db, b.id);
          expect(rows).toHaveLength(1);
          return rows;
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(entry).toMatchObject({ via: 'system', details: { reportsAffected: 1, descriptionsCleared: 1, reporterLinksCleared: 1 } });
    } finally {
      await schedule.stop();
    }
    const other = await server.db.selectFrom('reports').select(['description', 'reporter_id']).where('id', '=', ids.otherArea).executeTakeFirstOrThrow();
    expect(other).toEqual({ description: null, reporter_id: null });
    expect((await purgeEntries(server.db, a.id)).map((e) => e.via)).toEqual(['cli', 'cli', 'system']);
  });
});

describe('npm run admin -- purge', () => {
  let dataDir: string;
  let area: TestArea;

  beforeAll(async () => {
    // A migrated embedded database in a data directory of its own, from the run's template.
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tk-purge-'));
    const handle = await openDatabase({ kind: 'pglite', dataDir, loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    try {
      area = await createTestArea(handle.db, 'purge-cli', A_POINT);
      for (const months of [3, 8, 9, 30]) {
        await addReport(handle.db, area, { months, description: `text ${months}`, reporterId: area.users.reporter.id }, A_POINT);
      }
    } finally {
      await handle.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints before/after counts: a dry run changes nothing, a real run clears and is audited', async () => {
    const env = { DATA_DIR: dataDir };
    const dry = await runScript('scripts/admin.ts', ['purge', '--area', 'purge-cli', '--months', '6', '--dry-run'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/6 months, from --months/);
    expect(dry.stdout).toMatch(/^\s+with a description\s+3\s+3$/m);
    expect(dry.stdout).toMatch(/Dry run: nothing was changed\. A purge would clear 3 descriptions and 3 reporter links on 3 reports\./);

    const real = await runScript('scripts/admin.ts', ['purge', '--area', 'purge-cli', '--months', '6'], env);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toMatch(/^reports\s+4\s+4$/m);
    expect(real.stdout).toMatch(/^observed before the cutoff\s+3\s+3\n\s+with a description\s+3\s+0\n\s+with a reporter link\s+3\s+0$/m);
    expect(real.stdout).toMatch(/Cleared 3 descriptions and 3 reporter links on 3 reports/);

    const handle = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const entries = await purgeEntries(handle.db, area.id);
      expect(entries.map((e) => [e.via, e.details?.reportsAffected])).toEqual([['cli', 3]]);
    } finally {
      await handle.close();
    }
  });
});
