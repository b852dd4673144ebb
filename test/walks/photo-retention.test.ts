import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { sql } from 'kysely';
import { purgeArea } from '../../server/retention/retention.service';
import { formatPurgeSummary } from '../../server/retention/purge-summary';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { reportBody } from '../server/http';
import { findingBody, walkBody } from './walk-support';

/** Retention (issue 7 §6c) with photos: a purged report loses its photos with its description. */
describe.each(BACKENDS)('retention of photos (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  const photo: Record<'old' | 'recent' | 'finding', string> = { old: '', recent: '', finding: '' };

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'photo-ret');
    const [reporter, walker] = await Promise.all([ApiClient.login(server.url, area.users.reporter.email), ApiClient.login(server.url, area.users.walker.email)]);
    const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#a33' } }).jpeg().toBuffer();
    const upload = async (path: string) => (await reporter.request('POST', path, jpeg, { 'content-type': 'image/jpeg' })).body.id as string;
    const oldReport = (await reporter.post('/api/v1/reports', reportBody({ observedAt: '2026-05-01T12:00:00Z' }))).body.id;
    const recentReport = (await reporter.post('/api/v1/reports', reportBody({ observedAt: new Date().toISOString() }))).body.id;
    photo.old = await upload(`/api/v1/reports/${oldReport}/photos`);
    photo.recent = await upload(`/api/v1/reports/${recentReport}/photos`);
    // Made old afterwards: the API refuses observation times long past no more than the purge does.
    await sql`UPDATE reports SET observed_at = now() - interval '30 months' WHERE id = ${oldReport}`.execute(server.db);
    const walk = (await walker.post('/api/v1/walks', walkBody())).body.id;
    const finding = (await walker.post(`/api/v1/walks/${walk}/findings`, findingBody())).body.id;
    await sql`UPDATE reports SET observed_at = now() - interval '30 months' WHERE id = ${finding}`.execute(server.db);
    photo.finding = (await walker.request('POST', `/api/v1/findings/${finding}/photos`, jpeg, { 'content-type': 'image/jpeg' })).body.id;
  });
  afterAll(() => server?.close());

  const stored = async () => (await server.db.selectFrom('photos').select('id').execute()).map((r) => r.id).sort();

  it('counts the photos a purge would delete without deleting them', async () => {
    const dry = await purgeArea(server.db, { areaCode: area.code, dryRun: true, via: 'cli' });
    expect(dry.photosDeleted).toBe(1);
    expect(formatPurgeSummary(dry)).toContain('It would delete 1 photos of those reports.');
    expect(await stored()).toEqual([photo.old, photo.recent, photo.finding].sort());
  });

  it("deletes the photos of reports past retention, keeping recent reports' and findings' photos", async () => {
    const result = await purgeArea(server.db, { areaCode: area.code, via: 'cli' });
    expect(result).toMatchObject({ photosDeleted: 1, descriptionsCleared: 0 });
    expect(await stored()).toEqual([photo.recent, photo.finding].sort());
    const entry = await sql<{ details: Record<string, unknown> }>`SELECT details FROM audit_log WHERE area_id = ${area.id} AND action = 'purge.run'`.execute(server.db);
    expect(entry.rows[0]!.details).toMatchObject({ photosDeleted: 1 });
  });
});
