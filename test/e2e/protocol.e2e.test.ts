/**
 * The printed walk protocol in a real browser against the real server and its real CSP: the page
 * opens with no CSP violation, its thumbnails load (same origin, with the session), the map shows
 * the route and every finding, the print layout is A4 and has no serious accessibility problems.
 * Screenshots and the printed PDF land in test/e2e/screenshots/.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAccessibilityViolations } from '../support/axe';
import { BrowserSession, browserSkipReason as skipReason, DESKTOP, SCREENSHOTS } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { ApiClient, createTestArea, PASSWORD, type TestArea } from '../support/fixtures';
import { walkForProtocol } from '../walks/protocol-fixture';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

describe.skipIf(skipReason !== null)(`walk protocol in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let server: TestServer;
  let browser: BrowserSession;
  let area: TestArea;
  let walkId: string;

  beforeAll(async () => {
    server = await startTestServer();
    area = await createTestArea(server.db, 'proto-e2e');
    const [walker, planner] = await Promise.all([ApiClient.login(server.url, area.users.walker.email), ApiClient.login(server.url, area.users.planner.email)]);
    walkId = (await walkForProtocol(walker, planner)).walk.id;
    browser = await BrowserSession.launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);

  /** A page logged in as the area's planner, recording CSP violations and failed requests. */
  async function protocolPage(): Promise<{ page: Page; violations: () => Promise<string[]>; failed: string[] }> {
    const page = await browser.openPage(DESKTOP);
    await page.context().addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: { email: area.users.planner.email, password: PASSWORD }, headers: { origin: server.url } });
    expect(login.status()).toBe(200);
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${server.url}/api/v1/walks/${walkId}/protocol`);
    return { page, violations: () => page.evaluate(() => window.__cspViolations ?? []), failed };
  }

  it('opens as HTML for a browser, under the CSP, with its thumbnails and map', async () => {
    const { page, violations, failed } = await protocolPage();
    await page.getByRole('heading', { name: 'Kvällsvandring Fristaden' }).waitFor();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    const images = await page.evaluate(() => [...document.images].map((img) => ({ src: img.getAttribute('src'), width: img.naturalWidth })));
    expect(images).toHaveLength(1);
    expect(images[0]!.width).toBe(400);
    expect(await page.locator('svg.map g.marker').count()).toBe(3);
    expect(await page.locator('svg.map path.walked').count()).toBe(2);
    expect(await violations()).toEqual([]);
    expect(failed).toEqual([]);
    await page.screenshot({ path: SCREENSHOTS + 'protocol-1280.png', fullPage: true });
  }, 90_000);

  it('prints on A4 without the on-screen hint', async () => {
    const { page } = await protocolPage();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.hint').isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(SCREENSHOTS + 'protocol.pdf', pdf);
    const text = pdf.toString('latin1');
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(boxes.length).toBeGreaterThanOrEqual(1);
    // A4 portrait is 595 × 842 points.
    for (const box of boxes) expect(box).toEqual([595, 842]);
  }, 90_000);

  it('has no serious or critical accessibility violations', async () => {
    const { page } = await protocolPage();
    await page.getByRole('heading', { name: 'Kvällsvandring Fristaden' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 90_000);
});
