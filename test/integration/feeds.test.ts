import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { saveArticle } from '../../src/services/save-article.js';
import { saveSection, saveSiteSettings } from '../../src/services/site-admin.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds, LIVE_HEADLINES } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom } from '../support/html.js';

const BASE = 'http://127.0.0.1:3000';

const SITE_ORDER = LIVE_HEADLINES;
/** Politics story i is in Defense & Security when i is even. */
const DEFENSE_ORDER = [SITE_ORDER[0], 'Politics story 6', 'Politics story 4', 'Politics story 2'];

const FORMATS = [
  { name: 'RSS', tail: 'feed/', type: 'application/rss+xml; charset=utf-8' },
  { name: 'Atom', tail: 'feed/atom/', type: 'application/atom+xml; charset=utf-8' },
] as const;

/** One entry as both parsers read it; they must agree on everything both report. */
interface Entry {
  id: string;
  title: string;
  link: string;
  published: string;
  authors: string[];
  categories: string[];
}

const decodeHtml = (html: string): string =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** Reads a feed with @rowanmanning/feed-parser and rss-parser, checks they agree, and answers the entries. */
const readFeed = async (xml: string, format: 'RSS' | 'Atom') => {
  expect(XMLValidator.validate(xml)).toBe(true);
  const a = parseFeed(xml);
  const b = await new Parser({ customFields: { item: [['dc:creator', 'creators', { keepArray: true }]] } }).parseString(
    xml,
  );
  const fromA: Entry[] = a.items.map((i) => ({
    id: i.id!,
    title: i.title!,
    link: i.url!,
    published: i.published!.toISOString(),
    authors: i.authors.map((x) => x.name!),
    categories: i.categories.map((c) => c.label!),
  }));
  const fromB = b.items.map((i) => {
    const item = i as typeof i & { creators?: string[]; id?: string; author?: string };
    return {
      id: (format === 'RSS' ? item.guid : item.id)!,
      // Atom titles are HTML, which rss-parser leaves as it is.
      title: format === 'RSS' ? item.title! : decodeHtml(item.title!),
      link: item.link!,
      published: item.isoDate!,
      authors: format === 'RSS' ? (item.creators ?? []) : item.author ? [item.author] : [],
    };
  });
  // rss-parser names only an Atom entry's first author and leaves out Atom categories: compared where it reports.
  expect(fromB).toEqual(
    fromA
      .map((e) => ({ ...e, authors: format === 'RSS' ? e.authors : e.authors.slice(0, 1), categories: undefined }))
      .map(({ categories: _c, ...rest }) => rest),
  );
  return { entries: fromA, feed: a, items: a.items, raw: b };
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`feeds on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
    const fetchFeed = async (path: string, format: (typeof FORMATS)[number]) => {
      const res = await get(`${path}${format.tail}`);
      expect([res.statusCode, res.headers['content-type']]).toEqual([200, format.type]);
      return readFeed(res.body, format.name);
    };
    const titlesOf = async (path: string, format: (typeof FORMATS)[number]) =>
      (await fetchFeed(path, format)).entries.map((e) => e.title);
    /** A content change as the newsroom makes it: saved, then seen by the app at a later moment. */
    let clockSeconds = 0;
    const changed = async () => {
      clockSeconds += 10;
      t.setNow(new Date(FIXTURE_NOW.getTime() + clockSeconds * 1000));
      await t.site.refresh();
    };
    const input = (over: Partial<ArticleInput>): ArticleInput => ({
      slug: 'feed-test',
      headline: 'Feed test',
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
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    for (const format of FORMATS) {
      describe(`in ${format.name}`, () => {
        it('lists the live articles of the site, newest first by first publication', async () => {
          expect(await titlesOf('/', format)).toEqual(SITE_ORDER);
        });

        it('lists a section with its subsections, and a subsection alone', async () => {
          expect(await titlesOf('/politics/', format)).toEqual(SITE_ORDER.filter((h) => !h.startsWith('Business')));
          expect(await titlesOf('/politics/defense-security/', format)).toEqual(DEFENSE_ORDER);
          expect(await titlesOf('/business/', format)).toEqual(SITE_ORDER.slice(9));
          expect(await titlesOf('/sports/', format)).toEqual([]);
        });

        it("lists an author's articles and a tag's", async () => {
          expect(await titlesOf('/author/tom-baker/', format)).toEqual([SITE_ORDER[0]]);
          expect(await titlesOf('/author/mei-aoki/', format)).toEqual(SITE_ORDER);
          expect(await titlesOf('/tag/test/', format)).toEqual(SITE_ORDER);
        });

        it('gives each entry its GUID, canonical link, first publication, every author and its categories', async () => {
          const { entries } = await fetchFeed('/', format);
          expect(entries[0]).toEqual({
            id: 'tag:127.0.0.1,2026-01-21:article-' + ids.reference,
            title: SITE_ORDER[0],
            link: `${BASE}/politics/defense-security/20260121-${ids.reference}/`,
            published: '2026-01-21T04:01:00.000Z',
            authors: ['Tom Baker', 'Mei Aoki'],
            categories: ['Defense & Security', 'test'],
          });
        });

        it('gives the main photo with its size, and the body as HTML with absolute addresses', async () => {
          const { items } = await fetchFeed('/', format);
          const reference = items[0]!;
          expect(reference.media.map((m) => [m.url, m.mimeType])).toEqual([
            [
              expect.stringMatching(new RegExp(`^${BASE}/media/${ids.photoMediaId}-[0-9a-f]+/w1000\\.jpg$`)),
              'image/jpeg',
            ],
          ]);
          expect(reference.content).toContain('Officials in two neighbouring capitals are arranging talks');
          const updated = items.find((i) => i.title === 'Budget vote delayed by a day')!;
          // The significant update is Atom's `updated`; RSS has only the first publication.
          expect(updated.updated?.toISOString()).toBe(
            format.name === 'Atom' ? '2026-01-21T09:45:00.000Z' : '2026-01-21T00:30:00.000Z',
          );
        });

        it('answers unknown sections, subsections, authors and tags with a 404 page', async () => {
          for (const path of [
            '/nowhere/',
            '/politics/nowhere/',
            '/business/defense-security/',
            '/defense-security/',
            '/author/nobody/',
            '/tag/no-such-tag/',
            '/author/',
          ]) {
            const res = await get(`${path}${format.tail}`);
            expect([path, res.statusCode, res.headers['content-type']]).toEqual([
              path,
              404,
              'text/html; charset=utf-8',
            ]);
          }
        });

        it('serves a kept copy with its ETag and Last-Modified, and 304 to either condition', async () => {
          const path = `/politics/${format.tail}`;
          const first = await get(path);
          const again = await get(`${path}?utm_source=reader`);
          expect(again.headers['x-cache']).toBe('HIT');
          expect(again.body).toBe(first.body);
          const etag = String(first.headers.etag);
          const lastModified = String(first.headers['last-modified']);
          expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=600');
          expect((await get(path, { 'if-none-match': etag })).statusCode).toBe(304);
          expect((await get(path, { 'if-modified-since': lastModified })).statusCode).toBe(304);
          const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
          expect((await get(path, { 'if-modified-since': earlier })).statusCode).toBe(200);
          expect((await get(path, { 'if-none-match': '"other"', 'if-modified-since': lastModified })).statusCode).toBe(
            200,
          );
        });
      });
    }

    it('answers 304 for pages too, to If-None-Match and to If-Modified-Since', async () => {
      for (const path of ['/', '/politics/', `/politics/defense-security/20260121-${ids.reference}/`]) {
        const page = await get(path);
        const lastModified = String(page.headers['last-modified']);
        expect(Date.parse(lastModified)).toBeGreaterThan(0);
        expect((await get(path, { 'if-modified-since': lastModified })).statusCode).toBe(304);
        expect((await get(path, { 'if-none-match': String(page.headers.etag) })).statusCode).toBe(304);
        const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
        expect((await get(path, { 'if-modified-since': earlier })).statusCode).toBe(200);
      }
    });

    it('advertises the site feeds on every page, and a section front or an author page its own too', async () => {
      const alternates = async (path: string) =>
        dom((await get(path)).body)
          .querySelectorAll('link[rel="alternate"]')
          .map((l) => [l.getAttribute('type'), l.getAttribute('href')]);
      const site = [
        ['application/rss+xml', `${BASE}/feed/`],
        ['application/atom+xml', `${BASE}/feed/atom/`],
      ];
      expect(await alternates('/')).toEqual(site);
      expect(await alternates(`/politics/defense-security/20260121-${ids.reference}/`)).toEqual(site);
      expect(await alternates('/politics/defense-security/')).toEqual([
        ...site,
        ['application/rss+xml', `${BASE}/politics/defense-security/feed/`],
        ['application/atom+xml', `${BASE}/politics/defense-security/feed/atom/`],
      ]);
      expect(await alternates('/author/tom-baker/')).toEqual([
        ...site,
        ['application/rss+xml', `${BASE}/author/tom-baker/feed/`],
        ['application/atom+xml', `${BASE}/author/tom-baker/feed/atom/`],
      ]);
    });

    it('moves /feed and /feed/atom to their addresses with the slash', async () => {
      for (const path of ['/feed', '/feed/atom']) {
        const res = await get(path);
        expect([res.statusCode, res.headers.location]).toEqual([301, `${path}/`]);
      }
    });

    it('refuses a subsection at the address "feed"', async () => {
      await expect(saveSection(storage.db, { name: 'Feed', slug: 'feed', parent: 'politics' })).rejects.toMatchObject({
        fields: { slug: 'That address is taken by the site.' },
      });
    });

    // The tests below change content; each leaves the site as the next one expects.

    it('keeps the GUID of an article that moves section, while its link follows it', async () => {
      const id = await saveArticle(storage.db, null, input({ slug: 'mover' }), FIXTURE_NOW);
      await changed();
      const before = (await fetchFeed('/sports/', FORMATS[0])).entries[0]!;
      await saveArticle(storage.db, id, input({ slug: 'mover', sectionId: ids.sections.business }), FIXTURE_NOW);
      await changed();
      const after = (await fetchFeed('/business/', FORMATS[0])).entries[0]!;
      expect(after.id).toBe(before.id);
      expect([before.link, after.link]).toEqual([`${BASE}/sports/20260122-${id}/`, `${BASE}/business/20260122-${id}/`]);
      expect(await titlesOf('/sports/', FORMATS[1])).toEqual([]);
      await saveArticle(storage.db, id, input({ slug: 'mover', status: 'unpublished' }), FIXTURE_NOW);
      await changed();
    });

    it('drops an unpublished article from every feed at once, and its Last-Modified moves', async () => {
      const id = await saveArticle(storage.db, null, input({ slug: 'leaving', headline: 'Leaving soon' }), FIXTURE_NOW);
      await changed();
      for (const format of FORMATS) {
        expect(await titlesOf('/', format)).toEqual(['Leaving soon', ...SITE_ORDER]);
        expect(await titlesOf('/author/tom-baker/', format)).toEqual(['Leaving soon', SITE_ORDER[0]]);
      }
      const before = await get('/feed/');
      const lastModified = String(before.headers['last-modified']);
      await saveArticle(storage.db, id, input({ slug: 'leaving', status: 'unpublished' }), FIXTURE_NOW);
      await changed();
      for (const format of FORMATS) {
        expect(await titlesOf('/', format)).toEqual(SITE_ORDER);
        expect(await titlesOf('/sports/', format)).toEqual([]);
        expect(await titlesOf('/author/tom-baker/', format)).toEqual([SITE_ORDER[0]]);
      }
      // Whichever condition a reader sends, it no longer matches.
      expect((await get('/feed/', { 'if-modified-since': lastModified })).statusCode).toBe(200);
      expect((await get('/feed/', { 'if-none-match': String(before.headers.etag) })).statusCode).toBe(200);
    });

    it('publishes summaries only when the site says so', async () => {
      const { logo: _l, icon: _i, sameAs: _s, ...settings } = t.site.current().context.settings;
      const settingsForm = (feedContent: string) => ({ ...settings, sameAs: '', feedContent });
      await expect(saveSiteSettings(storage.db, settingsForm('everything'))).rejects.toMatchObject({
        fields: { feedContent: 'Choose whole articles or summaries only.' },
      });
      await saveSiteSettings(storage.db, settingsForm('summary'));
      await changed();
      for (const format of FORMATS) {
        const res = await get(`/${format.tail}`);
        const { items } = await readFeed(res.body, format.name);
        const budget = items.find((i) => i.title === 'Budget vote delayed by a day')!;
        expect(budget.description).toBe('Summary of budget vote delayed by a day.');
        expect(items.map((i) => i.content).filter((c) => c !== null && c !== budget.description)).toEqual([]);
        expect(res.body).not.toContain(format.name === 'RSS' ? '<content:encoded>' : '<content ');
      }
      await saveSiteSettings(storage.db, settingsForm('full'));
      await changed();
      expect((await get('/feed/')).body).toContain('<content:encoded>');
    });

    it('strips control characters and keeps the XML well formed whatever a headline holds', async () => {
      const headline = 'Markets\u0001 rally <b>& "bonds" ]]> fall\u001b ]]> again\u007f';
      const id = await saveArticle(
        storage.db,
        null,
        input({ slug: 'controls', headline, tags: ['Q&A <live>'], publishedAt: FIXTURE_NOW }),
        FIXTURE_NOW,
      );
      await changed();
      for (const format of FORMATS) {
        const { entries } = await fetchFeed('/', format);
        expect(entries[0]!.title).toBe('Markets rally <b>& "bonds" ]]> fall ]]> again');
        expect(entries[0]!.categories).toEqual(['Sports', 'Q&A <live>']);
        expect(await titlesOf('/tag/q-a-live/', format)).toEqual([entries[0]!.title]);
      }
      await saveArticle(storage.db, id, input({ slug: 'controls', headline, status: 'unpublished' }), FIXTURE_NOW);
      await changed();
    });

    it('keeps a republished article in its place by first publication', async () => {
      const firstPublished = new Date(FIXTURE_NOW.getTime() - 5 * 86_400_000);
      const id = await saveArticle(
        storage.db,
        null,
        input({ slug: 'again', headline: 'Published again', publishedAt: firstPublished }),
        FIXTURE_NOW,
      );
      await saveArticle(storage.db, id, input({ slug: 'again', headline: 'Published again' }), FIXTURE_NOW);
      await changed();
      for (const format of FORMATS) {
        const { entries } = await fetchFeed('/', format);
        expect(entries.map((e) => e.title)).toEqual([...SITE_ORDER, 'Published again']);
        expect(entries[12]!.published).toBe(firstPublished.toISOString());
      }
      await saveArticle(storage.db, id, input({ slug: 'again', status: 'unpublished' }), FIXTURE_NOW);
      await changed();
    });

    it('carries the latest 20 only', async () => {
      for (let i = 0; i < 22; i++) {
        await saveArticle(
          storage.db,
          null,
          input({
            slug: `many-${i}`,
            headline: `Sports story ${i}`,
            publishedAt: new Date(FIXTURE_NOW.getTime() - (i + 1) * 1000),
          }),
          FIXTURE_NOW,
        );
      }
      await changed();
      for (const format of FORMATS) {
        expect(await titlesOf('/sports/', format)).toEqual(Array.from({ length: 20 }, (_, i) => `Sports story ${i}`));
        expect(await titlesOf('/', format)).toHaveLength(20);
      }
    });
  });
}
