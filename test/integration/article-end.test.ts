import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput, ArticleStatus } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { saveArticle } from '../../src/services/save-article.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';

/** The article the tests read: its headline has what an address must encode (&, :, quotes, %, ?, +). */
const SUBJECT = 'Rail & Budget: “Harbour” Plan Wins 60% + Backing?';
const SUBJECT_TAGS = ['Rail', 'Budget', 'Harbour'];

const hoursBefore = (h: number): Date => new Date(FIXTURE_NOW.getTime() - h * 3_600_000);

/** Headlines of one end-of-article list, by its heading's id. */
const listed = (html: string, headingId: string): string[] =>
  dom(html)
    .querySelector(`section[aria-labelledby="${headingId}"]`)!
    .querySelectorAll('.end-list a')
    .map((a) => a.text);

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the end of an article on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    let subjectId: number;
    let loneId: number;
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    /** The canonical path of an article, from where any dated address of it redirects. */
    const pathOf = async (id: number): Promise<string> =>
      (await get(`/business/20000101-${id}/`)).headers.location as string;

    const story = (
      headline: string,
      sectionId: number,
      tags: string[],
      publishedAt: Date | null,
      status: ArticleStatus = 'published',
    ): ArticleInput => ({
      slug: headline.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      headline,
      standfirst: null,
      body: [paragraph(`${headline}. First paragraph.`)],
      sectionId,
      authorIds: [ids.authors.aoki],
      tags,
      photo: null,
      status,
      publishedAt,
      updatedAt: null,
    });
    const save = (input: ArticleInput) => saveArticle(storage.db, null, input, FIXTURE_NOW);

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      const { business, sports, politics, defense } = ids.sections;
      subjectId = await save(story(SUBJECT, business, SUBJECT_TAGS, hoursBefore(10)));
      // Sharing three, two, two and one tag; saved out of time order, so ids do not decide "newer".
      await save(story('Shares three tags, oldest of all', sports, ['rail', 'budget', 'harbour'], hoursBefore(50)));
      await save(story('Shares two tags, in another section', politics, ['rail', 'budget'], hoursBefore(40)));
      await save(story('Shares one tag, newest, Sports', sports, ['rail'], hoursBefore(5)));
      await save(story('Shares two tags, in Business', business, ['Budget', 'Harbour'], hoursBefore(45)));
      await save(story('Shares one tag in another spelling', sports, ['RAIL'], hoursBefore(20)));
      await save(story('Shares one tag, in Business', business, ['budget'], hoursBefore(30)));
      await save(story('Shares one tag, but a seventh', sports, ['harbour'], hoursBefore(60)));
      // Never listed: not live at the render's time, or sharing nothing.
      await save(story('A draft sharing every tag', business, SUBJECT_TAGS, null, 'draft'));
      await save(story('Withdrawn, sharing every tag', business, SUBJECT_TAGS, hoursBefore(2), 'unpublished'));
      await save(story('Scheduled for tomorrow, sharing every tag', business, SUBJECT_TAGS, hoursBefore(-24)));
      await save(story('Sports story sharing nothing', sports, ['weather'], hoursBefore(1)));
      for (const h of [1, 2, 3]) await save(story(`Business brief ${h}`, business, [], hoursBefore(h)));
      // An article in a subsection whose only tag nothing else has.
      loneId = await save(story('A lone defence story', defense, ['Lonely'], hoursBefore(1)));
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    describe('Related', () => {
      it('lists the stories sharing most tags first, the same section first among equals, then newer first', async () => {
        const page = await get(await pathOf(subjectId));
        expect(page.statusCode).toBe(200);
        expect(listed(page.body, 'article-related')).toEqual([
          'Shares three tags, oldest of all',
          'Shares two tags, in Business',
          'Shares two tags, in another section',
          'Shares one tag, in Business',
          'Shares one tag, newest, Sports',
          'Shares one tag in another spelling',
        ]);
      });

      it('is a section headed "Related", its links the stories’ canonical addresses', async () => {
        const html = dom((await get(await pathOf(subjectId))).body);
        const section = html.querySelector('section[aria-labelledby="article-related"]')!;
        expect(section.querySelector('h2#article-related')!.text).toBe('Related');
        const first = await pathOf(
          (
            await storage.db
              .selectFrom('article')
              .select('id')
              .where('headline', '=', 'Shares three tags, oldest of all')
              .executeTakeFirstOrThrow()
          ).id,
        );
        expect(section.querySelector('.end-list a')!.getAttribute('href')).toBe(first);
      });

      it('tops up to four from the article’s own subsection, then the rest of its section, newer first', async () => {
        const page = await get(await pathOf(loneId));
        expect(page.statusCode).toBe(200);
        expect(listed(page.body, 'article-related')).toEqual([
          'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties',
          'Politics story 6',
          'Politics story 4',
          'Politics story 2',
        ]);
      });
    });

    describe('More in {Section}', () => {
      it('lists five of the section’s newest, none of them the article or in Related, and links the front', async () => {
        const html = (await get(await pathOf(subjectId))).body;
        const section = dom(html).querySelector('section[aria-labelledby="article-more"]')!;
        expect(section.querySelector('h2')!.text).toBe('More in Business');
        expect(listed(html, 'article-more')).toEqual([
          'Business brief 1',
          'Business brief 2',
          'Business brief 3',
          'Business story 3',
          'Business story 2',
        ]);
        expect(section.querySelector('.end-more a')!.getAttribute('href')).toBe('/business/');
      });

      it('speaks for the top-level section of an article in a subsection, with its subsections’ stories', async () => {
        const html = (await get(await pathOf(loneId))).body;
        expect(dom(html).querySelector('#article-more')!.text).toBe('More in Politics');
        expect(listed(html, 'article-more')).toEqual([
          'Politics story 7',
          'Budget vote delayed by a day',
          'Politics story 5',
          'Politics story 3',
          'Politics story 1',
        ]);
      });
    });

    describe('Share', () => {
      it('links to each service with the canonical address and headline encoded', async () => {
        const path = await pathOf(subjectId);
        const url = t.site.current().context.settings.baseUrl + path;
        const u = encodeURIComponent(url);
        const h = 'Rail%20%26%20Budget%3A%20%E2%80%9CHarbour%E2%80%9D%20Plan%20Wins%2060%25%20%2B%20Backing%3F';
        const links = dom((await get(path)).body)
          .querySelectorAll('.share-links a')
          .map((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]);
        expect(links).toEqual([
          [`https://x.com/intent/tweet?text=${h}&url=${u}`, '_blank', 'noopener'],
          [`https://www.facebook.com/sharer/sharer.php?u=${u}`, '_blank', 'noopener'],
          [`https://www.linkedin.com/sharing/share-offsite/?url=${u}`, '_blank', 'noopener'],
          [`https://social-plugins.line.me/lineit/share?url=${u}`, '_blank', 'noopener'],
          [`https://bsky.app/intent/compose?text=${h}%20${u}`, '_blank', 'noopener'],
          [`mailto:?subject=${h}&body=${u}`, undefined, undefined],
        ]);
      });

      it('keeps the share-sheet and copy-link buttons hidden until the script shows them, and serves the script', async () => {
        const html = dom((await get(await pathOf(subjectId))).body);
        const buttons = html.querySelectorAll('.share-links button');
        expect(buttons.map((b) => [b.text, b.parentNode!.hasAttribute('hidden')])).toEqual([
          ['Share…', true],
          ['Copy link', true],
        ]);
        const script = html
          .querySelectorAll('script[src]')
          .find((s) => s.getAttribute('src')!.includes('article-page'))!;
        expect(script.getAttribute('src')).toMatch(/^\/static\/article-page\.[0-9a-f]{10}\.js$/);
        expect(script.hasAttribute('defer')).toBe(true);
        const file = await get(script.getAttribute('src')!);
        expect(file.statusCode).toBe(200);
        expect(file.headers['content-type']).toBe('text/javascript; charset=utf-8');
        expect(file.body).toContain('navigator.share');
      });
    });

    it('links the byline and the tags to their pages, which answer', async () => {
      const html = dom((await get(await pathOf(subjectId))).body);
      const hrefs = [
        ...html.querySelectorAll('.byline a').map((a) => a.getAttribute('href')!),
        ...html.querySelectorAll('.article-topics a').map((a) => a.getAttribute('href')!),
      ];
      expect(hrefs).toEqual(['/author/mei-aoki/', '/tag/rail/', '/tag/budget/', '/tag/harbour/']);
      for (const href of hrefs) expect((await get(href)).statusCode, href).toBe(200);
    });

    it('is valid HTML', async () => {
      expect(await htmlProblems((await get(await pathOf(subjectId))).body)).toEqual([]);
    });
  });
}
