import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPage, ImportError } from '../../src/services/import-page.js';
import { countArticleRows } from '../../src/storage/repositories/article.repository.js';
import { listSectionRows, upsertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

const page = (name: string): string => readFileSync(new URL(`../fixtures/pages/${name}.txt`, import.meta.url), 'utf8');

/** A page in the reference shape, in the site's own zone (JST), written for these tests. */
const TOKYO_PAGE = [
  'Port Authority Approves Night Ferry Between Two Island Towns',
  'A ferry at the harbour on a clear evening',
  '13:01 JST, January 21, 2026',
  'A night ferry will link the two island towns from April, the port authority decided on Wednesday.',
  'The service will leave each harbour once an hour until midnight.',
  'Top Articles in Politics',
  '-',
  'Some other headline',
  '-',
  'DN ACCESS RANKING',
  '-',
  'A popular headline',
].join('\n');

const rejection = async (promise: Promise<unknown>): Promise<ImportError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected the import to be refused');
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`import-page on ${backend.name}`, () => {
    let storage: TestStorage;
    beforeEach(async () => {
      storage = await backend.open();
    });
    afterEach(async () => {
      await storage.destroy();
    });

    it('publishes the article at the dateline time and returns its canonical path', async () => {
      const result = await importPage(storage.db, TOKYO_PAGE);
      expect(result.path).toBe(`/politics/20260121-${result.articleId}/`);
      const row = await storage.db
        .selectFrom('article')
        .selectAll()
        .where('id', '=', result.articleId)
        .executeTakeFirstOrThrow();
      expect(new Date(row.published_at!).toISOString()).toBe('2026-01-21T04:01:00.000Z');
      expect(row.status).toBe('published');
      expect(JSON.parse(row.body)).toHaveLength(2);
    });

    it('creates the section named by "Top Articles in …" when it is missing', async () => {
      await importPage(storage.db, TOKYO_PAGE);
      expect((await listSectionRows(storage.db)).map((s) => [s.slug, s.name])).toEqual([['politics', 'Politics']]);
    });

    it('uses an existing section of that name', async () => {
      await upsertSectionRow(storage.db, { slug: 'pol', name: 'Politics', parent_id: null, position: 1 });
      const result = await importPage(storage.db, TOKYO_PAGE);
      expect(result.path.startsWith('/pol/')).toBe(true);
      expect(await listSectionRows(storage.db)).toHaveLength(1);
    });

    it('updates the same article when the same page is imported again', async () => {
      const first = await importPage(storage.db, TOKYO_PAGE);
      const again = await importPage(storage.db, TOKYO_PAGE.replace('once an hour', 'every half hour'));
      expect(again.articleId).toBe(first.articleId);
      expect(again.created).toBe(false);
      expect(await countArticleRows(storage.db)).toBe(1);
      const row = await storage.db.selectFrom('article').select('body_text').executeTakeFirstOrThrow();
      expect(row.body_text).toContain('every half hour');
    });

    it('converts other zone labels by their fixed offsets, and keeps an Updated time', async () => {
      await upsertSectionRow(storage.db, { slug: 'science', name: 'Science', parent_id: null, position: 1 });
      const result = await importPage(storage.db, page('full'));
      const row = await storage.db
        .selectFrom('article')
        .selectAll()
        .where('id', '=', result.articleId)
        .executeTakeFirstOrThrow();
      // 08:45 CET is 07:45 UTC; 17:20 CET is 16:20 UTC.
      expect(new Date(row.published_at!).toISOString()).toBe('2026-03-14T07:45:00.000Z');
      expect(new Date(row.updated_at!).toISOString()).toBe('2026-03-14T16:20:00.000Z');
    });

    it('takes the section from --section when the page names none', async () => {
      await upsertSectionRow(storage.db, { slug: 'society', name: 'Society', parent_id: null, position: 1 });
      const result = await importPage(storage.db, page('minimal'), { sectionSlug: 'society' });
      expect(result.path).toMatch(/^\/society\/20251002-\d+\/$/);
    });

    it('asks for --section when the page names no section', async () => {
      const error = await rejection(importPage(storage.db, page('minimal')));
      expect(error.message).toContain('--section');
      expect(await countArticleRows(storage.db)).toBe(0);
    });

    it('names the sections that exist when --section is unknown', async () => {
      await upsertSectionRow(storage.db, { slug: 'society', name: 'Society', parent_id: null, position: 1 });
      const error = await rejection(importPage(storage.db, page('minimal'), { sectionSlug: 'nope' }));
      expect(error.message).toBe('there is no section "nope" (sections: society)');
    });

    it.each(['Newsroom', 'Search', 'Feed', 'Media'])(
      'refuses "Top Articles in %s", a word the site keeps, at its line and writes nothing',
      async (name) => {
        const error = await rejection(importPage(storage.db, TOKYO_PAGE.replace('in Politics', `in ${name}`)));
        expect(error.line).toBe(6);
        expect(error.message).toBe(
          `the section "${name}" would live at /${name.toLowerCase()}/, an address the site keeps for itself; ` +
            'create the section under another address in the newsroom and pass it with --section',
        );
        expect(await countArticleRows(storage.db)).toBe(0);
        expect(await listSectionRows(storage.db)).toHaveLength(0);
      },
    );

    it('refuses --section with a word the site keeps, even when such a section already exists', async () => {
      // Databases written before the list existed may hold one; its articles answer 404, so none are added.
      await upsertSectionRow(storage.db, { slug: 'api', name: 'API', parent_id: null, position: 1 });
      const error = await rejection(importPage(storage.db, page('minimal'), { sectionSlug: 'api' }));
      expect(error.line).toBe(0);
      expect(error.message).toBe('"api" is an address the site keeps for itself, not a section; choose another');
      expect(await countArticleRows(storage.db)).toBe(0);
    });

    it.each([
      ['no-dateline', 3],
      ['february-30', 2],
      ['no-body', 4],
      ['binary', 0],
    ])('refuses %s with the line of the problem and writes nothing', async (name, line) => {
      const error = await rejection(importPage(storage.db, page(name), { sectionSlug: 'x' }));
      expect(error.line).toBe(line);
      expect(await countArticleRows(storage.db)).toBe(0);
      expect(await listSectionRows(storage.db)).toHaveLength(0);
    });

    it('refuses an unknown zone label, pointing at the dateline', async () => {
      const error = await rejection(importPage(storage.db, TOKYO_PAGE.replace('JST', 'XYZ')));
      expect(error.line).toBe(3);
      expect(error.message).toContain('unknown time zone "XYZ"');
      expect(await countArticleRows(storage.db)).toBe(0);
    });

    it('attaches a photo with the caption line as its caption', async () => {
      const bytes = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#336699' } })
        .png()
        .toBuffer();
      const result = await importPage(storage.db, TOKYO_PAGE, { photo: { bytes, alt: 'A ferry at dusk' } });
      const row = await storage.db
        .selectFrom('article')
        .selectAll()
        .where('id', '=', result.articleId)
        .executeTakeFirstOrThrow();
      expect(row.photo_caption).toBe('A ferry at the harbour on a clear evening');
      expect(row.photo_alt).toBe('A ferry at dusk');
      expect(row.photo_media_id).not.toBeNull();
    });

    it('refuses a photo that is not an image, and writes nothing', async () => {
      const error = await rejection(
        importPage(storage.db, TOKYO_PAGE, { photo: { bytes: Buffer.from('not an image'), alt: 'x' } }),
      );
      expect(error.message).toMatch(/^photo: /);
      expect(await countArticleRows(storage.db)).toBe(0);
    });

    it('notes that a caption without a photo was not imported', async () => {
      const result = await importPage(storage.db, TOKYO_PAGE);
      expect(result.notes.join(' ')).toContain('caption');
    });
  });
}
