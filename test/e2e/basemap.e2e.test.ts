/**
 * The basemap in Chromium: a self-hosted .pmtiles archive (made by the test) drawn through the
 * pmtiles protocol with no request leaving the server, and the fall-back to the built-in style
 * within about 3 s when a remote basemap hangs, without console errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BrowserSession, browserSkipReason as skipReason, SCREENSHOTS } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { writePmtiles } from '../support/pmtiles-fixture';
import { seriousAccessibilityViolations } from '../support/axe';

const LOGIN = { email: 'planerare@demo.tryggkarta.se', password: 'demo-losenord-2026' };
const dir = mkdtempSync(path.join(tmpdir(), 'tk-basemap-e2e-'));

describe.skipIf(skipReason !== null)(`basemap in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await BrowserSession.launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Waits until the map's style has this name (getStyle answers nothing before a style has loaded). */
  const styleNamed = (page: Page, name: string, timeout?: number) =>
    page.waitForFunction(
      (wanted) => {
        try {
          return window.__tryggkartaMap?.getStyle()?.name === wanted;
        } catch {
          return false;
        }
      },
      name,
      { timeout },
    );

  /** A signed-in page on /platser, recording console errors and every URL the page asks for. */
  async function openPlaces(server: TestServer): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const page = await browser.openPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('request', (r) => requests.push(r.url()));
    expect((await page.request.post(`${server.url}/api/v1/auth/login`, { data: LOGIN })).status()).toBe(200);
    await page.goto(`${server.url}/platser`);
    await page.waitForFunction(() => window.__tryggkartaMap !== undefined);
    return { page, errors, requests };
  }

  describe.each(['mvt', 'png'] as const)('a self-hosted %s archive (BASEMAP_PMTILES)', (tileType) => {
    let server: TestServer;
    beforeAll(async () => {
      const file = path.join(dir, `karta-${tileType}.pmtiles`);
      await writePmtiles(file, tileType);
      server = await startTestServer({ seedDemo: true, demoReportCount: 300, env: { BASEMAP_PMTILES: file } });
    }, 120_000);
    afterAll(() => server?.close());

    it('is drawn under the places, every request to this server, without console errors', async () => {
      const { page, errors, requests } = await openPlaces(server);
      await styleNamed(page, 'tryggkarta-pmtiles');
      await page.waitForFunction(() => window.__tryggkartaMap!.getLayer('zones-fill') !== undefined);
      const drawn = await page.evaluate(
        (type) =>
          new Promise<number>((resolve) => {
            const map = window.__tryggkartaMap!;
            map.once('idle', () => {
              if (type === 'mvt') resolve(map.queryRenderedFeatures({ layers: ['basemap-water-fill'] }).length);
              // Raster tiles have no features to query: count the basemap tiles the source has drawn.
              else resolve((map.style as unknown as { tileManagers?: Record<string, { getRenderableIds(): unknown[] }>; sourceCaches?: Record<string, { getRenderableIds(): unknown[] }> }).tileManagers?.basemap?.getRenderableIds().length ?? (map.style as unknown as { sourceCaches: Record<string, { getRenderableIds(): unknown[] }> }).sourceCaches?.basemap?.getRenderableIds().length ?? 0);
            });
            map.triggerRepaint();
          }),
        tileType,
      );
      expect(drawn).toBeGreaterThan(0);
      expect(await page.evaluate(() => window.__tryggkartaMap!.getStyle().name)).toBe('tryggkarta-pmtiles');
      expect(await page.getByText('Bakgrundskartan kunde inte laddas').count()).toBe(0);
      const elsewhere = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
      expect(elsewhere).toEqual([]);
      expect(requests.some((u) => u.includes(`/basemap/karta-${tileType}.pmtiles`))).toBe(true);
      expect(errors).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}basemap-pmtiles-${tileType}-1280.png` });
    }, 90_000);
  });

  describe('a remote basemap that never answers', () => {
    let server: TestServer;
    let hanging: http.Server;
    let tilesHang: http.Server;
    let base: string;

    beforeAll(async () => {
      // Accepts connections and requests, answers nothing: what a blocked network feels like.
      hanging = http.createServer(() => undefined);
      await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
      server = await startTestServer({ seedDemo: true, demoReportCount: 300, env: { BASEMAP_STYLE_URL: `${base}/style.json` } });
      // A style that arrives, whose tiles (from the same host) never do.
      tilesHang = http.createServer((req, res) => {
        if (req.url !== '/style.json') return;
        const host = `http://${req.headers.host}`;
        res.setHeader('access-control-allow-origin', '*');
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ version: 8, name: 'remote', sources: { osm: { type: 'raster', tiles: [`${host}/tiles/{z}/{x}/{y}.png`], tileSize: 256 } }, layers: [{ id: 'osm', type: 'raster', source: 'osm' }] }));
      });
      await new Promise<void>((resolve) => tilesHang.listen(0, '127.0.0.1', resolve));
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      hanging?.closeAllConnections();
      hanging?.close();
      tilesHang?.closeAllConnections();
      tilesHang?.close();
    });

    async function fallsBack(page: Page, errors: string[]) {
      const started = await page.evaluate(() => performance.now());
      await styleNamed(page, 'tryggkarta-fallback', 6000);
      const tookMs = (await page.evaluate(() => performance.now())) - started;
      // The built-in style carries the area boundary and the places again.
      await page.waitForFunction(() => window.__tryggkartaMap!.getLayer('area-line') !== undefined && window.__tryggkartaMap!.getLayer('zones-fill') !== undefined);
      await page.getByText('Bakgrundskartan kunde inte laddas; kartan visas utan den.').waitFor();
      expect(tookMs).toBeLessThan(4000);
      expect(errors).toEqual([]);
    }

    it('falls back to the built-in style within about 3 s when the style hangs, without console errors', async () => {
      const { page, errors } = await openPlaces(server);
      await fallsBack(page, errors);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}basemap-fallback-1280.png` });
    }, 60_000);

    it('falls back too when the style loads but none of its tiles do', async () => {
      const port = (tilesHang.address() as AddressInfo).port;
      const other = await startTestServer({ seedDemo: true, demoReportCount: 100, env: { BASEMAP_STYLE_URL: `http://127.0.0.1:${port}/style.json` } });
      try {
        const { page, errors } = await openPlaces(other);
        await fallsBack(page, errors);
      } finally {
        await other.close();
      }
    }, 120_000);
  });
});
