import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLOT_NAMES, type DatelinePlugin, type SlotContext, type SlotName } from '../../src/plugins/contract.js';
import { createPluginRegistry, NO_PLUGINS, type PluginRegistry } from '../../src/plugins/registry.js';
import { DEMO_PAGES } from '../../src/demo/demo-pages.js';
import { writeDemoPages } from '../../src/services/seed-demo.js';
import { FIXTURE_NOW, loadNewsroomFixture, REFERENCE_PARAGRAPHS, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { htmlProblems } from '../support/html.js';

/** The slots the reader's pages render here; `article-inline` is BodyBlocks' own and tested with it. */
const RENDERED = SLOT_NAMES.filter((s) => s !== 'article-inline');

/** A marker that is valid HTML where its slot is: a <meta> in <head>, a <div> in the body. */
const markerOf = (slot: SlotName, page: string): string =>
  slot === 'head'
    ? `<meta name="marker-head" content="${page}">`
    : `<div class="marker" data-slot="${slot}" data-page="${page}">marker ${slot}</div>`;

/** Fills every slot it may with its marker and keeps every context it was given. */
const markerPlugin = (seen: SlotContext[]): DatelinePlugin => ({
  name: 'markers',
  version: '1.0.0',
  slots: Object.fromEntries(
    RENDERED.map((slot) => [
      slot,
      (ctx: SlotContext) => {
        seen.push(ctx);
        return markerOf(slot, ctx.page);
      },
    ]),
  ),
});

/** Which slots each kind of page has, besides head, body-start, header-after and footer, which every page has. */
const OWN_SLOTS: Record<string, SlotName[]> = {
  home: ['home-after-top-stories', 'rail-top', 'rail-bottom'],
  section: ['section-after-lead'],
  article: ['article-start', 'article-end', 'rail-top', 'rail-bottom'],
  page: [],
  ranking: [],
};
const EVERY_PAGE: SlotName[] = ['head', 'body-start', 'header-after', 'footer'];

const count = (html: string, part: string): number => html.split(part).length - 1;

/** Asserts `parts` appear in `html` in this order: each is looked for after the one before. */
const expectInOrder = (html: string, parts: string[]): void => {
  let from = 0;
  for (const part of parts) {
    const at = html.indexOf(part, from);
    expect(at, `${part} comes after ${from === 0 ? 'the start' : 'what is before it'}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
};

/** The beacon's token is signed with each app's own key: the rest of the page is what is compared. */
const withoutToken = (html: string): string => html.replace(/data-token="[^"]*"/, 'data-token=""');

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`plugin slots on reader pages on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    const apps: TestApp[] = [];
    const seen: SlotContext[] = [];
    const logged: { plugin: string; slot?: string; msg: string }[] = [];
    let plain: TestApp;
    let marked: TestApp;
    const articlePath = () => `/politics/defense-security/20260121-${ids.reference}/`;
    const PAGES = () => ({
      home: '/',
      section: '/politics/',
      article: articlePath(),
      page: '/about/',
      ranking: '/ranking/',
    });
    const appWith = async (plugins: PluginRegistry): Promise<TestApp> => {
      const t = await buildTestApp(storage.db, FIXTURE_NOW, { plugins });
      apps.push(t);
      return t;
    };
    const get = async (t: TestApp, url: string) => {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      return res.body;
    };

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      await writeDemoPages(storage.db, DEMO_PAGES, FIXTURE_NOW);
      plain = await appWith(NO_PLUGINS);
      marked = await appWith(
        createPluginRegistry([markerPlugin(seen)], {
          error: (obj, msg) => logged.push({ plugin: obj.plugin, ...(obj.slot ? { slot: obj.slot } : {}), msg }),
        }),
      );
    });
    afterAll(async () => {
      for (const t of apps) await t.close();
      await storage?.destroy();
    });

    it("renders each slot of a page's kind exactly once, and no other", async () => {
      for (const [kind, url] of Object.entries(PAGES())) {
        const html = await get(marked, url);
        for (const slot of RENDERED) {
          const expected = EVERY_PAGE.includes(slot) || OWN_SLOTS[kind]!.includes(slot) ? 1 : 0;
          expect(count(html, markerOf(slot, kind)), `${slot} on the ${kind} page`).toBe(expected);
        }
      }
    });

    it('puts the frame slots at the end of <head>, after the skip link, after the masthead and after the footer', async () => {
      for (const [kind, url] of Object.entries(PAGES())) {
        const html = await get(marked, url);
        expect(html).toContain(`${markerOf('head', kind)}</head>`);
        expectInOrder(html, [
          'class="skip-link"',
          markerOf('body-start', kind),
          '<header class="masthead">',
          '</header>',
          markerOf('header-after', kind),
          '<main id="main">',
          '<footer class="site-footer">',
          '</footer>',
          markerOf('footer', kind),
          '</body>',
        ]);
      }
    });

    it("puts the article's slots before its headline, after its body and in its rail", async () => {
      const html = await get(marked, articlePath());
      expectInOrder(html, [
        '<article class="article">',
        markerOf('article-start', 'article'),
        '<header class="article-header">',
        REFERENCE_PARAGRAPHS[7]!,
        markerOf('article-end', 'article'),
        '</article>',
        '<aside class="article-aside"',
        markerOf('rail-top', 'article'),
        'Top Articles in Politics',
        markerOf('rail-bottom', 'article'),
        '</aside>',
      ]);
    });

    it("puts the home page's slot after its top stories and the rail's at the rail's ends", async () => {
      const html = await get(marked, '/');
      expectInOrder(html, [
        '<section class="top-stories"',
        '</section>',
        markerOf('home-after-top-stories', 'home'),
        '<aside class="home-rail"',
        markerOf('rail-top', 'home'),
        markerOf('rail-bottom', 'home'),
        '</aside>',
      ]);
    });

    it("puts the section front's slot after its lead story, before the list", async () => {
      const html = await get(marked, '/politics/');
      expectInOrder(html, [
        '<article class="lead-story">',
        '</article>',
        markerOf('section-after-lead', 'section'),
        '<ul class="teasers">',
      ]);
    });

    it("gives each slot the page's kind, edition, site, section and article", async () => {
      // Rendered again, not sent from the page cache.
      marked.setNow(FIXTURE_NOW);
      seen.length = 0;
      await get(marked, articlePath());
      const onArticle = seen.filter((c) => c.slot === 'article-start');
      expect(onArticle).toHaveLength(1);
      const ctx = onArticle[0]!;
      expect(ctx.page).toBe('article');
      expect(ctx.edition).toEqual({ code: 'en', language: 'en', name: 'Dateline News', pathPrefix: '/' });
      expect(ctx.site.publicationName).toBe('Dateline News');
      expect(ctx.section).toEqual({ name: 'Defense & Security', slug: 'defense-security' });
      expect(ctx.article).toMatchObject({
        id: String(ids.reference),
        title: 'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties',
        url: `${ctx.site.baseUrl}${articlePath()}`,
        section: { name: 'Defense & Security', slug: 'defense-security' },
        custom_fields: {},
      });
      expect(ctx.article!.feature_image).toMatch(/^https?:\/\/.+\/media\/\d+-\w+\/og\.jpg$/);
      // Every slot of one page is given the same context.
      expect(new Set(seen.map((c) => JSON.stringify({ ...c, slot: '' }))).size).toBe(1);

      marked.setNow(FIXTURE_NOW);
      seen.length = 0;
      await get(marked, '/politics/');
      expect(seen[0]).toMatchObject({
        page: 'section',
        section: { name: 'Politics', slug: 'politics' },
        article: null,
      });
      marked.setNow(FIXTURE_NOW);
      seen.length = 0;
      await get(marked, '/');
      expect(seen[0]).toMatchObject({ page: 'home', section: null, article: null });
    });

    it('renders the slots of a missing page (404) with the page kind "error"', async () => {
      const res = await marked.app.inject({ url: '/no-such-section/' });
      expect(res.statusCode).toBe(404);
      expect(count(res.body, markerOf('header-after', 'error'))).toBe(1);
    });

    it('inserts exactly what the plugins return: without the markers, each page is the page without plugins', async () => {
      for (const url of Object.values(PAGES())) {
        let html = withoutToken(await get(marked, url));
        for (const kind of Object.keys(OWN_SLOTS))
          for (const slot of RENDERED) html = html.split(markerOf(slot, kind)).join('');
        expect(html).toBe(withoutToken(await get(plain, url)));
      }
    });

    it('keeps valid HTML with plugins that return well-formed HTML', async () => {
      for (const url of Object.values(PAGES())) expect(await htmlProblems(await get(marked, url)), url).toEqual([]);
    });

    it('keeps the bytes of every page when the plugins fill no slot', async () => {
      const quiet = await appWith(
        createPluginRegistry([
          { name: 'no-slots', version: '1.0.0' },
          // Fills every slot with nothing.
          { name: 'empty-slots', version: '1.0.0', slots: Object.fromEntries(RENDERED.map((s) => [s, () => ''])) },
          { name: 'null-slots', version: '1.0.0', slots: Object.fromEntries(RENDERED.map((s) => [s, () => null])) },
        ]),
      );
      for (const url of [...Object.values(PAGES()), '/corrections/', '/tag/test/', '/author/mei-aoki/']) {
        expect(withoutToken(await get(quiet, url)), url).toBe(withoutToken(await get(plain, url)));
      }
    });

    it('leaves a throwing slot empty and logs it with the plugin, and the page is still served', async () => {
      const errors: { plugin: string; slot?: string; err: unknown }[] = [];
      const t = await appWith(
        createPluginRegistry(
          [
            {
              name: 'broken',
              version: '1.0.0',
              slots: {
                'article-end': () => {
                  throw new Error('the ad server is down');
                },
              },
            },
            { name: 'fine', version: '1.0.0', slots: { 'article-end': () => '<p class="fine">still here</p>' } },
          ],
          { error: (obj) => errors.push(obj) },
        ),
      );
      const html = await get(t, articlePath());
      expect(count(html, '<p class="fine">still here</p>')).toBe(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ plugin: 'broken', slot: 'article-end' });
      expect((errors[0]!.err as Error).message).toBe('the ad server is down');
    });

    it("keeps a slot's output in the cached page: a second request does not call the plugin", async () => {
      let calls = 0;
      const t = await appWith(
        createPluginRegistry([
          { name: 'counted', version: '1.0.0', slots: { footer: () => `<p class="calls">${++calls}</p>` } },
        ]),
      );
      const first = await get(t, '/politics/');
      const second = await get(t, '/politics/');
      expect(calls).toBe(1);
      expect(second).toBe(first);
    });
  });
}
