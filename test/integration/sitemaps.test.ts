import Fastify, { type FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { isoWithOffset } from '../../src/domain/dateline.js';
import { SITEMAP_URL_LIMIT } from '../../src/domain/sitemap.js';
import { HttpError } from '../../src/server/errors.js';
import { createResponseCache } from '../../src/server/page-cache.js';
import { registerSitemapRoutes } from '../../src/server/reader/sitemap-routes.js';
import { saveArticle } from '../../src/services/save-article.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
/** The site's default address in tests (no DATELINE_BASE_URL, no stored setting, PORT 3000). */
const BASE = 'http://127.0.0.1:3000';
/** W3C date-time with seconds and an offset, as the sitemaps write it in the site's zone (Tokyo). */
const W3C_TOKYO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => ['url', 'sitemap', 'image:image'].includes(name),
});

type Node = Record<string, unknown>;
interface UrlNode {
  loc: string;
  lastmod?: string;
  'image:image'?: { 'image:loc': string }[];
  'news:news'?: {
    'news:publication': { 'news:name': string; 'news:language': string };
    'news:publication_date': string;
    'news:title': string;
  };
}

const parse = (xml: string): Node => {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  return parser.parse(xml) as Node;
};
const urlsetOf = (xml: string) => parse(xml).urlset as Node & { url?: UrlNode[] };
const locsOf = (xml: string): string[] => (urlsetOf(xml).url ?? []).map((u) => u.loc);

const minutesBefore = (m: number): Date => new Date(FIXTURE_NOW.getTime() - m * 60_000);

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`sitemaps on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    /** Our own articles, besides the fixture's. */
    const own = { newYear: 0, oldYear: 0, redated: 0, draft: 0 };
    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

    const story = (headline: string, publishedAt: Date, overrides: Partial<ArticleInput> = {}): ArticleInput => ({
      slug: headline.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      headline,
      standfirst: null,
      body: [paragraph(`${headline}.`)],
      sectionId: ids.sections.business,
      authorIds: [ids.authors.aoki],
      tags: ['test'],
      photo: null,
      status: 'published',
      publishedAt,
      updatedAt: null,
      ...overrides,
    });

    /** Every address of a live article, as the reader site writes it. */
    const articleUrl = (id: number, sectionPath: string, date: string) => `${BASE}${sectionPath}${date}-${id}/`;

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      const save = (input: ArticleInput, now = FIXTURE_NOW) => saveArticle(storage.db, null, input, now);
      // 00:30 on New Year's Day in Tokyo, still 31 December in UTC: a January article on the site's calendar.
      own.newYear = await save(story('New Year story', new Date('2025-12-31T15:30:00Z')));
      // 23:30 on 31 December in Tokyo: December.
      own.oldYear = await save(story('Old year story', new Date('2025-12-31T14:30:00Z')));
      // First published in June; its displayed time later moved to an hour ago. Its first publication decides.
      own.redated = await save(story('Redated story', new Date('2025-06-01T03:00:00Z')));
      await saveArticle(
        storage.db,
        own.redated,
        story('Redated story', minutesBefore(60), { updatedAt: minutesBefore(30) }),
        FIXTURE_NOW,
      );
      own.draft = await save(story('Draft story', minutesBefore(10), { status: 'draft' }));
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    describe('the sitemap index', () => {
      it('lists the pages file, one file per month of first publication in the site’s zone, and the news file', async () => {
        const res = await get('/sitemap.xml');
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
        const index = parse(res.body).sitemapindex as Node & { sitemap: { loc: string; lastmod?: string }[] };
        expect(index['@_xmlns']).toBe(SITEMAP_NS);
        expect(index.sitemap.map((s) => s.loc)).toEqual([
          `${BASE}/sitemaps/pages.xml`,
          `${BASE}/sitemaps/articles-2025-06.xml`,
          `${BASE}/sitemaps/articles-2025-12.xml`,
          `${BASE}/sitemaps/articles-2026-01.xml`,
          `${BASE}/sitemaps/news.xml`,
        ]);
      });

      it('dates each month file by its latest change, in W3C format with the site’s offset', async () => {
        const index = parse((await get('/sitemap.xml')).body).sitemapindex as { sitemap: Node[] };
        const months = index.sitemap.filter((s) => String(s.loc).includes('/articles-'));
        expect(months.map((s) => s.lastmod)).toEqual([
          // The redated story's significant update, 30 minutes before the fixture's now (09:00 in Tokyo).
          '2026-01-22T08:30:00+09:00',
          '2025-12-31T23:30:00+09:00',
          // The reference article, 13:01 in Tokyo, is January's latest.
          '2026-01-21T18:45:00+09:00',
        ]);
      });

      it('lists only files that answer, every one of them parseable', async () => {
        const index = parse((await get('/sitemap.xml')).body).sitemapindex as { sitemap: { loc: string }[] };
        for (const { loc } of index.sitemap) {
          const res = await get(loc.slice(BASE.length));
          expect(res.statusCode, loc).toBe(200);
          expect(urlsetOf(res.body)['@_xmlns']).toBe(SITEMAP_NS);
        }
      });
    });

    describe('the pages file', () => {
      it('lists home, every section and subsection, and the authors and tags with live articles', async () => {
        expect(locsOf((await get('/sitemaps/pages.xml')).body)).toEqual([
          `${BASE}/`,
          `${BASE}/politics/`,
          `${BASE}/politics/defense-security/`,
          `${BASE}/business/`,
          `${BASE}/sports/`,
          `${BASE}/author/mei-aoki/`,
          `${BASE}/author/tom-baker/`,
          `${BASE}/tag/test/`,
        ]);
      });
    });

    describe('a month’s file', () => {
      it('lists the month’s live articles by first publication in the site’s zone, each at its canonical address', async () => {
        const january = locsOf((await get('/sitemaps/articles-2026-01.xml')).body);
        expect(january[0]).toBe(articleUrl(own.newYear, '/business/', '20260101'));
        expect(january).toContain(articleUrl(ids.reference, '/politics/defense-security/', '20260121'));
        // The fixture's twelve live articles and the New Year story; neither the future one nor the draft.
        expect(january).toHaveLength(13);
        expect(new Set(january).size).toBe(13);
        expect(january.some((u) => u.endsWith(`-${own.draft}/`))).toBe(false);
        expect(locsOf((await get('/sitemaps/articles-2025-12.xml')).body)).toEqual([
          articleUrl(own.oldYear, '/business/', '20251231'),
        ]);
        // The redated article stays in the month its address was made in.
        expect(locsOf((await get('/sitemaps/articles-2025-06.xml')).body)).toEqual([
          articleUrl(own.redated, '/business/', '20250601'),
        ]);
      });

      it('dates each article by its last significant update and gives its main photo as an image', async () => {
        const set = urlsetOf((await get('/sitemaps/articles-2026-01.xml')).body);
        expect(set['@_xmlns:image']).toBe(IMAGE_NS);
        const urls = set.url!;
        const byId = (id: number) => urls.find((u) => u.loc.endsWith(`-${id}/`))!;
        expect(byId(ids.updated).lastmod).toBe('2026-01-21T18:45:00+09:00');
        expect(byId(ids.reference).lastmod).toBe('2026-01-21T13:01:00+09:00');
        expect(urls.every((u) => W3C_TOKYO.test(u.lastmod!))).toBe(true);
        const images = byId(ids.reference)['image:image']!.map((i) => i['image:loc']);
        expect(images).toEqual([
          expect.stringMatching(new RegExp(`^${BASE}/media/${ids.photoMediaId}-[0-9a-f]+/w\\d+\\.jpg$`)),
        ]);
        expect((await get(images[0]!.slice(BASE.length))).statusCode).toBe(200);
        expect(byId(ids.updated)['image:image']).toBeUndefined();
      });

      it.each([
        'articles-2025-11.xml',
        'articles-2026-02.xml',
        'articles-2026-13.xml',
        'articles-2026-1.xml',
        'articles-2026-01-1.xml',
        'articles-2026-01-2.xml',
        'articles-26-01.xml',
        'articles.xml',
        'sitemap.xml',
        '..%2Fsitemap.xml',
      ])('answers 404 for %s, a month with no articles or no file at all', async (name) => {
        const res = await get(`/sitemaps/${name}`);
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      });
    });

    describe('the Google News sitemap', () => {
      it('lists live articles first published in the last 48 hours, newest first', async () => {
        const locs = locsOf((await get('/sitemaps/news.xml')).body);
        const ids_ = locs.map((u) => Number(/-(\d+)\/$/.exec(u)![1]));
        const [p1, p2, p3, p4, p5, p6, p7] = ids.politics;
        expect(ids_).toEqual([
          ids.reference,
          p7,
          p6,
          ids.updated,
          p5,
          p4,
          p3,
          p2,
          p1,
          ids.business[2],
          // Exactly 48 hours old: still inside the window.
          ids.business[1],
        ]);
        // 49 hours old, first published in June, a draft: none of them.
        expect(ids_).not.toContain(ids.business[0]);
        expect(ids_).not.toContain(own.redated);
        expect(ids_).not.toContain(own.draft);
      });

      it('gives each article the publication’s name and language, a W3C date with the site’s offset, and its title', async () => {
        const set = urlsetOf((await get('/sitemaps/news.xml')).body);
        expect(set['@_xmlns']).toBe(SITEMAP_NS);
        expect(set['@_xmlns:news']).toBe(NEWS_NS);
        const reference = set.url!.find((u) => u.loc.endsWith(`-${ids.reference}/`))!;
        expect(reference['news:news']).toEqual({
          'news:publication': { 'news:name': 'Dateline News', 'news:language': 'en' },
          'news:publication_date': '2026-01-21T13:01:00+09:00',
          'news:title': 'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties',
        });
        expect(set.url!.every((u) => W3C_TOKYO.test(u['news:news']!['news:publication_date']))).toBe(true);
      });

      it('moves with the clock: two days on, only the article scheduled for an hour after now is news', async () => {
        t.setNow(new Date(FIXTURE_NOW.getTime() + 48 * 3600_000));
        try {
          const locs = locsOf((await get('/sitemaps/news.xml')).body);
          expect(locs).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:3000\/politics\/20260122-\d+\/$/)]);
          const headline = urlsetOf((await get('/sitemaps/news.xml')).body).url![0]!['news:news']!['news:title'];
          expect(headline).toBe('Tomorrow story');
        } finally {
          t.setNow(FIXTURE_NOW);
        }
      });
    });

    describe('caching', () => {
      it('is served from memory after the first answer, with an ETag and Last-Modified that answer 304', async () => {
        await get('/sitemaps/news.xml');
        const res = await get('/sitemaps/news.xml');
        expect(res.headers['x-cache']).toBe('HIT');
        // The latest change among its articles (the redated one is no news): the budget story's update.
        expect(res.headers['last-modified']).toBe('Wed, 21 Jan 2026 09:45:00 GMT');
        const etag = res.headers.etag as string;
        expect((await get('/sitemaps/news.xml', { 'if-none-match': etag })).statusCode).toBe(304);
        const since = await get('/sitemaps/news.xml', { 'if-modified-since': res.headers['last-modified'] as string });
        expect(since.statusCode).toBe(304);
        const before = await get('/sitemaps/news.xml', { 'if-modified-since': 'Wed, 21 Jan 2026 09:44:59 GMT' });
        expect(before.statusCode).toBe(200);
      });

      it('drops an unpublished article from every file at once', async () => {
        const leaving = await saveArticle(storage.db, null, story('Leaving story', minutesBefore(5)), FIXTURE_NOW);
        await t.site.refresh();
        const url = articleUrl(leaving, '/business/', '20260122');
        expect(locsOf((await get('/sitemaps/news.xml')).body)[0]).toBe(url);
        expect(locsOf((await get('/sitemaps/articles-2026-01.xml')).body)).toContain(url);

        await saveArticle(storage.db, leaving, story('Leaving story', minutesBefore(5), { status: 'unpublished' }));
        await t.site.refresh();
        expect(locsOf((await get('/sitemaps/news.xml')).body)).not.toContain(url);
        expect(locsOf((await get('/sitemaps/articles-2026-01.xml')).body)).not.toContain(url);
      });
    });

    describe('limits', () => {
      let small: FastifyInstance;
      beforeAll(async () => {
        small = Fastify();
        small.setValidatorCompiler(validatorCompiler);
        small.setErrorHandler((error, _req, reply) =>
          reply.code(error instanceof HttpError ? error.status : 500).send(),
        );
        registerSitemapRoutes(small, {
          db: storage.db,
          clock: () => FIXTURE_NOW,
          site: t.site,
          pageCache: createResponseCache(1024 * 1024),
          limits: { newsCap: 3, urlsPerFile: 5 },
        });
        await small.ready();
      });
      afterAll(() => small?.close());
      const smallGet = (url: string) => small.inject({ method: 'GET', url });

      it('keeps the protocol’s 50,000 URLs a file and Google’s 1,000 news articles by default', async () => {
        expect(SITEMAP_URL_LIMIT).toBe(50_000);
        const news = locsOf((await get('/sitemaps/news.xml')).body);
        expect(news.length).toBeLessThanOrEqual(1000);
      });

      it('cuts the news sitemap at its cap, keeping the newest', async () => {
        const full = locsOf((await get('/sitemaps/news.xml')).body);
        expect(locsOf((await smallGet('/sitemaps/news.xml')).body)).toEqual(full.slice(0, 3));
      });

      it('splits a month past the URL limit into parts that together list it once', async () => {
        const index = parse((await smallGet('/sitemap.xml')).body).sitemapindex as { sitemap: { loc: string }[] };
        const january = index.sitemap.map((s) => s.loc).filter((l) => l.includes('articles-2026-01'));
        expect(january).toEqual([
          `${BASE}/sitemaps/articles-2026-01.xml`,
          `${BASE}/sitemaps/articles-2026-01-2.xml`,
          `${BASE}/sitemaps/articles-2026-01-3.xml`,
        ]);
        const parts = await Promise.all(january.map(async (l) => locsOf((await smallGet(l.slice(BASE.length))).body)));
        expect(parts.map((p) => p.length)).toEqual([5, 5, 3]);
        expect(parts.flat()).toEqual(locsOf((await get('/sitemaps/articles-2026-01.xml')).body));
        expect((await smallGet('/sitemaps/articles-2026-01-4.xml')).statusCode).toBe(404);
      });
    });

    describe('robots.txt', () => {
      it('names the sitemap index and the news sitemap in full and keeps crawlers out of the newsroom and write APIs', async () => {
        const res = await get('/robots.txt');
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
        expect(res.body).toBe(
          [
            'User-agent: *',
            'Disallow: /newsroom/',
            'Disallow: /api/views',
            'Allow: /',
            '',
            `Sitemap: ${BASE}/sitemap.xml`,
            `Sitemap: ${BASE}/sitemaps/news.xml`,
            '',
          ].join('\n'),
        );
      });
    });

    it('writes every date in the site’s zone, which a change of zone changes', () => {
      // The expectations above are Tokyo's; this pins the helper they rely on.
      expect(isoWithOffset(new Date('2025-12-31T15:30:00Z'), 'Asia/Tokyo')).toBe('2026-01-01T00:30:00+09:00');
    });
  });
}
