import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWithOffset } from '../../src/domain/dateline.js';
import type { Db } from '../../src/storage/database.js';
import { loadEditionsFixture, type EditionsFixture } from '../fixtures/editions.js';
import { loadNewsroomFixture } from '../fixtures/newsroom.js';
import { EditionArticlePage } from './pages/edition-article-page.js';
import { browserSkipReason, useBrowser } from './support/browser.js';
import { useFixtureServer } from './support/fixture-server.js';
import { vnuErrors } from './support/vnu.js';

/**
 * Both editions of a bilingual site in a browser (issue 13): the English pages at / and the Japanese ones at /ja/
 * (home, a section front, an article, the ranking, a missing page) pass the Nu HTML Checker as served and have no
 * axe violation at all; the Japanese dateline says the instant its <time datetime> names; and the language switch
 * leads from an article to its translation and back. Our own fixture (test/fixtures/editions.ts).
 */

/** Headless Chromium names itself HeadlessChrome, which the site takes for a bot: people present a plain Chrome. */
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SCREEN = { viewport: { width: 1280, height: 900 }, bypassCSP: true, userAgent: `${CHROME_UA} (editions)` };

const suiteName = `both editions in a browser${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`;

describe.skipIf(browserSkipReason !== null)(suiteName, () => {
  const site = useFixtureServer('editions', async (db: Db) => loadEditionsFixture(db, await loadNewsroomFixture(db)));
  const browser = useBrowser();
  const paths = { en: '', ja: '' };
  /** [name, path, expected status]. */
  const pages = (): [string, string, number][] => [
    ['en-home', '/', 200],
    ['en-front', '/politics/', 200],
    ['en-article', paths.en, 200],
    ['en-ranking', '/ranking/', 200],
    ['en-404', '/no-such-section/', 404],
    ['ja-home', '/ja/', 200],
    ['ja-front', '/ja/seiji/', 200],
    ['ja-article', paths.ja, 200],
    ['ja-ranking', '/ja/ranking/', 200],
    ['ja-404', '/ja/no-such-section/', 404],
  ];
  let folder = '';
  const statuses: [string, number][] = [];
  let checked: Promise<string[]> | undefined;

  beforeAll(async () => {
    const f: EditionsFixture = site.fixture;
    // Any date in an article's address moves to the canonical one.
    for (const [key, id] of [
      ['en', f.reference.en],
      ['ja', f.reference.ja],
    ] as const)
      paths[key] = new URL((await fetch(`${site.url}/x/20000101-${id}/`)).url).pathname;
    folder = mkdtempSync(join(tmpdir(), 'dateline-editions-'));
    const files: string[] = [];
    for (const [name, path] of pages()) {
      const served = await fetch(site.url + path, { redirect: 'manual' });
      statuses.push([path, served.status]);
      const file = join(folder, `${name}.html`);
      writeFileSync(file, await served.text());
      files.push(file);
    }
    checked = vnuErrors(files);
    checked.catch(() => undefined);
  });
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('serves every page of both editions in its language, with no axe violation', async () => {
    expect(paths.ja).toMatch(/^\/ja\/seiji\/boei\/\d{8}-\d+\/$/);
    const found: Record<string, string[]> = {};
    for (const [name, path, status] of pages()) {
      const page = new EditionArticlePage(await browser.newPage({ ...SCREEN, baseURL: site.url }));
      expect([path, await page.open(path)]).toEqual([path, status]);
      expect([path, await page.language()]).toEqual([path, name.startsWith('ja') ? 'ja' : 'en']);
      found[name] = (await page.accessibilityViolations()).map(
        (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target).join(', ')}`,
      );
    }
    expect(found).toEqual(Object.fromEntries(pages().map(([name]) => [name, []])));
    // Every page of both editions through axe in Chromium, one after the other: 15-20 s alone, 35-45 s beside
    // another test file on two cores. What it checks is what is on the pages, not how fast they were checked.
  }, 90_000);

  it('prints the Japanese dateline as the wall time its <time datetime> names', async () => {
    const page = new EditionArticlePage(await browser.newPage({ ...SCREEN, baseURL: site.url }));
    expect(await page.open(paths.ja)).toBe(200);
    const { text, datetime } = await page.publishedTime();
    const shown = /^(\d{4})年(\d{1,2})月(\d{1,2})日 (\d{1,2}):(\d{2})$/.exec(text);
    expect(shown, text).not.toBeNull();
    const [, y, mo, d, h, mi] = shown!.map(Number);
    const pad = (n: number) => String(n).padStart(2, '0');
    // The text's wall time, in the datetime's own offset, is the datetime.
    expect(datetime).toBe(`${y}-${pad(mo!)}-${pad(d!)}T${pad(h!)}:${pad(mi!)}:00+09:00`);
    // And that is the instant the article was published (600 minutes before the fixture's now), in Tokyo.
    const published = new Date(new Date('2026-01-22T00:00:00Z').getTime() - 600 * 60_000);
    expect(datetime).toBe(isoWithOffset(published, 'Asia/Tokyo'));
  });

  it('leads from the English article to its Japanese translation and back by the language switch', async () => {
    const page = new EditionArticlePage(await browser.newPage({ ...SCREEN, baseURL: site.url }));
    expect(await page.open(paths.en)).toBe(200);
    const links = await page.languageSwitch();
    expect(links.map((l) => [l.text, l.lang, l.hreflang])).toEqual([
      ['日本語', 'ja', 'ja'],
      ['한국어', 'ko', 'ko'],
    ]);
    const alternates = await page.alternates();
    await page.screenshot('editions-language-switch-en');
    expect(await page.switchTo('日本語')).toBe(paths.ja);
    expect(await page.language()).toBe('ja');
    // The translation prints the same alternates, so either page leads to the other.
    expect(await page.alternates()).toEqual(alternates);
    expect((await page.languageSwitch()).map((l) => [l.text, l.href])).toContainEqual(['English', paths.en]);
    expect(await page.switchTo('English')).toBe(paths.en);
    expect(await page.language()).toBe('en');
  });

  it('finds no HTML error on any of these pages, as served, in the Nu HTML Checker', async () => {
    expect(statuses).toEqual(pages().map(([, path, status]) => [path, status]));
    expect(await checked).toEqual([]);
  });
});
