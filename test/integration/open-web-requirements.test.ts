import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { ArticleInput } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { saveArticle } from '../../src/services/save-article.js';
import { upsertAuthorRow } from '../../src/storage/repositories/author.repository.js';
import { bumpContentVersion, writeSettingRow } from '../../src/storage/repositories/site.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom } from '../support/html.js';

/**
 * The open-web issue's requirements that no other test would catch breaking: each test names the one it holds.
 * Feeds, sitemaps, structured data and the pages themselves have their own files; this one fills their gaps.
 */

const BASE = 'https://news.example.com';
const FORGED = 'forged.example';
const REFERENCE_HEADLINE = 'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties';
const ATTACK = '</script><script>alert(1)</script>';

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (n) => n === 'url' });
const locsOf = (xml: string): string[] =>
  ((parser.parse(xml) as { urlset: { url?: { loc: string }[] } }).urlset.url ?? []).map((u) => u.loc);
const sitemapsOf = (xml: string): string[] => {
  const index = parser.parse(xml) as { sitemapindex: { sitemap: { loc: string } | { loc: string }[] } };
  return [index.sitemapindex.sitemap].flat().map((s) => s.loc);
};
/** Entry titles of an RSS or Atom feed, read from the XML without either feed library's help. */
const feedTitles = (xml: string): string[] => {
  const doc = new XMLParser({ isArray: (n) => n === 'item' || n === 'entry' }).parse(xml) as {
    rss?: { channel: { item?: { title: string }[] } };
    feed?: { entry?: { title: string }[] };
  };
  return (doc.rss?.channel.item ?? doc.feed?.entry ?? []).map((e) => String(e.title));
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the open web's remaining requirements on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let worker: Worker;
    let dataDir: string;
    const now = FIXTURE_NOW;
    const get = (url: string, headers: Record<string, string> = {}) =>
      worker.app.inject({ method: 'GET', url, headers });
    const refresh = async () => {
      await bumpContentVersion(storage.db);
      await worker.site.refresh();
    };
    const story = (over: Partial<ArticleInput>): ArticleInput => ({
      slug: 'open-web',
      headline: 'Open web story',
      standfirst: 'A standfirst.',
      body: [paragraph('Body.')],
      sectionId: ids.sections.sports,
      authorIds: [ids.authors.baker],
      tags: [],
      photo: null,
      status: 'published',
      publishedAt: new Date(FIXTURE_NOW.getTime() - 60_000),
      updatedAt: null,
      ...over,
    });

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      dataDir = mkdtempSync(join(tmpdir(), 'dateline-open-web-'));
      // Behind a proxy it trusts, a server could be talked into taking its address from forwarded headers.
      const config = loadConfig({
        DATELINE_DATA: dataDir,
        DATELINE_DEMO: '0',
        LOG_LEVEL: 'silent',
        DATELINE_BASE_URL: BASE,
        DATELINE_TRUST_PROXY: '1',
      });
      worker = await composeWorker(config, { db: storage.db, clock: () => now, logger: null, timers: false });
      await worker.start();
    });
    afterAll(async () => {
      await worker?.close();
      await storage?.destroy();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('answers robots.txt with an ETag and Last-Modified, and 304 to either condition', async () => {
      const first = await get('/robots.txt');
      expect(first.statusCode).toBe(200);
      const etag = String(first.headers.etag);
      const lastModified = String(first.headers['last-modified']);
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(Date.parse(lastModified)).toBeGreaterThan(0);
      expect((await get('/robots.txt', { 'if-none-match': etag })).statusCode).toBe(304);
      expect((await get('/robots.txt', { 'if-modified-since': lastModified })).statusCode).toBe(304);
      const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
      expect((await get('/robots.txt', { 'if-modified-since': earlier })).statusCode).toBe(200);
    });

    it('never writes the Host or X-Forwarded-Host header into an author or tag page, a feed or the manifest', async () => {
      const forged = { host: FORGED, 'x-forwarded-host': FORGED, 'x-forwarded-proto': 'http' };
      for (const url of [
        '/author/tom-baker/',
        '/tag/test/',
        '/feed/atom/',
        '/politics/feed/',
        '/politics/defense-security/feed/atom/',
        '/author/mei-aoki/feed/',
        '/author/mei-aoki/feed/atom/',
        '/tag/test/feed/',
        '/tag/test/feed/atom/',
        '/manifest.webmanifest',
      ]) {
        // Asked first with forged headers, so that a copy kept from it would be what everyone gets next.
        const first = await get(url, forged);
        const next = await get(url);
        for (const res of [first, next]) {
          expect([url, res.statusCode]).toEqual([url, 200]);
          expect(res.body, url).not.toContain(FORGED);
          if (url !== '/manifest.webmanifest') expect(res.body, url).toContain(`${BASE}/`);
        }
      }
    });

    it('gives a feed item’s main photo as media:content with its size, caption and credit, and as an enclosure', async () => {
      const rss = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'item' }).parse(
        (await get('/feed/')).body,
      ) as { rss: { channel: { item: Record<string, unknown>[] } } };
      const reference = rss.rss.channel.item.find((i) => i.title === REFERENCE_HEADLINE)!;
      const photo = new RegExp(`^${BASE}/media/${ids.photoMediaId}-[0-9a-f]+/w1000\\.jpg$`);
      expect(reference['media:content']).toEqual({
        '@_url': expect.stringMatching(photo),
        '@_type': 'image/jpeg',
        '@_medium': 'image',
        '@_width': '1000',
        '@_height': '600',
        'media:description': 'A defence minister speaks to reporters',
        'media:credit': 'Dateline photo',
      });
      expect(reference.enclosure).toMatchObject({ '@_url': expect.stringMatching(photo), '@_type': 'image/jpeg' });
      const atom = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'entry' || n === 'link' }).parse(
        (await get('/feed/atom/')).body,
      ) as { feed: { entry: { id: string; link: Record<string, string>[] }[] } };
      const entry = atom.feed.entry.find((e) => e.id.includes(`article-${ids.reference}`))!;
      expect(entry.link.filter((l) => l['@_rel'] === 'enclosure').map((l) => l['@_href'])).toEqual([
        expect.stringMatching(photo),
      ]);
    });

    it('gives the standfirst as an item’s summary beside its full body', async () => {
      const rss = new XMLParser({ isArray: (n) => n === 'item' }).parse((await get('/feed/')).body) as {
        rss: { channel: { item: Record<string, string>[] } };
      };
      const budget = rss.rss.channel.item.find((i) => i.title === 'Budget vote delayed by a day')!;
      expect(budget.description).toBe('Summary of budget vote delayed by a day.');
      expect(budget['content:encoded']).toContain('<p>');
    });

    it('advertises a top-level section front’s own feeds after the site’s, and the site’s on a 404 page', async () => {
      const alternates = (html: string) =>
        dom(html)
          .querySelectorAll('link[rel="alternate"]')
          .map((l) => [l.getAttribute('type'), l.getAttribute('href')]);
      const site = [
        ['application/rss+xml', `${BASE}/feed/`],
        ['application/atom+xml', `${BASE}/feed/atom/`],
      ];
      expect(alternates((await get('/politics/')).body)).toEqual([
        ...site,
        ['application/rss+xml', `${BASE}/politics/feed/`],
        ['application/atom+xml', `${BASE}/politics/feed/atom/`],
      ]);
      const missing = await get('/politics/20260121-999999/');
      expect(missing.statusCode).toBe(404);
      expect(alternates(missing.body)).toEqual(site);
    });

    it('answers every sitemap file with an ETag and Last-Modified, and 304 to either condition', async () => {
      for (const url of ['/sitemap.xml', '/sitemaps/pages.xml', '/sitemaps/articles-2026-01.xml']) {
        const first = await get(url);
        expect([url, first.statusCode]).toEqual([url, 200]);
        const etag = String(first.headers.etag);
        const lastModified = String(first.headers['last-modified']);
        expect(Date.parse(lastModified), url).toBeGreaterThan(0);
        expect([url, (await get(url, { 'if-none-match': etag })).statusCode]).toEqual([url, 304]);
        expect([url, (await get(url, { 'if-modified-since': lastModified })).statusCode]).toEqual([url, 304]);
        const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
        expect([url, (await get(url, { 'if-modified-since': earlier })).statusCode]).toEqual([url, 200]);
      }
    });

    it('takes an unpublished article out of its section’s, subsection’s, author’s and tag’s feeds and every sitemap', async () => {
      const soloId = await upsertAuthorRow(storage.db, { slug: 'solo-writer', name: 'Solo Writer', bio: '' });
      const solo = (over: Partial<ArticleInput>) =>
        story({ sectionId: ids.sections.defense, authorIds: [soloId], tags: ['Solo topic'], ...over });
      const fresh = await saveArticle(storage.db, null, solo({ slug: 'fresh', headline: 'Fresh solo' }), now);
      // The only article first published in March 2025: its month has a file of its own.
      const march = new Date('2025-03-10T03:00:00Z');
      const old = await saveArticle(
        storage.db,
        null,
        solo({ slug: 'old', headline: 'Old solo', publishedAt: march }),
        march,
      );
      await refresh();
      const feeds = [
        '/feed/',
        '/politics/feed/atom/',
        '/politics/defense-security/feed/',
        '/author/solo-writer/feed/atom/',
        '/tag/solo-topic/feed/',
      ];
      for (const url of feeds) expect([url, feedTitles((await get(url)).body)[0]]).toEqual([url, 'Fresh solo']);
      const freshUrl = `${BASE}/politics/defense-security/20260122-${fresh}/`;
      expect(locsOf((await get('/sitemaps/news.xml')).body)[0]).toBe(freshUrl);
      expect(locsOf((await get('/sitemaps/articles-2026-01.xml')).body)).toContain(freshUrl);
      expect(locsOf((await get('/sitemaps/articles-2025-03.xml')).body)).toEqual([
        `${BASE}/politics/defense-security/20250310-${old}/`,
      ]);
      expect(sitemapsOf((await get('/sitemap.xml')).body)).toContain(`${BASE}/sitemaps/articles-2025-03.xml`);
      const pages = locsOf((await get('/sitemaps/pages.xml')).body);
      expect(pages).toContain(`${BASE}/author/solo-writer/`);
      expect(pages).toContain(`${BASE}/tag/solo-topic/`);

      for (const [id, input] of [
        [fresh, solo({ slug: 'fresh', headline: 'Fresh solo', status: 'unpublished' })],
        [old, solo({ slug: 'old', headline: 'Old solo', publishedAt: march, status: 'unpublished' })],
      ] as const) {
        await saveArticle(storage.db, id, input, now);
      }
      await refresh();
      for (const url of feeds.slice(0, 4)) {
        const titles = feedTitles((await get(url)).body);
        expect([url, titles.includes('Fresh solo') || titles.includes('Old solo')]).toEqual([url, false]);
      }
      expect(feedTitles((await get('/author/solo-writer/feed/atom/')).body)).toEqual([]);
      // A tag lives only while one of its articles does.
      expect((await get('/tag/solo-topic/feed/')).statusCode).toBe(404);
      expect(locsOf((await get('/sitemaps/news.xml')).body)).not.toContain(freshUrl);
      expect(locsOf((await get('/sitemaps/articles-2026-01.xml')).body)).not.toContain(freshUrl);
      expect((await get('/sitemaps/articles-2025-03.xml')).statusCode).toBe(404);
      expect(sitemapsOf((await get('/sitemap.xml')).body)).not.toContain(`${BASE}/sitemaps/articles-2025-03.xml`);
      const after = locsOf((await get('/sitemaps/pages.xml')).body);
      expect(after).not.toContain(`${BASE}/author/solo-writer/`);
      expect(after).not.toContain(`${BASE}/tag/solo-topic/`);
    });

    it('escapes JSON-LD so that a headline, caption, job title, tag or author bio cannot close its script, and the byline is a whole Person', async () => {
      const evilAuthor = await upsertAuthorRow(storage.db, { slug: 'evil-author', name: 'Evil Author', bio: ATTACK });
      await storage.db
        .updateTable('author')
        .set({ job_title: ATTACK, links: JSON.stringify({ website: 'https://evil.example/' }) })
        .where('id', '=', evilAuthor)
        .execute();
      const id = await saveArticle(
        storage.db,
        null,
        story({
          slug: 'evil',
          headline: `Markets ${ATTACK}`,
          standfirst: `Standfirst ${ATTACK}`,
          authorIds: [evilAuthor],
          tags: [`Tag ${ATTACK}`],
          photo: {
            mediaId: ids.photoMediaId,
            caption: `Caption ${ATTACK}`,
            credit: `Credit ${ATTACK}`,
            alt: 'A photo',
          },
        }),
        now,
      );
      await refresh();
      const article = await get(`/sports/20260122-${id}/`);
      const author = await get('/author/evil-author/');
      for (const [page, res] of [
        ['article', article],
        ['author', author],
      ] as const) {
        expect([page, res.statusCode]).toEqual([page, 200]);
        expect(res.body, page).not.toContain('<script>alert(1)');
        const scripts = dom(res.body).querySelectorAll('script');
        expect(scripts.filter((s) => s.text.includes('alert(1)')).map((s) => s.getAttribute('type'))).toEqual([
          'application/ld+json',
        ]);
        const ld = scripts.find((s) => s.getAttribute('type') === 'application/ld+json')!.text;
        expect(ld, page).not.toContain('<');
        expect(ld, page).toContain('\\u003c/script\\u003e');
      }
      const articleLd = JSON.parse(dom(article.body).querySelector('script[type="application/ld+json"]')!.text) as {
        '@graph': Record<string, unknown>[];
      };
      const news = articleLd['@graph'].find((n) => n['@type'] === 'NewsArticle')!;
      expect(news.headline).toBe(`Markets ${ATTACK}`);
      expect(news.keywords).toEqual([`Tag ${ATTACK}`]);
      expect(news.author).toEqual([
        {
          '@type': 'Person',
          name: 'Evil Author',
          url: `${BASE}/author/evil-author/`,
          jobTitle: ATTACK,
          sameAs: ['https://evil.example/'],
        },
      ]);
      expect(dom(article.body).querySelector('figcaption')!.text).toContain(`Caption ${ATTACK}`);
      const authorLd = JSON.parse(dom(author.body).querySelector('script[type="application/ld+json"]')!.text) as {
        '@graph': Record<string, unknown>[];
      };
      const profile = authorLd['@graph'].find((n) => n['@type'] === 'ProfilePage')!;
      expect((profile.mainEntity as { description: string }).description).toBe(ATTACK);
    });

    it('cuts the Google News sitemap at 1,000 articles by default, keeping the newest', async () => {
      const template = await storage.db
        .selectFrom('article')
        .selectAll()
        .where('id', '=', ids.reference)
        .executeTakeFirstOrThrow();
      const { id: _id, revision: _revision, ...columns } = template;
      // Within the last 51 seconds, newer than any other article (the newest is a minute old): the newest 1,000
      // are theirs, and the one left out is the oldest of them.
      const rows = Array.from({ length: 1001 }, (_, i) => {
        const at = now.getTime() - (i + 1) * 50;
        return {
          ...columns,
          slug: `cap-${i}`,
          headline: `Cap story ${i}`,
          section_id: ids.sections.sports,
          source_key: null,
          first_published_at: at,
          published_at: at,
          updated_at: null,
          created_at: at,
          modified_at: at,
        };
      });
      const capIds: number[] = [];
      for (let i = 0; i < rows.length; i += 200) {
        const inserted = await storage.db
          .insertInto('article')
          .values(rows.slice(i, i + 200))
          .returning('id')
          .execute();
        capIds.push(...inserted.map((r) => r.id));
      }
      try {
        await refresh();
        const locs = locsOf((await get('/sitemaps/news.xml')).body);
        expect(locs).toHaveLength(1000);
        expect(locs[0]).toBe(`${BASE}/sports/20260122-${capIds[0]}/`);
        expect(locs[999]).toBe(`${BASE}/sports/20260122-${capIds[999]}/`);
        expect(locs.some((l) => l.endsWith(`-${capIds[1000]}/`))).toBe(false);
      } finally {
        await storage.db.deleteFrom('article').where('id', 'in', capIds).execute();
        await refresh();
      }
    });

    // Changes the settings: last.
    it('answers /favicon.ico even when the uploaded icon is gone and the name has no letter or digit to draw', async () => {
      await writeSettingRow(storage.db, 'icon', {
        mediaId: 999_999,
        hash: '0123456789abcdef',
        width: 512,
        height: 512,
      });
      await writeSettingRow(storage.db, 'publicationName', '— · —');
      await refresh();
      try {
        expect(worker.site.current().context.settings.icon?.mediaId).toBe(999_999);
        for (const [url, type] of [
          ['/favicon.ico', 'image/x-icon'],
          ['/apple-touch-icon.png', 'image/png'],
          ['/icon-512.png', 'image/png'],
        ] as const) {
          const res = await get(url);
          expect([url, res.statusCode, res.headers['content-type']]).toEqual([url, 200, type]);
          expect(res.rawPayload.byteLength, url).toBeGreaterThan(100);
        }
      } finally {
        await storage.db.deleteFrom('setting').where('key', 'in', ['icon', 'publicationName']).execute();
        await refresh();
      }
    });
  });
}
