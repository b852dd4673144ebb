/**
 * The public map (/oppen/<code>) in a real browser against the real server with the demo area
 * seeded and its public view switched on: no login, hexagons drawn, none below k, the period
 * choice works, a friendly page for an unpublished area, and no serious accessibility problems.
 * Screenshots land in test/e2e/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { BrowserSession, browserSkipReason as skipReason, DESKTOP, PHONE, SCREENSHOTS } from '../support/browser';
import { seriousAccessibilityViolations } from '../support/axe';
import { startTestServer, type TestServer } from '../support/server';



describe.skipIf(skipReason !== null)(`public map in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let server: TestServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    await server.db
      .updateTable('areas')
      .set({ settings: sql`settings || '{"publicHotspots": true}'::jsonb` as unknown as string })
      .where('code', '=', 'demo')
      .execute();
    browser = await BrowserSession.launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);

  const openPage = (viewport = DESKTOP): Promise<Page> => browser.openPage(viewport);

  async function waitForCells(page: Page): Promise<void> {
    await page.locator('[data-testid="public-status"][data-state="ready"]').waitFor();
  }

  /** Distinct hexagons maplibre has drawn, with their counts, once the map is idle. */
  async function renderedCells(page: Page): Promise<{ cell: string; count: number }[]> {
    await page.waitForFunction(() => window.__tryggkartaMap?.getLayer('hotspot-fill') !== undefined);
    return page.evaluate(async () => {
      const map = window.__tryggkartaMap!;
      await new Promise((resolve) => {
        map.once('idle', resolve);
        map.triggerRepaint();
      });
      const features = map.queryRenderedFeatures({ layers: ['hotspot-fill'] });
      const byCell = new Map(features.map((f) => [String(f.properties.cell), Number(f.properties.count)]));
      return [...byCell].map(([cell, count]) => ({ cell, count }));
    });
  }


  it('shows the demo area’s hexagons without login, none below k, with the explanation', async () => {
    const page = await openPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(server.url + '/oppen/demo');
    await page.getByRole('heading', { name: /Öppen karta – / }).waitFor();
    await waitForCells(page);
    const cells = await renderedCells(page);

    expect(cells.length).toBeGreaterThan(5);
    for (const { count } of cells) expect(count).toBeGreaterThanOrEqual(5);
    await page.getByText('Hexagoner med färre än 5 rapporter under perioden visas inte alls').waitFor();
    await page.getByText(/per hel vecka \(måndag–söndag\)/).waitFor();
    expect(new URL(page.url()).pathname).toBe('/oppen/demo');
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: SCREENSHOTS + 'public-1280.png' });
  }, 90_000);

  it('has no serious or critical accessibility violations', async () => {
    const page = await openPage();
    await page.goto(server.url + '/oppen/demo');
    await waitForCells(page);
    await renderedCells(page);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 90_000);

  it('a longer period shows at least as many hexagons', async () => {
    const page = await openPage();
    await page.goto(server.url + '/oppen/demo');
    await waitForCells(page);
    const fourWeeks = await renderedCells(page);
    const periodBefore = await page.getByTestId('public-period').textContent();

    await page.getByLabel('Period').selectOption('13');
    await page.waitForFunction((before) => document.querySelector('[data-testid="public-period"]')?.textContent !== before, periodBefore);
    await waitForCells(page);
    const thirteenWeeks = await renderedCells(page);

    expect(thirteenWeeks.length).toBeGreaterThanOrEqual(fourWeeks.length);
    expect(await page.getByTestId('public-period').textContent()).not.toBe(periodBefore);
  }, 90_000);

  it('on a 390 px phone the explanation sits below the map, and all is readable', async () => {
    const page = await openPage(PHONE);
    await page.goto(server.url + '/oppen/demo');
    await waitForCells(page);
    await renderedCells(page);

    const map = await page.locator('.map-pane').boundingBox();
    const panel = await page.locator('.panel').boundingBox();
    expect(map && panel && panel.y >= map.y + map.height - 1).toBe(true);
    expect(map!.width).toBeLessThanOrEqual(PHONE.width);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: SCREENSHOTS + 'public-390.png', fullPage: true });
  }, 90_000);

  it('an area that is not published gets a friendly page, not a login form', async () => {
    const page = await openPage();
    await page.goto(server.url + '/oppen/finns-inte');
    await page.getByRole('heading', { name: 'Kartan är inte publicerad' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/oppen/finns-inte');
    expect(await page.getByLabel('Lösenord').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: SCREENSHOTS + 'public-not-published-1280.png' });
  }, 60_000);
});
