import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestPublishedRows } from '../../src/storage/repositories/article.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';

/** 23:59:50 in Tokyo, the fixture's zone: ten seconds before Friday, January 23, 2026 begins there. */
const BEFORE_MIDNIGHT = new Date('2026-01-22T14:59:50Z');
const TOKYO_MIDNIGHT = new Date('2026-01-22T15:00:00Z').getTime();

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the home page on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    const home = async () => {
      const res = await t.app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      return res;
    };

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    describe('under the masthead', () => {
      it("prints the day of the render in the site's time zone, with a machine-readable date", async () => {
        // FIXTURE_NOW is midnight in London and 09:00 on Thursday in Tokyo.
        const time = dom((await home()).body).querySelector('.masthead .masthead-date time')!;
        expect(time.text).toBe('Thursday, January 22, 2026');
        expect(time.getAttribute('datetime')).toBe('2026-01-22');
      });

      it('keeps a copy made just before midnight only until midnight, then shows the new day', async () => {
        try {
          t.setNow(BEFORE_MIDNIGHT);
          expect((await home()).headers['x-cache']).toBe('MISS');
          expect(t.pageCache.get('/', TOKYO_MIDNIGHT - 1)).toBeDefined();
          // Without the cap it would live 20 to 30 seconds: into Friday, still saying Thursday.
          expect(t.pageCache.get('/', TOKYO_MIDNIGHT)).toBeUndefined();
          t.setNow(new Date(TOKYO_MIDNIGHT + 5_000));
          const time = dom((await home()).body).querySelector('.masthead-date time')!;
          expect(time.text).toBe('Friday, January 23, 2026');
        } finally {
          t.setNow(FIXTURE_NOW);
        }
      });

      it('keeps a copy made in the middle of the day for the usual time', async () => {
        await home();
        expect(t.pageCache.get('/', FIXTURE_NOW.getTime() + 19_000)).toBeDefined();
      });

      it('is printed on the home page only', async () => {
        const res = await t.app.inject({ method: 'GET', url: '/politics/' });
        expect(dom(res.body).querySelector('.masthead-date')).toBeNull();
      });
    });

    describe('the rail', () => {
      it('has the numbered access ranking box of five, with a link to every ranking', async () => {
        const rail = dom((await home()).body).querySelector('aside.home-rail')!;
        const box = rail.querySelectorAll('.headline-box')[0]!;
        expect(box.querySelector('h2')!.text).toBe('DN ACCESS RANKING');
        expect(box.querySelectorAll('ol li a')).toHaveLength(5);
        expect(rail.querySelector('a[href="/ranking/"]')!.text).toBe('More rankings');
      });

      it('puts the most-read article first once it has been read', async () => {
        const reader = { visitorKey: 7, pairKey: 7, addressKey: 7, addressArticleKey: 7 };
        const oldest = ids.politics[0]!;
        t.views.tracker.record({ articleId: oldest, second: Math.floor(FIXTURE_NOW.getTime() / 1000) - 60, ...reader });
        await t.views.tracker.flush();
        await t.views.tracker.sync();
        try {
          // A second later: the box is shared by the pages rendered within one second.
          t.setNow(new Date(FIXTURE_NOW.getTime() + 1000));
          const box = dom((await home()).body).querySelector('.home-rail .headline-box')!;
          expect(box.querySelector('ol li a')!.getAttribute('href')).toMatch(new RegExp(`-${oldest}/$`));
        } finally {
          t.setNow(FIXTURE_NOW);
        }
      });

      it('lists the ten newest live articles under Latest, newest first, each with its time', async () => {
        const newest = await latestPublishedRows(storage.db, { now: FIXTURE_NOW.getTime(), limit: 10 });
        const boxes = dom((await home()).body).querySelectorAll('.home-rail .headline-box');
        const latest = boxes.find((b) => b.querySelector('h2')!.text === 'Latest')!;
        const items = latest.querySelectorAll('li');
        expect(items.map((li) => li.querySelector('a')!.text)).toEqual(newest.map((r) => r.headline));
        expect(items.map((li) => li.querySelector('a')!.text)).not.toContain('Tomorrow story');
        // The reference article went live at 13:01 in Tokyo.
        const reference = items.find((li) =>
          li.querySelector('a')!.getAttribute('href')!.endsWith(`-${ids.reference}/`),
        )!;
        expect(reference.querySelector('time')!.getAttribute('datetime')).toBe('2026-01-21T13:01:00+09:00');
        expect(reference.querySelector('time')!.text).toBe('13:01 JST, January 21, 2026');
        expect(items.every((li) => li.querySelector('time') !== null)).toBe(true);
      });
    });

    describe('the page', () => {
      it('keeps the curated top stories first, their lead photo fetched first and the rest lazily', async () => {
        const page = dom((await home()).body);
        const main = page.querySelector('main')!;
        expect(main.querySelector('.lead-headline')!.text).toBe(
          'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties',
        );
        expect(main.querySelectorAll('.top-stories .teaser-headline')[0]!.text).toBe('Business story 3');
        // The top stories come before the rail and the sections in the document.
        const html = main.toString();
        expect(html.indexOf('top-stories')).toBeLessThan(html.indexOf('home-rail'));
        expect(html.indexOf('home-rail')).toBeLessThan(html.indexOf('home-sections'));
        const lead = main.querySelector('.lead-story img')!;
        expect(lead.getAttribute('fetchpriority')).toBe('high');
        expect(lead.getAttribute('loading')).toBe('eager');
        expect(main.querySelectorAll('img[fetchpriority]')).toHaveLength(1);
      });

      it('leaves out a section with nothing to show, and every block it shows has stories', async () => {
        const page = dom((await home()).body);
        expect(page.querySelector('#home-sports')).toBeNull();
        const blocks = page.querySelectorAll('.home-section');
        expect(blocks.map((b) => b.querySelector('h2')!.text)).toEqual(['Politics', 'Business']);
        expect(blocks.every((b) => b.querySelectorAll('.teaser').length > 0)).toBe(true);
      });

      it('offers every section in a Sections menu that works without JavaScript, and its script', async () => {
        const page = dom((await home()).body);
        const nav = page.querySelector('nav.section-nav')!;
        expect(nav.querySelector('details > summary')!.text).toBe('Sections');
        const names = ['Politics', 'Business', 'Sports'];
        expect(nav.querySelectorAll('details a').map((a) => a.text)).toEqual(names);
        expect(nav.querySelectorAll('.section-strip a').map((a) => a.text)).toEqual(names);
        const script = page.querySelector('script[src*="section-menu"]')!;
        expect(script.hasAttribute('defer')).toBe(true);
        const js = await t.app.inject({ method: 'GET', url: script.getAttribute('src')! });
        expect(js.statusCode).toBe(200);
        expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
        expect(js.body).toContain('Escape');
      });

      it('declares both colour schemes and is valid HTML', async () => {
        const res = await home();
        expect(dom(res.body).querySelector('meta[name="color-scheme"]')!.getAttribute('content')).toBe('light dark');
        expect(await htmlProblems(res.body)).toEqual([]);
      });
    });

    describe('a section front', () => {
      it('leads with its newest story, its photo fetched first, then lists the rest', async () => {
        const page = dom((await t.app.inject({ method: 'GET', url: '/politics/' })).body);
        const lead = page.querySelector('.front .lead-story')!;
        expect(lead.querySelector('h2')!.text).toBe('Defence Chiefs of Two Neighbours Plan Talks to Mend Ties');
        expect(lead.querySelector('img')!.getAttribute('fetchpriority')).toBe('high');
        const listed = page.querySelectorAll('.teaser-headline').map((h) => h.text);
        // The second newest in Politics and its subsection (02:20 UTC, before the reference's 04:01).
        expect(listed[0]).toBe('Politics story 7');
        expect(listed).not.toContain('Defence Chiefs of Two Neighbours Plan Talks to Mend Ties');
      });
    });
  });

  describe.skipIf(backend.skipReason !== null)(`an empty install's home page on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    beforeAll(async () => {
      storage = await backend.open();
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('renders no empty navigation, rail or section blocks, and says nothing is published yet', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      const page = dom(res.body);
      expect(page.querySelector('.section-nav')).toBeNull();
      expect(page.querySelector('script[src*="section-menu"]')).toBeNull();
      expect(page.querySelector('.home-rail')).toBeNull();
      expect(page.querySelector('.home-sections')).toBeNull();
      expect(page.querySelectorAll('ul').filter((ul) => ul.querySelectorAll('li').length === 0)).toEqual([]);
      expect(page.querySelector('main .empty')!.text).toBe('No articles have been published yet.');
      expect(page.querySelector('.masthead-date time')!.text).toBe('Thursday, January 22, 2026');
      expect(await htmlProblems(res.body)).toEqual([]);
    });
  });
}
