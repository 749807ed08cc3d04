import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { parseQuery } from '../../src/domain/search-text.js';
import { searchNewsroomArticles } from '../../src/services/newsroom-articles.js';
import { writeArticle } from '../../src/services/save-article.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/** What the article list shows a person: the lines, the count and the note, as they read on the page. */
interface ListSeen {
  statusCode: number;
  headlines: string[];
  statuses: string[];
  count: string | null;
  note: string | null;
  body: string;
}

const seeList = async (client: NewsroomClient, query: Record<string, string>): Promise<ListSeen> => {
  const res = await client.get(`/newsroom/articles?${new URLSearchParams(query).toString()}`);
  const page = dom(res.body);
  const cells = (n: number) => page.querySelectorAll(`.nr-table tbody tr td:nth-child(${n})`).map((c) => c.text);
  return {
    statusCode: res.statusCode,
    headlines: cells(1),
    statuses: cells(2),
    count: page.querySelector('#match-count')?.text ?? null,
    note: page.querySelector('.nr-notice')?.text.trim() ?? null,
    body: res.body,
  };
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the newsroom's article search on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let ids: FixtureIds;
    let eden: NewsroomClient;
    let casey: NewsroomClient;
    let pat: NewsroomClient;
    let caseyId: number;
    let harbour: { id: number; url: string };

    const form = (headline: string, body: string, action: string, extra: Record<string, string> = {}) => ({
      headline,
      standfirst: '',
      body,
      section: 'politics',
      authors: 'mei-aoki',
      tags: '',
      slug: '',
      seoDescription: '',
      action,
      ...extra,
    });

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
      await ensurePerson(storage.db, PEOPLE.eden);
      caseyId = (await ensurePerson(storage.db, PEOPLE.casey)).id;
      await ensurePerson(storage.db, PEOPLE.pat);
      eden = new NewsroomClient(t.app);
      casey = new NewsroomClient(t.app);
      pat = new NewsroomClient(t.app);
      await eden.signIn(PEOPLE.eden.email, PASSWORD);
      await casey.signIn(PEOPLE.casey.email, PASSWORD);
      await pat.signIn(PEOPLE.pat.email, PASSWORD);

      // Saved through the editor form, so the index is kept by the same path a newsroom uses.
      harbour = await eden.createArticle(
        form('Harbour board meets', 'The lighthouse keeper retires after forty years.', 'save'),
      );
      await eden.createArticle(
        form('Ferry works', 'Divers will inspect the lighthouse foundations.', 'schedule', {
          scheduleAt: '2030-01-01T10:00',
        }),
      );
      await eden.createArticle(form('Lighthouse reopens to visitors', 'The stairs were repaired.', 'publish'));
      await eden.createArticle(form('Night shift at the pier', 'Tankers were refueling until dawn.', 'publish'));
      await eden.createArticle(form('防衛予算を審議', '国会で防衛費の増額が議論された。', 'publish'));
      await casey.createArticle(form('Allotment notes', 'The marmalade contest drew forty jars.', 'save'));
      await pat.createArticle(form('Village fete', 'A marmalade stall sold out by noon.', 'save'));
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('finds drafts and scheduled articles by the words of their bodies, headline matches first', async () => {
      const seen = await seeList(eden, { q: 'lighthouse' });
      expect(seen.statusCode).toBe(200);
      // The scheduled one sorts by when it goes live (2030), so it is newer than the draft.
      expect(seen.headlines).toEqual(['Lighthouse reopens to visitors', 'Ferry works', 'Harbour board meets']);
      expect(seen.statuses).toEqual(['Published', 'Scheduled', 'Draft']);
      expect(seen.count).toBe('3 articles match');
      expect(seen.note).toBeNull();
      expect(await htmlProblems(seen.body)).toEqual([]);
    });

    it('finds a word by its stem and an author by name', async () => {
      // The fixture's defence story says "refuelling", which stems the same.
      const refuel = ['Night shift at the pier', 'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties'];
      expect((await seeList(eden, { q: 'refuel' })).headlines).toEqual(refuel);
      expect((await seeList(eden, { q: 'REFUELED' })).headlines).toEqual(refuel);
      expect((await seeList(eden, { q: 'tom baker' })).headlines).toEqual([
        'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties',
      ]);
    });

    it('finds two characters of Japanese inside text without spaces', async () => {
      const seen = await seeList(eden, { q: '防衛' });
      expect(seen.headlines).toEqual(['防衛予算を審議']);
      expect(seen.count).toBe('1 article matches');
      expect((await seeList(eden, { q: '増額' })).headlines).toEqual(['防衛予算を審議']);
      expect((await seeList(eden, { q: '防災' })).headlines).toEqual([]);
    });

    it("lets a contributor find their own draft and never another's", async () => {
      const caseys = await seeList(casey, { q: 'marmalade' });
      expect(caseys.headlines).toEqual(['Allotment notes']);
      expect(caseys.count).toBe('1 article matches');
      expect((await seeList(pat, { q: 'marmalade' })).headlines).toEqual(['Village fete']);
      // Nor the editors' articles, live ones included: a contributor's list is their own, searched or not.
      expect((await seeList(casey, { q: 'lighthouse' })).count).toBe('0 articles match');
      expect((await seeList(eden, { q: 'marmalade' })).headlines.sort()).toEqual(['Allotment notes', 'Village fete']);
      // The service asked directly answers the same for the contributor's account.
      const found = await searchNewsroomArticles(storage.db, {
        query: parseQuery('marmalade'),
        createdBy: caseyId,
        limit: 10,
        offset: 0,
      });
      expect([found.total, found.articles.map((a) => a.headline)]).toEqual([1, ['Allotment notes']]);
    });

    it('filters a search by status, and offers every status with the search kept', async () => {
      const by = async (status: string) => (await seeList(eden, { q: 'lighthouse', status })).headlines;
      expect(await by('draft')).toEqual(['Harbour board meets']);
      expect(await by('scheduled')).toEqual(['Ferry works']);
      expect(await by('published')).toEqual(['Lighthouse reopens to visitors']);
      const none = await seeList(eden, { q: 'lighthouse', status: 'in_review' });
      expect([none.headlines, none.count]).toEqual([[], '0 articles match']);
      expect(none.body).toContain('No article has all those words.');

      const filters = dom(none.body).querySelectorAll('nav[aria-label="Filter by status"] a');
      expect(filters.map((a) => [a.text, a.getAttribute('href'), a.getAttribute('aria-current') ?? null])).toEqual([
        ['All', '/newsroom/articles?q=lighthouse', null],
        ['Draft', '/newsroom/articles?status=draft&q=lighthouse', null],
        ['In review', '/newsroom/articles?status=in_review&q=lighthouse', 'page'],
        ['Scheduled', '/newsroom/articles?status=scheduled&q=lighthouse', null],
        ['Published', '/newsroom/articles?status=published&q=lighthouse', null],
        ['Unpublished', '/newsroom/articles?status=unpublished&q=lighthouse', null],
      ]);
    });

    it("searches one edition's articles when the list is filtered by edition", async () => {
      const edition = await storage.db.selectFrom('edition').select('id').executeTakeFirstOrThrow();
      const search = (editionId: number) =>
        searchNewsroomArticles(storage.db, { query: parseQuery('refuel'), editionId, limit: 10, offset: 0 });
      expect((await search(edition.id)).total).toBe(2);
      expect(await search(edition.id + 1000)).toEqual({ total: 0, more: false, articles: [] });
    });

    it('says a page past the last hit is empty, not that nothing matched', async () => {
      const seen = await seeList(eden, { q: 'lighthouse', page: '3' });
      expect([seen.statusCode, seen.headlines, seen.count]).toEqual([200, [], '3 articles match']);
      expect(seen.body).toContain('No articles on this page.');
    });

    it('shows the plain list with a note when the search has no words to look for', async () => {
      const plain = await seeList(eden, {});
      for (const q of ['%', '_', '*', '"', '\\', '%_%', '()', '--']) {
        const seen = await seeList(eden, { q });
        expect(seen.statusCode, q).toBe(200);
        expect(seen.headlines, q).toEqual(plain.headlines);
        expect(seen.note, q).toBe('The search has no words to look for, so every article is listed.');
        expect(seen.count, q).toBeNull();
      }
    });

    it('answers any query with a page, never an error, and reads no syntax in it', async () => {
      const cases: [string, string[]][] = [
        ['"lighthouse', ['Lighthouse reopens to visitors', 'Ferry works', 'Harbour board meets']],
        ['"lighthouse keeper"', ['Harbour board meets']],
        ['"keeper lighthouse"', []],
        ['lighthouse OR marmalade', []],
        ['NEAR(lighthouse keeper)', []],
        ['lighth*', []],
        ['keeper\\', ['Harbour board meets']],
        ['keeper%', ['Harbour board meets']],
        ['keep_er', []],
        ["keeper'; drop table article; --", []],
        ['-keeper', ['Harbour board meets']],
        ['keeper:^', ['Harbour board meets']],
        ['keeper\u0000\u0007', ['Harbour board meets']],
      ];
      for (const [q, expected] of cases) {
        const seen = await seeList(eden, { q });
        expect(seen.statusCode, q).toBe(200);
        expect(seen.headlines, q).toEqual(expected);
      }
      expect(await htmlProblems((await seeList(eden, { q: 'keeper\u0000"<b>' })).body)).toEqual([]);
    });

    it('searches the start of a 10,000-character query and says it was cut', async () => {
      for (const q of [`keeper ${'x'.repeat(10_000)}`, `防衛${'の'.repeat(10_000)}`, 'word '.repeat(2_000)]) {
        const seen = await seeList(eden, { q });
        expect(seen.statusCode).toBe(200);
        expect(seen.note).toBe('The search was too long: only its start was searched.');
        // The box keeps what was searched, not the whole paste.
        const kept = dom(seen.body).querySelector('#q')!.getAttribute('value')!;
        expect([...kept].length).toBeLessThanOrEqual(200);
      }
      expect((await seeList(eden, { q: `keeper ${'x'.repeat(10_000)}` })).headlines).toEqual([]);
      // Punctuation after the start has no words, so what is searched is the start alone.
      expect((await seeList(eden, { q: `keeper ${'% '.repeat(5_000)}` })).headlines).toEqual(['Harbour board meets']);
    });

    it('finds an edit as soon as it is saved, and no longer finds the words it removed', async () => {
      const editor = dom((await eden.get(harbour.url)).body);
      const revision = editor.querySelector('input[name="revision"]')!.getAttribute('value')!;
      const saved = await eden.post(
        harbour.url,
        form('Harbour board meets', 'The breakwater needs repair before winter.', 'save', { revision }),
      );
      expect(saved.statusCode).toBe(303);
      expect((await seeList(eden, { q: 'breakwater' })).headlines).toEqual(['Harbour board meets']);
      expect((await seeList(eden, { q: 'lighthouse keeper' })).headlines).toEqual([]);
    });

    it('sees a save inside the transaction that made it, and nothing of it once that rolls back', async () => {
      const query = parseQuery('quayside');
      const rolledBack = new Error('roll back');
      let inside: string[] = [];
      await expect(
        storage.db.transaction().execute(async (trx) => {
          await writeArticle(
            trx,
            null,
            {
              slug: 'quayside',
              headline: 'Market moves',
              standfirst: null,
              body: [paragraph('Stalls open on the quayside.')],
              sectionId: ids.sections.business,
              authorIds: [ids.authors.aoki],
              tags: [],
              photo: null,
              status: 'draft',
              publishedAt: null,
              updatedAt: null,
            },
            FIXTURE_NOW,
          );
          inside = (await searchNewsroomArticles(trx, { query, limit: 10, offset: 0 })).articles.map((a) => a.headline);
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
      expect(inside).toEqual(['Market moves']);
      expect(await searchNewsroomArticles(storage.db, { query, limit: 10, offset: 0 })).toEqual({
        total: 0,
        more: false,
        articles: [],
      });
    });
  });
}
