import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ARTICLES } from '../../src/demo/demo-content.js';
import { articlePath } from '../../src/domain/article-path.js';
import { editionDateline } from '../../src/domain/edition-dates.js';
import { sectionPath } from '../../src/domain/section.js';
import { seedDemoContent } from '../../src/services/seed-demo.js';
import { contextOfEdition, loadSiteContext } from '../../src/services/site-context.js';
import type { Db } from '../../src/storage/database.js';
import { insertEditionRow } from '../../src/storage/repositories/edition.repository.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom } from '../support/html.js';
import { demoSeedOptions } from '../support/demo-photos.js';

const NOW = new Date('2026-11-25T03:00:00Z');
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Everything the demo writes for its Japanese edition, in a fixed order: equal snapshots mean nothing changed. */
const snapshot = async (db: Db) => ({
  editions: await db.selectFrom('edition').selectAll().orderBy('id').execute(),
  sectionNames: await db.selectFrom('section_name').selectAll().orderBy('edition_id').orderBy('section_id').execute(),
  links: await db.selectFrom('article_translation').selectAll().orderBy('article_id').execute(),
  articles: await db
    .selectFrom('article')
    .select(['id', 'edition_id', 'headline', 'revision', 'published_at'])
    .orderBy('id')
    .execute(),
  curation: await db.selectFrom('home_top').selectAll().orderBy('position').execute(),
  settings: await db.selectFrom('setting').selectAll().orderBy('key').execute(),
});

const tagsOf = async (db: Db, id: number) =>
  (await db.selectFrom('article_tag').select('tag').where('article_id', '=', id).orderBy('position').execute()).map(
    (r) => r.tag,
  );

const bylinesOf = async (db: Db, id: number) =>
  (
    await db.selectFrom('article_author').select('author_id').where('article_id', '=', id).orderBy('position').execute()
  ).map((r) => r.author_id);

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the demo's Japanese edition on ${backend.name}`, () => {
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

    it('is an edition in ja at /ja/ with Japanese names, wordings and datelines', async () => {
      const site = await loadSiteContext(storage.db);
      expect(site.editions.map((e) => [e.edition.language, e.edition.prefix])).toEqual([
        ['en', '/'],
        ['ja', '/ja/'],
      ]);
      const ja = site.editions[1]!.edition;
      expect(ja.publicationName).toMatch(JAPANESE);
      expect(ja.tagline).toMatch(JAPANESE);
      expect(ja).toMatchObject({
        timeZoneLabel: 'JST',
        dateStyle: 'ja',
        topArticlesHeading: '{section}の注目記事',
        rankingHeading: 'アクセスランキング',
      });
    });

    it('links at least six Japanese articles to their English sources, with their sections, bylines, tags and photos', async () => {
      const site = await loadSiteContext(storage.db);
      const [en, ja] = [site.editions[0]!.edition.id, site.editions[1]!.edition.id];
      const links = await storage.db.selectFrom('article_translation').selectAll().execute();
      expect(links.length).toBeGreaterThanOrEqual(6);
      for (const link of links) {
        expect([link.source_edition_id, link.translation_edition_id]).toEqual([en, ja]);
        const [source, translation] = await Promise.all(
          [link.article_id, link.translation_id].map((id) =>
            storage.db.selectFrom('article').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
          ),
        );
        expect(translation!.headline).toMatch(JAPANESE);
        expect(translation!.status).toBe('published');
        expect(translation!.section_id).toBe(source!.section_id);
        expect(translation!.photo_media_id).toBe(source!.photo_media_id);
        if (translation!.photo_media_id !== null) expect(translation!.photo_alt).toMatch(JAPANESE);
        expect(await tagsOf(storage.db, translation!.id)).toEqual(await tagsOf(storage.db, source!.id));
        expect(await bylinesOf(storage.db, translation!.id)).toEqual(await bylinesOf(storage.db, source!.id));
        // A little after its source (and after its update), and already live.
        const after = Number(translation!.published_at) - Number(source!.updated_at ?? source!.published_at);
        expect(after).toBeGreaterThan(0);
        expect(after).toBeLessThanOrEqual(3 * 3_600_000);
        expect(Number(translation!.published_at)).toBeLessThan(NOW.getTime());
      }
      const japaneseArticles = await storage.db
        .selectFrom('article')
        .select('id')
        .where('edition_id', '=', ja)
        .execute();
      expect(japaneseArticles).toHaveLength(links.length);
    });

    it('names at least two sections in Japanese, each at its own address in the edition', async () => {
      const site = await loadSiteContext(storage.db);
      const ja = site.editions[1]!;
      const rows = await storage.db
        .selectFrom('section_name')
        .selectAll()
        .where('edition_id', '=', ja.edition.id)
        .execute();
      const japanese = rows.filter((r) => JAPANESE.test(r.name));
      expect(japanese.length).toBeGreaterThanOrEqual(2);
      for (const row of japanese) {
        const own = site.sections.byId.get(row.section_id)!;
        expect(row.slug).not.toBe(own.slug);
        const res = await t.app.inject({ url: sectionPath(ja.sections, ja.sections.byId.get(row.section_id)!) });
        expect(res.statusCode, row.slug).toBe(200);
        expect(dom(res.body).querySelector('h1')!.text).toContain(row.name);
      }
    });

    it('serves every translation at its address under /ja/, in Japanese with a Japanese dateline', async () => {
      const site = await loadSiteContext(storage.db);
      const links = await storage.db.selectFrom('article_translation').selectAll().execute();
      for (const link of links) {
        const row = await storage.db
          .selectFrom('article')
          .selectAll()
          .where('id', '=', link.translation_id)
          .executeTakeFirstOrThrow();
        const ctx = contextOfEdition(site, row.edition_id);
        const path = articlePath(
          ctx,
          ctx.sections.byId.get(row.section_id)!,
          new Date(row.first_published_at!),
          row.id,
        );
        expect(path.startsWith('/ja/')).toBe(true);
        const res = await t.app.inject({ url: path });
        expect(res.statusCode, path).toBe(200);
        const page = dom(res.body);
        expect(page.querySelector('html')!.getAttribute('lang')).toBe('ja');
        expect(page.querySelector('h1')!.text).toBe(row.headline);
        expect(page.querySelector('.dateline time')!.text).toBe(
          editionDateline(new Date(row.published_at!), {
            timeZone: ctx.settings.timeZone,
            timeZoneLabel: 'JST',
            dateStyle: 'ja',
          }),
        );
      }
    });

    it('changes nothing when seeded again', async () => {
      const before = await snapshot(storage.db);
      expect(await seedDemoContent(storage.db, new Date(NOW.getTime() + 3_600_000))).toBeNull();
      expect(await snapshot(storage.db)).toEqual(before);
    });
  });

  describe.skipIf(backend.skipReason !== null)(`the demo on ${backend.name} with editions of its own`, () => {
    it('leaves an edition made before the first article alone, and adds none beside it', async () => {
      const storage = await backend.open();
      try {
        await insertEditionRow(storage.db, {
          language: 'fr',
          prefix: '/fr/',
          position: 1,
          settings: JSON.stringify({ publicationName: 'Le Dateline' }),
        });
        const before = await storage.db.selectFrom('edition').selectAll().orderBy('id').execute();
        expect(await seedDemoContent(storage.db, NOW, demoSeedOptions)).toEqual({ articles: DEMO_ARTICLES.length });
        expect(await storage.db.selectFrom('edition').selectAll().orderBy('id').execute()).toEqual(before);
        expect(await storage.db.selectFrom('article_translation').selectAll().execute()).toEqual([]);
        expect(await storage.db.selectFrom('section_name').selectAll().execute()).toEqual([]);
      } finally {
        await storage.destroy();
      }
    });
  });
}
