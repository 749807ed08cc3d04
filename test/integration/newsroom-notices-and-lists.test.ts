import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/** An article as the editor form posts it; the fixture's site is in Asia/Tokyo (JST). */
const form = (headline: string, action: string, more: Record<string, string> = {}) => ({
  headline,
  standfirst: '',
  body: 'The first paragraph.',
  section: 'politics',
  authors: 'Mei Aoki, tom-baker',
  tags: '',
  slug: '',
  seoDescription: '',
  action,
  ...more,
});

const minutesAfterFixture = (n: number) => new Date(FIXTURE_NOW.getTime() + n * 60_000);

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`what the newsroom says after a save, on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let eden: NewsroomClient;
    let casey: NewsroomClient;

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
      await ensurePerson(storage.db, PEOPLE.eden);
      await ensurePerson(storage.db, PEOPLE.casey);
      eden = new NewsroomClient(t.app);
      casey = new NewsroomClient(t.app);
      await eden.signIn('eden@example.com', PASSWORD);
      await casey.signIn('casey@example.com', PASSWORD);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    /** Posts a new article's form and follows the answer to the editor; returns the editor's notices. */
    const noticesAfter = async (who: NewsroomClient, body: Record<string, string>) => {
      await who.get('/newsroom/articles/new');
      const saved = await who.post('/newsroom/articles', body);
      expect(saved.statusCode).toBe(303);
      const page = await who.get(String(saved.headers.location));
      expect(page.statusCode).toBe(200);
      return dom(page.body)
        .querySelectorAll('.nr-notice')
        .map((n) => n.text);
    };

    it('says "Published." after Publish now', async () => {
      expect(await noticesAfter(eden, form('Harbour Fees Rise', 'publish'))).toEqual(['Published.']);
    });

    it('says when a scheduled article goes live, in the site time zone', async () => {
      const notices = await noticesAfter(
        eden,
        form('Night Market Returns', 'schedule', { scheduleAt: '2026-01-22T18:30' }),
      );
      expect(notices).toEqual(['Scheduled for 18:30 JST, January 22, 2026.']);
    });

    it('says "Submitted for review." after a contributor submits', async () => {
      expect(await noticesAfter(casey, form('Fish Market Moves Inland', 'submit'))).toEqual(['Submitted for review.']);
    });

    it('says "Saved." after a plain save, and nothing on a visit without a save', async () => {
      expect(await noticesAfter(eden, form('Library Hours', 'save'))).toEqual(['Saved.']);
      const { url } = await eden.createArticle(form('Tram Loop Reopens', 'save'));
      expect(dom((await eden.get(url)).body).querySelectorAll('.nr-notice')).toHaveLength(0);
    });

    it('reads a mark in the address that no save makes as a plain save', async () => {
      const { url } = await eden.createArticle(form('Bridge Repairs', 'save'));
      const page = await eden.get(`${url}?saved=${encodeURIComponent('<b>hacked</b>')}`);
      expect(page.statusCode).toBe(200);
      expect(dom(page.body).querySelector('.nr-notice')!.text).toBe('Saved.');
    });
  });

  describe.skipIf(backend.skipReason !== null)(`the article list's times and bylines, on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let eden: NewsroomClient;

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
      await ensurePerson(storage.db, PEOPLE.eden);
      eden = new NewsroomClient(t.app);
      await eden.signIn('eden@example.com', PASSWORD);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    /** The cells of the list's line for a headline, by column name. */
    const lineOf = async (url: string, headline: string) => {
      const res = await eden.get(url);
      expect(res.statusCode).toBe(200);
      expect(await htmlProblems(res.body)).toEqual([]);
      const row = dom(res.body)
        .querySelectorAll('.nr-table tbody tr')
        .find((r) => r.querySelector('td')?.text === headline);
      if (!row) throw new Error(`"${headline}" is not listed at ${url}`);
      const [, status, when, by] = row.querySelectorAll('td').map((c) => c.text.trim());
      return { status, when, by, datetime: row.querySelector('time')?.getAttribute('datetime') };
    };

    it('lists a live article by when it went live and a draft by its last change, each under its byline', async () => {
      // Published at 09:10 JST, then corrected (not a significant update) at 09:40: still listed as published at 09:10.
      t.setNow(minutesAfterFixture(10));
      const live = await eden.createArticle(form('Ferry Timetable Changes', 'publish'));
      t.setNow(minutesAfterFixture(40));
      await eden.get(live.url);
      const revision = dom((await eden.get(live.url)).body)
        .querySelector('input[name="revision"]')!
        .getAttribute('value')!;
      const corrected = await eden.post(live.url, {
        ...form('Ferry Timetable Changes', 'save', { body: 'The corrected first paragraph.' }),
        revision,
      });
      expect(corrected.statusCode).toBe(303);
      // A draft, last changed at 09:25 JST, with one author.
      t.setNow(minutesAfterFixture(25));
      await eden.createArticle(form('Council Meets on Thursday', 'save', { authors: 'tom-baker' }));

      expect(await lineOf('/newsroom/articles', 'Ferry Timetable Changes')).toEqual({
        status: 'Published',
        when: 'Published 09:10 JST, January 22, 2026',
        by: 'Mei Aoki, Tom Baker',
        datetime: '2026-01-22T00:10:00.000Z',
      });
      expect(await lineOf('/newsroom/articles', 'Council Meets on Thursday')).toEqual({
        status: 'Draft',
        when: 'Changed 09:25 JST, January 22, 2026',
        by: 'Tom Baker',
        datetime: '2026-01-22T00:25:00.000Z',
      });
    });

    it('lists a scheduled article by when it goes live, and an article without authors with a dash', async () => {
      t.setNow(minutesAfterFixture(50));
      await eden.createArticle(form('Night Buses Return', 'schedule', { scheduleAt: '2026-01-23T07:00', authors: '' }));
      expect(await lineOf('/newsroom/articles?status=scheduled', 'Night Buses Return')).toMatchObject({
        status: 'Scheduled',
        when: 'Goes live 07:00 JST, January 23, 2026',
        by: '—',
      });
    });

    it("lists the desk's recent changes by their last change, whatever their state", async () => {
      const line = await lineOf('/newsroom', 'Ferry Timetable Changes');
      expect(line.when).toBe('Changed 09:40 JST, January 22, 2026');
    });
  });
}
