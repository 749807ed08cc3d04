import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts.js';
import { upsertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { NewsroomLoginPage } from './pages/newsroom-auth-pages.js';
import { PageEditorPageObject, PagesListPageObject } from './pages/newsroom-publication-pages.js';
import { PublicationPageView } from './pages/publication-page.js';
import { seriousOrCritical } from './pages/site-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { useFixtureServer } from './support/fixture-server.js';

const PASSWORD = 'correct horse battery staple';
const EDITOR = { name: 'Eden Editor', email: 'eden@example.com', password: PASSWORD, role: 'editor' as const };
const OWNER = { name: 'Olive Owner', email: 'owner@example.com', password: PASSWORD, role: 'admin' as const };

/** Headless Chromium names itself HeadlessChrome, which the site takes for a bot: people present a plain Chrome. */
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const browserOf = (who: string): BrowserContextOptions => ({
  viewport: { width: 1280, height: 900 },
  userAgent: `${CHROME_UA} (pages e2e: ${who})`,
});
/** axe-core goes in as an inline script, which the site's Content-Security-Policy rightly forbids. */
const READER: BrowserContextOptions = { ...browserOf('reader'), bypassCSP: true };

const suiteName = `pages of the publication in a browser${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  const site = useFixtureServer('publication-pages', async (db) => {
    await upsertSectionRow(db, { slug: 'politics', name: 'Politics', parent_id: null, position: 1 });
    await createAccount(db, EDITOR);
    await createAccount(db, OWNER);
  });
  const browser = useBrowser();
  const newPage = (options: BrowserContextOptions): Promise<Page> => browser.newPage({ ...options, baseURL: site.url });
  const signedIn = async (who: typeof EDITOR | typeof OWNER): Promise<Page> => {
    const login = new NewsroomLoginPage(await newPage(browserOf(who.role)));
    await login.open('/newsroom/login');
    if (login.path().startsWith('/newsroom/login')) await login.signIn(who);
    return login.page;
  };

  // Three people's browsers and a rich editor: a busy two-core machine needs more than the default 30 s.
  it(
    'an editor writes and publishes a page with the rich editor, an admin puts it in the footer, a reader sees it',
    { timeout: 90_000 },
    async () => {
      const editor = new PageEditorPageObject(await signedIn(EDITOR));
      expect(await editor.openNew()).toBe(200);
      await editor.fill({ title: 'About the Gazette', slug: 'about' });
      await editor.typeBody('We cover the harbour towns. ');
      await editor.format('Bold');
      await editor.page.keyboard.type('Every day.');
      await editor.format('Bold');
      await editor.page.keyboard.press('Enter');
      await editor.page.keyboard.type('Write to us any time.');
      expect(await editor.press('Publish')).toBe(200);
      expect(await editor.notices()).toEqual(['Published.']);
      expect(await editor.status()).toContain('Page: Published');
      expect(await editor.pageId()).not.toBeNull();

      const list = new PagesListPageObject(await signedIn(OWNER));
      await list.openList();
      expect(await list.titles()).toEqual(['About the Gazette']);
      await list.placeInFooter('About the Gazette', '1');
      expect(await list.saveFooter()).toBe(200);
      expect(await list.notices()).toEqual(['Footer saved.']);

      // Without the slash, the browser is moved to the page's one address.
      const reader = new PublicationPageView(await newPage(READER));
      expect(await reader.open('/about')).toBe(200);
      expect(new URL(reader.page.url()).pathname).toBe('/about/');
      expect(await reader.mainHeading()).toBe('About the Gazette');
      expect(await reader.paragraphs()).toEqual(['We cover the harbour towns. Every day.', 'Write to us any time.']);
      expect(await reader.boldText()).toEqual(['Every day.']);
      expect(await reader.footerPages()).toEqual([
        'About the Gazette /about/',
        'Corrections /corrections/',
        'RSS feed /feed/',
        'Atom feed /feed/atom/',
      ]);
      expect(seriousOrCritical(await reader.accessibilityViolations())).toEqual([]);
    },
  );
});
