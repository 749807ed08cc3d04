import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadNewsroomFixture } from '../fixtures/newsroom.js';
import { ArticlePageObject } from './pages/article-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { useFixtureServer } from './support/fixture-server.js';

const HEADLINE = 'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties';
const SHARE_LINKS = ['X', 'Facebook', 'LinkedIn', 'LINE', 'Bluesky', 'Email'];
/** A laptop's width, with room for the whole rail, and the same width in a window too short for it. */
const WIDE: BrowserContextOptions = { viewport: { width: 1366, height: 1000 } };
const WIDE_BUT_SHORT: BrowserContextOptions = { viewport: { width: 1366, height: 480 } };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** 1rem above the stuck rail. */
const STUCK_AT = 16;

const suiteName = `the end of an article in a browser${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  const site = useFixtureServer('article-end', loadNewsroomFixture);
  const browser = useBrowser();
  const articlePath = () => `/politics/defense-security/20260121-${site.fixture.reference}/`;
  const openArticle = async (options: BrowserContextOptions, before?: (a: ArticlePageObject) => Promise<void>) => {
    const article = new ArticlePageObject(await browser.newPage({ ...options, baseURL: site.url }));
    await before?.(article);
    expect(await article.open(articlePath())).toBe(200);
    return article;
  };

  it('offers Related and More in Politics, neither listing the article nor a story twice', async () => {
    const article = await openArticle(WIDE);
    const related = await article.related();
    const more = await article.moreInSection();
    expect(related).toHaveLength(6);
    expect(more.heading).toBe('More in Politics');
    expect(more.headlines.length).toBeGreaterThan(0);
    const all = [...related, ...more.headlines];
    expect(all).not.toContain(HEADLINE);
    expect(new Set(all).size).toBe(all.length);
  });

  describe('sharing', () => {
    it('copies the canonical address with Copy link and says so', async () => {
      const article = await openArticle({ ...WIDE, permissions: ['clipboard-read', 'clipboard-write'] });
      expect(await article.visibleShareControls()).toEqual([...SHARE_LINKS, 'Copy link']);
      expect(await article.copyLink()).toBe('Link copied.');
      const canonical = await article.page.locator('link[rel="canonical"]').getAttribute('href');
      expect(canonical).toMatch(/^http:\/\/.+\/politics\/defense-security\/20260121-\d+\/$/);
      expect(await article.clipboardText()).toBe(canonical);
    });

    it('hands the headline and canonical address to the browser’s share sheet where there is one', async () => {
      const article = await openArticle(WIDE, (a) => a.fakeShareSheet());
      expect(await article.visibleShareControls()).toEqual(['Share…', ...SHARE_LINKS, 'Copy link']);
      const canonical = await article.page.locator('link[rel="canonical"]').getAttribute('href');
      expect(await article.shareWithSheet()).toEqual([{ title: HEADLINE, url: canonical }]);
    });

    it('shows only the links, no dead buttons, without JavaScript', async () => {
      const article = await openArticle({ ...WIDE, javaScriptEnabled: false });
      expect(await article.visibleShareControls()).toEqual(SHARE_LINKS);
    });
  });

  describe('the rail', () => {
    it('stays in view beside the article while it scrolls, on a wide screen tall enough for it', async () => {
      const article = await openArticle(WIDE);
      const before = await article.layout();
      expect(before.position).toBe('sticky');
      // Well into the article, with more of it still below the window.
      await article.scrollTo(700);
      const during = await article.layout();
      expect(during.main.bottom).toBeGreaterThan(during.windowHeight);
      expect(during.rail.top).toBe(STUCK_AT);
      expect(during.rail.bottom).toBeLessThanOrEqual(during.windowHeight);
      // Beside the article column, never over it.
      expect(during.rail.left).toBeGreaterThanOrEqual(during.main.right);
      // At the very end it stops with the article rather than running over the footer.
      await article.scrollTo(before.scrollable);
      const end = await article.layout();
      expect(end.rail.bottom).toBeLessThanOrEqual(end.main.bottom + 1);
    });

    it('scrolls with the page when the window is too short to show all of it', async () => {
      const article = await openArticle(WIDE_BUT_SHORT);
      const layout = await article.layout();
      expect(layout.rail.bottom - layout.rail.top + 2 * STUCK_AT).toBeGreaterThan(layout.windowHeight);
      expect(layout.position).toBe('static');
      await article.scrollTo(700);
      expect((await article.layout()).rail.top).toBeLessThan(0);
    });

    it('follows the article in the normal flow on a phone', async () => {
      const article = await openArticle(PHONE);
      const layout = await article.layout();
      expect(layout.position).toBe('static');
      expect(layout.rail.top).toBeGreaterThanOrEqual(layout.main.bottom);
    });
  });
});
