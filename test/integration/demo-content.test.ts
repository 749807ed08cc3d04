import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoContent } from '../../src/services/seed-demo.js';
import { countArticleRows } from '../../src/storage/repositories/article.repository.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { demoSeedOptions } from '../support/demo-photos.js';

const NOW = new Date('2026-11-25T03:00:00Z');

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`demo content on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    beforeAll(async () => {
      storage = await backend.open();
      await seedDemoContent(storage.db, NOW, demoSeedOptions);
      t = await buildTestApp(storage.db, NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('loads at least 24 articles over at least 6 sections and 3 authors', async () => {
      expect(await countArticleRows(storage.db)).toBeGreaterThanOrEqual(24);
      const sections = await storage.db.selectFrom('section').select('id').where('parent_id', 'is', null).execute();
      expect(sections.length).toBeGreaterThanOrEqual(6);
      const authors = await storage.db.selectFrom('author').select('id').execute();
      expect(authors.length).toBeGreaterThanOrEqual(3);
    });

    it('publishes About, Contact, Privacy and Corrections policy pages, listed in the footer', async () => {
      for (const path of ['/about/', '/contact/', '/privacy/', '/corrections-policy/']) {
        expect((await t.app.inject({ url: path })).statusCode).toBe(200);
      }
      const footer = dom((await t.app.inject({ url: '/' })).body).querySelectorAll('.site-footer .footer-pages a');
      expect(footer.slice(0, 4).map((a) => a.getAttribute('href'))).toEqual([
        '/about/',
        '/contact/',
        '/privacy/',
        '/corrections-policy/',
      ]);
    });

    it('spreads the articles over several days', async () => {
      const rows = await storage.db.selectFrom('article').select('published_at').execute();
      const days = new Set(rows.map((r) => new Date(r.published_at!).toISOString().slice(0, 10)));
      expect(days.size).toBeGreaterThanOrEqual(5);
    });

    it('does nothing when articles already exist', async () => {
      const before = await countArticleRows(storage.db);
      expect(await seedDemoContent(storage.db, NOW)).toBeNull();
      expect(await countArticleRows(storage.db)).toBe(before);
    });

    it('serves a home page that links every article it shows to a working article page', async () => {
      const home = await t.app.inject({ url: '/' });
      expect(home.statusCode).toBe(200);
      expect(await htmlProblems(home.body)).toEqual([]);
      const links = [
        ...new Set(
          dom(home.body)
            .querySelectorAll('main a')
            .map((a) => a.getAttribute('href')!),
        ),
      ];
      expect(links.length).toBeGreaterThan(10);
      for (const href of links) {
        const res = await t.app.inject({ url: href });
        expect(res.statusCode, href).toBe(200);
      }
    });

    it('includes an article in the full shape of the reference page', async () => {
      const front = dom((await t.app.inject({ url: '/politics/defense-security/' })).body);
      // The front's lead story, then its list.
      const hrefs = [
        ...front.querySelectorAll('.lead-headline a'),
        ...front.querySelectorAll('.teaser-headline a'),
      ].map((a) => a.getAttribute('href')!);
      const pages = await Promise.all(hrefs.map(async (h) => dom((await t.app.inject({ url: h })).body)));
      const full = pages.find(
        (p) => p.querySelectorAll('.article-body p').length === 8 && p.querySelector('.main-photo figcaption'),
      );
      expect(full).toBeDefined();
      const [top, ranking] = full!.querySelectorAll('.article-aside .headline-box');
      expect(top!.querySelector('h2')!.text).toBe('Top Articles in Politics');
      expect(top!.querySelectorAll('li')).toHaveLength(5);
      expect(ranking!.querySelector('h2')!.text).toBe('DN ACCESS RANKING');
      expect(ranking!.querySelectorAll('li')).toHaveLength(5);
      expect(await htmlProblems(full!.toString())).toEqual([]);
    });
  });
}
