import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seriousOrCritical, SitePage } from './pages/site-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { loadDemoSite } from './support/demo-site.js';
import { useFixtureServer } from './support/fixture-server.js';
import { vnuErrors } from './support/vnu.js';

/** axe-core is injected as an inline script, which the site's Content-Security-Policy rightly forbids. */
const AUDIT: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, bypassCSP: true };

/**
 * The demo newspaper's two dozen illustrations are rasterised and cut into their variants and crops before the server
 * starts: some 25 s of CPU, about 13 s on two idle cores, which a busy CI machine can stretch past the default.
 */
vi.setConfig({ hookTimeout: 180_000 });

const suiteName = `the open-web pages in a browser${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  const site = useFixtureServer('open-web', loadDemoSite);
  const browser = useBrowser();
  /** Found once the server runs: an article's canonical address carries its date in the site's zone. */
  let articlePath = '';
  const pages: [string, () => string, string][] = [
    ['the home page', () => '/', 'home'],
    ['a section front', () => '/politics/', 'section'],
    ['a subsection front', () => '/politics/defense-security/', 'subsection'],
    ['an article', () => articlePath, 'article'],
    ['an author page', () => '/author/kenji-moriyasu/', 'author'],
    ['a tag page', () => '/tag/defense/', 'tag'],
  ];
  let folder = '';
  /** The status each page answered with, and the checker's verdict on them, reached while the browser works. */
  const statuses: [string, number][] = [];
  let checked: Promise<string[]> | undefined;

  beforeAll(async () => {
    // Any date in an article's address redirects to the canonical one.
    const res = await fetch(`${site.url}/politics/20000101-${site.fixture}/`);
    articlePath = new URL(res.url).pathname;
    folder = mkdtempSync(join(tmpdir(), 'dateline-vnu-'));
    const files: string[] = [];
    for (const [, path, name] of pages) {
      const page = await fetch(`${site.url}${path()}`, { redirect: 'manual' });
      statuses.push([path(), page.status]);
      const file = join(folder, `${name}.html`);
      writeFileSync(file, await page.text());
      files.push(file);
    }
    checked = vnuErrors(files);
    // Awaited by the last test; until then a failure must not count as unhandled.
    checked.catch(() => undefined);
  });
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it.each(pages)('%s has no serious or critical accessibility violations', async (_name, path) => {
    const page = new SitePage(await browser.newPage({ ...AUDIT, baseURL: site.url }));
    expect(await page.open(path())).toBe(200);
    expect(seriousOrCritical(await page.accessibilityViolations())).toEqual([]);
  });

  it('shows the author and the tag their own pages, not a not-found page', async () => {
    const author = new SitePage(await browser.newPage({ ...AUDIT, baseURL: site.url }));
    await author.open('/author/kenji-moriyasu/');
    expect(await author.mainHeading()).toBe('Kenji Moriyasu');
    const tag = new SitePage(await browser.newPage({ ...AUDIT, baseURL: site.url }));
    await tag.open('/tag/defense/');
    expect(await tag.mainHeading()).toBe('defense');
  });

  it('finds no HTML error on any of these pages in the Nu HTML Checker', async () => {
    expect(articlePath).toMatch(/^\/politics\/defense-security\/\d{8}-\d+\/$/);
    expect(statuses).toEqual(pages.map(([, path]) => [path(), 200]));
    expect(await checked).toEqual([]);
  });
});
