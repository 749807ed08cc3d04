import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArticle } from '../../src/services/save-article.js';
import { unlinkTranslation, linkTranslation } from '../../src/services/translations.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { loadEditionsFixture, type EditionsFixture } from '../fixtures/editions.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';

const BASE = 'http://127.0.0.1:3000';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name),
});

type Pair = [string, string];
interface JsonLdArticle {
  '@id'?: string;
  url: string;
  inLanguage: string;
  translationOfWork?: { '@id': string; url: string };
  workTranslation?: { '@id': string; url: string }[];
}

/** The page's `<link rel="alternate" hreflang>`, as [hreflang, href]. */
const alternatesOf = (body: string): Pair[] =>
  dom(body)
    .querySelectorAll('link[rel="alternate"][hreflang]')
    .map((l) => [l.getAttribute('hreflang')!, l.getAttribute('href')!]);

/** The language switch's links, as [text, href, lang, hreflang]. */
const switchOf = (body: string) =>
  dom(body)
    .querySelectorAll('.language-switch a')
    .map((a) => [a.text, a.getAttribute('href'), a.getAttribute('lang'), a.getAttribute('hreflang')]);

const articleLd = (body: string): JsonLdArticle => {
  const script = dom(body).querySelector('script[type="application/ld+json"]')!;
  const graph = (JSON.parse(script.text) as { '@graph': { '@type': string }[] })['@graph'];
  return graph.find((n) => n['@type'] === 'NewsArticle') as unknown as JsonLdArticle;
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`translation links on reader pages on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let f: EditionsFixture;
    let t: TestApp;
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    /** A live article's canonical path, by following the address its id alone is answered at; null if not live. */
    const livePathOf = async (id: number): Promise<string | null> => {
      const res = await get(`/x/20000101-${id}/`);
      expect([id, res.statusCode]).toContainEqual(res.statusCode === 404 ? 404 : 301);
      return res.statusCode === 404 ? null : (res.headers.location as string);
    };
    const pathOf = async (id: number): Promise<string> => {
      const path = await livePathOf(id);
      expect([id, path]).not.toEqual([id, null]);
      return path!;
    };
    /** Every link stored, as [source, translation]. */
    const storedPairs = async () =>
      (await storage.db.selectFrom('article_translation').select(['article_id', 'translation_id']).execute()).map(
        (r) => [r.article_id, r.translation_id] as const,
      );

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      f = await loadEditionsFixture(storage.db, ids);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('links an English source and its two translations both ways, each member printing the same set', async () => {
      const { en, ja, ko } = f.reference;
      const [enPath, jaPath, koPath] = [await pathOf(en), await pathOf(ja), await pathOf(ko)];
      expect([enPath, jaPath, koPath]).toEqual([
        `/politics/defense-security/20260121-${en}/`,
        `/ja/seiji/boei/20260121-${ja}/`,
        `/ko/politics/defense-security/20260121-${ko}/`,
      ]);
      const expected: Pair[] = [
        ['en', BASE + enPath],
        ['ja', BASE + jaPath],
        ['ko', BASE + koPath],
        ['x-default', BASE + enPath],
      ];
      const pages = { en: (await get(enPath)).body, ja: (await get(jaPath)).body, ko: (await get(koPath)).body };
      for (const body of Object.values(pages)) expect(alternatesOf(body)).toEqual(expected);
      expect(switchOf(pages.en)).toEqual([
        ['日本語', jaPath, 'ja', 'ja'],
        ['한국어', koPath, 'ko', 'ko'],
      ]);
      expect(switchOf(pages.ja)).toEqual([
        ['English', enPath, 'en', 'en'],
        ['한국어', koPath, 'ko', 'ko'],
      ]);
      // Named in the page's own language, near the headline.
      const nav = dom(pages.ja).querySelector('.article-header nav.language-switch')!;
      expect(nav.getAttribute('aria-label')).toBe('この記事の他の言語版');
      expect(dom(pages.en).querySelector('.language-switch')!.getAttribute('aria-label')).toBe(
        'This article in other languages',
      );
      expect(await htmlProblems(pages.ja)).toEqual([]);
    });

    it('takes the first edition’s member as x-default even when it is the translation, else the source', async () => {
      const jaFirst = [await pathOf(f.jaFirst.ja), await pathOf(f.jaFirst.en)];
      for (const path of jaFirst)
        expect(alternatesOf((await get(path)).body)).toEqual([
          ['en', BASE + jaFirst[1]],
          ['ja', BASE + jaFirst[0]],
          ['x-default', BASE + jaFirst[1]],
        ]);
      const noEnglish = [await pathOf(f.noEnglish.ja), await pathOf(f.noEnglish.ko)];
      for (const path of noEnglish)
        expect(alternatesOf((await get(path)).body)).toEqual([
          ['ja', BASE + noEnglish[0]],
          ['ko', BASE + noEnglish[1]],
          ['x-default', BASE + noEnglish[0]],
        ]);
    });

    it('links no draft or translation not yet live, and prints nothing new on an article alone', async () => {
      for (const id of [f.draftOnly.en, f.scheduled.en, ids.politics[0]!]) {
        const body = (await get(await pathOf(id))).body;
        expect([id, alternatesOf(body), switchOf(body)]).toEqual([id, [], []]);
        const ld = articleLd(body);
        expect([ld['@id'], ld.translationOfWork, ld.workTranslation]).toEqual([undefined, undefined, undefined]);
      }
    });

    it('writes inLanguage on every article, translationOfWork on a translation and workTranslation on a source', async () => {
      const { en, ja, ko } = f.reference;
      const [enUrl, jaUrl, koUrl] = [BASE + (await pathOf(en)), BASE + (await pathOf(ja)), BASE + (await pathOf(ko))];
      const source = articleLd((await get(enUrl.slice(BASE.length))).body);
      expect(source).toMatchObject({ '@id': enUrl, url: enUrl, inLanguage: 'en' });
      expect(source.workTranslation).toEqual([
        { '@type': 'NewsArticle', '@id': jaUrl, url: jaUrl },
        { '@type': 'NewsArticle', '@id': koUrl, url: koUrl },
      ]);
      expect(source.translationOfWork).toBeUndefined();
      const translation = articleLd((await get(jaUrl.slice(BASE.length))).body);
      expect(translation).toMatchObject({ '@id': jaUrl, url: jaUrl, inLanguage: 'ja' });
      expect(translation.translationOfWork).toEqual({ '@type': 'NewsArticle', '@id': enUrl, url: enUrl });
      expect(translation.workTranslation).toBeUndefined();
      expect(articleLd((await get(koUrl.slice(BASE.length))).body).inLanguage).toBe('ko');
    });

    it('walks every stored pair: where both are live, their alternates are identical and name both', async () => {
      const pairs = await storedPairs();
      expect(pairs.length).toBe(6);
      let walked = 0;
      for (const [source, translation] of pairs) {
        const [pathA, pathB] = [await livePathOf(source), await livePathOf(translation)];
        if (pathA === null || pathB === null) continue;
        walked++;
        const [setA, setB] = [alternatesOf((await get(pathA)).body), alternatesOf((await get(pathB)).body)];
        expect(setB).toEqual(setA);
        const hrefs = setA.map(([, href]) => href);
        expect(hrefs).toContain(BASE + pathA);
        expect(hrefs).toContain(BASE + pathB);
        // One entry per language, and one x-default.
        const langs = setA.map(([lang]) => lang);
        expect(new Set(langs).size).toBe(langs.length);
        expect(langs.filter((l) => l === 'x-default')).toHaveLength(1);
      }
      expect(walked).toBe(4);
    });

    it('changes the other page when a translation goes live, is unpublished or unlinked', async () => {
      const { en, ja } = f.scheduled;
      const enPath = await pathOf(en);
      expect(switchOf((await get(enPath)).body)).toEqual([]);
      t.setNow(new Date(f.scheduled.liveAt.getTime() + 60_000));
      try {
        const jaPath = await pathOf(ja);
        expect(switchOf((await get(enPath)).body)).toEqual([['日本語', jaPath, 'ja', 'ja']]);
        expect(alternatesOf((await get(jaPath)).body)).toEqual(alternatesOf((await get(enPath)).body));

        // Unpublished: a save moves the content version, and the English page's copy goes with it.
        const row = await storage.db.selectFrom('article').selectAll().where('id', '=', ja).executeTakeFirstOrThrow();
        const unpublish = {
          slug: row.slug,
          headline: row.headline,
          standfirst: null,
          body: JSON.parse(row.body) as never,
          sectionId: row.section_id,
          authorIds: [ids.authors.aoki],
          tags: [],
          photo: null,
          updatedAt: null,
        };
        await saveArticle(storage.db, ja, { ...unpublish, status: 'unpublished', publishedAt: null }, FIXTURE_NOW);
        await t.site.refresh();
        expect(switchOf((await get(enPath)).body)).toEqual([]);
        await saveArticle(
          storage.db,
          ja,
          { ...unpublish, status: 'published', publishedAt: f.scheduled.liveAt },
          FIXTURE_NOW,
        );
        await t.site.refresh();
        expect(switchOf((await get(enPath)).body)).toHaveLength(1);

        await unlinkTranslation(storage.db, en, ja);
        await t.site.refresh();
        expect(alternatesOf((await get(enPath)).body)).toEqual([]);
        await linkTranslation(storage.db, en, ja, FIXTURE_NOW);
        await t.site.refresh();
        expect(switchOf((await get(enPath)).body)).toHaveLength(1);
      } finally {
        t.setNow(FIXTURE_NOW);
      }
    });

    it('lists every live member’s alternates in the article sitemaps, the same set its page prints', async () => {
      const index = xml.parse((await get('/sitemap.xml')).body) as { sitemapindex: { sitemap: { loc: string }[] } };
      const files = index.sitemapindex.sitemap.map((s) => s.loc).filter((loc) => loc.includes('/articles-'));
      const seen = new Map<string, Pair[]>();
      for (const file of files) {
        const body = (await get(file.slice(BASE.length))).body;
        expect(XMLValidator.validate(body)).toBe(true);
        const set = xml.parse(body).urlset as {
          'xmlns:xhtml'?: string;
          url: { loc: string; 'xhtml:link'?: { rel: string; hreflang: string; href: string }[] }[];
        };
        if (set.url.some((u) => u['xhtml:link'])) expect(set['xmlns:xhtml']).toBe(XHTML_NS);
        for (const u of set.url) {
          for (const l of u['xhtml:link'] ?? []) expect(l.rel).toBe('alternate');
          seen.set(
            u.loc,
            (u['xhtml:link'] ?? []).map((l) => [l.hreflang, l.href]),
          );
        }
      }
      let linked = 0;
      for (const [loc, links] of seen) {
        const page = alternatesOf((await get(loc.slice(BASE.length))).body);
        expect([loc, links]).toEqual([loc, page]);
        if (links.length > 0) {
          linked++;
          expect(links.map(([, href]) => href)).toContain(loc);
        }
      }
      // The reference's three, the Japanese-first pair and the pair without English.
      expect(linked).toBe(7);
    });

    it('keeps one sitemap index for the site, naming each edition’s news file in robots.txt', async () => {
      const robots = (await get('/robots.txt')).body;
      expect(robots).toContain(`Sitemap: ${BASE}/sitemap.xml`);
      expect(robots).toContain(`Sitemap: ${BASE}/ja/sitemaps/news.xml`);
      expect(robots).toContain(`Sitemap: ${BASE}/ko/sitemaps/news.xml`);
      expect((await get('/ja/sitemap.xml')).statusCode).toBe(404);
      expect((await get('/ja/sitemaps/news.xml')).statusCode).toBe(200);
      const files = (await get('/sitemap.xml')).body;
      expect(files).not.toContain('/ja/sitemaps/');
    });

    it('ranks each edition apart in /api/ranking?edition=, by language or prefix, the first by default', async () => {
      const reader = (k: number) => ({ visitorKey: k, pairKey: k, addressKey: k, addressArticleKey: k });
      const second = Math.floor(FIXTURE_NOW.getTime() / 1000) - 30;
      t.views.tracker.record({ articleId: f.reference.ja, second, ...reader(71) });
      t.views.tracker.record({ articleId: f.reference.en, second, ...reader(72) });
      await t.views.tracker.flush();
      await t.views.tracker.sync();
      t.setNow(new Date(FIXTURE_NOW.getTime() + 1000));
      try {
        const ranked = async (query: string) => {
          const res = await get(`/api/ranking?window=1h${query}`);
          expect([query, res.statusCode]).toEqual([query, 200]);
          return res.json() as {
            edition: { language: string; prefix: string };
            articles: { id: number; path: string }[];
          };
        };
        const english = await ranked('');
        expect(english.edition).toEqual({ language: 'en', prefix: '/' });
        expect(english.articles.map((a) => a.id)).toEqual([f.reference.en]);
        for (const query of ['&edition=ja', '&edition=JA', '&edition=/ja/', '&edition=%2Fja']) {
          const japanese = await ranked(query);
          expect(japanese.edition).toEqual({ language: 'ja', prefix: '/ja/' });
          expect(japanese.articles.map((a) => [a.id, a.path])).toEqual([
            [f.reference.ja, await pathOf(f.reference.ja)],
          ]);
        }
        expect((await ranked('&edition=%2F')).articles.map((a) => a.id)).toEqual([f.reference.en]);
        expect((await ranked('&edition=ko')).articles).toEqual([]);
        // A section by its address in that edition.
        expect((await ranked('&edition=ja&section=seiji')).articles.map((a) => a.id)).toEqual([f.reference.ja]);
        for (const bad of ['fr', '/fr/', '', 'ja/seiji']) {
          const res = await get(`/api/ranking?edition=${encodeURIComponent(bad)}`);
          expect([bad, res.statusCode]).toEqual([bad, 400]);
          const error = (res.json() as { error: { code: string; message: string; fields: { edition: string } } }).error;
          expect(error.code).toBe('invalid_ranking_query');
          expect(error.fields.edition).toContain('ja (/ja/)');
        }
      } finally {
        t.setNow(FIXTURE_NOW);
      }
    });
  });
}
