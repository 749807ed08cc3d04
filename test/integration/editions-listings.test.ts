import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { defaultEditionSettings } from '../../src/domain/edition.js';
import { FEED_SIZE } from '../../src/domain/feed-items.js';
import { saveArticle } from '../../src/services/save-article.js';
import { taggedWindowQuery } from '../../src/storage/repositories/related.repository.js';
import { insertEditionRow } from '../../src/storage/repositories/edition.repository.js';
import { bumpContentVersion } from '../../src/storage/repositories/site.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';

/**
 * Tag and author pages, their feeds and Related, each within its edition (issue 13): an English edition at "/" and
 * a Japanese one at "/ja/", sharing a tag and an author.
 */

const minutesBefore = (m: number): Date => new Date(FIXTURE_NOW.getTime() - m * 60_000);

/** Headlines of a listing page's articles, in order. */
const headlinesOf = (body: string): string[] =>
  dom(body)
    .querySelectorAll('main h2 a, main h3 a')
    .map((a) => a.text.trim());

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`tag and author pages per edition on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    let jaEdition: number;
    let jaSubject: number;
    const jaHeadlines: string[] = [];
    const enHeadlines: string[] = [];
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    const story = (headline: string, sectionId: number, tags: string[], minutesAgo: number): ArticleInput => ({
      slug: `story-${minutesAgo}`,
      headline,
      standfirst: null,
      body: [paragraph(`${headline}。本文。`)],
      sectionId,
      authorIds: [ids.authors.aoki],
      tags,
      photo: null,
      status: 'published',
      publishedAt: minutesBefore(minutesAgo),
      updatedAt: null,
    });
    const saveIn = async (edition: number | null, input: ArticleInput): Promise<number> => {
      const id = await saveArticle(storage.db, null, input, FIXTURE_NOW);
      if (edition !== null)
        await storage.db.updateTable('article').set({ edition_id: edition }).where('id', '=', id).execute();
      return id;
    };

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      jaEdition = (await insertEditionRow(storage.db, {
        language: 'ja',
        prefix: '/ja/',
        position: 1,
        settings: JSON.stringify(
          defaultEditionSettings('ja', {
            publicationName: 'デイトライン新聞',
            shortName: 'DL',
            tagline: '東京と世界のニュース',
            timeZoneLabel: 'JST',
          }),
        ),
      }))!;
      const { business, sports } = ids.sections;
      // The Japanese stories first, so that every English one with their tag has a larger id (is "newer").
      jaSubject = await saveIn(jaEdition, story('鉄道の新線計画が決まる', business, ['Rail'], 300));
      for (const [i, headline] of ['鉄道運賃の値上げ', '鉄道の駅が改装', '鉄道の利用者が増加'].entries()) {
        await saveIn(jaEdition, story(headline, sports, ['Rail'], 400 + i));
        jaHeadlines.push(headline);
      }
      await saveIn(jaEdition, story('日本だけの話題', sports, ['Nihon Dake'], 500));
      // Thirty newer English stories with the same tag: more than Related reads per tag.
      for (let i = 0; i < 30; i += 1) {
        const headline = `English rail story ${i + 1}`;
        await saveIn(null, story(headline, sports, ['rail'], 100 - i));
        enHeadlines.unshift(headline);
      }
      await bumpContentVersion(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('lists only the English stories on the root tag page, and only the Japanese under /ja/', async () => {
      const en = await get('/tag/rail/');
      expect(en.statusCode).toBe(200);
      const enListed = headlinesOf(en.body);
      expect(enListed).toEqual(enHeadlines.slice(0, 20));
      expect(
        dom((await get('/tag/rail/?page=2')).body)
          .querySelectorAll('main a')
          .map((a) => a.text),
      ).not.toContain('鉄道運賃の値上げ');
      const ja = await get('/ja/tag/rail/');
      expect(ja.statusCode).toBe(200);
      const page = dom(ja.body);
      expect(page.querySelector('html')!.getAttribute('lang')).toBe('ja');
      expect(page.querySelector('link[rel="canonical"]')!.getAttribute('href')).toMatch(/\/ja\/tag\/rail\/$/);
      expect(headlinesOf(ja.body)).toEqual(['鉄道の新線計画が決まる', ...jaHeadlines]);
      // The heading is the spelling of the edition's own articles.
      expect(page.querySelector('h1')!.text).toContain('Rail');
      expect(await htmlProblems(ja.body)).toEqual([]);
    });

    it('finds a tag only where its edition has it, and moves a tag as typed within the edition', async () => {
      expect((await get('/tag/nihon-dake/')).statusCode).toBe(404);
      expect((await get('/ja/tag/nihon-dake/')).statusCode).toBe(200);
      const typed = await get('/ja/tag/Nihon%20Dake/');
      expect([typed.statusCode, typed.headers.location]).toEqual([301, '/ja/tag/nihon-dake/']);
      const bare = await get('/ja/tag/rail');
      expect([bare.statusCode, bare.headers.location]).toEqual([301, '/ja/tag/rail/']);
      // Past the edition's own last page.
      expect((await get('/ja/tag/rail/?page=2')).statusCode).toBe(404);
    });

    it('lists an author’s stories per edition', async () => {
      const en = headlinesOf((await get('/author/mei-aoki/')).body);
      expect(en.some((h) => /[鉄日]/.test(h))).toBe(false);
      expect(en).toContain('English rail story 30');
      const ja = await get('/ja/author/mei-aoki/');
      expect(ja.statusCode).toBe(200);
      expect(headlinesOf(ja.body)).toEqual(['鉄道の新線計画が決まる', ...jaHeadlines, '日本だけの話題']);
      // Tom Baker wrote nothing Japanese: his page there exists and lists nothing.
      const baker = await get('/ja/author/tom-baker/');
      expect(baker.statusCode).toBe(200);
      expect(headlinesOf(baker.body)).toEqual([]);
    });

    it('keeps each edition’s listing under its own cache key', async () => {
      t.pageCache.clear();
      await get('/tag/rail/');
      await get('/ja/tag/rail/');
      const now = FIXTURE_NOW.getTime();
      const en = t.pageCache.get('/tag/rail/', now);
      const ja = t.pageCache.get('/ja/tag/rail/', now);
      expect(en && ja && !en.body.equals(ja.body)).toBe(true);
      const hit = await get('/ja/tag/rail/');
      expect(headlinesOf(hit.body)[0]).toBe('鉄道の新線計画が決まる');
    });

    it('feeds each edition’s own stories for a tag and an author', async () => {
      /** Entry titles of an RSS or Atom feed, CDATA or not. */
      const items = (body: string) =>
        [...body.matchAll(/<(?:item|entry)>\s*<title[^>]*>(?:<!\[CDATA\[)?([^<\]]*)/g)].map((m) => m[1]);
      const enTag = await get('/tag/rail/feed/');
      expect(enTag.statusCode).toBe(200);
      expect(items(enTag.body)).toEqual(enHeadlines.slice(0, FEED_SIZE));
      const jaTag = await get('/ja/tag/rail/feed/');
      expect(jaTag.statusCode).toBe(200);
      expect(items(jaTag.body)).toEqual(['鉄道の新線計画が決まる', ...jaHeadlines]);
      expect(jaTag.body).toContain('/ja/tag/rail/feed/');
      expect(jaTag.body).toContain('デイトライン新聞');
      const jaAuthor = await get('/ja/author/mei-aoki/feed/atom/');
      expect(jaAuthor.statusCode).toBe(200);
      expect(items(jaAuthor.body)).toEqual(['鉄道の新線計画が決まる', ...jaHeadlines, '日本だけの話題']);
    });

    it('lists each edition’s tag and author pages in the pages sitemap, only where they list something', async () => {
      const res = await get('/sitemaps/pages.xml');
      expect(res.statusCode).toBe(200);
      const locs = [...res.body.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!.replace(/^https?:\/\/[^/]+/, ''));
      const listings = locs.filter((l) => /\/(?:tag|author)\//.test(l));
      const ja = listings.filter((l) => l.startsWith('/ja/'));
      expect(ja).toEqual(['/ja/author/mei-aoki/', '/ja/tag/nihon-dake/', '/ja/tag/rail/']);
      expect(listings).toContain('/tag/rail/');
      expect(listings).toContain('/author/tom-baker/');
      // A tag of Japanese articles alone has no page at the root.
      expect(listings).not.toContain('/tag/nihon-dake/');
    });

    it('gives a Japanese article Related from its own edition though 30 newer English stories share its tag', async () => {
      const moved = await get(`/business/20000101-${jaSubject}/`);
      const res = await get(moved.headers.location as string);
      expect(res.statusCode).toBe(200);
      const page = dom(res.body);
      const related = page
        .querySelector('section[aria-labelledby="article-related"]')!
        .querySelectorAll('.end-list a')
        .map((a) => a.text);
      // They are in another section than the article: only the tag can have brought them.
      expect(related).toEqual(jaHeadlines);
      // The tag pill leads to the edition's own tag page.
      expect(page.querySelector('.article-topics a')!.getAttribute('href')).toBe('/ja/tag/rail/');
    });

    it('asks the same Related query as before editions when given no edition, and filters inside it when given one', () => {
      const opts = { tagSlugs: ['rail', 'budget'], excludeId: 7, now: 1e12, perTag: 24 };
      const plain = taggedWindowQuery(storage.db, opts)!.compile();
      const none = taggedWindowQuery(storage.db, { ...opts, editionId: undefined })!.compile();
      expect(none.sql).toBe(plain.sql);
      expect(plain.sql).not.toContain(`"article"."edition_id" = `);
      const one = taggedWindowQuery(storage.db, { ...opts, editionId: jaEdition })!.compile();
      // In each branch, before its LIMIT: the walk keeps going until it has perTag of the edition's rows.
      expect(one.sql.match(/"article"\."edition_id" = /g)).toHaveLength(2);
      expect(one.parameters.filter((p) => p === jaEdition)).toHaveLength(2);
    });
  });
}
