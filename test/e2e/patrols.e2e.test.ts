/**
 * Issue 6's screens in Chromium against the real server with the demo area (its active plan
 * "Helgnätter i centrum" with six weeks of logs, and the "Medborgarlöfte Nyfors centrum"):
 * propose and save a plan, the plan's dosage, the briefing, the patrol's phone view checking in
 * and out through the outbox, the promise progress panel, an evaluation, and the planner's map
 * layers. Axe on every view; screenshots (and an A4 PDF of the briefing) in test/e2e/screenshots/.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BrowserSession, browserSkipReason as skipReason, DESKTOP, SCREENSHOTS } from '../support/browser';
import { seriousAccessibilityViolations } from '../support/axe';
import { startTestServer, type TestServer } from '../support/server';
import { openPhone, PLANNER, REPORTER, signIn, userId, waitForOutboxCount } from './field-support';

/** How long a screen may take to show what a test waits for. */
const POLL = { timeout: 20_000 };
/** Inside the demo zone Fristadstorget, the demo plan's first target. */
const FRISTADSTORGET = { latitude: 59.3712, longitude: 16.5093 };

describe.skipIf(skipReason !== null)(`patrol screens in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let server: TestServer;
  let browser: BrowserSession;
  let demoPlanId: string;

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    browser = await BrowserSession.launch();
    demoPlanId = (await server.db.selectFrom('patrol_plans').select('id').where('name', '=', 'Helgnätter i centrum').executeTakeFirstOrThrow()).id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);

  /** A fresh profile signed in as the planner (or another demo user), collecting page errors. */
  async function open(path: string, viewport = DESKTOP, email = PLANNER): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.openPage(viewport);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, server.url, email);
    await page.goto(server.url + path);
    return { page, errors };
  }

  async function expectAccessible(page: Page) {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  /** A screenshot from the top: a full-page shot of a scrolled page paints sticky parts mid-page. */
  async function shoot(page: Page, name: string, fullPage = true) {
    if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: SCREENSHOTS + name, fullPage });
  }

  /** Waits until the element shows `text` (vitest's expect has no web-first assertions). */
  async function shows(locator: Locator, text: string | RegExp) {
    await locator.filter({ hasText: text }).first().waitFor();
  }

  /** The distinct features a named map holds in one of its sources (a feature can sit in several tiles). */
  function featuresOn(page: Page, mapName: string, source: string): Promise<number> {
    return page.evaluate(
      ([name, id]) => {
        const features = window.__tryggkartaMaps?.[name!]?.querySourceFeatures(id!) ?? [];
        return new Set(features.map((f) => JSON.stringify(f.properties))).size;
      },
      [mapName, source],
    );
  }

  it('proposes a plan on the demo data with windows and minutes against the budget, adjusts it and saves it', async () => {
    const { page, errors } = await open('/patrull');
    await page.getByTestId('plan-list').waitFor();
    await page.getByLabel('Budget (minuter per vecka)').fill('300');
    await page.getByRole('button', { name: 'Föreslå', exact: true }).click();
    const proposal = page.getByTestId('proposal');
    await proposal.waitFor();

    const targets = proposal.getByTestId('proposed-target');
    const count = await targets.count();
    expect(count).toBeGreaterThanOrEqual(2);
    // Windows in words, e.g. "fre–lör 20–02", and dwell × visits = minutes per target.
    for (const text of await proposal.getByTestId('target-windows').allTextContents()) {
      expect(text).toMatch(/^(mån|tis|ons|tor|fre|lör|sön|alla dagar)[^;]* \d{2}–\d{2}(; .+)?$/);
    }
    for (const text of await proposal.getByTestId('target-minutes').allTextContents()) {
      const [, dwell, visits, minutes] = /(\d+) min × (\d+) besök = ([\d\s ]+) min\/vecka/.exec(text)!;
      expect(Number(minutes!.replace(/\D/g, ''))).toBe(Number(dwell) * Number(visits));
    }
    const bar = page.getByTestId('budget-bar');
    const used = Number(await bar.getAttribute('data-used'));
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(300);
    await expect.poll(() => featuresOn(page, 'proposal', 'patrol-targets'), POLL).toBe(count);
    await shoot(page, 'patrols-proposal-1280.png');
    await expectAccessible(page);

    // Adjust: drop the last target, give the first a unit; the bar follows.
    const lastMinutes = Number(((await targets.last().getByTestId('target-minutes').textContent()) ?? '').split('=')[1]!.replace(/\D/g, ''));
    await targets.last().getByRole('button', { name: 'Ta bort mål' }).click();
    await expect.poll(() => targets.count(), POLL).toBe(count - 1);
    expect(Number(await bar.getAttribute('data-used'))).toBe(used - lastMinutes);
    await targets.first().getByLabel('Enhet').fill('Patrull 2215');
    await page.getByLabel('Planens namn').fill('Webbtest: föreslagen plan');
    await page.getByRole('button', { name: 'Spara plan (utkast)' }).click();

    await page.waitForURL(/\/patrull\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="plan-detail"][data-state="ready"]').waitFor();
    const planId = page.url().split('/').at(-1)!;
    const stored = await server.db.selectFrom('patrol_targets').select(['unit', 'dwell_minutes', 'visits_per_week']).where('plan_id', '=', planId).orderBy('position').execute();
    expect(stored).toHaveLength(count - 1);
    expect(stored[0]!.unit).toBe('Patrull 2215');
    expect(stored.reduce((sum, t) => sum + t.dwell_minutes * t.visits_per_week, 0)).toBe(used - lastMinutes);
    // A new plan has no logs: said in words, not as a table of zeros pretending to be data.
    await page.getByTestId('nothing-logged').waitFor();
    await page.getByRole('button', { name: 'Aktivera planen' }).click();
    await page.getByRole('button', { name: 'Avsluta planen' }).waitFor();
    expect((await server.db.selectFrom('patrol_plans').select('status').where('id', '=', planId).executeTakeFirstOrThrow()).status).toBe('active');
    expect(errors).toEqual([]);
  }, 120_000);

  it('plan detail shows the dosage week by week as the API computes it, and the targets on the map', async () => {
    const { page, errors } = await open(`/patrull/${demoPlanId}`);
    await page.locator('[data-testid="plan-detail"][data-state="ready"]').waitFor();
    const tables = page.getByTestId('dosage-table');
    await tables.first().waitFor();
    expect(await tables.count()).toBe(3);
    await expect.poll(() => page.getByTestId('nothing-logged').count(), POLL).toBe(0);

    // Every completed week's figures as the dosage endpoint gives them.
    const dosage = (await (await page.request.get(`${server.url}/api/v1/patrol-plans/${demoPlanId}/dosage`)).json()) as {
      targets: { targetId: string; weeks: { week: string; doneVisits: number; plannedVisits: number }[] }[];
    };
    const first = dosage.targets[0]!;
    const logged = first.weeks.find((w) => w.doneVisits > 0)!;
    const row = page.locator(`[data-testid="dosage-table"][data-target="${first.targetId}"] tr[data-week="${logged.week}"]`);
    expect(await row.locator('td').first().textContent()).toBe(`${logged.doneVisits} / ${logged.plannedVisits}`);
    await expect.poll(() => page.getByTestId('plan-target').first().getByTestId('target-windows').textContent(), POLL).toBe('fre–lör 22–04');
    await expect.poll(() => featuresOn(page, 'plan', 'patrol-targets'), POLL).toBe(3);
    await page.getByTestId('dose-legend').waitFor();
    await shoot(page, 'patrols-plan-1280.png');
    await expectAccessible(page);
    expect(errors).toEqual([]);
  }, 90_000);

  it('the briefing is an A4 page with the map, windows, what to look for and the week of stops', async () => {
    const { page, errors } = await open(`/patrull/${demoPlanId}/genomgang`);
    await page.locator('[data-testid="briefing-page"][data-state="ready"]').waitFor();
    await page.getByTestId('briefing-map-image').waitFor({ state: 'visible' });
    const first = page.getByTestId('plan-target').first();
    await expect.poll(() => first.getByTestId('target-windows').textContent(), POLL).toBe('fre–lör 22–04');
    await shows(first, 'Leta efter');
    await shows(first, 'Veckans stopp');
    await shoot(page, 'patrols-briefing-1280.png');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: SCREENSHOTS + 'patrols-briefing.pdf', format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    await expectAccessible(page);
    expect(errors).toEqual([]);
  }, 90_000);

  it('prints the lägesbild in landscape and the briefing in portrait, in whatever order the two were opened', async () => {
    /** The first page's size in PDF points, printed as the page's own CSS asks. */
    async function printedPage(page: Page): Promise<{ width: number; height: number }> {
      await page.emulateMedia({ media: 'print' });
      const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
      await page.emulateMedia({ media: 'screen' });
      const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
      expect(box, 'a MediaBox in the PDF').not.toBeNull();
      return { width: Math.round(Number(box![1])), height: Math.round(Number(box![2])) };
    }
    const A4_LANDSCAPE = { width: 842, height: 595 };
    const A4_PORTRAIT = { width: 595, height: 842 };
    /** Moves inside the single-page app, so the views' stylesheets pile up as for a user. */
    async function goInside(page: Page, path: string) {
      await page.evaluate((to) => {
        history.pushState(null, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
      }, path);
    }

    const { page, errors } = await open('/utskrift');
    const lagesbild = page.locator('[data-testid="print-page"][data-state="ready"]');
    const briefing = page.locator('[data-testid="briefing-page"][data-state="ready"]');
    await lagesbild.waitFor();
    expect(await printedPage(page)).toEqual(A4_LANDSCAPE);
    await goInside(page, `/patrull/${demoPlanId}/genomgang`);
    await briefing.waitFor();
    expect(await printedPage(page)).toEqual(A4_PORTRAIT);
    await goInside(page, '/utskrift');
    await lagesbild.waitFor();
    expect(await printedPage(page)).toEqual(A4_LANDSCAPE);
    expect(errors).toEqual([]);
  }, 120_000);

  it('the phone view checks in and out at a target, queues the log offline, and it arrives once', async () => {
    const reporter = await userId(server.db, REPORTER);
    const since = new Date();
    const page = await openPhone(browser, FRISTADSTORGET);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, server.url, REPORTER);
    await page.goto(`${server.url}/patrull/${demoPlanId}/mobil`);
    await page.locator('[data-testid="patrol-phone"][data-state="ready"]').waitFor();
    await shows(page.getByTestId('next-stop'), /kl\. \d{2}:\d{2}/);
    await shoot(page, 'patrols-phone-390.png');
    await expectAccessible(page);

    await page.getByLabel('Enhet').fill('Patrull 2215');
    await page.getByTestId('phone-target').first().getByRole('button', { name: 'Checka in här' }).click();
    const checkedIn = page.getByTestId('checked-in');
    await shows(checkedIn, 'Incheckad vid Fristadstorget');
    // Walking across the square: each move of more than 5 m is a point of the track.
    await shows(checkedIn, '1 punkt i spåret');
    for (const [points, dLat, dLng] of [[2, 0.0001, 0.0002], [3, 0.0002, 0.0004]] as const) {
      await page.context().setGeolocation({ latitude: FRISTADSTORGET.latitude + dLat, longitude: FRISTADSTORGET.longitude + dLng, accuracy: 8 });
      await shows(checkedIn, `${points} punkter i spåret`);
    }
    await shoot(page, 'patrols-phone-checked-in-390.png');

    // No network at check-out: the log waits in the outbox, then goes when the network returns.
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Checka ut' }).click();
    await shows(page.getByTestId('phone-message'), 'är sparat och skickas när det finns nät');
    await waitForOutboxCount(page, 1);
    await page.context().setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitForOutboxCount(page, 0);
    await expect.poll(() => page.getByTestId('phone-message').textContent(), POLL).toBe('Besöket vid Fristadstorget är skickat.');

    const logs = await sql<{ id: string; unit: string; plan_id: string; kind: string; points: number }>`
      SELECT id, unit, plan_id, GeometryType(geom) AS kind, ST_NPoints(geom)::int AS points
      FROM patrol_logs WHERE created_by = ${reporter} AND created_at >= ${since}`.execute(server.db);
    expect(logs.rows).toHaveLength(1);
    expect(logs.rows[0]).toMatchObject({ unit: 'Patrull 2215', plan_id: demoPlanId, kind: 'LINESTRING', points: 3 });
    expect(errors).toEqual([]);
  }, 120_000);

  it('the phone view fits a desktop window too', async () => {
    const { page, errors } = await open(`/patrull/${demoPlanId}/mobil`, DESKTOP, REPORTER);
    await page.locator('[data-testid="patrol-phone"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('phone-target').count()).toBe(3);
    await shoot(page, 'patrols-phone-1280.png');
    expect(errors).toEqual([]);
  }, 60_000);

  it('the promise progress panel shows each target’s periods, on track in words, and counts a logged activity', async () => {
    const { page, errors } = await open('/loften');
    const panel = page.getByTestId('promise-progress');
    await panel.waitFor();
    const targets = panel.getByTestId('progress-target');
    expect(await targets.count()).toBe(4);
    // Patrol visits per ISO week, from the demo's six months of logs.
    const weekly = targets.first();
    await expect.poll(() => weekly.locator('h4').textContent(), POLL).toBe('Patrullbesök i Nyfors centrum: 4 per vecka');
    await shows(weekly.getByTestId('on-track'), /(I fas|Inte i fas): \d+ av \d+ veckor uppfyllda/);
    expect(await weekly.locator('li.period.met').count()).toBeGreaterThan(10);
    await expect.poll(() => weekly.locator('li.period').first().getAttribute('data-period'), POLL).toMatch(/^\d{4}-W\d{2}$/);
    // The same periods as a table: done against goal, week by week.
    await weekly.getByText('Visa perioderna som tabell').click();
    const firstRow = weekly.locator('.period-table tbody tr').first();
    expect(await firstRow.locator('th').textContent()).toMatch(/^v\. \d{1,2} \d{4}$/);
    expect(await firstRow.locator('td').nth(1).textContent()).toMatch(/^\d+$/);
    await shoot(page, 'patrols-promises-1280.png');
    await expectAccessible(page);

    const counts = page.getByTestId('activity-counts');
    const before = Number(/Skolbesök: (\d+)/.exec((await counts.textContent()) ?? '')?.[1] ?? 0);
    const form = page.getByTestId('activity-form');
    await form.getByLabel('Slag').selectOption('skolbesok');
    await form.getByLabel('Antal').fill('2');
    await form.getByLabel('Anteckning').fill('Besök i årskurs 8');
    await form.getByRole('button', { name: 'Spara aktivitet' }).click();
    await shows(form, 'Aktiviteten är sparad.');
    await shows(counts, `Skolbesök: ${before + 2}`);
    expect(errors).toEqual([]);
  }, 90_000);

  it('a new promise is saved as a draft with its targets and can be activated', async () => {
    const { page, errors } = await open('/loften');
    await page.getByTestId('promise-list').waitFor();
    await page.getByRole('button', { name: 'Nytt medborgarlöfte' }).click();
    const form = page.getByTestId('promise-form');
    await form.getByLabel('Titel').fill('Trygg väg till skolan');
    await form.getByLabel('Ägare').selectOption('kommun');
    await form.getByLabel('Vad räknas').selectOption('walks');
    await form.getByLabel('Mål (antal)').fill('1');
    await form.getByLabel('Per', { exact: true }).selectOption('month');
    await form.getByRole('button', { name: 'Spara löftet (utkast)' }).click();
    const detail = page.getByTestId('promise-detail');
    await expect.poll(() => detail.locator('h2').textContent(), POLL).toBe('Trygg väg till skolan');
    await shows(detail, 'Kommunen');
    await expect.poll(() => detail.getByTestId('progress-target').count(), POLL).toBe(1);
    await page.getByRole('button', { name: 'Aktivera löftet' }).click();
    await page.getByRole('button', { name: 'Avsluta löftet' }).waitFor({ state: 'visible' });
    const stored = await server.db.selectFrom('promises').select(['status', 'owner']).where('title', '=', 'Trygg väg till skolan').executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'active', owner: 'kommun' });
    expect(errors).toEqual([]);
  }, 90_000);

  it('an evaluation shows treated against control with the interval, and says when there are too few reports', async () => {
    const promise = await server.db.selectFrom('promises').select('period_from').where('title', '=', 'Medborgarlöfte Nyfors centrum').executeTakeFirstOrThrow();
    const start = new Date(promise.period_from);
    const day = (offset: number) => new Date(start.getTime() + offset * 86_400_000 + 12 * 3600_000).toISOString().slice(0, 10);
    const { page, errors } = await open('/utvardering');
    const form = page.getByTestId('evaluation-form');
    await form.waitFor();
    await form.getByLabel('En plats').check();
    await form.getByLabel('Plats', { exact: true }).selectOption({ label: 'Nyfors centrum' });
    // Twelve weeks before the patrols started against the twelve weeks after.
    await form.locator('#evaluation-before-from').fill(day(-84));
    await form.locator('#evaluation-before-to').fill(day(-1));
    await form.locator('#evaluation-after-from').fill(day(0));
    await form.locator('#evaluation-after-to').fill(day(83));
    await form.getByRole('button', { name: 'Utvärdera' }).click();
    const result = page.locator('[data-testid="evaluation-result"][data-state="ready"]');
    await result.waitFor();
    await expect.poll(() => result.getByTestId('verdict').getAttribute('data-code'), POLL).toMatch(/^(decrease|possible-decrease|no-clear-change|possible-increase|increase)$/);
    await shows(result.getByTestId('certainty'), /intervallet [−+]?\d+,\d{2} till [−+]?\d+,\d{2}/);
    await result.getByTestId('interval-chart').waitFor({ state: 'visible' });
    await result.getByTestId('ring-verdict').waitFor({ state: 'visible' });
    await shoot(page, 'patrols-evaluation-1280.png');
    await expectAccessible(page);

    // One day before and one after on a quiet place: too few reports to tell, said so.
    await form.getByLabel('Plats', { exact: true }).selectOption({ label: 'Tunavallen' });
    await form.locator('#evaluation-before-from').fill(day(-2));
    await form.locator('#evaluation-before-to').fill(day(-2));
    await form.locator('#evaluation-after-from').fill(day(0));
    await form.locator('#evaluation-after-to').fill(day(0));
    await form.getByRole('button', { name: 'Utvärdera' }).click();
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-code'), POLL).toBe('too-few-reports');
    await shows(page.getByTestId('verdict'), 'För få rapporter för att avgöra.');
    expect(errors).toEqual([]);
  }, 90_000);

  it("the planner's map shows the active plan's targets with their windows, the dosage colouring and the promise summary", async () => {
    const { page, errors } = await open('/?res=9');
    await page.locator('[data-testid="hotspot-status"][data-state="ready"]').waitFor();
    await page.getByRole('checkbox', { name: 'Färga målen efter veckans dos' }).check();
    await page.getByRole('checkbox', { name: 'Medborgarlöften (sammanfattning)' }).check();
    await expect.poll(() => new URL(page.url()).searchParams.get('plan'), POLL).toBe('1');
    expect(new URL(page.url()).searchParams.get('dos')).toBe('1');

    const panel = page.getByTestId('active-plans');
    await shows(panel, 'Helgnätter i centrum');
    await shows(panel, 'Fristadstorget');
    await shows(panel, 'fre–lör 22–04');
    await shows(panel, /v\. \d+ hittills: \d+ av 6 besök/);
    // Every target of every active plan (another test may have activated one more).
    const active = await sql<{ n: number }>`SELECT count(*)::int AS n FROM patrol_targets t JOIN patrol_plans p ON p.id = t.plan_id WHERE p.status = 'active'`.execute(server.db);
    await expect.poll(() => featuresOn(page, 'lagesbild', 'patrol-targets'), POLL).toBe(active.rows[0]!.n);
    await expect.poll(() => featuresOn(page, 'lagesbild', 'patrol-targets-dose'), POLL).toBe(active.rows[0]!.n);
    await page.getByTestId('dose-legend').waitFor();
    await shows(page.getByTestId('promise-summary-panel'), 'Medborgarlöfte Nyfors centrum');
    await shows(page.getByTestId('promise-summary-panel'), /\d av 4 mål i fas/);
    await shoot(page, 'patrols-lagesbild-1280.png', false);
    await panel.getByRole('button', { name: 'Visa Fristadstorget på kartan' }).click();
    await expect.poll(() => page.evaluate(() => window.__tryggkartaMaps!.lagesbild!.getZoom()), POLL).toBeGreaterThan(14);
    await expectAccessible(page);
    expect(errors).toEqual([]);
  }, 90_000);

  it('the patrol list on a phone shows the active plans to the units on patrol', async () => {
    const page = await openPhone(browser, FRISTADSTORGET);
    await signIn(page, server.url, REPORTER);
    await page.goto(`${server.url}/patrull`);
    await page.getByRole('link', { name: 'Öppna mobilvyn' }).first().waitFor();
    await shows(page.locator('main'), 'Helgnätter i centrum');
    await shoot(page, 'patrols-field-list-390.png');
    await expectAccessible(page);
  }, 60_000);
});
