import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import exifReader from 'exif-reader';
import { BACKENDS } from '../support/backends';
import { ApiClient, createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { reportBody } from '../server/http';
import { detailPaths, findingBody, secondUser, walkBody } from './walk-support';

/** A phone-like JPEG: EXIF with a GPS position (Eskilstuna) and a camera make. */
async function jpegWithGps(width = 600, height = 400): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a6' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Telefon', Model: 'Test' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 22/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '16/1 30/1 0/1' },
    })
    .toBuffer();
}

const exifOf = async (bytes: Buffer) => {
  const { exif } = await sharp(bytes).metadata();
  return exif ? exifReader(exif) : undefined;
};

describe.each(BACKENDS)('photos (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let reporter: ApiClient;
  let reporter2: ApiClient;
  let walker: ApiClient;
  let walker2: ApiClient;
  let planner: ApiClient;
  let analyst: ApiClient;
  let plannerB: ApiClient;
  let gpsJpeg: Buffer;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'photo-a');
    const areaB = await createTestArea(server.db, 'photo-b', [11.97, 57.7]);
    [reporter, walker, planner, analyst, plannerB] = await Promise.all([
      ApiClient.login(server.url, area.users.reporter.email),
      ApiClient.login(server.url, area.users.walker.email),
      ApiClient.login(server.url, area.users.planner.email),
      ApiClient.login(server.url, area.users.analyst.email),
      ApiClient.login(server.url, areaB.users.planner.email),
    ]);
    reporter2 = (await secondUser(server.db, server.url, area, 'reporter')).client;
    walker2 = (await secondUser(server.db, server.url, area, 'walker')).client;
    gpsJpeg = await jpegWithGps();
  });
  afterAll(() => server?.close());

  const newReport = async (client = reporter) => (await client.post('/api/v1/reports', reportBody())).body.id as string;
  const upload = (client: ApiClient, path: string, bytes: Uint8Array, type = 'image/jpeg') => client.request('POST', path, bytes, { 'content-type': type });
  const photoRows = async (id?: string) => (await server.db.selectFrom('photos').select('id').$if(id !== undefined, (q) => q.where('id', '=', id!)).execute()).length;
  async function download(client: ApiClient, url: string) {
    const res = await fetch(server.url + url, { headers: { cookie: (client as unknown as { cookie: string }).cookie } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  describe('uploading to a report', () => {
    it('stores the photo without its GPS position or any other EXIF, and lists it in the report', async () => {
      expect((await exifOf(gpsJpeg))?.GPSInfo).toMatchObject({ GPSLatitude: [59, 22, 12] });
      const reportId = await newReport();
      const res = await upload(reporter, `/api/v1/reports/${reportId}/photos`, gpsJpeg);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ url: `/api/v1/photos/${res.body.id}`, thumbUrl: `/api/v1/photos/${res.body.id}?size=thumb`, width: 600, height: 400, reportId, findingId: null });
      const stored = await download(reporter, res.body.url);
      expect(stored.status).toBe(200);
      expect(stored.headers.get('content-type')).toBe('image/jpeg');
      expect(stored.headers.get('cache-control')).toMatch(/^private/);
      expect(stored.headers.get('etag')).toMatch(/^".+-full"$/);
      const meta = await sharp(stored.bytes).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: 600, height: 400 });
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(stored.bytes.includes(Buffer.from('Telefon'))).toBe(false);
      const report = await reporter.get(`/api/v1/reports/${reportId}`);
      expect(report.body.photos).toEqual([{ id: res.body.id, url: res.body.url, thumbUrl: res.body.thumbUrl, width: 600, height: 400 }]);
    });

    it('keeps the GPS position when the uploader asks with keepLocation=true', async () => {
      const res = await upload(reporter, `/api/v1/reports/${await newReport()}/photos?keepLocation=true`, gpsJpeg);
      expect(res.status).toBe(201);
      const exif = await exifOf((await download(reporter, res.body.url)).bytes);
      expect(exif?.GPSInfo).toMatchObject({ GPSLatitudeRef: 'N', GPSLatitude: [59, 22, 12], GPSLongitude: [16, 30, 0] });
    });

    it('never keeps metadata in the thumbnail, which fits in 400 px', async () => {
      const big = await jpegWithGps(1600, 1200);
      const res = await upload(reporter, `/api/v1/reports/${await newReport()}/photos?keepLocation=true`, big);
      const thumb = await download(reporter, res.body.thumbUrl);
      const meta = await sharp(thumb.bytes).metadata();
      expect([meta.width, meta.height, meta.exif]).toEqual([400, 300, undefined]);
    });

    it('turns the image upright by its EXIF orientation and shrinks it to at most 2048 px', async () => {
      const sideways = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#888' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
      const res = await upload(reporter, `/api/v1/reports/${await newReport()}/photos`, sideways);
      expect([res.body.width, res.body.height]).toEqual([683, 2048]);
      const meta = await sharp((await download(reporter, res.body.url)).bytes).metadata();
      expect([meta.width, meta.height, meta.orientation]).toEqual([683, 2048, undefined]);
    });

    it.each([
      ['PNG', () => sharp({ create: { width: 50, height: 40, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } }).png().toBuffer(), 'image/png'],
      ['WebP', () => sharp({ create: { width: 50, height: 40, channels: 3, background: '#123' } }).webp().toBuffer(), 'application/octet-stream'],
    ])('accepts a %s (by its content) and stores it as JPEG', async (_kind, make, type) => {
      const res = await upload(reporter, `/api/v1/reports/${await newReport()}/photos`, await make(), type);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect((await sharp((await download(reporter, res.body.url)).bytes).metadata()).format).toBe('jpeg');
    });

    it.each([
      ['a PDF sent as image/jpeg', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF'), 'image/jpeg', 415],
      ['a text file sent as image/png', Buffer.from('just some text, renamed photo.png'), 'image/png', 415],
      ['an HTML page sent as octet-stream', Buffer.from('<html><script>alert(1)</script></html>'), 'application/octet-stream', 415],
      ['a JPEG header followed by garbage', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]), 'image/jpeg', 422],
    ])('refuses %s, storing nothing', async (_what, bytes, type, status) => {
      const before = await photoRows();
      const res = await upload(reporter, `/api/v1/reports/${await newReport()}/photos`, bytes, type);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(detailPaths(res.body)).toEqual(['(body)']);
      expect(await photoRows()).toBe(before);
    });

    it('refuses a body over 10 MB with 413, whether it says so up front or not', async () => {
      const huge = Buffer.concat([gpsJpeg, Buffer.alloc(10 * 1024 * 1024 + 1 - gpsJpeg.length)]);
      const reportId = await newReport();
      const declared = await upload(reporter, `/api/v1/reports/${reportId}/photos`, huge);
      expect(declared.status).toBe(413);
      const streamed = await fetch(`${server.url}/api/v1/reports/${reportId}/photos`, {
        method: 'POST',
        headers: { cookie: (reporter as unknown as { cookie: string }).cookie, origin: server.url, 'content-type': 'image/jpeg' },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 11; i++) controller.enqueue(huge.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit).catch((err: Error) => err);
      // The server answers 413 and closes; the client may see the answer or only the closed socket.
      if (!(streamed instanceof Error)) expect(streamed.status).toBe(413);
      expect((await reporter.get(`/api/v1/reports/${reportId}`)).body.photos).toEqual([]);
    });

    it('refuses a JSON content type (415) and an empty body (400)', async () => {
      const reportId = await newReport();
      expect((await upload(reporter, `/api/v1/reports/${reportId}/photos`, gpsJpeg, 'application/json')).status).toBe(415);
      const empty = await upload(reporter, `/api/v1/reports/${reportId}/photos`, new Uint8Array(0));
      expect(empty.status).toBe(400);
    });

    it('stores one photo for a retried upload with the same id; different bytes under that id are a conflict', async () => {
      const reportId = await newReport();
      const id = randomUUID();
      const answers = await Promise.all(Array.from({ length: 4 }, () => upload(reporter, `/api/v1/reports/${reportId}/photos?id=${id}`, gpsJpeg)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.id))).toEqual(new Set([id]));
      expect(await photoRows(id)).toBe(1);
      const other = await upload(reporter, `/api/v1/reports/${reportId}/photos?id=${id}`, await jpegWithGps(300, 200));
      expect(other.status).toBe(409);
      expect(detailPaths(other.body)).toEqual(['id']);
      const elsewhere = await upload(reporter, `/api/v1/reports/${await newReport()}/photos?id=${id}`, gpsJpeg);
      expect(elsewhere.status).toBe(409);
    });

    it.each([
      ['?id=photo-1', 'id'],
      ['?keepLocation=yes', 'keepLocation'],
      ['?size=thumb', 'size'],
    ])('refuses the query %s with 400 naming it', async (query, path) => {
      const res = await upload(reporter, `/api/v1/reports/${await newReport()}/photos${query}`, gpsJpeg);
      expect(res.status).toBe(400);
      expect(detailPaths(res.body)).toContain(path);
    });

    it("lets only the reporter, planners and admins add photos: others' reports are not found or forbidden", async () => {
      const reportId = await newReport();
      expect((await upload(reporter2, `/api/v1/reports/${reportId}/photos`, gpsJpeg)).status).toBe(404);
      expect((await upload(analyst, `/api/v1/reports/${reportId}/photos`, gpsJpeg)).status).toBe(403);
      expect((await upload(plannerB, `/api/v1/reports/${reportId}/photos`, gpsJpeg)).status).toBe(404);
      expect((await upload(planner, `/api/v1/reports/${reportId}/photos`, gpsJpeg)).status).toBe(201);
      expect((await upload(reporter, `/api/v1/reports/${randomUUID()}/photos`, gpsJpeg)).status).toBe(404);
    });
  });

  describe('reading a photo', () => {
    let photo: { id: string; url: string; thumbUrl: string };

    beforeAll(async () => {
      photo = (await upload(reporter, `/api/v1/reports/${await newReport()}/photos`, gpsJpeg)).body;
    });

    it('shows a report’s photo to whoever may see the report, and to nobody else (404)', async () => {
      expect((await download(reporter, photo.url)).status).toBe(200);
      expect((await download(planner, photo.url)).status).toBe(200);
      expect((await download(analyst, photo.thumbUrl)).status).toBe(200);
      expect((await download(reporter2, photo.url)).status).toBe(404);
      expect((await download(walker, photo.url)).status).toBe(404);
      expect((await download(plannerB, photo.url)).status).toBe(404);
      expect((await fetch(server.url + photo.url)).status).toBe(401);
    });

    it('answers 304 when the browser already has it', async () => {
      const first = await download(planner, photo.url);
      const again = await fetch(server.url + photo.url, { headers: { cookie: (planner as unknown as { cookie: string }).cookie, 'if-none-match': first.headers.get('etag')! } });
      expect(again.status).toBe(304);
    });

    it('refuses a bad id (400) or size (400), and an unknown one (404)', async () => {
      expect((await planner.get('/api/v1/photos/xyz')).status).toBe(400);
      expect(detailPaths((await planner.get(`/api/v1/photos/${photo.id}?size=huge`)).body)).toEqual(['size']);
      expect((await planner.get(`/api/v1/photos/${randomUUID()}`)).status).toBe(404);
    });
  });

  describe('photos of findings', () => {
    let walkId: string;
    let findingId: string;

    beforeAll(async () => {
      walkId = (await walker.post('/api/v1/walks', walkBody())).body.id;
      findingId = (await walker.post(`/api/v1/walks/${walkId}/findings`, findingBody())).body.id;
    });

    it('lets the walk leader add one, strips its location, and lists it in the finding and the follow-up list', async () => {
      const res = await upload(walker, `/api/v1/findings/${findingId}/photos`, gpsJpeg);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ findingId, reportId: null });
      expect((await exifOf((await download(analyst, res.body.url)).bytes))?.GPSInfo).toBeUndefined();
      const finding = await planner.get(`/api/v1/findings/${findingId}`);
      expect(finding.body.photos.map((p: { id: string }) => p.id)).toEqual([res.body.id]);
      const listed = await planner.get(`/api/v1/findings?walk=${walkId}`);
      expect(listed.body.features[0].properties.photos).toHaveLength(1);
    });

    it("refuses another walker's upload (403) and reporters (403); a reporter cannot see the photo (404)", async () => {
      expect((await upload(walker2, `/api/v1/findings/${findingId}/photos`, gpsJpeg)).status).toBe(403);
      expect((await upload(reporter, `/api/v1/findings/${findingId}/photos`, gpsJpeg)).status).toBe(403);
      const photo = (await upload(planner, `/api/v1/findings/${findingId}/photos`, gpsJpeg)).body;
      expect((await download(walker2, photo.url)).status).toBe(200);
      expect((await download(reporter, photo.url)).status).toBe(404);
    });

    it('sends photos of a finding to /findings, not to its mirror report (409)', async () => {
      const res = await upload(planner, `/api/v1/reports/${findingId}/photos`, gpsJpeg);
      expect(res.status).toBe(409);
      expect(detailPaths(res.body)).toEqual(['id']);
    });

    it('deletes the photos with the finding', async () => {
      const id = (await walker.post(`/api/v1/walks/${walkId}/findings`, findingBody())).body.id;
      const photo = (await upload(walker, `/api/v1/findings/${id}/photos`, gpsJpeg)).body;
      expect((await walker.delete(`/api/v1/findings/${id}`)).status).toBe(204);
      expect(await photoRows(photo.id)).toBe(0);
    });
  });
});
