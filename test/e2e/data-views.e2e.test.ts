/**
 * The planner's data views in a real browser against the real server and the demo area: drawing
 * a place on the map, the reports table (sort, filter, triage, export) and a report's page, the
 * admin's settings, each checked with axe. Screenshots land in test/e2e/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAccessibilityViolations } from '../support/axe';
import { BrowserSession, browserSkipReason as skipReason, DESKTOP, PHONE, SCREENSHOTS } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

const PASSWORD = 'demo-losenord-2026';
const PLANNER = 'planerare@demo.tryggkarta.se';

describe.skipIf(skipReason !== null)(`data views in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let server: TestServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true, demoReportCount: 3000 });
    browser = await BrowserSession.launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);

  async function signedIn(path: string, email = PLANNER, viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.openPage(viewport);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const res = await page.request.post(`${server.url}/api/v1/auth/login`, { data: { email, password: PASSWORD } });
    expect(res.status()).toBe(200);
    await page.goto(server.url + path);
    return { page, errors };
  }

  const mapIdle = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = window.__tryggkartaMap!;
          map.once('idle', () => resolve());
          map.triggerRepaint();
        }),
    );

  describe('places (/platser)', () => {
    it('a planner draws a place by clicking its corners, names it, and it is there after a reload', async () => {
      const { page, errors } = await signedIn('/platser');
      await page.getByRole('heading', { name: 'Områdets platser' }).waitFor();
      await page.getByText('12 platser', { exact: true }).waitFor();
      await page.waitForFunction(() => window.__tryggkartaMap?.getLayer('zones-fill') !== undefined);
      await mapIdle(page);
      await page.screenshot({ path: SCREENSHOTS + 'zones-1280.png' });

      await page.getByRole('button', { name: 'Rita ny plats' }).click();
      const canvas = page.locator('.maplibregl-canvas');
      const box = (await canvas.boundingBox())!;
      const [cx, cy] = [box.x + box.width * 0.3, box.y + box.height * 0.7];
      for (const [dx, dy] of [[-50, -40], [50, -40], [60, 40], [-40, 50]] as const) await page.mouse.click(cx + dx, cy + dy);
      await page.getByTestId('corner-count').filter({ hasText: /^4 hörn$/ }).waitFor();
      // The first corner dragged a little: corners can be moved before the shape is saved.
      await page.mouse.move(cx - 50, cy - 40);
      await page.mouse.down();
      await page.mouse.move(cx - 70, cy - 50, { steps: 5 });
      await page.mouse.up();
      await page.screenshot({ path: SCREENSHOTS + 'zones-drawing-1280.png' });
      await page.getByRole('button', { name: 'Slutför formen' }).click();
      await page.getByLabel('Platsens namn').fill('Testplatsen vid ån');
      await page.getByRole('button', { name: 'Spara plats' }).click();
      await page.getByRole('status').filter({ hasText: '”Testplatsen vid ån” sparades.' }).waitFor();

      await page.reload();
      await page.getByText('13 platser', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Visa Testplatsen vid ån på kartan' }).click();
      const stored = await (await page.request.get(`${server.url}/api/v1/zones`)).json();
      const zone = stored.features.find((f: any) => f.properties.name === 'Testplatsen vid ån');
      expect(zone.geometry.type).toBe('Polygon');
      expect(zone.geometry.coordinates[0]).toHaveLength(5);
      expect(zone.properties.areaKm2).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await mapIdle(page);
      await page.screenshot({ path: SCREENSHOTS + 'zones-saved-1280.png' });
    }, 120_000);

    it('renames a place from the keyboard', async () => {
      const { page } = await signedIn('/platser');
      await page.getByText(/\d+ platser/).waitFor();
      const row = page.locator('li[data-zone-name="Tunavallen"]');
      await row.getByRole('button', { name: 'Byt namn' }).focus();
      await page.keyboard.press('Enter');
      await page.getByLabel('Nytt namn för Tunavallen').fill('Tunavallen idrottsplats');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Visa Tunavallen idrottsplats på kartan' }).waitFor();
    }, 60_000);

    it('has no serious or critical accessibility violations', async () => {
      const { page } = await signedIn('/platser');
      await page.getByText(/\d+ platser/).waitFor();
      await page.waitForFunction(() => window.__tryggkartaMap?.getLayer('zones-fill') !== undefined);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    }, 60_000);
  });

  describe('reports (/rapporter)', () => {
    const ready = (page: Page) => page.locator('[data-testid="reports-status"][data-state="ready"]').waitFor();

    it('sorts by severity when its header is clicked, and filters by status', async () => {
      const { page, errors } = await signedIn('/rapporter');
      await ready(page);
      expect(await page.locator('tbody tr').count()).toBe(50);
      await page.getByRole('button', { name: 'Sortera efter Allvar' }).click();
      await page.waitForFunction(() => document.querySelector('th[aria-sort="descending"] [data-sort="severity"]') !== null);
      await ready(page);
      const severities = await page.locator('tbody tr .severity').allTextContents();
      expect(severities.slice(0, 5)).toEqual(['Hög', 'Hög', 'Hög', 'Hög', 'Hög']);
      expect(new URL(page.url()).searchParams.get('sort')).toBe('severity');

      // The demo has no archived report: two known ones are archived first, so the filter has something to find.
      const archived = (await page.locator('tbody tr').evaluateAll((rows) => rows.slice(0, 2).map((r) => r.getAttribute('data-report-id')!))).sort();
      const patched = await page.request.patch(`${server.url}/api/v1/reports`, { headers: { origin: server.url }, data: { ids: archived, status: 'archived' } });
      expect(patched.status(), await patched.text()).toBe(200);
      const shownIds = async () => (await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-report-id')!))).sort();

      await page.getByRole('checkbox', { name: 'Arkiverad' }).check();
      await ready(page);
      await page.waitForFunction(() => new URL(location.href).searchParams.get('status') === 'archived');
      await ready(page);
      expect(await shownIds()).toEqual(archived);
      const statuses = await page.locator('tbody select[data-status-of]').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
      expect(statuses).toEqual(['archived', 'archived']);

      // Without that status (only "Ny"), neither is shown.
      await page.getByRole('checkbox', { name: 'Arkiverad' }).uncheck();
      await page.getByRole('checkbox', { name: 'Ny', exact: true }).check();
      await page.waitForFunction(() => new URL(location.href).searchParams.get('status') === 'new');
      await ready(page);
      const shownNew = await shownIds();
      expect(shownNew.length).toBeGreaterThan(0);
      expect(shownNew.filter((id) => archived.includes(id))).toEqual([]);
      expect(errors).toEqual([]);
    }, 90_000);

    it('triages one report inline and several at once, and the server keeps it', async () => {
      const { page } = await signedIn('/rapporter?status=new');
      await ready(page);
      const first = page.locator('tbody tr').first();
      const id = (await first.getAttribute('data-report-id'))!;
      await first.locator('select[data-status-of]').selectOption('reviewed');
      await page.getByRole('status').filter({ hasText: 'Ändringen sparades.' }).waitFor();
      expect((await (await page.request.get(`${server.url}/api/v1/reports/${id}`)).json()).status).toBe('reviewed');

      const rows = page.locator('tbody tr');
      const ids = [(await rows.nth(1).getAttribute('data-report-id'))!, (await rows.nth(2).getAttribute('data-report-id'))!];
      await rows.nth(1).getByRole('checkbox').check();
      await rows.nth(2).getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Markera valda som granskade' }).click();
      await page.getByRole('status').filter({ hasText: '2 rapporter ändrades.' }).waitFor();
      for (const other of ids) expect((await (await page.request.get(`${server.url}/api/v1/reports/${other}`)).json()).status).toBe('reviewed');
      await page.screenshot({ path: SCREENSHOTS + 'reports-1280.png' });
    }, 90_000);

    it('exports the current selection as CSV and GeoJSON, all of it, in the table’s order', async () => {
      const { page } = await signedIn('/rapporter?sort=severity&order=desc&status=new,reviewed');
      await ready(page);
      const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
      const geoHref = await page.getByRole('link', { name: 'GeoJSON' }).getAttribute('href');
      expect(csvHref).toContain('format=csv');
      expect(csvHref).toContain('status=new%2Creviewed');
      expect(csvHref).toContain('sort=severity');
      const csv = await (await page.request.get(server.url + csvHref)).text();
      const geo = await (await page.request.get(server.url + geoHref)).json();
      expect(csv.split('\r\n').filter(Boolean).length - 1).toBe(geo.features.length);
      expect(geo.features.length).toBeGreaterThan(50);
      const severities = geo.features.map((f: any) => f.properties.severity);
      expect(severities).toEqual([...severities].sort((a: number, b: number) => b - a));
    }, 60_000);

    it('opens a report’s page with its map, fields and triage history', async () => {
      const { page, errors } = await signedIn('/rapporter');
      await ready(page);
      await page.locator('tbody tr').first().getByRole('link').click();
      await page.getByRole('heading', { name: 'Uppgifter' }).waitFor();
      await page.waitForFunction(() => window.__tryggkartaMap?.getLayer('report-point') !== undefined);
      await page.getByLabel('Status').selectOption('archived');
      await page.getByRole('heading', { name: 'Historik' }).waitFor();
      await page.locator('ol.history li').filter({ hasText: 'Arkiverad' }).waitFor();
      expect(await page.getByTestId('report-status').textContent()).toBe('Arkiverad');
      await mapIdle(page);
      expect(errors).toEqual([]);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: SCREENSHOTS + 'report-detail-1280.png', fullPage: true });
    }, 90_000);

    it('has no serious or critical accessibility violations, on desktop and on a phone', async () => {
      const { page } = await signedIn('/rapporter');
      await ready(page);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      const phone = await signedIn('/rapporter', PLANNER, PHONE);
      await ready(phone.page);
      await phone.page.screenshot({ path: SCREENSHOTS + 'reports-390.png' });
    }, 90_000);

    it('a reporter sees only their own reports, without triage controls', async () => {
      const { page } = await signedIn('/rapporter', 'rapportor@demo.tryggkarta.se');
      await ready(page);
      expect(await page.locator('tbody select').count()).toBe(0);
    }, 60_000);
  });

  describe('settings (/installningar)', () => {
    it('the admin words the confidentiality marking and the print threshold, and the print page uses them at once', async () => {
      // The print page is opened first, so the area's settings are already loaded when they change.
      const { page } = await signedIn('/utskrift', 'admin@demo.tryggkarta.se');
      // In-app navigation, as the menu does: the page (and what it loaded) stays.
      const goInApp = (path: string) => page.evaluate((to) => (history.pushState(null, '', to), dispatchEvent(new PopStateEvent('popstate'))), path);
      await page.getByTestId('confidentiality-marking').filter({ hasText: 'Omfattas av sekretess enligt OSL' }).waitFor();
      await goInApp('/installningar');
      await page.getByLabel('Sekretessmarkering').waitFor();
      expect(await page.getByLabel('Sekretessmarkering').inputValue()).toBe('Omfattas av sekretess enligt OSL');
      await page.getByLabel('Sekretessmarkering').fill('Sekretess enligt OSL 18 kap.');
      await page.getByLabel('Minsta antal i delade versioner').fill('4');
      await page.getByRole('button', { name: 'Spara inställningar' }).click();
      await page.getByRole('status').filter({ hasText: 'Inställningarna sparades.' }).waitFor();
      const area = await (await page.request.get(`${server.url}/api/v1/areas/current`)).json();
      expect(area).toMatchObject({ confidentialityMarking: 'Sekretess enligt OSL 18 kap.', printMinCount: 4 });
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: SCREENSHOTS + 'settings-1280.png', fullPage: true });
      await goInApp('/utskrift');
      await page.getByTestId('confidentiality-marking').filter({ hasText: 'Sekretess enligt OSL 18 kap.' }).waitFor({ timeout: 10_000 });
    }, 60_000);
  });
});
