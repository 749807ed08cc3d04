import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { addJapaneseEdition, countRows, importCli, importEnv, withReader } from '../support/import-cli.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/ghost');
const COURIER = join(FIXTURES, 'courier-v5.json');
const MILLBROOK = join(FIXTURES, 'millbrook-v4.json');
const WORDPRESS = join(import.meta.dirname, '../fixtures/wordpress');

/**
 * `dateline import ghost` (issue 17, record 0027) through the real CLI entry, then the reader through the app: the
 * Valley Courier's Ghost 5 export (Lexical cards, a page, paid and members-only posts, a draft, a scheduled post, an
 * email-only one, internal tags, two authors in order, a primary tag naming a section and others naming none,
 * featured, an excerpt, a feature image with alt and caption, meta and social fields, Japanese and Greek, entities),
 * and Millbrook's Ghost 4 export (bare { meta, data }, Mobiledoc).
 */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`dateline import ghost on ${backend.name}`, () => {
    let storage: TestStorage;
    let env: Record<string, string>;
    let images: string;
    beforeAll(async () => {
      storage = await backend.open();
      env = importEnv(storage);
      await insertSectionRow(storage.db, { slug: 'news', name: 'News', parent_id: null, position: 1 });
      await insertSectionRow(storage.db, { slug: 'sport', name: 'Sport', parent_id: null, position: 2 });
      images = mkdtempSync(join(tmpdir(), 'dateline-ghost-images-'));
      mkdirSync(join(images, '2024/05'), { recursive: true });
      await sharp({ create: { width: 320, height: 200, channels: 3, background: '#2a6f97' } })
        .png()
        .toFile(join(images, '2024/05/quay.png'));
    });
    afterAll(async () => {
      await storage?.destroy();
      rmSync(images, { recursive: true, force: true });
    });

    const { cli, reportOf } = importCli('ghost', () => env);
    const count = (table: 'article' | 'author') => countRows(storage.db, table);

    it('refuses a cut file, a WordPress export, HTML and JSON of another shape in one line, writing nothing', async () => {
      const refusals = {
        'cut.json': /cut\.json:\d+:\d+: the JSON ends before it is complete: the file is cut short$/,
        'not-ghost.json': /not-ghost\.json: this is JSON, but not a Ghost export/,
      };
      for (const [name, line] of Object.entries(refusals)) {
        const r = await cli([join(FIXTURES, name)]);
        expect(r.code).toBe(1);
        expect(r.err).toEqual([expect.stringMatching(line), 'Nothing was written.']);
      }
      const wxr = await cli([join(WORDPRESS, 'harbour-gazette.xml')]);
      expect(wxr.err[0]).toMatch(/harbour-gazette\.xml:1:1: this is a WordPress export .*`dateline import wordpress`$/);
      const html = await cli([join(WORDPRESS, 'not-wxr.html')]);
      expect(html.err[0]).toMatch(/not-wxr\.html:\d+:\d+: this is XML or HTML, not a Ghost export/);
      expect(await count('article')).toBe(0);
      expect(await count('author')).toBe(0);
    });

    it('says what it would do in a dry run and writes nothing', async () => {
      const report = await reportOf([COURIER, '--dry-run']);
      expect(report.dryRun).toBe(true);
      expect(report.counts.article.created).toBe(9);
      expect(await count('article')).toBe(0);
      expect(await count('author')).toBe(0);
    });

    it('imports posts, a page, authors, tags and images, and reports what it changed', async () => {
      const report = await reportOf([COURIER, '--uploads', images]);
      expect(report.source).toBe('Ghost');
      expect(report.site).toBe('The Valley Courier');
      expect(report.counts.article).toEqual({ created: 9, updated: 0, unchanged: 0, skipped: 0 });
      expect(report.counts.page.created).toBe(1);
      expect(report.counts.author.created).toBe(3);
      expect(report.counts.image.created).toBe(1);
      expect(report.counts.tag).toEqual({ created: 5, updated: 0, unchanged: 0, skipped: 2 });
      expect(report.skipped.map((s) => s.item).sort()).toEqual(['"#hero"', '"#import-batch"']);
      const why = (title: string) => report.downgraded.filter((d) => d.item.startsWith(`"${title}"`)).map((d) => d.why);
      expect(why('Inside the boatyard')[0]).toMatch(/paying members only .* draft/);
      expect(why("Members' raffle results")[0]).toMatch(/for members only .* draft/);
      expect(why('Weekly letter')[0]).toMatch(/newsletter only/);
      const ferryWhy = why('Ferry timetable changes & a "new" route').join('\n');
      expect(ferryWhy).toMatch(/its meta_title, og_title, twitter_description were not kept/);
      expect(ferryWhy).toMatch(/gone\.jpg was left out/);
      expect(why('Moira Quinn')).toEqual(['its profile picture was not imported: add it in the newsroom']);

      const rows = await storage.db.selectFrom('article').selectAll().orderBy('id').execute();
      const ferry = rows.find((r) => r.slug === 'ferry-timetable')!;
      expect(ferry.headline).toBe('Ferry timetable changes & a "new" route');
      expect(ferry.status).toBe('published');
      expect(ferry.standfirst).toBe('Earlier boats from Monday.');
      expect(ferry.seo_description).toBe('New ferry times from Monday.');
      expect([ferry.photo_alt, ferry.photo_caption]).toEqual(['Fishing boats at the quay', 'Photo: Moira Quinn']);
      const body = JSON.parse(ferry.body) as { type: string }[];
      expect(body.map((b) => b.type)).toEqual([
        ...['paragraph', 'heading', 'image', 'list', 'quote', 'embed', 'embed'],
        ...['paragraph', 'paragraph', 'heading', 'paragraph', 'paragraph'],
      ]);
      expect(JSON.stringify(body)).not.toMatch(/<|track\(/);
      const sections = await storage.db.selectFrom('section').select(['id', 'slug']).execute();
      const sectionOf = (slug: string) => sections.find((s) => s.id === rows.find((r) => r.slug === slug)!.section_id)!;
      expect(sectionOf('ferry-timetable').slug).toBe('sport');
      for (const slug of ['minato-ichiba', 'lights']) expect(sectionOf(slug).slug).toBe('news');
      const tags = await storage.db
        .selectFrom('article_tag')
        .select('tag')
        .where('article_id', '=', ferry.id)
        .orderBy('position')
        .execute();
      expect(tags.map((t) => t.tag)).toEqual(['Sport', 'Tide Tables']);
      const bylines = await storage.db
        .selectFrom('article_author')
        .innerJoin('author', 'author.id', 'article_author.author_id')
        .select(['author.name', 'author.slug', 'author.links'])
        .where('article_id', '=', ferry.id)
        .orderBy('position')
        .execute();
      expect(bylines.map((b) => b.name)).toEqual(['Kenji Sato', 'Moira Quinn']);
      expect(JSON.parse(bylines[1]!.links)).toEqual({
        website: 'https://moira.example',
        x: 'https://x.com/moiraquinn',
      });
      const status = (slug: string) => rows.find((r) => r.slug === slug)!.status;
      expect(['boatyard', 'raffle', 'council-budget', 'weekly-letter'].map(status)).toEqual(Array(4).fill('draft'));
      expect(status('regatta')).toBe('scheduled');
      expect(rows.find((r) => r.slug === 'minato-ichiba')!.headline).toBe('港の新しい市場');
      expect(rows.find((r) => r.slug === 'nea-gefyra')!.body_text).toContain('Η γέφυρα & ο δρόμος ανοίγουν — éν’');
      const top = await storage.db.selectFrom('home_top').select('article_id').execute();
      expect(top.map((t) => t.article_id)).toEqual([ferry.id]);
      expect(await storage.db.selectFrom('user_account').select('id').execute()).toEqual([]);
    });

    it('answers the new pages, and 301s from the old post, tag and author addresses', async () => {
      await withReader(storage, env, async (get) => {
        const pathOf = (location: unknown) => new URL(String(location)).pathname;
        const old = await get('/ferry-timetable/');
        expect(old.statusCode).toBe(301);
        expect(pathOf(old.headers.location)).toMatch(/^\/sport\/\d{8}-\d+\/$/);
        const article = await get(pathOf(old.headers.location));
        expect(article.statusCode).toBe(200);
        expect(article.body).toContain('The morning ferry leaves');
        const tides = await get('/tag/tides/');
        expect([tides.statusCode, pathOf(tides.headers.location)]).toEqual([301, '/tag/tide-tables/']);
        expect((await get('/tag/tide-tables/')).statusCode).toBe(200);
        const kenji = await get('/author/kenji_sato/');
        expect([kenji.statusCode, pathOf(kenji.headers.location)]).toEqual([301, '/author/kenji-sato/']);
        expect((await get('/author/kenji-sato/')).statusCode).toBe(200);
        // Unchanged addresses need no redirect: they answer as they did.
        expect((await get('/author/moira/')).statusCode).toBe(200);
        const about = await get('/about/');
        expect(about.statusCode).toBe(200);
        expect(about.body).toContain('We have covered the valley since 1921.');
        // A paid post's old address leads nowhere: it was never made public.
        expect((await get('/boatyard/')).statusCode).toBe(404);
      });
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await countRows(storage.db, 'article_revision');
      const report = await reportOf([COURIER, '--uploads', images]);
      expect(report.counts.article).toEqual({ created: 0, updated: 0, unchanged: 9, skipped: 0 });
      expect(report.counts.page).toEqual({ created: 0, updated: 0, unchanged: 1, skipped: 0 });
      expect(report.counts.author).toEqual({ created: 0, updated: 0, unchanged: 3, skipped: 0 });
      expect(report.counts.redirect.created).toBe(0);
      expect(report.counts.image.created).toBe(0);
      expect(await countRows(storage.db, 'article_revision')).toBe(before);
    });

    it('imports a Ghost 4 export of Mobiledoc posts, its images left out with --no-media', async () => {
      const report = await reportOf([MILLBROOK, '--no-media']);
      expect(report.site).toBe('Millbrook Notes');
      expect(report.counts.article.created).toBe(2);
      const mill = await storage.db
        .selectFrom('article')
        .selectAll()
        .where('slug', '=', 'mill-reopens')
        .executeTakeFirstOrThrow();
      expect((JSON.parse(mill.body) as { type: string }[]).map((b) => b.type)).toEqual([
        ...['paragraph', 'heading', 'list', 'paragraph', 'paragraph', 'embed', 'quote'],
      ]);
      expect(mill.standfirst).toBe('Flour again after fifty years.');
      expect(report.notes.map((n) => n.note)).toContain('Images were left out of the body (--no-media)');
    });

    it('imports into a second edition with --edition, and refuses a language the site has no edition in', async () => {
      const other = await backend.open();
      try {
        const ja = await addJapaneseEdition(other.db, 'ミルブルック');
        const into = importCli('ghost', () => importEnv(other));
        const refused = await into.cli([MILLBROOK, '--no-media', '--edition', 'ko']);
        expect(refused.code).toBe(1);
        expect(refused.err.join('\n')).toMatch(/no edition in ko/);
        expect(await countRows(other.db, 'article')).toBe(0);
        expect((await into.reportOf([MILLBROOK, '--no-media', '--edition', 'ja'])).counts.article.created).toBe(2);
        const rows = await other.db.selectFrom('article').select('edition_id').execute();
        expect(rows.map((r) => r.edition_id)).toEqual([ja, ja]);
        await withReader(other, importEnv(other), async (get) => {
          const old = await get('/mill-reopens/');
          expect(old.statusCode).toBe(301);
          expect(String(old.headers.location)).toMatch(/^https?:\/\/[^/]+\/ja\//);
          expect((await get(String(old.headers.location))).statusCode).toBe(200);
        });
      } finally {
        await other.destroy();
      }
    });
  });
}
