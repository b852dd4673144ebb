/**
 * Shared steps of the field browser tests (issue 5): a phone with a GPS position, signed in,
 * the service worker in control, forms filled through the UI, and counts read from the server's
 * own database.
 */
import sharp from 'sharp';
import { sql } from 'kysely';
import type { BrowserContext, Page } from 'playwright-core';
import type { Db } from '../../server/db/database';
import { BrowserSession, PHONE, SCREENSHOTS } from '../support/browser';

export const DEMO_PASSWORD = 'demo-losenord-2026';
export const WALKER = 'vandring@demo.tryggkarta.se';
export const REPORTER = 'rapportor@demo.tryggkarta.se';
export const PLANNER = 'planerare@demo.tryggkarta.se';
/** Inside the demo area, in Eskilstuna centre (Fristadstorget). */
export const CENTRE = { latitude: 59.3713, longitude: 16.5102 };

/** Fast retries in tests: the schedule's shape is unit-tested; here only "again, later" matters. */
export const TEST_BACKOFF = { baseMs: 150, factor: 2, maxMs: 1_500 };

/** A phone at `at`; `backgroundSync` grants what an installed app has (headless Chromium denies it by default). */
export async function openPhone(browser: BrowserSession, at = CENTRE, options: { backgroundSync?: boolean } = {}): Promise<Page> {
  const permissions = options.backgroundSync ? ['geolocation', 'background-sync'] : ['geolocation'];
  const page = await browser.openPage(PHONE, { geolocation: { ...at, accuracy: 35 }, permissions });
  await page.context().addInitScript((backoff) => {
    window.__TRYGGKARTA_BACKOFF__ = backoff;
  }, TEST_BACKOFF);
  return page;
}

export async function signIn(page: Page, baseUrl: string, email: string): Promise<number> {
  const response = await page.request.post(`${baseUrl}/api/v1/auth/login`, { data: { email, password: DEMO_PASSWORD } });
  if (response.status() !== 200) throw new Error(`login ${email}: ${response.status()}`);
  return ((await response.json()) as { user: { id: number } }).user.id;
}

/** Waits until the service worker controls the page: installed, so the app shell is precached. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // ready resolves once a worker is active, which it only becomes after its install (the precache) succeeded.
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

/** Client-side navigation (no page load), as a tap on a link would do. */
export async function goTo(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

export async function outboxCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('outbox-badge').getAttribute('data-count'));
}

export async function waitForOutboxCount(page: Page, count: number, timeout = 60_000): Promise<void> {
  await page.locator(`[data-testid="outbox-badge"][data-count="${count}"]`).waitFor({ timeout });
}

export async function waitForGps(page: Page): Promise<void> {
  await page.locator('[data-testid="position-status"][data-source="gps"]').first().waitFor();
}

/** Fills the report form: a category chip, a severity, optionally a description; then saves it. */
export async function enterReport(page: Page, r: { category: string; severity?: 'Låg' | 'Medel' | 'Hög'; description?: string }): Promise<void> {
  const before = await outboxCount(page);
  await waitForGps(page);
  await page.getByTestId('category-chips').getByRole('radio', { name: r.category, exact: true }).check();
  if (r.severity) await page.locator('fieldset', { hasText: 'Allvarlighet' }).getByRole('radio', { name: r.severity, exact: true }).check();
  if (r.description) await page.getByLabel('Beskrivning (frivillig)').fill(r.description);
  await page.getByRole('button', { name: 'Spara rapport' }).click();
  await page.getByTestId('report-saved').waitFor();
  // Saved when the outbox has it, or (online) when it already went.
  await page.waitForFunction(
    (n) => {
      const badge = document.querySelector('[data-testid="outbox-badge"]');
      const sent = document.querySelector('[data-testid="report-saved"]')?.textContent ?? '';
      return Number(badge?.getAttribute('data-count')) > n || sent.includes('skickas nu');
    },
    before,
  );
}

/** A camera-sized JPEG (4000 × 3000) with a GPS position in its EXIF, as a phone would take it. */
export async function cameraPhoto(): Promise<Buffer> {
  const { data, info } = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 90, g: 120, b: 160 } } })
    .composite([{ input: Buffer.from('<svg width="400" height="300"><rect x="40" y="40" width="160" height="120" fill="#feb24c"/><circle cx="300" cy="200" r="60" fill="#b10026"/></svg>'), top: 0, left: 0 }])
    .raw()
    .toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: info })
    .resize(4000, 3000)
    .jpeg({ quality: 80 })
    .withExifMerge({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 22/1 1668/100', GPSLongitudeRef: 'E', GPSLongitude: '16/1 30/1 3672/100' } })
    .toBuffer();
}

/** Opens the finding form on a walk page, fills it, attaches a photo if given, and saves. */
export async function enterFinding(page: Page, f: { category: string; priority?: 'Hög' | 'Medel' | 'Låg'; description?: string; proposedFix?: string; responsible?: string; photo?: Buffer }): Promise<void> {
  await page.getByRole('button', { name: 'Ny iakttagelse' }).first().click();
  const form = page.getByTestId('finding-form');
  await form.waitFor();
  await waitForGps(page);
  await form.getByTestId('finding-category-chips').getByRole('radio', { name: f.category, exact: true }).check();
  if (f.priority) await form.locator('fieldset', { hasText: 'Prioritet' }).getByRole('radio', { name: f.priority, exact: true }).check();
  if (f.description) await form.getByLabel('Beskrivning').fill(f.description);
  if (f.proposedFix) await form.getByLabel('Förslag på åtgärd').fill(f.proposedFix);
  if (f.responsible) await form.locator('fieldset', { hasText: 'Vem ansvarar?' }).getByRole('radio', { name: f.responsible, exact: true }).check();
  if (f.photo) {
    await form.getByTestId('photo-input').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: f.photo });
    await form.getByAltText('Det valda fotot').waitFor();
  }
  await form.getByRole('button', { name: 'Spara iakttagelsen' }).click();
  await form.waitFor({ state: 'detached' });
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  // From the top: a full-page shot of a scrolled page paints the sticky header mid-page.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage });
}

export { seriousAccessibilityViolations } from '../support/axe';

export async function userId(db: Db, email: string): Promise<number> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

/** What the server has from one user since a point in time: reports, findings, photos. */
export async function storedSince(db: Db, user: number, since: Date) {
  const reports = await sql<{ id: string; category: string }>`
    SELECT id, category FROM reports WHERE reporter_id = ${user} AND source = 'app' AND reported_at >= ${since} ORDER BY reported_at`.execute(db);
  const findings = await sql<{ id: string; walk_id: string; category: string }>`
    SELECT id, walk_id, category FROM findings WHERE created_by = ${user} AND created_at >= ${since} ORDER BY created_at`.execute(db);
  const photos = await sql<{ id: string; report_id: string | null; finding_id: string | null; width: number; height: number }>`
    SELECT id, report_id, finding_id, width, height FROM photos WHERE uploaded_by = ${user} AND created_at >= ${since}`.execute(db);
  return { reports: reports.rows, findings: findings.rows, photos: photos.rows };
}

/**
 * Every write the server received from one user since `since`, by answer, from the audit log
 * (which records each write with the status the client was sent): 201 stored new, 200 "already
 * stored" (a retry of something the server had), anything else refused.
 */
export async function writesReceived(db: Db, user: number, sinceAuditId: string) {
  // The audit log is written once the answer is out: let it settle.
  let last = -1;
  for (let stable = 0; stable < 3; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const n = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE id > ${sinceAuditId}::bigint`.execute(db)).rows[0]!.n;
    stable = n === last ? stable + 1 : 0;
    last = n;
  }
  const rows = await sql<{ method: string; status: number; n: number }>`
    SELECT method, status, count(*)::int AS n FROM audit_log
    WHERE user_id = ${user} AND id > ${sinceAuditId}::bigint AND method IN ('POST', 'PATCH') AND action NOT LIKE 'auth.%'
    GROUP BY method, status ORDER BY method, status`.execute(db);
  return rows.rows;
}

export async function auditHighWater(db: Db): Promise<string> {
  return (await sql<{ id: string }>`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`.execute(db)).rows[0]!.id;
}

/** Counts the API writes the page and its service worker send, as the browser sees them. */
export function countWrites(context: BrowserContext): { sent: () => number; byPath: () => Record<string, number> } {
  const paths: Record<string, number> = {};
  let sent = 0;
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/v1/') || url.pathname.startsWith('/api/v1/auth/')) return;
    if (request.method() !== 'POST' && request.method() !== 'PATCH') return;
    sent += 1;
    const key = `${request.method()} ${url.pathname.replace(/[0-9a-f-]{36}/g, ':id')}`;
    paths[key] = (paths[key] ?? 0) + 1;
  });
  return { sent: () => sent, byPath: () => ({ ...paths }) };
}
