import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { latLngToCell } from 'h3-js';
import { createApiToken } from '../../server/auth/auth.service';
import { BACKENDS } from '../support/backends';
import { createTestArea, type TestArea } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Text answers are compressed for clients that ask (Accept-Encoding), and only those: the same
 * bytes come back once decoded; small answers, range requests and clients that do not ask get
 * them as they are.
 */

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A bare GET whose body is not decoded (fetch would undo the compression out of sight). */
function rawGet(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const WINDOW = 'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z';

describe.each(BACKENDS)('compressed answers (%s)', (backend) => {
  let server: TestServer;
  let area: TestArea;
  let auth: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    area = await createTestArea(server.db, 'gzip');
    auth = { authorization: `Bearer ${(await createApiToken(server.db, { id: area.users.planner.id, areaId: area.id }, 'test')).token}` };
    // 300 reports in as many places, so the hexagons' GeoJSON is tens of kilobytes.
    for (let i = 0; i < 300; i++) {
      const lng = 16.42 + (i % 20) * 0.008;
      const lat = 59.3 + Math.floor(i / 20) * 0.009;
      await sql`
        INSERT INTO reports (area_id, id, category, observed_at, geom, h3, severity, source, location_precision)
        VALUES (${area.id}, gen_random_uuid(), 'vald', ${`2026-01-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00Z`},
                ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326), ${BigInt(`0x${latLngToCell(lat, lng, 15)}`).toString()}, 2, 'app', 'point')`.execute(server.db);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it('gzips the hotspots GeoJSON for a client that asks, to the same JSON, and says it varies by Accept-Encoding', async () => {
    const path = `/api/v1/hotspots?res=10&${WINDOW}`;
    const plain = await rawGet(server.url + path, auth);
    const gzip = await rawGet(server.url + path, { ...auth, 'accept-encoding': 'gzip' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const collection = JSON.parse(plain.body.toString('utf8'));
    expect(collection.features.length).toBe(300);
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(collection);
    expect(gzip.body.length).toBeLessThan(plain.body.length / 3);
  });

  it('uses Brotli when that is what the client prefers, and compresses the CSV export too', async () => {
    const path = `/api/v1/hotspots?res=10&${WINDOW}&format=csv`;
    const plain = await rawGet(server.url + path, auth);
    const br = await rawGet(server.url + path, { ...auth, 'accept-encoding': 'br' });
    expect(plain.headers['content-type']).toMatch(/^text\/csv/);
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(plain.body.toString('utf8'));
    expect(br.headers['content-disposition']).toBe(plain.headers['content-disposition']);
  });

  it('leaves small answers and errors under 1 kB as they are', async () => {
    const health = await rawGet(`${server.url}/api/v1/health`, { 'accept-encoding': 'gzip' });
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    const refused = await rawGet(`${server.url}/api/v1/hotspots?res=99`, { ...auth, 'accept-encoding': 'gzip' });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refused.body.toString('utf8')).error.details[0].path).toBe('res');
  });

  it("compresses the web app's scripts, but answers a range request with the stored bytes", async () => {
    const index = await rawGet(`${server.url}/`, {});
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(index.body.toString('utf8'))?.[1];
    expect(script, 'the built index.html names its script').toBeTruthy();
    const plain = await rawGet(server.url + script, {});
    const gzip = await rawGet(server.url + script, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    // 5,000 bytes: above the 1 kB threshold, so only the range rule keeps it as stored.
    const range = await rawGet(server.url + script, { 'accept-encoding': 'gzip', range: 'bytes=0-4999' });
    expect(range.status).toBe(206);
    expect(range.headers['content-encoding']).toBeUndefined();
    expect(range.headers['content-range']).toBe(`bytes 0-4999/${plain.body.length}`);
    expect(range.body.equals(plain.body.subarray(0, 5000))).toBe(true);
  });
});
