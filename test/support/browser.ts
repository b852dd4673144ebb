import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium, headless, as the browser tests drive it (no browser download). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('../e2e/screenshots/', import.meta.url));
export const DESKTOP = { width: 1280, height: 720 };
export const PHONE = { width: 390, height: 844 };

/** Why the browser tests skip, or null when Chromium is there. */
export const browserSkipReason = existsSync(CHROMIUM_PATH) ? null : `no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`;

declare global {
  interface Window {
    __TRYGGKARTA_TEST__?: boolean;
    __tryggkartaMap?: import('maplibre-gl').Map;
    /** The planner views' maps by name: lagesbild, compareA, compareB, trends, print. */
    __tryggkartaMaps?: Record<string, import('maplibre-gl').Map>;
  }
}

/** One browser for a test file; each page gets a fresh profile (own cookies) with the map handle exposed. */
export class BrowserSession {
  private readonly contexts: BrowserContext[] = [];
  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<BrowserSession> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      // No GPU and no network of its own here; SwiftShader gives maplibre its WebGL.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-unsafe-swiftshader'],
    });
    return new BrowserSession(browser);
  }

  /** `options` adds to the defaults, e.g. a geolocation and its permission for the field screens. */
  async openPage(viewport = DESKTOP, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({ viewport, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', ...options });
    this.contexts.push(context);
    await context.addInitScript(() => {
      window.__TRYGGKARTA_TEST__ = true;
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return page;
  }

  async close() {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close();
  }
}
