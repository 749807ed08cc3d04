import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { h } from 'preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadTheme, ThemeError, type LoadedTheme } from '../../src/plugins/theme.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** The beacon's token is signed with each worker's own key: the rest of the page is what is compared. */
const withoutToken = (html: string): string => html.replace(/data-token="[^"]*"/, 'data-token=""');

describe('loading a theme', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'dateline-theme-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** A theme folder of the test's own with this index.mjs (and a.css). */
  const themeFolder = (name: string, index: string): string => {
    const dir = join(folder, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.mjs'), index);
    writeFileSync(join(dir, 'a.css'), 'body { color: black; }\n');
    return dir;
  };

  it('loads the broadsheet example from its folder: name, stylesheet and two components', async () => {
    const theme = await loadTheme('./examples/theme-broadsheet', { cwd: ROOT });
    expect(theme.name).toBe('broadsheet');
    expect(theme.css.map((c) => c.name)).toEqual(['broadsheet.css']);
    expect(theme.css[0]!.bytes).toEqual(readFileSync(join(ROOT, 'examples/theme-broadsheet/broadsheet.css')));
    expect(Object.keys(theme.components).sort()).toEqual(['Footer', 'Masthead']);
  });

  it.each([
    ['./no-such-theme', /^theme "\.\/no-such-theme": not found/],
    ['no-such-theme-package', /^theme "no-such-theme-package": not found/],
  ])('refuses %s, which is nowhere, naming it', async (spec, message) => {
    await expect(loadTheme(spec, { cwd: folder })).rejects.toThrow(message);
    await expect(loadTheme(spec, { cwd: folder })).rejects.toBeInstanceOf(ThemeError);
  });

  it.each([
    ['a module that throws', `throw new Error('boom');`, /failed to load: boom/],
    ['no default export', `export const x = 1;`, /has no default export/],
    ['a bad name', `export default { name: 'Big Paper' };`, /name must be lower-case/],
    [
      'an unknown component',
      `export default { name: 'x', components: { Sidebar: () => '' } };`,
      /unknown component "Sidebar"/,
    ],
    [
      'a component that is no function',
      `export default { name: 'x', components: { Footer: '<p>' } };`,
      /"Footer" must be a function/,
    ],
    ['a missing stylesheet', `export default { name: 'x', css: ['missing.css'] };`, /css file missing\.css not found/],
    [
      'a stylesheet outside its folder',
      `export default { name: 'x', css: ['../elsewhere.css'] };`,
      /outside the theme's folder/,
    ],
    ['an unknown key', `export default { name: 'x', slots: {} };`, /unknown key "slots"/],
  ])('refuses a theme with %s, naming the theme and the reason', async (what, index, reason) => {
    const dir = themeFolder(what.replace(/\W+/g, '-'), index);
    const error = await loadTheme(dir, { cwd: folder }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThemeError);
    expect((error as Error).message).toMatch(new RegExp(`^theme "${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}": `));
    expect((error as Error).message).toMatch(reason);
  });
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`a theme on the reader's pages on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    const workers: Worker[] = [];
    const dataDirs: string[] = [];
    let plain: Worker;
    let broadsheet: Worker;
    const articlePath = () => `/politics/defense-security/20260121-${ids.reference}/`;

    /** A worker as `dateline serve` makes one, with this theme, over the test's database. */
    const workerWith = async (theme?: LoadedTheme): Promise<Worker> => {
      const dataDir = mkdtempSync(join(tmpdir(), 'dateline-themes-'));
      dataDirs.push(dataDir);
      const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' });
      const worker = await composeWorker(config, {
        db: storage.db,
        clock: () => FIXTURE_NOW,
        logger: null,
        timers: false,
        ...(theme ? { theme } : {}),
      });
      await worker.start();
      workers.push(worker);
      return worker;
    };
    const get = async (w: Worker, url: string) => {
      const res = await w.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      return res;
    };

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      plain = await workerWith();
      broadsheet = await workerWith(await loadTheme('./examples/theme-broadsheet', { cwd: ROOT }));
    });
    afterAll(async () => {
      for (const w of workers) await w.close();
      for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
      await storage?.destroy();
    });

    it("replaces the masthead and the footer with the broadsheet's, and keeps the rest of the design", async () => {
      for (const url of ['/', '/politics/', articlePath()]) {
        const page = dom((await get(broadsheet, url)).body);
        expect(page.querySelector('header.masthead .broadsheet-masthead .broadsheet-title')?.text).toBe(
          'Dateline News',
        );
        expect(page.querySelectorAll('header.masthead .masthead-inner')).toHaveLength(1);
        expect(page.querySelector('footer.site-footer')?.classList.contains('broadsheet-footer')).toBe(true);
        expect(page.querySelector('.broadsheet-imprint')?.text).toBe('Printed and published by Dateline News.');
        expect(page.toString()).not.toContain('Published with Dateline');
        // The section navigation is still the default design's.
        expect(page.querySelectorAll('header.masthead nav.section-nav')).toHaveLength(1);
      }
      const home = dom((await get(broadsheet, '/')).body);
      expect(home.querySelector('.broadsheet-date')?.text).toMatch(/2026/);
    });

    it('links its stylesheet after the base one and serves it fingerprinted, cached like site.css', async () => {
      const links = dom((await get(broadsheet, '/')).body)
        .querySelectorAll('head link[rel="stylesheet"]')
        .map((l) => l.getAttribute('href')!);
      expect(links).toHaveLength(2);
      expect(links[0]).toMatch(/^\/static\/site\.[0-9a-f]{10}\.css$/);
      expect(links[1]).toMatch(/^\/static\/theme-broadsheet-broadsheet\.[0-9a-f]{10}\.css$/);
      const css = await get(broadsheet, links[1]!);
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(css.body).toBe(readFileSync(join(ROOT, 'examples/theme-broadsheet/broadsheet.css'), 'utf8'));
      const site = await get(plain, links[0]!);
      expect(site.headers['cache-control']).toBe(css.headers['cache-control']);
    });

    it('keeps valid HTML with the broadsheet theme', async () => {
      for (const url of ['/', '/politics/', articlePath(), '/ranking/'])
        expect(await htmlProblems((await get(broadsheet, url)).body), url).toEqual([]);
    });

    it('keeps every page byte for byte without a theme and with a theme that replaces nothing', async () => {
      const empty = await workerWith({ name: 'empty', css: [], components: {} });
      for (const url of ['/', '/politics/', articlePath(), '/ranking/', '/corrections/', '/author/mei-aoki/']) {
        expect(withoutToken((await get(empty, url)).body), url).toBe(withoutToken((await get(plain, url)).body));
      }
      const missing = await empty.app.inject({ url: '/no-such-section/' });
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toBe((await plain.app.inject({ url: '/no-such-section/' })).body);
    });

    it('gives each replaced component its documented props; a component may return a Preact node', async () => {
      // A plugin field's value, as the editor stores it: a theme's ArticleHeader may show it.
      await storage.db
        .updateTable('article')
        .set({ custom_fields: JSON.stringify({ sponsor: 'Bayside Shipping', exclusive: true }) })
        .where('id', '=', ids.reference)
        .execute();
      const seen: Record<string, unknown> = {};
      const themed = await workerWith({
        name: 'props',
        css: [],
        components: {
          ArticleHeader: (p) => {
            seen.ArticleHeader = p;
            return `<header class="article-header themed"><h1>${p.headline}</h1></header>`;
          },
          ArticleByline: (p) => h('p', { class: 'byline themed' }, p.authors.map((a) => a.name).join(' & ')),
          TeaserCard: (p) => h('li', { class: 'teaser themed' }, p.article.headline),
          SectionFront: (p) => {
            seen.SectionFront = p;
            return h('div', { class: 'front themed' }, h('h1', null, p.section.name));
          },
          HomeTopStories: (p) => h('section', { class: 'top-stories themed' }, `${p.top.length} top stories`),
          ErrorPage: (p) => `<div class="error-page themed"><h1>${p.status}</h1></div>`,
        },
      });
      const article = dom((await get(themed, articlePath())).body);
      expect(article.querySelector('.article-header.themed h1')?.text).toBe(
        'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties',
      );
      expect(seen.ArticleHeader).toMatchObject({
        kicker: [
          { name: 'Politics', path: '/politics/' },
          { name: 'Defense & Security', path: '/politics/defense-security/' },
        ],
        languages: [],
        customFields: { sponsor: 'Bayside Shipping', exclusive: true },
      });
      expect(article.querySelector('.byline.themed')?.text).toBe('Tom Baker & Mei Aoki');
      const front = dom((await get(themed, '/politics/')).body);
      expect(front.querySelector('.front.themed h1')?.text).toBe('Politics');
      expect(seen.SectionFront).toMatchObject({ section: { slug: 'politics' }, page: 1, afterLead: '' });
      const home = dom((await get(themed, '/')).body);
      expect(home.querySelector('.top-stories.themed')?.text).toMatch(/^\d+ top stories$/);
      expect(home.querySelectorAll('li.teaser.themed').length).toBeGreaterThan(0);
      const missing = await themed.app.inject({ url: '/no-such-section/' });
      expect(missing.statusCode).toBe(404);
      expect(dom(missing.body).querySelector('.error-page.themed h1')?.text).toBe('404');
    });
  });
}
