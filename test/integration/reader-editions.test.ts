import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { defaultEditionSettings } from '../../src/domain/edition.js';
import { saveArticle } from '../../src/services/save-article.js';
import { insertEditionRow } from '../../src/storage/repositories/edition.repository.js';
import { bumpContentVersion } from '../../src/storage/repositories/site.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom } from '../support/html.js';

const BASE = 'http://127.0.0.1:3000';

/** Our own short Japanese stories, published a few minutes apart before the fixture's now. */
const JA_STORIES = [
  {
    headline: '国会で予算案の審議が始まる',
    body: '衆議院で新年度予算案の審議が始まった。与野党の論戦が続く見通しだ。',
  },
  { headline: '防衛相が隣国との対話を表明', body: '防衛相は記者会見で、隣国との対話を再開する考えを示した。' },
  { headline: '地方議会で子育て支援策を可決', body: '市議会は子育て世帯への支援を広げる条例案を賛成多数で可決した。' },
];

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`a Japanese edition at /ja/ on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    const ja: number[] = [];
    let jaEdition: number;
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const input = (headline: string, body: string, minutesAgo: number): ArticleInput => ({
      slug: `ja-${minutesAgo}`,
      headline,
      standfirst: null,
      body: [paragraph(body)],
      sectionId: ids.sections.politics,
      authorIds: [],
      tags: [],
      photo: null,
      status: 'published',
      publishedAt: new Date(FIXTURE_NOW.getTime() - minutesAgo * 60_000),
      updatedAt: null,
    });
    /** The canonical path of a Japanese story: its section's Japanese slug under /ja/. */
    const jaPath = (id: number) => `/ja/seiji/20260122-${id}/`;

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      jaEdition = (await insertEditionRow(storage.db, {
        language: 'ja',
        prefix: '/ja/',
        position: 1,
        settings: JSON.stringify({
          ...defaultEditionSettings('ja', {
            publicationName: 'デイトライン新聞',
            shortName: 'DL',
            tagline: '東京と世界のニュース',
            timeZoneLabel: 'JST',
          }),
        }),
      }))!;
      await storage.db
        .insertInto('section_name')
        .values({ section_id: ids.sections.politics, edition_id: jaEdition, name: '政治', slug: 'seiji' })
        .execute();
      for (const [i, story] of JA_STORIES.entries()) {
        const id = await saveArticle(storage.db, null, input(story.headline, story.body, 5 + i), FIXTURE_NOW);
        await storage.db.updateTable('article').set({ edition_id: jaEdition }).where('id', '=', id).execute();
        ja.push(id);
      }
      await bumpContentVersion(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('moves /ja to /ja/ and serves the Japanese home in Japanese, its own stories only', async () => {
      const bare = await get('/ja');
      expect([bare.statusCode, bare.headers.location]).toEqual([301, '/ja/']);
      const res = await get('/ja/');
      expect(res.statusCode).toBe(200);
      const page = dom(res.body);
      expect(page.querySelector('html')!.getAttribute('lang')).toBe('ja');
      expect(page.querySelector('.masthead-title')!.text).toBe('デイトライン新聞');
      expect(page.querySelector('.skip-link')!.text).toBe('本文へ移動');
      expect(page.querySelector('.section-nav summary')!.text).toBe('ジャンル');
      expect(page.querySelector('.section-strip a[href="/ja/seiji/"]')!.text).toBe('政治');
      const boxes = page.querySelectorAll('.home-rail .headline-box');
      expect(boxes.map((b) => b.querySelector('h2')!.text)).toEqual(['アクセスランキング', '新着記事']);
      const latest = boxes[1]!.querySelectorAll('li > a').map((a) => a.getAttribute('href'));
      expect(latest).toEqual(ja.map(jaPath));
      // The box's ids differ though neither heading has a Latin letter.
      expect(new Set(boxes.map((b) => b.getAttribute('aria-labelledby'))).size).toBe(2);
      expect(page.querySelector('.masthead-date')!.text).toBe('2026年1月22日（木）');
      expect(page.querySelector('a[href="/ja/ranking/"]')!.text).toBe('ランキングをもっと見る');
      expect(page.querySelector('.site-footer a[href="/ja/feed/"]')!.text).toBe('RSSフィード');
    });

    it('keeps the Japanese stories off the English pages', async () => {
      const page = dom((await get('/')).body);
      expect(page.querySelector('html')!.getAttribute('lang')).toBe('en');
      const hrefs = page.querySelectorAll('a').map((a) => a.getAttribute('href') ?? '');
      expect(hrefs.filter((h) => h.startsWith('/ja/seiji/2'))).toEqual([]);
      const front = dom((await get('/politics/')).body);
      expect(front.querySelectorAll('a').some((a) => JA_STORIES.some((s) => a.text === s.headline))).toBe(false);
    });

    it('links the homes and the section fronts of both editions with hreflang, x-default the first', async () => {
      const alternates = (body: string) =>
        dom(body)
          .querySelectorAll('link[rel="alternate"][hreflang]')
          .map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')]);
      const homes = [
        ['en', `${BASE}/`],
        ['ja', `${BASE}/ja/`],
        ['x-default', `${BASE}/`],
      ];
      expect(alternates((await get('/')).body)).toEqual(homes);
      expect(alternates((await get('/ja/')).body)).toEqual(homes);
      const fronts = [
        ['en', `${BASE}/politics/`],
        ['ja', `${BASE}/ja/seiji/`],
        ['x-default', `${BASE}/politics/`],
      ];
      expect(alternates((await get('/politics/')).body)).toEqual(fronts);
      const jaFront = await get('/ja/seiji/');
      expect(jaFront.statusCode).toBe(200);
      expect(alternates(jaFront.body)).toEqual(fronts);
      expect(dom(jaFront.body).querySelector('h1')!.text).toBe('政治');
    });

    it('serves a Japanese article with a Japanese dateline that agrees with its <time datetime>', async () => {
      const res = await get(jaPath(ja[0]!));
      expect(res.statusCode).toBe(200);
      const page = dom(res.body);
      expect(page.querySelector('html')!.getAttribute('lang')).toBe('ja');
      const time = page.querySelector('.dateline time')!;
      // Published five minutes before 2026-01-22T00:00Z: 08:55 in Tokyo.
      expect([time.text, time.getAttribute('datetime')]).toEqual(['2026年1月22日 8:55', '2026-01-22T08:55:00+09:00']);
      expect(page.querySelector('.article-aside')!.getAttribute('aria-label')).toBe('その他の記事');
      const headings = page.querySelectorAll('.article-aside .headline-box h2').map((h) => h.text);
      expect(headings).toEqual(['政治の注目記事', 'アクセスランキング']);
      const listed = page.querySelectorAll('.article-aside a').map((a) => a.getAttribute('href') ?? '');
      expect(listed.filter((h) => /\/\d{8}-\d+\/$/.test(h)).every((h) => h.startsWith('/ja/seiji/'))).toBe(true);
      expect(page.querySelector('#article-share')!.text).toBe('この記事を共有する');
    });

    it('moves an article asked for under the wrong edition or slug to its canonical address', async () => {
      const english = (await get('/politics/')).body.match(/href="(\/politics\/(?:defense\/)?\d{8}-\d+\/)"/)![1]!;
      for (const [asked, canonical] of [
        [`/politics/20260122-${ja[0]}/`, jaPath(ja[0]!)],
        [`/ja/politics/20260122-${ja[0]}/`, jaPath(ja[0]!)],
        [`/ja${english}`, english],
        [`/ja/seiji/20260122-${ja[1]}`, jaPath(ja[1]!)],
      ]) {
        const res = await get(asked!);
        expect([asked, res.statusCode, res.headers.location]).toEqual([asked, 301, canonical]);
      }
    });

    it('keeps each edition’s pages under their full address, the first edition’s keys as they were', async () => {
      t.pageCache.clear();
      for (const path of ['/', '/ja/', '/politics/', '/ja/seiji/', jaPath(ja[0]!), '/ja/feed/']) await get(path);
      const now = FIXTURE_NOW.getTime();
      for (const key of ['/', '/ja/', '/politics/', '/ja/seiji/', jaPath(ja[0]!), '/ja/feed/'])
        expect([key, t.pageCache.get(key, now) !== undefined]).toEqual([key, true]);
      // The English home's copy is not the Japanese one's.
      expect(t.pageCache.get('/', now)!.body.equals(t.pageCache.get('/ja/', now)!.body)).toBe(false);
    });

    it('answers a missing page of the edition in Japanese, and the newsroom and API only at the root', async () => {
      const missing = await get('/ja/no-such-section/');
      expect(missing.statusCode).toBe(404);
      const page = dom(missing.body);
      expect(page.querySelector('html')!.getAttribute('lang')).toBe('ja');
      expect(page.querySelector('h1')!.text).toBe('ページが見つかりません');
      expect(page.querySelector('.error-status')!.text).toBe('エラー 404');
      for (const path of ['/ja/newsroom', '/ja/api/ranking', '/ja/static/site.css'])
        expect([path, (await get(path)).statusCode]).toEqual([path, 404]);
      expect((await get('/ja/corrections/')).statusCode).toBe(200);
      expect(dom((await get('/ja/corrections/')).body).querySelector('h1')!.text).toBe('訂正・おわび');
    });

    it('counts a view of the Japanese article in the Japanese ranking only', async () => {
      const reader = { visitorKey: 9, pairKey: 9, addressKey: 9, addressArticleKey: 9 };
      t.views.tracker.record({ articleId: ja[2]!, second: Math.floor(FIXTURE_NOW.getTime() / 1000) - 30, ...reader });
      await t.views.tracker.flush();
      await t.views.tracker.sync();
      t.setNow(new Date(FIXTURE_NOW.getTime() + 1000));
      try {
        const jaRanking = dom((await get('/ja/ranking/')).body);
        expect(jaRanking.querySelector('html')!.getAttribute('lang')).toBe('ja');
        const day = jaRanking.querySelector('#rank-24h')!.parentNode!;
        expect(day.querySelectorAll('ol li a').map((a) => a.getAttribute('href'))).toEqual([jaPath(ja[2]!)]);
        expect(day.querySelector('.ranking-views')!.text.trim()).toBe('1回閲覧');
        const enRanking = dom((await get('/ranking/')).body);
        expect(enRanking.querySelectorAll('.ranking-lists a').map((a) => a.getAttribute('href'))).toEqual([]);
        // The Japanese home's box leads with it; the English one does not list it.
        const jaBox = dom((await get('/ja/')).body).querySelector('.home-rail .headline-box ol a')!;
        expect(jaBox.getAttribute('href')).toBe(jaPath(ja[2]!));
        const enBox = dom((await get('/')).body).querySelectorAll('.home-rail .headline-box ol a');
        expect(enBox.map((a) => a.getAttribute('href')).includes(jaPath(ja[2]!))).toBe(false);
      } finally {
        t.setNow(FIXTURE_NOW);
      }
    });

    it('gives the edition its own feeds, titled and in its language, read by two parsers', async () => {
      for (const tail of ['feed/', 'feed/atom/']) {
        const res = await get(`/ja/${tail}`);
        expect(res.statusCode).toBe(200);
        expect(XMLValidator.validate(res.body)).toBe(true);
        const feed = parseFeed(res.body);
        expect(feed.title).toBe('デイトライン新聞');
        // RSS says its language; the Atom the feed package writes names none.
        if (tail === 'feed/') expect(res.body).toContain('<language>ja</language>');
        expect(feed.items.map((i) => i.url)).toEqual(ja.map((id) => BASE + jaPath(id)));
        const other = await new Parser().parseString(res.body);
        expect(other.items.map((i) => i.title)).toEqual(JA_STORIES.map((s) => s.headline));
      }
      const section = parseFeed((await get('/ja/seiji/feed/')).body);
      expect(section.items.map((i) => i.url)).toEqual(ja.map((id) => BASE + jaPath(id)));
      const english = parseFeed((await get('/feed/')).body);
      expect((await get('/feed/')).body).toContain('<language>en</language>');
      expect(english.items.some((i) => i.url!.includes('/ja/'))).toBe(false);
    });

    it('has a news sitemap per edition with its language, and robots.txt names both', async () => {
      const jaNews = await get('/ja/sitemaps/news.xml');
      expect(jaNews.statusCode).toBe(200);
      expect([...jaNews.body.matchAll(/<news:language>([^<]+)</g)].map((m) => m[1])).toEqual(['ja', 'ja', 'ja']);
      expect([...jaNews.body.matchAll(/<loc>([^<]+)</g)].map((m) => m[1])).toEqual(ja.map((id) => BASE + jaPath(id)));
      const enNews = (await get('/sitemaps/news.xml')).body;
      expect(enNews).not.toContain('/ja/');
      expect(enNews).not.toContain('<news:language>ja<');
      const robots = (await get('/robots.txt')).body;
      expect(robots).toContain(`Sitemap: ${BASE}/sitemaps/news.xml\nSitemap: ${BASE}/ja/sitemaps/news.xml\n`);
      expect((await get('/ja/sitemap.xml')).statusCode).toBe(404);
      // The site's one index lists the Japanese home and front, and its articles at their own addresses.
      expect((await get('/sitemaps/pages.xml')).body).toContain(`<loc>${BASE}/ja/seiji/</loc>`);
    });
  });
}
