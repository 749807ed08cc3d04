import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedDemoContent } from '../../src/services/seed-demo.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { useFixtureServer } from './support/fixture-server.js';
import { demoSeedOptions } from '../support/demo-photos.js';

/**
 * What a first visit costs a reader (issue 12, Quality): the article page under 40 KB transferred, everything it
 * loads included (HTML, CSS, scripts, the photos the first screen shows, the view beacon), and the home page's HTML
 * under 40 KB. Measured on the demo newspaper, as a reader would first meet it, by Chromium's own count of bytes
 * on the wire (the DevTools protocol's encodedDataLength: headers and compressed bodies), with the cache empty.
 */

const LIMIT_BYTES = 40 * 1024;
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LAPTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 } };

interface Visit {
  /** Every response of the visit with its bytes on the wire. */
  responses: { url: string; bytes: number }[];
  total: number;
}

/** Opens `path` in a fresh page with the cache off and adds up what came over the network until it settled. */
const firstVisit = async (page: Page, path: string): Promise<Visit> => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map<string, string>();
  const responses: { url: string; bytes: number }[] = [];
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) =>
    responses.push({ url: urls.get(e.requestId) ?? '?', bytes: e.encodedDataLength }),
  );
  const answer = await page.goto(path, { waitUntil: 'networkidle' });
  expect(answer?.status()).toBe(200);
  await cdp.detach();
  return { responses, total: responses.reduce((sum, r) => sum + r.bytes, 0) };
};

const describeVisit = (v: Visit) =>
  v.responses.map((r) => `${r.bytes} ${new URL(r.url).pathname}`).join('\n') + `\ntotal ${v.total}`;

const suiteName = `page weight on a first visit${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  const site = useFixtureServer('page-weight', async (db) => seedDemoContent(db, new Date(), demoSeedOptions));
  const browser = useBrowser();

  /** The demo's newest article, as the home page links it. */
  const anArticlePath = async (): Promise<string> => {
    const page = await browser.newPage({ baseURL: site.url });
    await page.goto('/');
    const href = await page.locator('main a[href*="/2"]').first().getAttribute('href');
    await page.close();
    expect(href).toMatch(/^\/[a-z-]+\/(?:[a-z-]+\/)?\d{8}-\d+\/$/);
    return href!;
  };

  for (const [name, options] of [
    ['a phone', PHONE],
    ['a laptop', LAPTOP],
  ] as const) {
    it(`keeps an article page under 40 KB on the wire, all it loads included, on ${name}`, async () => {
      const path = await anArticlePath();
      const visit = await firstVisit(await browser.newPage({ ...options, baseURL: site.url }), path);
      // The page, its stylesheet and at least one photo or script: a count of one would mean nothing loaded.
      expect(visit.responses.length, describeVisit(visit)).toBeGreaterThan(1);
      expect(visit.total, describeVisit(visit)).toBeLessThan(LIMIT_BYTES);
    });
  }

  it("keeps the home page's HTML under 40 KB, and its first visit on a phone small too", async () => {
    const html = await (await fetch(`${site.url}/`)).text();
    expect(Buffer.byteLength(html)).toBeLessThan(LIMIT_BYTES);
    const visit = await firstVisit(await browser.newPage({ ...PHONE, baseURL: site.url }), '/');
    expect(visit.total, describeVisit(visit)).toBeLessThan(2 * LIMIT_BYTES);
  });
});
