import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FetchSource, PMTiles, TileType } from 'pmtiles';
import { startTestServer, type TestServer } from '../support/server';
import { writePmtiles } from '../support/pmtiles-fixture';
import { basemapChoice, OPENFREEMAP_LIBERTY } from '../../server/basemap/basemap-choice';
import { ConfigError, parseConfig } from '../../server/config';

/** The basemap: which one is drawn, and the self-hosted archive served with HTTP range requests. */

const dir = mkdtempSync(path.join(tmpdir(), 'tk-basemap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('which basemap is drawn', () => {
  const choose = (env: Record<string, string>) => basemapChoice(parseConfig({ LOG_LEVEL: 'silent', ...env }));

  it('a self-hosted archive wins over any style URL', async () => {
    const file = path.join(dir, 'sverige.pmtiles');
    await writePmtiles(file, 'png');
    expect(choose({ BASEMAP_PMTILES: file, BASEMAP_STYLE_URL: 'https://example.org/style.json' })).toMatchObject({ kind: 'pmtiles', styleUrl: '/basemap/style.json', archiveName: 'sverige.pmtiles' });
  });

  it('a chosen style URL is used as it is; "none" is the built-in style', () => {
    expect(choose({ BASEMAP_STYLE_URL: 'https://example.org/style.json', NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) })).toEqual({ kind: 'remote', styleUrl: 'https://example.org/style.json' });
    expect(choose({ BASEMAP_STYLE_URL: 'none' })).toEqual({ kind: 'builtin', styleUrl: null });
  });

  it('unset: the free OpenStreetMap style while developing, the built-in style in production (no third party learns where police look)', () => {
    expect(choose({ NODE_ENV: 'development' })).toEqual({ kind: 'remote', styleUrl: OPENFREEMAP_LIBERTY });
    expect(choose({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) })).toEqual({ kind: 'builtin', styleUrl: null });
    expect(choose({ NODE_ENV: 'test' })).toEqual({ kind: 'builtin', styleUrl: null });
  });

  it.each([
    [{ BASEMAP_PMTILES: '/nowhere/karta.pmtiles' }, /BASEMAP_PMTILES: no such file/],
    [{ BASEMAP_PMTILES: path.join(dir, 'karta.mbtiles') }, /BASEMAP_PMTILES: must name a \.pmtiles file/],
    [{ BASEMAP_STYLE_URL: 'liberty' }, /BASEMAP_STYLE_URL/],
  ])('%j stops the start naming the variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});

describe.each(['mvt', 'png'] as const)('a self-hosted %s archive', (tileType) => {
  let server: TestServer;
  let archive: Buffer;
  const file = path.join(dir, `omrade-${tileType}.pmtiles`);

  beforeAll(async () => {
    archive = await writePmtiles(file, tileType);
    server = await startTestServer({ env: { BASEMAP_PMTILES: file } });
  });
  afterAll(async () => {
    await server?.close();
  });

  const archiveUrl = () => `${server.url}/basemap/omrade-${tileType}.pmtiles`;

  it('is what the web app is told to draw', async () => {
    const res = await fetch(`${server.url}/api/v1/client-config`);
    expect(await res.json()).toEqual({ basemapStyleUrl: '/basemap/style.json', basemapKind: 'pmtiles' });
  });

  it('has a style that reads the archive through the pmtiles protocol from this server only, without labels', async () => {
    const style = await (await fetch(`${server.url}/basemap/style.json`)).json();
    expect(style.version).toBe(8);
    expect(style.sources.basemap).toMatchObject({ type: tileType === 'mvt' ? 'vector' : 'raster', url: `pmtiles://${archiveUrl()}`, attribution: '© OpenStreetMap-bidragsgivare (testdata)' });
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
    expect(style.layers.some((l: any) => l.type === 'symbol')).toBe(false);
    const urls = (JSON.stringify(style).match(/"[a-z]+:\/\/[^"]*"/g) ?? []).map((u) => JSON.parse(u) as string);
    expect(urls).toEqual([`pmtiles://${archiveUrl()}`]);
    const ids = style.layers.map((l: any) => l.id);
    if (tileType === 'mvt') {
      // Water under the roads, whatever order the archive lists its layers in.
      expect(ids).toEqual(['background', 'basemap-water-fill', 'basemap-water-line', 'basemap-roads-line']);
    } else {
      expect(ids).toEqual(['background', 'basemap-raster']);
    }
  });

  it('answers a range request with 206, the bytes asked for, Accept-Ranges and an ETag', async () => {
    const res = await fetch(archiveUrl(), { headers: { range: 'bytes=0-126' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-range')).toBe(`bytes 0-126/${archive.length}`);
    expect(res.headers.get('etag')).toBeTruthy();
    expect(Buffer.from(await res.arrayBuffer())).toEqual(archive.subarray(0, 127));
    const tail = await fetch(archiveUrl(), { headers: { range: `bytes=${archive.length - 10}-` } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(archive.subarray(archive.length - 10));
  });

  it('honours If-Range: the same ETag gets the range, another one the whole file', async () => {
    const etag = (await fetch(archiveUrl(), { method: 'HEAD' })).headers.get('etag')!;
    const same = await fetch(archiveUrl(), { headers: { range: 'bytes=0-9', 'if-range': etag } });
    expect(same.status).toBe(206);
    await same.arrayBuffer();
    const changed = await fetch(archiveUrl(), { headers: { range: 'bytes=0-9', 'if-range': '"stale-etag"' } });
    expect(changed.status).toBe(200);
    expect(Buffer.from(await changed.arrayBuffer())).toEqual(archive);
  });

  it('answers a range past the end with 416, and HEAD and a whole GET with the file', async () => {
    const past = await fetch(archiveUrl(), { headers: { range: `bytes=${archive.length + 5}-${archive.length + 10}` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${archive.length}`);
    await past.arrayBuffer();
    const head = await fetch(archiveUrl(), { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(archive.length));
    expect(head.headers.get('content-type')).toBe('application/vnd.pmtiles');
    expect(Buffer.from(await (await fetch(archiveUrl())).arrayBuffer())).toEqual(archive);
  });

  it('is read over HTTP by the pmtiles library the browser uses', async () => {
    const remote = new PMTiles(new FetchSource(archiveUrl()));
    const header = await remote.getHeader();
    expect(header.tileType).toBe(tileType === 'mvt' ? TileType.Mvt : TileType.Png);
    expect(header.maxZoom).toBe(1);
    const tile = await remote.getZxy(1, 1, 0);
    expect(tile?.data.byteLength).toBeGreaterThan(0);
    expect(await remote.getZxy(1, 0, 1)).toBeUndefined();
  });

  it('serves no other file under /basemap', async () => {
    expect((await fetch(`${server.url}/basemap/annan.pmtiles`)).status).toBe(404);
    expect((await fetch(`${server.url}/basemap/..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('a self-hosted archive whose name needs escaping', () => {
  let server: TestServer;
  let archive: Buffer;
  const name = 'karta (stad) 2026.pmtiles';

  beforeAll(async () => {
    archive = await writePmtiles(path.join(dir, name), 'png');
    server = await startTestServer({ env: { BASEMAP_PMTILES: path.join(dir, name) } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is served at the encoded URL its style links to', async () => {
    const style = await (await fetch(`${server.url}/basemap/style.json`)).json();
    const url = `${server.url}/basemap/${encodeURIComponent(name)}`;
    expect(style.sources.basemap.url).toBe(`pmtiles://${url}`);
    const res = await fetch(url, { headers: { range: 'bytes=0-9' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(archive.subarray(0, 10));
    expect((await fetch(`${server.url}/basemap/karta%20(stad).pmtiles`)).status).toBe(404);
  });
});

describe('a remote basemap host without TLS', () => {
  it('is allowed by the Content-Security-Policy, so the browser may fetch its style and tiles', async () => {
    const server = await startTestServer({ env: { BASEMAP_STYLE_URL: 'http://karta.intern:8081/styles/bas.json' } });
    try {
      const csp = (await fetch(`${server.url}/api/v1/health`)).headers.get('content-security-policy')!;
      expect(csp).toMatch(/connect-src 'self' https: http:\/\/karta\.intern:8081/);
      expect(csp).toMatch(/img-src [^;]*http:\/\/karta\.intern:8081/);
    } finally {
      await server.close();
    }
  });
});

describe('without a self-hosted archive', () => {
  it('has no /basemap files', async () => {
    const server = await startTestServer();
    try {
      expect((await fetch(`${server.url}/basemap/style.json`)).status).toBe(404);
      expect(await (await fetch(`${server.url}/api/v1/client-config`)).json()).toEqual({ basemapStyleUrl: null, basemapKind: 'builtin' });
    } finally {
      await server.close();
    }
  });
});

it('a file that is not a PMTiles archive is refused at start by the server (see main.ts) and by the reader', async () => {
  const { readArchiveInfo } = await import('../../server/basemap/pmtiles-file');
  const bogus = path.join(dir, 'trasig.pmtiles');
  writeFileSync(bogus, 'not a tile archive at all, just text that is long enough to fill a header of one hundred and twenty-seven bytes...........');
  await expect(readArchiveInfo(bogus)).rejects.toThrow();
});
