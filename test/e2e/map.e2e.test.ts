/**
 * The lägesbild map in a real browser against the real server with the demo area seeded:
 * sign in, hexagons drawn, the category filter changes them, and no serious accessibility
 * problems on the login page or the map view. Screenshots land in test/e2e/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BrowserSession, browserSkipReason as skipReason, DESKTOP, PHONE, SCREENSHOTS } from '../support/browser';
import { seriousAccessibilityViolations } from '../support/axe';
import { startTestServer } from '../support/server';

const PLANNER = { email: 'planerare@demo.tryggkarta.se', password: 'demo-losenord-2026' };

describe.skipIf(skipReason !== null)(`lägesbild map in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let server: { url: string; close(): Promise<void> };
  let browser: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    browser = await BrowserSession.launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);

  const openPage = (viewport = DESKTOP): Promise<Page> => browser.openPage(viewport);

  async function signInThroughForm(page: Page): Promise<void> {
    await page.goto(server.url + '/');
    await page.getByLabel('E-postadress').fill(PLANNER.email);
    await page.getByLabel('Lösenord').fill(PLANNER.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
  }

  /** Signing in over the API shares the session cookie with the page: quicker when login is not under test. */
  async function openSignedIn(viewport = DESKTOP): Promise<Page> {
    const page = await openPage(viewport);
    const response = await page.request.post(server.url + '/api/v1/auth/login', { data: PLANNER });
    expect(response.status()).toBe(200);
    await page.goto(server.url + '/');
    return page;
  }

  async function waitForHotspots(page: Page): Promise<void> {
    await page.locator('[data-testid="hotspot-status"][data-state="ready"]').waitFor();
  }

  /** Distinct hexagon cells maplibre has drawn, as "cell:count", sorted, once the map is idle. */
  async function renderedCells(page: Page): Promise<string[]> {
    await page.waitForFunction(() => window.__tryggkartaMaps?.lagesbild?.getLayer('cells-fill') !== undefined);
    return page.evaluate(async () => {
      const map = window.__tryggkartaMaps!.lagesbild!;
      // 'idle' comes after the next frame in which no source is loading, so new data is drawn.
      await new Promise((resolve) => {
        map.once('idle', resolve);
        map.triggerRepaint();
      });
      const features = map.queryRenderedFeatures({ layers: ['cells-fill'] });
      return [...new Set(features.map((f) => `${f.properties.cell}:${f.properties.count}`))].sort();
    });
  }

  /** Res 9 does not depend on how the demo area's bounding box fits the window. */
  async function chooseResolution9(page: Page): Promise<void> {
    await page.getByLabel('Hexagonstorlek').selectOption('9');
    // The legend names the resolution of the data actually drawn.
    await page.getByText('Upplösning 9:').waitFor();
    await waitForHotspots(page);
  }


  it('the login page has no serious or critical accessibility violations', async () => {
    const page = await openPage();
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await page.screenshot({ path: SCREENSHOTS + 'login-1280.png' });

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 60_000);

  it('a wrong password is answered in words on the login page', async () => {
    const page = await openPage();
    await page.goto(server.url + '/');
    await page.getByLabel('E-postadress').fill(PLANNER.email);
    await page.getByLabel('Lösenord').fill('fel-losenord');
    await page.getByRole('button', { name: 'Logga in' }).click();

    await page.getByRole('alert').filter({ hasText: 'Fel e-postadress eller lösenord' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  }, 60_000);

  it('a planner signs in and sees more than ten hexagons over the demo area', async () => {
    const page = await openPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await signInThroughForm(page);
    await page.getByRole('heading', { name: /Lägesbild/ }).waitFor();
    await waitForHotspots(page);
    await chooseResolution9(page);

    const cells = await renderedCells(page);
    expect(cells.length).toBeGreaterThan(10);
    await page.getByText('Syntetiska demodata').waitFor();
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: SCREENSHOTS + 'lagesbild-1280.png' });
  }, 90_000);

  it('choosing other categories changes the hexagons drawn', async () => {
    const page = await openSignedIn();
    await waitForHotspots(page);
    await chooseResolution9(page);
    const allCategories = await renderedCells(page);
    const totalBefore = await page.getByTestId('total-count').textContent();

    await page.getByRole('button', { name: 'Rensa: Kategorier' }).click();
    await page.locator('input[type="checkbox"][value="vald"]').check();
    await page.waitForFunction((before) => {
      const status = document.querySelector('[data-testid="hotspot-status"]')?.getAttribute('data-state');
      const total = document.querySelector('[data-testid="total-count"]')?.textContent;
      return status === 'ready' && total !== before && total !== '–';
    }, totalBefore);
    const violenceOnly = await renderedCells(page);

    expect(violenceOnly).not.toEqual(allCategories);
    expect(violenceOnly.length).toBeLessThan(allCategories.length);
    await page.screenshot({ path: SCREENSHOTS + 'lagesbild-vald-1280.png' });
  }, 90_000);

  it('the map view has no serious or critical accessibility violations', async () => {
    const page = await openSignedIn();
    await waitForHotspots(page);
    await renderedCells(page);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 90_000);

  it('on a 390 px phone the filter panel sits below the map', async () => {
    const page = await openSignedIn(PHONE);
    await waitForHotspots(page);
    await renderedCells(page);

    const map = await page.locator('.map-pane').boundingBox();
    const panel = await page.locator('.panel').boundingBox();
    expect(map && panel && panel.y >= map.y + map.height - 1).toBe(true);
    expect(map!.width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: SCREENSHOTS + 'lagesbild-390.png', fullPage: true });
  }, 90_000);
});
