import { describe, expect, it } from 'vitest';
import { loadNewsroomFixture } from '../fixtures/newsroom.js';
import { SearchPageObject } from './pages/search-page.js';
import { seriousOrCritical } from './pages/site-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { useFixtureServer } from './support/fixture-server.js';

/**
 * The reader's search in Chromium with JavaScript off (issue 15): a search typed into the masthead's box on the
 * home page, its results, then the search page's own filters, all plain GET forms.
 */

/** Headless Chromium names itself HeadlessChrome, which the site takes for a bot: people present a plain Chrome. */
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const NO_SCRIPT = {
  viewport: { width: 1280, height: 900 },
  javaScriptEnabled: false,
  userAgent: `${CHROME_UA} (search e2e)`,
};
/** axe-core goes in as an inline script, which the site's Content-Security-Policy rightly forbids. */
const AUDIT = { viewport: { width: 1280, height: 900 }, bypassCSP: true, userAgent: `${CHROME_UA} (search audit)` };

const REFERENCE = 'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties';

const suiteName = `the reader's search in a browser${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  const site = useFixtureServer('search', loadNewsroomFixture);
  const browser = useBrowser();
  const open = async (options: object, path: string): Promise<SearchPageObject> => {
    const page = new SearchPageObject(await browser.newPage({ ...options, baseURL: site.url }));
    expect(await page.open(path)).toBe(200);
    return page;
  };

  it('finds an article typed into the masthead box without JavaScript, and narrows it with the filters', async () => {
    const search = await open(NO_SCRIPT, '/');
    await search.searchFromMasthead('defence chiefs');
    expect(search.path()).toBe('/search?q=defence+chiefs');
    expect(await search.headlines()).toEqual([REFERENCE]);
    expect(await search.summary()).toBe('1 result for “defence chiefs”');
    expect(await search.meta(0)).toBe('Defense & Security · January 21, 2026 · By Tom Baker and Mei Aoki');
    expect(await search.markedWords()).toContain('chiefs');
    expect(await search.query()).toBe('defence chiefs');

    await search.chooseSection('Business');
    await search.submit();
    expect(search.path()).toContain('section=business');
    expect(await search.headlines()).toEqual([]);
    expect(await search.summary()).toBe('No articles match “defence chiefs”.');
    expect(await search.query()).toBe('defence chiefs');

    await search.chooseSection('Politics');
    await search.chooseOrder('Newest first');
    await search.submit();
    expect(await search.headlines()).toEqual([REFERENCE]);
  });

  it('has no serious accessibility problem on a page of results', async () => {
    const search = await open(AUDIT, '/search?q=story&sort=newest');
    expect((await search.headlines()).length).toBeGreaterThan(1);
    expect(seriousOrCritical(await search.accessibilityViolations())).toEqual([]);
    await search.screenshot('search-results');
  });
});
