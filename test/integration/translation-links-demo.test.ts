import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoContent } from '../../src/services/seed-demo.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom } from '../support/html.js';
import { demoSeedOptions } from '../support/demo-photos.js';

/** The demo is seeded at this instant; its pages are read a day later, when every translation is live. */
const SEEDED = new Date('2026-11-25T03:00:00Z');
const READ_AT = new Date(SEEDED.getTime() + 24 * 3600_000);
const BASE = 'http://127.0.0.1:3000';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name),
});

const alternatesOf = (body: string): [string, string][] =>
  dom(body)
    .querySelectorAll('link[rel="alternate"][hreflang]')
    .map((l) => [l.getAttribute('hreflang')!, l.getAttribute('href')!]);

const newsArticleOf = (body: string) =>
  (
    JSON.parse(dom(body).querySelector('script[type="application/ld+json"]')!.text) as {
      '@graph': Record<string, unknown>[];
    }
  )['@graph'].find((n) => n['@type'] === 'NewsArticle')!;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`every translated pair of the demo newspaper on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const pathOf = async (id: number) => {
      const res = await get(`/x/20000101-${id}/`);
      expect([id, res.statusCode]).toEqual([id, 301]);
      return res.headers.location as string;
    };

    beforeAll(async () => {
      storage = await backend.open();
      await seedDemoContent(storage.db, SEEDED, demoSeedOptions);
      t = await buildTestApp(storage.db, READ_AT);
    }, 180_000);
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('links both pages of each pair to each other, with the same hreflang set, switch and JSON-LD', async () => {
      const pairs = await storage.db
        .selectFrom('article_translation')
        .select(['article_id', 'translation_id'])
        .execute();
      expect(pairs.length).toBeGreaterThanOrEqual(6);
      const sitemapSets = new Map<string, [string, string][]>();
      const index = xml.parse((await get('/sitemap.xml')).body) as { sitemapindex: { sitemap: { loc: string }[] } };
      for (const { loc } of index.sitemapindex.sitemap.filter((s) => s.loc.includes('/articles-'))) {
        const set = xml.parse((await get(loc.slice(BASE.length))).body).urlset as {
          url: { loc: string; 'xhtml:link'?: { hreflang: string; href: string }[] }[];
        };
        for (const u of set.url)
          sitemapSets.set(
            u.loc,
            (u['xhtml:link'] ?? []).map((l) => [l.hreflang, l.href]),
          );
      }
      for (const { article_id: source, translation_id: translation } of pairs) {
        const [sourcePath, translationPath] = [await pathOf(source), await pathOf(translation)];
        const [sourcePage, translationPage] = [(await get(sourcePath)).body, (await get(translationPath)).body];
        const expected: [string, string][] = [
          ['en', BASE + sourcePath],
          ['ja', BASE + translationPath],
          ['x-default', BASE + sourcePath],
        ];
        expect([source, alternatesOf(sourcePage)]).toEqual([source, expected]);
        expect([translation, alternatesOf(translationPage)]).toEqual([translation, expected]);
        expect(sitemapSets.get(BASE + sourcePath)).toEqual(expected);
        expect(sitemapSets.get(BASE + translationPath)).toEqual(expected);
        const switchOf = (body: string) =>
          dom(body)
            .querySelectorAll('.language-switch a')
            .map((a) => [a.text, a.getAttribute('href')]);
        expect(switchOf(sourcePage)).toEqual([['日本語', translationPath]]);
        expect(switchOf(translationPage)).toEqual([['English', sourcePath]]);
        expect(newsArticleOf(translationPage)).toMatchObject({
          inLanguage: 'ja',
          translationOfWork: { '@id': BASE + sourcePath, url: BASE + sourcePath },
        });
        expect(newsArticleOf(sourcePage)).toMatchObject({
          inLanguage: 'en',
          workTranslation: [{ '@id': BASE + translationPath, url: BASE + translationPath }],
        });
      }
    });
  });
}
