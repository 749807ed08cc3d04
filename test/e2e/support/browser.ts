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
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });

/** A file name from a test name: letters, digits, dots and dashes only. */
export const screenshotPath = (name: string): string => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const safe = name.replace(/[^a-zA-Z0-9.]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 150);
  return `${SCREENSHOT_DIR}${safe || 'unnamed'}.png`;
};

export interface BrowserSession {
  /** A page in a fresh context; closed after the current test, screenshotted first if the test failed. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * One browser for the whole file: launched before the first test, closed after the last. Call inside a describe.
 * Each test gets its own contexts; when a test fails, every page it left open is saved to
 * test-results/e2e/<test name>.png before the contexts close.
 */
export const useBrowser = (): BrowserSession => {
  let browser: Browser | undefined;
  let open: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterEach(async ({ task }) => {
    const contexts = open;
    open = [];
    if (task.result?.state === 'fail') {
      const pages = contexts.flatMap((c) => c.pages());
      for (const [i, page] of pages.entries()) {
        const name = pages.length > 1 ? `${task.name} ${i + 1}` : task.name;
        await page.screenshot({ path: screenshotPath(name), fullPage: true }).catch((error: Error) => {
          console.warn(`could not save a screenshot of "${name}": ${error.message}`);
        });
      }
    }
    await Promise.all(contexts.map((c) => c.close()));
  });

  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
    await browser?.close();
  });

  return {
    newPage: async (options = {}) => {
      if (!browser) throw new Error('the browser is not running: call newPage inside a test');
      const context = await browser.newContext(options);
      open.push(context);
      return context.newPage();
    },
  };
};
