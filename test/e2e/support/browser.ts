import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Debian's chromium: the only browser these tests use. They never download one. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where screenshots go: on failure always, and on success when a test saves one for people to look at. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../test-results/e2e/', import.meta.url));

const probeChromium = (): string | null => {
  if (existsSync(CHROMIUM_PATH)) return null;
  const reason = `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`;
  // On CI the browser is part of the machine: its absence is a failure, not a skip.
  if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires it`);
  return reason;
};

/** Null when the browser is there; otherwise why browser suites are skipped. */
export const browserSkipReason: string | null = probeChromium();
if (browserSkipReason) console.warn(`skipping browser tests: ${browserSkipReason}`);

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-renderer-backgrounding',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-dev-shm-usage',
      '--disable-extensions',
      '--mute-audio',
    ],
  });

/** A file name from a test name: letters, digits, dots and dashes only. */
export const screenshotPath = (name: string): string => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const safe = name
    .replace(/[^a-zA-Z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 150);
  return `${SCREENSHOT_DIR}${safe || 'unnamed'}.png`;
};

export interface BrowserSession {
  /**
   * A fresh page, closed after the current test (screenshotted first if the test failed). Pages asked for with
   * the same options share one context for the file: a context costs far more to open than a page, and the
   * reader site keeps no state in the browser.
   */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * One browser for the whole file: launched before the first test, closed after the last. Call inside a describe.
 * When a test fails, every page it opened is saved to test-results/e2e/<test name>.png before it closes.
 */
export const useBrowser = (): BrowserSession => {
  let browser: Browser | undefined;
  const contexts = new Map<string, Promise<BrowserContext>>();
  let pages: Page[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterEach(async ({ task }) => {
    const opened = pages;
    pages = [];
    if (task.result?.state === 'fail') {
      for (const [i, page] of opened.entries()) {
        const name = opened.length > 1 ? `${task.name} ${i + 1}` : task.name;
        await page.screenshot({ path: screenshotPath(name), fullPage: true }).catch((error: Error) => {
          console.warn(`could not save a screenshot of "${name}": ${error.message}`);
        });
      }
    }
    await Promise.all(opened.map((p) => p.close()));
  });

  afterAll(async () => {
    await Promise.all([...contexts.values()].map(async (c) => (await c).close()));
    contexts.clear();
    await browser?.close();
  });

  return {
    newPage: async (options = {}) => {
      const running = browser;
      if (!running) throw new Error('the browser is not running: call newPage inside a test');
      const key = JSON.stringify(options);
      let context = contexts.get(key);
      if (!context) {
        context = running.newContext(options);
        contexts.set(key, context);
      }
      const page = await (await context).newPage();
      pages.push(page);
      return page;
    },
  };
};
