import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts.js';
import { emptyPageForm, savePublicationPage } from '../../src/services/save-publication-page.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { ArticleEditorPageObject } from './pages/newsroom-article-editor-page.js';
import { NewsroomLoginPage } from './pages/newsroom-auth-pages.js';
import { NewsroomPage } from './pages/newsroom-page.js';
import { seriousOrCritical } from './pages/site-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { useFixtureServer } from './support/fixture-server.js';

const OWNER = { name: 'Olive Owner', email: 'owner@example.com', password: 'correct horse battery staple' };

/** Headless Chromium names itself HeadlessChrome, which the site takes for a bot: people present a plain Chrome. */
const CHROME_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
/**
 * A phone's screen, 390 CSS pixels wide, as the issue measured on. Not `isMobile`: Chromium's mobile emulation widens
 * the layout viewport to fit a page that overflows (innerWidth grows with it), which would hide the very overflow
 * the tests look for.
 */
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  userAgent: `${CHROME_UA} (newsroom phone e2e)`,
};
/** The same phone with JavaScript off: the menu is a <details>, which needs none. */
const PHONE_WITHOUT_JS: BrowserContextOptions = {
  ...PHONE,
  javaScriptEnabled: false,
  userAgent: `${CHROME_UA} (newsroom phone e2e, no JavaScript)`,
};
/** axe-core goes in as an inline script, which the newsroom's Content-Security-Policy rightly forbids. */
const PHONE_AUDIT: BrowserContextOptions = { ...PHONE, bypassCSP: true, userAgent: `${CHROME_UA} (phone audit)` };
const DESKTOP: BrowserContextOptions = {
  viewport: { width: 1366, height: 900 },
  userAgent: `${CHROME_UA.replace('Mobile ', '')} (newsroom desktop e2e)`,
};
/** Someone who is not signed in, for the sign-in page. */
const SIGNED_OUT: BrowserContextOptions = { ...PHONE, userAgent: `${CHROME_UA} (signed out)` };

const suiteName = `the newsroom on a phone${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  // The integration tests' small newspaper (articles, authors, an image), an admin, and a published page.
  const site = useFixtureServer('newsroom-phone', async (db) => {
    const ids = await loadNewsroomFixture(db);
    const owner = await createAccount(db, { ...OWNER, role: 'admin' });
    const page = await savePublicationPage(
      db,
      owner.id,
      null,
      'publish',
      {
        ...emptyPageForm(),
        title: 'About the Gazette',
        slug: 'about',
        body: 'A small paper for a harbour town, written by people who live there.',
      },
      FIXTURE_NOW,
    );
    return { articleId: ids.reference, authorId: ids.authors.aoki, pageId: page.id };
  });
  const browser = useBrowser();
  const newPage = (options: BrowserContextOptions): Promise<Page> => browser.newPage({ ...options, baseURL: site.url });

  /** A page in the owner's browser of this kind, signed in (once per context: it keeps the session cookie). */
  const signedIn = async (options: BrowserContextOptions): Promise<NewsroomPage> => {
    const login = new NewsroomLoginPage(await newPage(options));
    await login.open('/newsroom/login');
    if (login.path().startsWith('/newsroom/login')) await login.signIn(OWNER);
    return new NewsroomPage(login.page);
  };

  /** Every newsroom page an admin can open (the sign-in page is checked signed out). */
  const everyPage = (): string[] => {
    const { articleId, authorId, pageId } = site.fixture;
    return [
      '/newsroom',
      '/newsroom/articles',
      '/newsroom/articles?status=published',
      '/newsroom/articles/new',
      `/newsroom/articles/${articleId}`,
      `/newsroom/articles/${articleId}/revisions`,
      `/newsroom/articles/${articleId}/revisions?a=1&b=2`,
      '/newsroom/pages',
      '/newsroom/pages/new',
      `/newsroom/pages/${pageId}`,
      `/newsroom/pages/${pageId}/revisions`,
      '/newsroom/authors',
      '/newsroom/authors/new',
      `/newsroom/authors/${authorId}`,
      '/newsroom/users',
      '/newsroom/media',
      '/newsroom/curation',
      '/newsroom/curation?section=politics',
      '/newsroom/settings',
      '/newsroom/sections',
      '/newsroom/activity',
      '/newsroom/account',
    ];
  };

  /** Opens each path; returns those that scroll sideways, with what sticks out, or that do not open. */
  const overflowing = async (page: NewsroomPage, paths: string[]): Promise<string[]> => {
    const problems: string[] = [];
    expect(await page.innerWidth()).toBe(390);
    for (const path of paths) {
      const status = await page.open(path);
      if (status !== 200) {
        problems.push(`${path}: HTTP ${status}`);
        continue;
      }
      const [scrollWidth, innerWidth] = [await page.scrollWidth(), await page.innerWidth()];
      if (scrollWidth > innerWidth)
        problems.push(
          `${path}: ${scrollWidth} px wide in ${innerWidth}: ${(await page.elementsWiderThan(innerWidth)).join(', ')}`,
        );
    }
    return problems;
  };

  it('scrolls no newsroom page sideways at 390 px, signed in or not', { timeout: 120_000 }, async () => {
    const phone = await signedIn(PHONE);
    // A second save gives the article's revisions page two revisions to compare.
    const editor = new ArticleEditorPageObject(phone.page);
    await editor.openArticle(site.fixture.articleId);
    await editor.typeBody('\nA line added on a phone.');
    expect(await editor.press('Save')).toBe(200);

    expect(await overflowing(phone, everyPage())).toEqual([]);
    const signedOut = new NewsroomPage(await newPage(SIGNED_OUT));
    expect(await overflowing(signedOut, ['/newsroom/login'])).toEqual([]);
  });

  it('folds the header into a Menu button on a phone, which opens the links and leads to them', async () => {
    const phone = await signedIn(PHONE);
    await phone.open('/newsroom');
    expect(await phone.menuButton.isVisible()).toBe(true);
    expect(await phone.visibleNewsroomLinks()).toEqual([]);
    await phone.toggleMenu();
    expect(await phone.visibleNewsroomLinks()).toEqual([
      'Desk',
      'Articles',
      'New article',
      'Images',
      'Curation',
      'Activity',
      'Authors',
      'Pages',
      'Redirects',
      'Users',
      'Sections',
      'Settings',
      'Plugins',
      'Integrations',
      'Site',
    ]);
    expect(await phone.scrollWidth()).toBeLessThanOrEqual(await phone.innerWidth());
    await phone.followNewsroomLink('Authors');
    expect(await phone.heading()).toBe('Authors');
  });

  it('opens the Menu without JavaScript too', async () => {
    const phone = await signedIn(PHONE_WITHOUT_JS);
    await phone.open('/newsroom/articles');
    expect(await phone.visibleNewsroomLinks()).toEqual([]);
    await phone.toggleMenu();
    expect(await phone.visibleNewsroomLinks()).toContain('Pages');
    await phone.followNewsroomLink('Pages');
    expect(await phone.heading()).toBe('Pages');
  });

  it('shows every link in the header without a Menu button on a wide screen', async () => {
    const wide = await signedIn(DESKTOP);
    await wide.open('/newsroom');
    expect(await wide.menuButton.isVisible()).toBe(false);
    expect(await wide.visibleNewsroomLinks()).toContain('Articles');
    expect(await wide.firstTableCellDisplay()).toBe('table-cell');
    for (const path of ['/newsroom', '/newsroom/articles', `/newsroom/articles/${site.fixture.articleId}`]) {
      await wide.open(path);
      expect(await wide.scrollWidth(), path).toBeLessThanOrEqual(await wide.innerWidth());
    }
  });

  it('shows a table as a list on a phone: each row a block, each value led by its column name', async () => {
    const phone = await signedIn(PHONE);
    await phone.open('/newsroom/articles');
    expect(await phone.firstTableCellDisplay()).toBe('block');
    // Headline, Status, When, By: the headline leads the block on its own; the others say what they are.
    expect(await phone.tableCellLabel(0)).toBe('none');
    expect(await phone.tableCellLabel(1)).toBe('"Status: "');
    expect(await phone.tableCellLabel(3)).toBe('"By: "');
  });

  it.each([
    ['the desk', '/newsroom'],
    ['the article list', '/newsroom/articles'],
    ['the article editor', '/newsroom/articles/new'],
  ])('%s has no serious or critical accessibility violations on a phone, menu open', async (_name, path) => {
    const phone = await signedIn(PHONE_AUDIT);
    expect(await phone.open(path)).toBe(200);
    expect(seriousOrCritical(await phone.accessibilityViolations())).toEqual([]);
    await phone.toggleMenu();
    expect(seriousOrCritical(await phone.accessibilityViolations())).toEqual([]);
  });
});
