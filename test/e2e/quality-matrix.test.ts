import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccount } from '../../src/services/accounts.js';
import type { Db } from '../../src/storage/database.js';
import { NewsroomLoginPage } from './pages/newsroom-auth-pages.js';
import type { NewsroomPage } from './pages/newsroom-page.js';
import { SectionMenu } from './pages/section-menu.js';
import { seriousOrCritical } from './pages/site-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { loadDemoSite } from './support/demo-site.js';
import { useFixtureServer } from './support/fixture-server.js';
import { vnuErrors } from './support/vnu.js';

/**
 * Issue 12's quality bar in one place: every page a reader or an editor meets first, on a 390 px phone and a
 * 1366 px laptop, in the light and the dark colour scheme, does not scroll sideways and has no serious or
 * critical axe violation; and the HTML each page is served as passes the Nu HTML Checker. The other e2e files
 * look deeper at one half each (reader-accessibility, newsroom-phone, open-web-quality); this one holds the
 * whole grid, on the demo newspaper a new site starts with.
 */

const OWNER = { name: 'Olive Owner', email: 'owner@example.com', password: 'correct horse battery staple' };

/** Headless Chromium names itself HeadlessChrome, which the site takes for a bot: people present a plain Chrome. */
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
/**
 * The two screens the issue names. Not `isMobile` for the phone: Chromium's mobile emulation widens the layout
 * viewport to fit a page that overflows, which would hide the very overflow looked for. `bypassCSP` because
 * axe-core goes in as an inline script, which the site's Content-Security-Policy rightly forbids. One context
 * each for the whole file (signed in once): reader pages read no cookie, so the editor's browser sees what
 * any reader does.
 */
const SCREENS: [string, BrowserContextOptions][] = [
  ['1366 px', { viewport: { width: 1366, height: 900 }, bypassCSP: true, userAgent: `${CHROME_UA} (quality 1366)` }],
  [
    '390 px',
    {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      bypassCSP: true,
      userAgent: `${CHROME_UA} (quality 390)`,
    },
  ],
];
/** The reader site's dark paper (site.css): seeing it proves the emulated scheme took effect. */
const DARK_PAPER = 'rgb(22, 21, 19)';

/** The demo newspaper and an admin to open the newsroom; answers the id of the article the tests open. */
const loadDemo = async (db: Db): Promise<number> => {
  const id = await loadDemoSite(db);
  await createAccount(db, { ...OWNER, role: 'admin' });
  return id;
};

/** Rasterising the demo's illustrations takes some 15 s of CPU, which a busy machine stretches. */
vi.setConfig({ hookTimeout: 180_000 });

const suiteName = `the quality matrix in a browser${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  const site = useFixtureServer('quality', loadDemo);
  const browser = useBrowser();
  /** Found once the server runs: an article's canonical address carries its date in the site's zone. */
  let articlePath = '';
  /** [name, path, file name for the checker, whether it is a reader page]. */
  const pages: [string, () => string, string, boolean][] = [
    ['the home page', () => '/', 'home', true],
    ['a section front', () => '/politics/', 'section', true],
    ['an article', () => articlePath, 'article', true],
    ['a page of the publication', () => '/about/', 'page', true],
    ['the ranking page', () => '/ranking/', 'ranking', true],
    ['the newsroom desk', () => '/newsroom', 'desk', false],
    ['the editor with a new article', () => '/newsroom/articles/new', 'editor-new', false],
    ['the editor with an existing article', () => `/newsroom/articles/${site.fixture}`, 'editor-existing', false],
  ];

  /** The screens whose browser has signed in: the context keeps the cookie for the rest of the file. */
  const signedInOn = new Set<BrowserContextOptions>();
  /** A page in this screen's browser, signed in to the newsroom. */
  const signedIn = async (screen: BrowserContextOptions): Promise<NewsroomPage> => {
    const page = new NewsroomLoginPage(await browser.newPage({ ...screen, baseURL: site.url }));
    if (!signedInOn.has(screen)) {
      await page.open('/newsroom/login');
      expect(await page.signIn(OWNER)).toBe(200);
      signedInOn.add(screen);
    }
    return page;
  };

  let folder = '';
  /** Each page's status as served, and the checker's verdict, reached while the browser works. */
  const statuses: [string, number][] = [];
  let checked: Promise<string[]> | undefined;

  beforeAll(async () => {
    // Any date in an article's address redirects to the canonical one.
    const res = await fetch(`${site.url}/politics/20000101-${site.fixture}/`);
    articlePath = new URL(res.url).pathname;
    // The pages as served, newsroom ones with the editor's session: the request shares the context's cookies.
    const editor = await signedIn(SCREENS[0]![1]);
    folder = mkdtempSync(join(tmpdir(), 'dateline-quality-'));
    const files: string[] = [];
    for (const [, path, name] of pages) {
      const served = await editor.page.request.get(path(), { maxRedirects: 0 });
      statuses.push([path(), served.status()]);
      const file = join(folder, `${name}.html`);
      writeFileSync(file, await served.text());
      files.push(file);
    }
    checked = vnuErrors(files);
    // Awaited by the last test; until then a failure must not count as unhandled.
    checked.catch(() => undefined);
  });
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** What is wrong with the page as it stands: sideways scroll (naming what sticks out) and axe's findings. */
  const problems = async (page: NewsroomPage): Promise<string[]> => {
    const found: string[] = [];
    const [scrollWidth, innerWidth] = [await page.scrollWidth(), await page.innerWidth()];
    if (scrollWidth > innerWidth) {
      const wide = await page.elementsWiderThan(innerWidth);
      found.push(`${scrollWidth} px wide in ${innerWidth}: ${wide.join(', ')}`);
    }
    found.push(...seriousOrCritical(await page.accessibilityViolations()));
    return found;
  };

  describe.each(SCREENS)('at %s', (_screen, options) => {
    const width = options.viewport!.width;
    it.each(pages)(
      '%s does not scroll sideways and has no serious or critical axe violation, light or dark',
      async (_name, path, _file, reader) => {
        const page = await signedIn(options);
        expect(await page.open(path())).toBe(200);
        expect(await page.innerWidth()).toBe(width);
        /** What is wrong, by the state the page was in: every list should be empty. */
        const found: Record<string, string[]> = {};

        await page.page.emulateMedia({ colorScheme: 'light' });
        found.light = await problems(page);
        expect((await page.colours()).background).not.toBe(DARK_PAPER);

        await page.page.emulateMedia({ colorScheme: 'dark' });
        found.dark = await problems(page);
        // Readers get the dark paper; the newsroom stays light, and must stay readable when asked for dark.
        if (reader) expect((await page.colours()).background).toBe(DARK_PAPER);

        if (width < 600) {
          // A phone folds the sections (the newsroom its links) into a menu: open, its list is part of the page.
          if (reader) {
            const menu = new SectionMenu(page.page);
            await menu.tap();
            expect(await menu.isOpen()).toBe(true);
          } else {
            await page.toggleMenu();
            expect(await page.visibleNewsroomLinks()).toContain('Articles');
          }
          found['dark, menu open'] = await problems(page);
          await page.page.emulateMedia({ colorScheme: 'light' });
          found['light, menu open'] = await problems(page);
        }

        expect(found).toEqual(Object.fromEntries(Object.keys(found).map((state) => [state, []])));
      },
    );
  });

  it('finds no HTML error on any of these pages, as served, in the Nu HTML Checker', async () => {
    expect(articlePath).toMatch(/^\/politics\/defense-security\/\d{8}-\d+\/$/);
    expect(statuses).toEqual(pages.map(([, path]) => [path(), 200]));
    expect(await checked).toEqual([]);
  });
});
