/**
 * Issue 5, a safety walk from plan to protocol in Chromium: a walker plans it on the phone,
 * walks it with a simulated GPS (the context's geolocation stepped along a path) with a pause,
 * records findings with a photo, finishes it, and opens its printable protocol; a planner follows
 * the findings up and plans the re-walk, whose checklist is ticked off on site. Screenshots of
 * each phone screen at 390 px land in test/e2e/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { BrowserSession, browserSkipReason as skipReason } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import {
  cameraPhoto,
  CENTRE,
  enterFinding,
  openPhone,
  PLANNER,
  screenshot,
  seriousAccessibilityViolations,
  signIn,
  waitForOutboxCount,
  WALKER,
} from './field-support';

/** ~22 m per step north-east from the centre: every step is a fix the recorder keeps. */
const step = (i: number) => ({ latitude: CENTRE.latitude + i * 0.00015, longitude: CENTRE.longitude + i * 0.0002 });

describe.skipIf(skipReason !== null)(`safety walk on a phone${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let server: TestServer;
  let browser: BrowserSession;
  let walkId: string;
  let rewalkId: string;

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true, demoReportCount: 300 });
    browser = await BrowserSession.launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);

  /**
   * Moves the phone to step i and waits until the recorder kept it (recordedAfter = the expected
   * count), or, while paused, until the page has the new fix (told apart by its accuracy).
   */
  async function moveTo(page: Page, i: number, recordedAfter: number | null): Promise<void> {
    const accuracy = recordedAfter === null ? 20 + i : 8;
    await page.context().setGeolocation({ ...step(i), accuracy });
    if (recordedAfter !== null) await page.locator(`[data-testid="track-points"][data-count="${recordedAfter}"]`).waitFor();
    else await page.getByText(`GPS ±${accuracy} m`).waitFor();
  }

  it('plans a walk, records its route with a pause, logs findings with a photo, finishes it, and prints its protocol', async () => {
    const page = await openPhone(browser, step(0));
    page.on('dialog', (dialog) => void dialog.accept());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, server.url, WALKER);
    await page.goto(`${server.url}/`);
    // Walkers land on the walks.
    await page.getByRole('heading', { name: 'Trygghetsvandringar' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/vandringar');
    await screenshot(page, 'walk-list-start-390');

    await page.getByRole('link', { name: 'Planera ny vandring' }).click();
    await page.getByLabel('Namn').fill('Trygghetsvandring Fristadstorget–Stationen');
    await page.getByLabel('Eskilstuna kommun, trygghetssamordnare').check();
    await page.getByLabel('Polisen lokalpolisområde Eskilstuna').check();
    await page.getByLabel('Övriga deltagare (en per rad)').fill('Boende, Fröslunda\nFastighetsvärd');
    await page.getByLabel('Anteckningar').fill('Samling 18.00 vid Fristadstorget. Ta med ficklampa.');
    const map = page.locator('.field-map canvas');
    await map.waitFor();
    // Zoomed in where the walk goes (as a user would pinch), then the route tapped along the street.
    await page.evaluate((centre) => window.__tryggkartaMap!.jumpTo({ center: [centre.longitude + 0.001, centre.latitude + 0.0007], zoom: 16 }), CENTRE);
    for (const [x, y] of [[110, 260], [190, 200], [290, 130]] as const) await map.click({ position: { x, y } });
    await page.getByText('Sträckan har 3 punkter.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'walk-plan-390');
    await page.getByRole('button', { name: 'Spara vandringen' }).click();
    await page.getByTestId('walk-status').waitFor();
    walkId = new URL(page.url()).pathname.split('/')[2]!;
    await waitForOutboxCount(page, 0);

    await page.getByRole('button', { name: 'Starta vandringen' }).click();
    await page.locator('[data-testid="walk-controls"][data-mode="recording"]').waitFor();
    await page.locator('[data-testid="track-points"][data-count="1"]').waitFor();
    for (let i = 1; i <= 4; i++) await moveTo(page, i, i + 1);
    await screenshot(page, 'walk-recording-390');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Paused: the next two positions are not part of the route.
    await page.getByRole('button', { name: 'Pausa' }).click();
    await page.locator('[data-testid="walk-controls"][data-mode="paused"]').waitFor();
    await page.getByText('Pausad – sträckan spelas inte in').waitFor();
    await moveTo(page, 5, null);
    await moveTo(page, 6, null);
    await screenshot(page, 'walk-paused-390', false);
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    // Resuming records where the phone is now.
    await page.locator('[data-testid="track-points"][data-count="6"]').waitFor();
    await moveTo(page, 7, 7);

    await page.getByRole('button', { name: 'Ny iakttagelse' }).click();
    await page.getByTestId('finding-form').waitFor();
    await screenshot(page, 'walk-finding-form-390');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await enterFinding(page, {
      category: 'Belysning',
      priority: 'Hög',
      description: 'Gångtunneln under järnvägen är helt mörk',
      proposedFix: 'Ny belysning i tunneln',
      responsible: 'Trafikverket',
      photo: await cameraPhoto(),
    });
    await moveTo(page, 8, 8);
    await moveTo(page, 9, 9);
    await enterFinding(page, { category: 'Vegetation', priority: 'Medel', description: 'Häcken skymmer sikten mot parkeringen', responsible: 'Fastighetsägare' });
    await moveTo(page, 10, 10);

    await page.getByRole('button', { name: 'Avsluta vandringen' }).click();
    await page.locator('[data-testid="walk-status"][data-status="done"]').waitFor();
    await waitForOutboxCount(page, 0);
    await page.reload();
    await page.locator('[data-testid="walk-finding"][data-pending="false"]').nth(1).waitFor();
    await screenshot(page, 'walk-done-390');

    const walk = (await sql<{ status: string; started_at: Date; ended_at: Date }>`SELECT status, started_at, ended_at FROM walks WHERE id = ${walkId}`.execute(server.db)).rows[0]!;
    expect(walk.status).toBe('done');
    const points = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM walk_track_points WHERE walk_id = ${walkId}`.execute(server.db)).rows[0]!.n;
    // Steps 0–4, the resume at 6, then 7–10: the paused step 5 is not there.
    expect(points).toBe(10);
    const findings = (await sql<{ category: string; photos: number }>`
      SELECT f.category, (SELECT count(*)::int FROM photos p WHERE p.finding_id = f.id) AS photos
      FROM findings f WHERE f.walk_id = ${walkId} ORDER BY f.observed_at`.execute(server.db)).rows;
    expect(findings).toEqual([{ category: 'belysning', photos: 1 }, { category: 'vegetation', photos: 0 }]);

    await page.getByRole('link', { name: 'Protokoll' }).click();
    const frame = page.frameLocator('[data-testid="protocol-frame"]');
    await frame.locator('body').waitFor();
    await frame.getByText('Trygghetsvandring Fristadstorget–Stationen').first().waitFor();
    await screenshot(page, 'walk-protocol-390');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Tillbaka' }).click();
    await page.getByRole('link', { name: 'Alla vandringar' }).click();
    await page.getByTestId('walk-list').waitFor();
    await screenshot(page, 'walk-list-390');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('prints the protocol on A4 with the route map, the findings, their photos, owners, deadlines and status', async () => {
    const page = await browser.openPage({ width: 794, height: 1123 });
    await signIn(page, server.url, PLANNER);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.emulateMedia({ media: 'print' });
    const response = await page.goto(`${server.url}/api/v1/walks/${walkId}/protocol?format=html`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    await page.locator('svg').first().waitFor();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
    await screenshot(page, 'walk-protocol-print-a4');
    const text = await page.locator('body').textContent();
    for (const expected of ['Belysning', 'Vegetation', 'Trafikverket', 'Gångtunneln under järnvägen är helt mörk']) expect(text).toContain(expected);
    // No CSP violations (no inline scripts, no third-party tiles).
    expect(errors).toEqual([]);
  }, 60_000);

  it('lets a planner follow the findings up (status, owner, due date, comment, history) and plan the re-walk, whose checklist is ticked off on site', async () => {
    const page = await openPhone(browser, step(7));
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, server.url, PLANNER);
    await page.goto(`${server.url}/uppfoljning`);
    await page.getByTestId('finding-count').waitFor();
    await page.getByLabel('Vandring').selectOption({ label: 'Trygghetsvandring Fristadstorget–Stationen' });
    // Anchored: the unfiltered list may hold 12 or 22 findings, whose count also contains "2 iakttagelser".
    await page.getByTestId('finding-count').filter({ hasText: /^2 iakttagelser$/ }).waitFor();
    expect(await page.getByTestId('follow-up-finding').count()).toBe(2);
    const first = page.getByTestId('follow-up-finding').filter({ hasText: 'Belysning' });
    await first.getByRole('button', { name: 'Följ upp' }).click();
    const form = first.getByTestId('finding-follow-up');
    await form.getByLabel('Status').selectOption('planned');
    await form.getByLabel('Ägare (vem gör det)').fill('Trafikverket, region Öst');
    await form.getByLabel('Klart senast').fill('2027-03-31');
    await form.getByLabel('Kommentar').fill('Lovat vid uppföljningsmötet 4/12.');
    await form.getByRole('button', { name: 'Spara ändringen' }).click();
    await form.getByText('Ändringen är sparad.').waitFor();
    await form.getByText('Status: Öppen → Åtgärd planerad').waitFor();
    await screenshot(page, 'follow-up-390');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.goto(`${server.url}/vandringar/${walkId}`);
    await page.getByRole('button', { name: 'Planera återbesök' }).click();
    await page.getByTestId('walk-checks').waitFor();
    rewalkId = new URL(page.url()).pathname.split('/')[2]!;
    expect(rewalkId).not.toBe(walkId);
    await page.getByRole('button', { name: 'Starta vandringen' }).click();
    await page.locator('[data-testid="walk-status"][data-status="ongoing"]').waitFor();
    const checks = page.getByTestId('walk-checks');
    await checks.getByRole('group', { name: 'Belysning' }).getByRole('button', { name: 'Åtgärdat', exact: true }).click();
    await checks.getByRole('group', { name: 'Vegetation' }).getByRole('button', { name: 'Inte åtgärdat' }).click();
    await checks.getByText('Sparat: Åtgärdat').waitFor();
    await checks.getByText('Sparat: Inte åtgärdat').waitFor();
    await waitForOutboxCount(page, 0);
    await screenshot(page, 'rewalk-checklist-390');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const results = (await sql<{ category: string; result: string; status: string }>`
      SELECT f.category, c.result, f.status FROM walk_checks c JOIN findings f ON f.id = c.finding_id
      WHERE c.walk_id = ${rewalkId} ORDER BY f.category`.execute(server.db)).rows;
    expect(results).toEqual([
      { category: 'belysning', result: 'fixed', status: 'fixed' },
      { category: 'vegetation', result: 'not-fixed', status: 'open' },
    ]);
  }, 180_000);
});
