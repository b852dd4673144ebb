import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS } from '../../support/backends';
import { createTestArea, type TestArea } from '../../support/fixtures';
import { fuzzCase, TableWatch } from '../../support/fuzz';
import { startTestServer, type TestServer } from '../../support/server';
import { fuzzFamily, fuzzResults, printFuzzResults } from './runner';
import { callerHeaders, cookieCaller, storeReport, tokenCaller, type Caller } from './callers';
import { nastyString, undecodable } from './junk';
import { badQueries, type QueryParam } from './queries';
import { badIdSegment } from './walk-junk';

/** POST /reports/:id/photos, POST /findings/:id/photos, GET /photos/:id: no bad upload is stored, every answer a 4xx JSON error. */

const CENTER: [number, number] = [16.5, 59.37];
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];
const MAX = 10 * 1024 * 1024;

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const WEBP = [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')];

/** Bodies that are not images (415) or that claim to be one and are not (422). */
const notAnImage = fc.oneof(
  fc.constantFrom('%PDF-1.7\n%%EOF', '<svg xmlns="http://www.w3.org/2000/svg"/>', 'GIF89a', 'BM', 'PK\u0003\u0004', '{"photo":true}', '\u0000').map((t) => ({ body: Buffer.from(t), status: [415] })),
  fc.uint8Array({ minLength: 1, maxLength: 4096 }).filter((b) => !(b[0] === 0xff && b[1] === 0xd8) && !(b[0] === 0x89 && b[1] === 0x50) && !(b[0] === 0x52 && b[1] === 0x49)).map((b) => ({ body: Buffer.from(b), status: [415] })),
  fc.tuple(fc.constantFrom(JPEG, PNG, WEBP), fc.uint8Array({ maxLength: 8192 })).map(([magic, rest]) => ({ body: Buffer.concat([Buffer.from(magic), Buffer.from(rest)]), status: [422] })),
);

describe.each(BACKENDS)('fuzz: photos (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let watch: TableWatch;
  let reporter: Caller;
  let planner: Caller;
  let walker: Caller;
  let reportId: string;
  let findingId: string;

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_LOGIN: '100000', RATE_LIMIT_ANALYTICS: '100000' } });
    area = await createTestArea(server.db, 'fuzz-photo', CENTER);
    planner = await tokenCaller(server.db, area, 'planner');
    reporter = await cookieCaller(server.url, area, 'reporter');
    walker = await cookieCaller(server.url, area, 'walker');
    reportId = await storeReport(server.db, area);
    const walkId = crypto.randomUUID();
    await server.db.insertInto('walks').values({ area_id: area.id, id: walkId, name: 'Fotovandring', planned_at: new Date('2026-05-01T16:00:00Z'), leader_id: area.users.walker.id, created_by: area.users.walker.id }).execute();
    findingId = await storeReport(server.db, area);
    await server.db.updateTable('reports').set({ source: 'walk', category: 'belysning' }).where('id', '=', findingId).execute();
    await server.db
      .insertInto('findings')
      .values({ area_id: area.id, id: findingId, walk_id: walkId, category: 'belysning', geom: sql`ST_SetSRID(ST_MakePoint(16.51, 59.375), 4326)`, priority: 2, responsible: 'kommun', observed_at: new Date('2026-05-01T16:30:00Z'), created_by: area.users.walker.id })
      .execute();
    watch = await TableWatch.create(server.db);
  });
  afterAll(async () => {
    printFuzzResults(`photos (${backend})`);
    fuzzResults.length = 0;
    await server?.close();
  });

  it('POST /reports/:id/photos and /findings/:id/photos: what is not an image, too large or badly addressed is refused and nothing stored', async () => {
    const target = fc.oneof(
      fc.constant({ path: `/api/v1/reports/${reportId}/photos`, headers: reporter.headers }),
      fc.constant({ path: `/api/v1/findings/${findingId}/photos`, headers: walker.headers }),
      fc.constant({ path: `/api/v1/reports/${reportId}/photos`, headers: planner.headers }),
    );
    const post = (path: string, headers: Record<string, string>, body: Buffer | string | undefined, expect: { status: number[]; path?: string }, chunked = false) =>
      fuzzCase({ method: 'POST', path, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : new Uint8Array(body), chunked }, expect);
    const badContent = fc.tuple(target, notAnImage, fc.constantFrom(...IMAGE_TYPES), fc.boolean()).map(([t, c, type, chunked]) =>
      post(t.path, { ...t.headers, 'content-type': type }, c.body, { status: c.status, path: '(body)' }, chunked),
    );
    const wrongType = fc
      .tuple(target, fc.constantFrom('application/json', 'text/plain', 'image/gif', 'image/svg+xml', 'multipart/form-data; boundary=x', 'application/pdf', 'image/jpeg2'))
      .map(([t, type]) => post(t.path, { ...t.headers, 'content-type': type }, Buffer.from(JPEG), { status: [415], path: 'content-type' }));
    const tooLarge = fc.tuple(target, fc.integer({ min: 1, max: 200_000 }), fc.boolean()).map(([t, over, chunked]) =>
      post(t.path, { ...t.headers, 'content-type': 'image/jpeg' }, Buffer.concat([Buffer.from(JPEG), Buffer.alloc(MAX + over - JPEG.length)]), { status: [413] }, chunked),
    );
    const empty = target.map((t) => post(t.path, { ...t.headers, 'content-type': 'image/jpeg' }, Buffer.alloc(0), { status: [400], path: '(body)' }));
    const badIds = fc.tuple(fc.constantFrom('reports', 'findings'), badIdSegment, fc.constantFrom(planner, walker)).map(([kind, id, c]) =>
      post(`/api/v1/${kind}/${id}/photos`, { ...c.headers, 'content-type': 'image/jpeg' }, Buffer.from(JPEG), undecodable(id) ? { status: [400] } : { status: [400], path: 'id' }),
    );
    const unknown = fc.tuple(fc.constantFrom('reports', 'findings'), fc.uuid()).map(([kind, id]) => post(`/api/v1/${kind}/${id}/photos`, { ...planner.headers, 'content-type': 'image/jpeg' }, Buffer.from(JPEG), { status: [404] }));
    const params: QueryParam[] = [
      { name: 'id', valid: fc.constant(crypto.randomUUID()), invalid: nastyString.filter((s) => !/^[0-9a-f-]{36}$/i.test(s)) },
      { name: 'keepLocation', valid: fc.constantFrom('true', 'false'), invalid: nastyString.filter((s) => !['true', 'false', '1', '0'].includes(s)) },
    ];
    const badQuery = badQueries({ path: `/api/v1/reports/${reportId}/photos`, method: 'POST', params, headers: callerHeaders(reporter, planner), body: { text: 'x', headers: { 'content-type': 'image/jpeg' } } });
    await fuzzFamily({
      family: 'POST /reports|findings/:id/photos',
      baseUrl: server.url,
      watch,
      runs: 150,
      cases: fc.oneof(
        { weight: 6, arbitrary: badContent },
        { weight: 2, arbitrary: wrongType },
        { weight: 1, arbitrary: tooLarge },
        { weight: 1, arbitrary: empty },
        { weight: 2, arbitrary: badIds },
        { weight: 1, arbitrary: unknown },
        { weight: 2, arbitrary: badQuery },
      ),
    });
  });

  it('GET /photos/:id: bad ids, sizes and unknown photos are refused', async () => {
    const headers = callerHeaders(reporter, planner, walker);
    const byBadId = fc.tuple(badIdSegment, headers).map(([id, h]) => fuzzCase({ method: 'GET', path: `/api/v1/photos/${id}`, headers: h }, undecodable(id) ? { status: [400] } : { status: [400], path: 'id' }));
    const unknown = fc.tuple(fc.uuid(), headers).map(([id, h]) => fuzzCase({ method: 'GET', path: `/api/v1/photos/${id}`, headers: h }, { status: [404] }));
    const badQuery = badQueries({
      path: `/api/v1/photos/${crypto.randomUUID()}`,
      params: [{ name: 'size', valid: fc.constantFrom('full', 'thumb'), invalid: nastyString.filter((s) => !['full', 'thumb'].includes(s)) }],
      headers,
    });
    await fuzzFamily({ family: 'GET /photos/:id', baseUrl: server.url, watch, runs: 120, cases: fc.oneof(byBadId, unknown, badQuery) });
  });
});
