import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadNewsroomFixture } from '../fixtures/newsroom.js';
import { BeaconArticlePage } from './pages/beacon-article-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { useFixtureServer } from './support/fixture-server.js';

/**
 * Headless Chromium names itself "HeadlessChrome", which the endpoint rightly takes for a bot; these tests
 * play a reader, so the browser presents an ordinary desktop Chrome user agent.
 */
const READER: BrowserContextOptions = {
  viewport: { width: 1280, height: 800 },
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};
const NO_SCRIPT: BrowserContextOptions = { ...READER, javaScriptEnabled: false };
/** The fixture server flushes views every 100 ms; a counted view shows well within this, even on a busy machine. */
const COUNT_TIMEOUT_MS = 5000;

const suiteName = `view counting in a browser${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  const site = useFixtureServer('views', loadNewsroomFixture);
  const browser = useBrowser();
  /** Any spelling of an article's address redirects to the canonical one, where the beacon runs. */
  const articlePath = (id: number) => `/politics/20260101-${id}/`;
  const newArticlePage = async (options: BrowserContextOptions) =>
    new BeaconArticlePage(await browser.newPage({ ...options, baseURL: site.url }));

  /** Views of an article in the last hour, as /api/ranking tells anyone. */
  const viewsInLastHour = async (id: number): Promise<number> => {
    const res = await fetch(`${site.url}/api/ranking?window=1h&limit=50`);
    const body = (await res.json()) as { articles: { id: number; views: number }[] };
    return body.articles.find((a) => a.id === id)?.views ?? 0;
  };
  /** Polls until the article has at least `views` views or the time is up; returns the last count. */
  const viewsOnceCounted = async (id: number, views = 1): Promise<number> => {
    const deadline = Date.now() + COUNT_TIMEOUT_MS;
    let seen = await viewsInLastHour(id);
    while (seen < views && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 100));
      seen = await viewsInLastHour(id);
    }
    return seen;
  };
  /**
   * Reads another article in a fresh page and waits until that view is counted. Views are flushed in the order
   * they arrive, so once it shows, every view the server received before it has been counted or dropped.
   */
  const afterTheNextFlush = async (markerId: number): Promise<void> => {
    const marker = await newArticlePage(READER);
    expect(await marker.openAndAwaitBeacon(articlePath(markerId))).toBe(204);
    expect(await viewsOnceCounted(markerId)).toBe(1);
  };

  it('counts one view of an article opened in the browser', async () => {
    const article = await newArticlePage(READER);
    expect(await article.openAndAwaitBeacon(articlePath(site.fixture.reference))).toBe(204);
    expect(await viewsOnceCounted(site.fixture.reference)).toBe(1);
  });

  it('does not count the same reader reloading the article', async () => {
    const article = await newArticlePage(READER);
    await article.openAndAwaitBeacon(articlePath(site.fixture.politics[1]!));
    expect(await viewsOnceCounted(site.fixture.politics[1]!)).toBe(1);
    expect(await article.reloadAndAwaitBeacon()).toBe(204);
    await afterTheNextFlush(site.fixture.politics[2]!);
    expect(await viewsInLastHour(site.fixture.politics[1]!)).toBe(1);
  });

  it('sends no beacon and counts no view with JavaScript disabled', async () => {
    const article = await newArticlePage(NO_SCRIPT);
    expect(await article.open(articlePath(site.fixture.updated))).toBe(200);
    expect(article.beaconsSent()).toBe(0);
    await afterTheNextFlush(site.fixture.business[0]!);
    expect(await viewsInLastHour(site.fixture.updated)).toBe(0);
  });

  it('loads a beacon script smaller than 1 KB', async () => {
    const article = await newArticlePage(NO_SCRIPT);
    await article.open(articlePath(site.fixture.reference));
    const res = await fetch(new URL(await article.beaconScriptSrc(), site.url));
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBeLessThan(1024);
  });
});
