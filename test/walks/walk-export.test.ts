import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { reportBody } from '../server/http';
import { findingBody, walkBody } from './walk-support';

/** GET /me/export (GDPR art. 15) covers what a user recorded on safety walks and the photos they uploaded. */
describe.each(BACKENDS)('GET /me/export with walks and photos (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let walker: ApiClient;
  let reporter: ApiClient;
  let findingId: string;
  let findingPhoto: string;
  let reportPhoto: string;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'walk-export');
    [walker, reporter] = await Promise.all([ApiClient.login(server.url, area.users.walker.email), ApiClient.login(server.url, area.users.reporter.email)]);
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#36c' } }).jpeg().toBuffer();
    const walk = (await walker.post('/api/v1/walks', walkBody())).body.id;
    findingId = (await walker.post(`/api/v1/walks/${walk}/findings`, findingBody())).body.id;
    findingPhoto = (await walker.request('POST', `/api/v1/findings/${findingId}/photos`, jpeg, { 'content-type': 'image/jpeg' })).body.id;
    const report = (await reporter.post('/api/v1/reports', reportBody())).body.id;
    reportPhoto = (await reporter.request('POST', `/api/v1/reports/${report}/photos`, jpeg, { 'content-type': 'image/jpeg' })).body.id;
  });
  afterAll(() => server?.close());

  it("lists the walker's findings and photos, and none of them in the reporter's export", async () => {
    const mine = (await walker.get('/api/v1/me/export')).body;
    expect(mine.findings.map((f: { id: string }) => f.id)).toEqual([findingId]);
    expect(mine.findings[0]).toMatchObject({ category: 'belysning', description: 'Trasig gatlykta i gångtunneln' });
    expect(mine.photos).toEqual([expect.objectContaining({ id: findingPhoto, findingId, reportId: null, url: `/api/v1/photos/${findingPhoto}`, keptLocation: false })]);
    const theirs = (await reporter.get('/api/v1/me/export')).body;
    expect(theirs.findings).toEqual([]);
    expect(theirs.photos.map((p: { id: string }) => p.id)).toEqual([reportPhoto]);
  });
});
