import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { saveArticle } from '../../src/services/save-article.js';
import { up as addTagSlugs } from '../../src/storage/migrations/2026_12_01_0002_tag_slugs.js';
import { upsertAuthorRow } from '../../src/storage/repositories/author.repository.js';
import { liveRowsByAuthor, liveRowsByTag, liveTagName } from '../../src/storage/repositories/listing.repository.js';
import { upsertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';

const ATTACK = '</script><script>alert(1)</script>';
const BIO = `Covers the Korean peninsula from Seoul. ${ATTACK}`;
/** Her articles: enough for two pages of 20. */
const STORY_COUNT = 23;

const minutesBefore = (m: number): Date => new Date(FIXTURE_NOW.getTime() - m * 60_000);

/** Story i (1 = oldest) was published i hours after the first, so newest first is STORY_COUNT … 1. */
const storyTime = (i: number): Date => minutesBefore((STORY_COUNT + 1 - i) * 60);

/** Spellings of one tag: the newest save uses the last. */
const SPELLINGS = ['climate-change', 'CLIMATE CHANGE', 'Climate change'];

const headlinesOf = (html: string): string[] =>
  dom(html)
    .querySelectorAll('.teaser-headline a')
    .map((a) => a.text);

const jsonLdOf = (html: string): unknown[] =>
  dom(html)
    .querySelectorAll('script[type="application/ld+json"]')
    .map((s) => JSON.parse(s.text) as unknown);

type Node = Record<string, unknown>;
const graphNode = (html: string, type: string): Node => {
  const [doc] = jsonLdOf(html) as { '@graph': Node[] }[];
  const node = doc!['@graph'].find((n) => n['@type'] === type);
  if (!node) throw new Error(`no ${type} in ${JSON.stringify(doc)}`);
  return node;
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`author and tag pages on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    let hanId: number;
    /** Her stories, oldest first. */
    const stories: number[] = [];
    let baseUrl: string;
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    const story = (i: number, overrides: Partial<ArticleInput> = {}): ArticleInput => ({
      slug: `seoul-story-${i}`,
      headline: `Seoul story ${i}`,
      standfirst: `Summary of Seoul story ${i}.`,
      body: [paragraph(`Seoul story ${i}. First paragraph.`)],
      sectionId: ids.sections.business,
      authorIds: [hanId],
      tags: [SPELLINGS[i % SPELLINGS.length]!, 'Seoul'],
      photo: null,
      status: 'published',
      publishedAt: storyTime(i),
      updatedAt: null,
      ...overrides,
    });

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      hanId = await upsertAuthorRow(storage.db, { slug: 'jiwoo-han', name: 'Ji-woo Han', bio: BIO });
      await storage.db
        .updateTable('author')
        .set({
          job_title: 'Seoul Correspondent',
          photo_media_id: ids.photoMediaId,
          links: JSON.stringify({ website: 'https://jiwoo.example/', mastodon: 'https://social.example/@jiwoo' }),
        })
        .where('id', '=', hanId)
        .execute();
      for (let i = 1; i <= STORY_COUNT; i++) {
        // Saved in order, a minute apart: the last save carries the last spelling.
        const savedAt = new Date(FIXTURE_NOW.getTime() - (STORY_COUNT - i) * 60_000);
        stories.push(await saveArticle(storage.db, null, story(i), savedAt));
      }
      t = await buildTestApp(storage.db, FIXTURE_NOW);
      baseUrl = t.site.current().context.settings.baseUrl;
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    const newestFirst = Array.from({ length: STORY_COUNT }, (_, k) => `Seoul story ${STORY_COUNT - k}`);

    describe('the author page', () => {
      it('lists the author’s live articles newest first, 20 a page', async () => {
        const first = await get('/author/jiwoo-han/');
        expect(first.statusCode).toBe(200);
        expect(headlinesOf(first.body)).toEqual(newestFirst.slice(0, 20));
        const second = await get('/author/jiwoo-han/?page=2');
        expect(second.statusCode).toBe(200);
        expect(headlinesOf(second.body)).toEqual(newestFirst.slice(20));
      });

      it('shows the photo, name, job title, bio and links, with the bio as text', async () => {
        const page = dom((await get('/author/jiwoo-han/')).body);
        expect(page.querySelector('h1')?.text).toBe('Ji-woo Han');
        expect(page.querySelector('.author-title')?.text).toBe('Seoul Correspondent');
        expect(page.querySelector('.author-bio')?.text).toBe(BIO);
        expect(page.querySelector('.author-photo img')?.getAttribute('src')).toMatch(
          new RegExp(`^/media/${ids.photoMediaId}-[0-9a-f]+/w400\\.jpg$`),
        );
        expect(page.querySelectorAll('.author-links a').map((a) => [a.text, a.getAttribute('href')])).toEqual([
          ['Website', 'https://jiwoo.example/'],
          ['Mastodon', 'https://social.example/@jiwoo'],
        ]);
      });

      it('links pages to each other and marks its canonical address', async () => {
        const first = dom((await get('/author/jiwoo-han/')).body);
        expect(first.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/author/jiwoo-han/?page=2');
        expect(first.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${baseUrl}/author/jiwoo-han/`);
        const second = dom((await get('/author/jiwoo-han/?page=2')).body);
        expect(second.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/author/jiwoo-han/');
        expect(second.querySelector('a[rel="next"]')).toBeNull();
        expect(second.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(
          `${baseUrl}/author/jiwoo-han/?page=2`,
        );
      });

      it('advertises the author’s RSS and Atom feeds', async () => {
        const links = dom((await get('/author/jiwoo-han/')).body).querySelectorAll('link[rel="alternate"]');
        const hrefs = links.map((l) => [l.getAttribute('type'), l.getAttribute('href')]);
        expect(hrefs).toContainEqual(['application/rss+xml', `${baseUrl}/author/jiwoo-han/feed/`]);
        expect(hrefs).toContainEqual(['application/atom+xml', `${baseUrl}/author/jiwoo-han/feed/atom/`]);
      });

      it('describes a ProfilePage about the Person, and the bio cannot close the script', async () => {
        const body = (await get('/author/jiwoo-han/')).body;
        expect(body).not.toContain(ATTACK);
        const scripts = dom(body).querySelectorAll('script');
        expect(
          scripts.some((s) => s.text.includes('alert(1)') && s.getAttribute('type') !== 'application/ld+json'),
        ).toBe(false);
        const profile = graphNode(body, 'ProfilePage');
        expect(profile.url).toBe(`${baseUrl}/author/jiwoo-han/`);
        const person = profile.mainEntity as Node;
        expect(person).toMatchObject({
          '@type': 'Person',
          name: 'Ji-woo Han',
          url: `${baseUrl}/author/jiwoo-han/`,
          jobTitle: 'Seoul Correspondent',
          description: BIO,
          sameAs: ['https://jiwoo.example/', 'https://social.example/@jiwoo'],
        });
        expect(person.image).toMatch(new RegExp(`^${baseUrl}/media/${ids.photoMediaId}-[0-9a-f]+/w\\d+\\.jpg$`));
        expect(graphNode(body, 'BreadcrumbList').itemListElement).toEqual([
          { '@type': 'ListItem', position: 1, name: expect.any(String), item: `${baseUrl}/` },
          { '@type': 'ListItem', position: 2, name: 'Ji-woo Han', item: `${baseUrl}/author/jiwoo-han/` },
        ]);
      });

      it('gives an author with nothing published a page that says so', async () => {
        await upsertAuthorRow(storage.db, { slug: 'new-hire', name: 'New Hire', bio: '' });
        await t.site.refresh();
        const res = await get('/author/new-hire/');
        expect(res.statusCode).toBe(200);
        expect(dom(res.body).querySelector('.empty')?.text).toBe('Nothing by New Hire has been published yet.');
      });

      it('is valid HTML', async () => {
        expect(await htmlProblems((await get('/author/jiwoo-han/')).body)).toEqual([]);
        expect(await htmlProblems((await get('/author/jiwoo-han/?page=2')).body)).toEqual([]);
      });
    });

    describe('the tag page', () => {
      it('gathers every spelling of a tag on one page, headed by the most recently used', async () => {
        const first = await get('/tag/climate-change/');
        expect(first.statusCode).toBe(200);
        expect(dom(first.body).querySelector('h1')?.text).toBe(SPELLINGS[STORY_COUNT % SPELLINGS.length]);
        expect(headlinesOf(first.body)).toEqual(newestFirst.slice(0, 20));
        expect(headlinesOf((await get('/tag/climate-change/?page=2')).body)).toEqual(newestFirst.slice(20));
      });

      it('takes any spelling of a tag in its address to the tag’s page', async () => {
        const res = await get('/tag/Climate%20Change/?page=2');
        expect(res.statusCode).toBe(301);
        expect(res.headers.location).toBe('/tag/climate-change/?page=2');
      });

      it('serves a tag in another script under its own letters', async () => {
        await saveArticle(storage.db, stories[0]!, story(1, { tags: ['한국 경제'] }), FIXTURE_NOW);
        await t.site.refresh();
        const res = await get(`/tag/${encodeURIComponent('한국-경제')}/`);
        expect(res.statusCode).toBe(200);
        expect(dom(res.body).querySelector('h1')?.text).toBe('한국 경제');
        expect(headlinesOf(res.body)).toEqual(['Seoul story 1']);
        await saveArticle(storage.db, stories[0]!, story(1), minutesBefore(STORY_COUNT));
        await t.site.refresh();
      });

      it('describes a CollectionPage with its trail, and advertises the tag’s feeds', async () => {
        const body = (await get('/tag/seoul/')).body;
        expect(graphNode(body, 'CollectionPage')).toMatchObject({ url: `${baseUrl}/tag/seoul/`, name: 'Seoul' });
        expect(graphNode(body, 'BreadcrumbList').itemListElement).toEqual([
          { '@type': 'ListItem', position: 1, name: expect.any(String), item: `${baseUrl}/` },
          { '@type': 'ListItem', position: 2, name: 'Seoul', item: `${baseUrl}/tag/seoul/` },
        ]);
        const hrefs = dom(body)
          .querySelectorAll('link[rel="alternate"]')
          .map((l) => l.getAttribute('href'));
        expect(hrefs).toContain(`${baseUrl}/tag/seoul/feed/`);
        expect(hrefs).toContain(`${baseUrl}/tag/seoul/feed/atom/`);
      });

      it('is valid HTML', async () => {
        expect(await htmlProblems((await get('/tag/climate-change/')).body)).toEqual([]);
      });

      it('is kept in the page cache like other reader pages', async () => {
        await get('/tag/seoul/');
        const again = await get('/tag/seoul/');
        expect(again.statusCode).toBe(200);
        expect(again.headers['x-cache']).toBe('HIT');
      });
    });

    describe('addresses that are not pages', () => {
      it('answers an unknown author or tag with our 404 page', async () => {
        for (const [url, heading] of [
          ['/author/nobody-here/', 'Author not found'],
          ['/author/not_a_slug!/', 'Author not found'],
          ['/tag/never-used/', 'Topic not found'],
          ['/tag/%20/', 'Topic not found'],
        ] as const) {
          const res = await get(url);
          expect(res.statusCode, url).toBe(404);
          expect(res.headers['content-type'], url).toMatch(/^text\/html/);
          expect(dom(res.body).querySelector('h1')?.text, url).toBe(heading);
        }
      });

      it('answers a tag whose only article is scheduled with a 404', async () => {
        await saveArticle(
          storage.db,
          null,
          story(99, { tags: ['embargoed topic'], publishedAt: new Date(FIXTURE_NOW.getTime() + 3_600_000) }),
          FIXTURE_NOW,
        );
        await t.site.refresh();
        expect((await get('/tag/embargoed-topic/')).statusCode).toBe(404);
      });

      it('moves an address without its trailing slash, keeping the page', async () => {
        for (const [url, location] of [
          ['/author/jiwoo-han', '/author/jiwoo-han/'],
          ['/author/jiwoo-han?page=2', '/author/jiwoo-han/?page=2'],
          ['/author/Jiwoo-Han/', '/author/jiwoo-han/'],
          ['/tag/climate-change', '/tag/climate-change/'],
          ['/tag/climate-change?page=2', '/tag/climate-change/?page=2'],
        ] as const) {
          const res = await get(url);
          expect(res.statusCode, url).toBe(301);
          expect(res.headers.location, url).toBe(location);
        }
      });

      it('answers bad page numbers as section fronts do', async () => {
        for (const query of ['?page=0', '?page=abc', '?page=1.5', '?page=3', '?page=1&page=2', '?page=99999999']) {
          const front = await get(`/business/${query}`);
          for (const path of ['/author/jiwoo-han/', '/tag/climate-change/']) {
            const res = await get(`${path}${query}`);
            expect([path + query, res.statusCode]).toEqual([path + query, front.statusCode]);
            expect(JSON.stringify(dom(res.body).querySelector('h1')?.text)).toBe(
              JSON.stringify(dom(front.body).querySelector('h1')?.text),
            );
          }
        }
        expect((await get('/author/jiwoo-han/?page=3')).statusCode).toBe(404);
        expect((await get('/tag/climate-change/?page=0')).statusCode).toBe(400);
      });
    });

    describe('links from the article page', () => {
      it('links each byline to its author page and each tag to its tag page', async () => {
        const list = await get('/author/jiwoo-han/');
        const path = dom(list.body).querySelector('.teaser-headline a')!.getAttribute('href')!;
        const article = dom((await get(path)).body);
        expect(article.querySelectorAll('.byline a').map((a) => [a.text, a.getAttribute('href')])).toEqual([
          ['Ji-woo Han', '/author/jiwoo-han/'],
        ]);
        const pills = article.querySelectorAll('.tags a').map((a) => [a.text, a.getAttribute('href')]);
        expect(pills).toEqual([
          [SPELLINGS[STORY_COUNT % SPELLINGS.length], '/tag/climate-change/'],
          ['Seoul', '/tag/seoul/'],
        ]);
        for (const [, href] of pills) expect((await get(href!)).statusCode).toBe(200);
      });

      it('names several authors as "A and B", each a link', async () => {
        const res = await get(`/politics/defense-security/20260121-${ids.reference}/`);
        const byline = dom(res.body).querySelector('.byline')!;
        expect(byline.text.replace(/\s+/g, ' ')).toBe('By Tom Baker and Mei Aoki');
        expect(byline.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual([
          '/author/tom-baker/',
          '/author/mei-aoki/',
        ]);
      });
    });

    describe('the two ways a list is read', () => {
      // The live count chooses the plan: 0 reads the list whole, a million walks the publication index.
      const [WHOLE, WALK] = [0, 1_000_000];
      const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

      it('gives the same page of a tag either way', async () => {
        const now = FIXTURE_NOW.getTime();
        for (const offset of [0, 20]) {
          const page = { now, limit: 20, offset };
          const whole = await liveRowsByTag(storage.db, 'climate-change', page, WHOLE);
          expect(whole.length).toBeGreaterThan(0);
          expect(ids(await liveRowsByTag(storage.db, 'climate-change', page, WALK))).toEqual(ids(whole));
        }
        expect(await liveTagName(storage.db, 'climate-change', now, WALK)).toBe(
          await liveTagName(storage.db, 'climate-change', now, WHOLE),
        );
      });

      it('gives the same page of an author either way', async () => {
        const page = { now: FIXTURE_NOW.getTime(), limit: 20, offset: 0 };
        const whole = await liveRowsByAuthor(storage.db, hanId, page, WHOLE);
        expect(ids(whole)).toEqual([...stories].reverse().slice(0, 20));
        expect(ids(await liveRowsByAuthor(storage.db, hanId, page, WALK))).toEqual(ids(whole));
      });
    });

    describe('the tag slug migration', () => {
      it('fills the slug of tags written before it, one slug for every spelling', async () => {
        const own = await backend.open();
        try {
          const section = await upsertSectionRow(own.db, { slug: 'news', name: 'News', parent_id: null, position: 1 });
          const [a, b] = [
            await saveArticle(own.db, null, { ...story(1), sectionId: section, authorIds: [], tags: [] }, FIXTURE_NOW),
            await saveArticle(own.db, null, { ...story(2), sectionId: section, authorIds: [], tags: [] }, FIXTURE_NOW),
          ];
          // Back to the schema before the migration, with tags written then.
          await sql`drop index article_tag_slug`.execute(own.db);
          await sql`drop index article_author_author`.execute(own.db);
          await sql`alter table article_tag drop column tag_slug`.execute(own.db);
          await sql`delete from article_tag`.execute(own.db);
          await sql`insert into article_tag (article_id, tag, position) values
            (${a}, 'Climate Change', 0), (${a}, '東京', 1), (${b}, 'climate-change', 0)`.execute(own.db);

          await addTagSlugs(own.db as unknown as Kysely<unknown>, own.dialect);

          const rows = await own.db
            .selectFrom('article_tag')
            .select(['article_id', 'tag', 'tag_slug'])
            .orderBy('article_id')
            .orderBy('position')
            .execute();
          expect(rows).toEqual([
            { article_id: a, tag: 'Climate Change', tag_slug: 'climate-change' },
            { article_id: a, tag: '東京', tag_slug: '東京' },
            { article_id: b, tag: 'climate-change', tag_slug: 'climate-change' },
          ]);
        } finally {
          await own.destroy();
        }
      });
    });

    describe('when content changes', () => {
      it('drops an unpublished article from its author’s and tags’ pages at once', async () => {
        const newest = stories.at(-1)!;
        await saveArticle(storage.db, newest, story(STORY_COUNT, { status: 'unpublished' }), FIXTURE_NOW);
        expect(await t.site.refresh()).toBe(true);
        expect(headlinesOf((await get('/author/jiwoo-han/')).body)).toEqual(newestFirst.slice(1, 21));
        expect(headlinesOf((await get('/tag/climate-change/')).body)).toEqual(newestFirst.slice(1, 21));
        expect(headlinesOf((await get('/tag/seoul/?page=2')).body)).toEqual(newestFirst.slice(21));
      });

      it('renames a tag page after the spelling used last', async () => {
        await saveArticle(storage.db, stories[4]!, story(5, { tags: ['Climate Change!'] }), FIXTURE_NOW);
        await t.site.refresh();
        expect(dom((await get('/tag/climate-change/')).body).querySelector('h1')?.text).toBe('Climate Change!');
      });

      it('answers 404 for a tag once its last live article is unpublished', async () => {
        await saveArticle(storage.db, stories[2]!, story(3, { tags: ['one-off'] }), FIXTURE_NOW);
        await t.site.refresh();
        expect((await get('/tag/one-off/')).statusCode).toBe(200);
        await saveArticle(storage.db, stories[2]!, story(3, { tags: ['one-off'], status: 'unpublished' }), FIXTURE_NOW);
        await t.site.refresh();
        expect((await get('/tag/one-off/')).statusCode).toBe(404);
      });
    });
  });
}
