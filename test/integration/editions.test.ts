import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultEditionSettings, editionFinder, mergeEditionSettings } from '../../src/domain/edition.js';
import { InvalidInput, NotFound } from '../../src/services/errors.js';
import { linkTranslation, translationsOf, unlinkTranslation } from '../../src/services/translations.js';
import { createStorage, type Db, type StorageHandle } from '../../src/storage/database.js';
import { migrateToLatest, migrateUpTo } from '../../src/storage/migrate.js';
import {
  clearSourceUpdated,
  insertEditionRow,
  listEditionRows,
  markSourceUpdated,
  sourceUpdatedRows,
} from '../../src/storage/repositories/edition.repository.js';
import { readContentVersion, writeSettingRow } from '../../src/storage/repositories/site.repository.js';
import { BACKENDS, ownPostgresSchema, type TestBackend, type TestStorage } from '../support/backends.js';
import { refusal } from '../support/refusal.js';

const BEFORE_EDITIONS = '2026_12_01_0004_index_first_publication';
const NOW = new Date('2026-01-21T04:01:00Z');

/**
 * A database migrated only up to the one before editions: a site as it stood before issue 13. PostgreSQL gets a
 * schema and role of its own (ownPostgresSchema), since the backends' open migrates to the latest.
 */
const openBeforeEditions = async (
  backend: TestBackend,
): Promise<{ storage: StorageHandle; destroy: () => Promise<void> }> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-editions-'));
  if (backend.name === 'sqlite') {
    const storage = createStorage({ dataDir, databaseUrl: null });
    await migrateUpTo(storage.db, storage.dialect, BEFORE_EDITIONS);
    return {
      storage,
      destroy: async () => {
        await storage.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const { name, databaseUrl, drop } = await ownPostgresSchema('te');
  const storage = createStorage({ dataDir, databaseUrl, postgresSchema: name });
  const destroy = async () => {
    await storage.close();
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  await migrateUpTo(storage.db, storage.dialect, BEFORE_EDITIONS, name);
  return { storage, destroy };
};

/** An article row as code that knows nothing of editions writes one: no edition_id. */
const articleValues = (sectionId: number, slug: string, status = 'published') => ({
  slug,
  headline: `Headline ${slug}`,
  body: '[]',
  body_text: '',
  section_id: sectionId,
  status,
  created_at: NOW.getTime(),
  first_published_at: status === 'published' ? NOW.getTime() : null,
  published_at: status === 'published' ? NOW.getTime() : null,
  modified_at: NOW.getTime(),
});

const addSection = async (db: Db) =>
  (
    await db
      .insertInto('section')
      .values({ slug: 'politics', name: 'Politics', position: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

const addArticle = async (db: Db, sectionId: number, slug: string, editionId?: number, status?: string) =>
  (
    await db
      .insertInto('article')
      .values({ ...articleValues(sectionId, slug, status), ...(editionId ? { edition_id: editionId } : {}) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the editions migration on ${backend.name}`, () => {
    let opened: { storage: StorageHandle; destroy: () => Promise<void> };
    beforeEach(async () => {
      opened = await openBeforeEditions(backend);
    });
    afterEach(async () => {
      await opened.destroy();
    });

    it('makes the site as it is the first edition at /, named from its settings', async () => {
      const { db, dialect, schema } = opened.storage;
      await writeSettingRow(db, 'publicationName', 'The Harbour Times');
      await writeSettingRow(db, 'shortName', 'HT');
      await writeSettingRow(db, 'language', 'EN-gb');
      // A stored value the site would ignore is ignored here too.
      await writeSettingRow(db, 'timeZoneLabel', 'a label far too long');
      await migrateToLatest(db, dialect, schema);

      const [first, ...others] = await listEditionRows(db);
      expect(others).toEqual([]);
      expect(first).toMatchObject({ language: 'en-GB', prefix: '/', position: 0 });
      expect(JSON.parse(first!.settings)).toEqual({
        publicationName: 'The Harbour Times',
        shortName: 'HT',
        tagline: 'News from Tokyo and the world',
        timeZoneLabel: 'JST',
        dateStyle: 'en',
        topArticlesHeading: 'Top Articles in {section}',
        rankingHeading: '{shortName} ACCESS RANKING',
      });
      // What is stored reads back through the domain's schema unchanged.
      const base = defaultEditionSettings('en', {
        publicationName: 'x',
        shortName: 'x',
        tagline: '',
        timeZoneLabel: 'x',
      });
      expect(mergeEditionSettings(JSON.parse(first!.settings), base).publicationName).toBe('The Harbour Times');
    });

    it('keeps every existing article in the first edition, and every article written without an edition', async () => {
      const { db, dialect, schema } = opened.storage;
      const sectionId = await addSection(db);
      const before = [
        await addArticle(db, sectionId, 'live'),
        await addArticle(db, sectionId, 'draft', undefined, 'draft'),
        await addArticle(db, sectionId, 'another'),
      ];
      await migrateToLatest(db, dialect, schema);

      const [first] = await listEditionRows(db);
      const after = await addArticle(db, sectionId, 'written-later');
      const rows = await db.selectFrom('article').select(['id', 'edition_id']).orderBy('id').execute();
      expect(rows).toEqual([...before, after].map((id) => ({ id, edition_id: first!.id })));
    });

    it('leaves an article unable to name an edition that does not exist (foreign keys back on, on SQLite too)', async () => {
      const { db, dialect, schema } = opened.storage;
      const sectionId = await addSection(db);
      await migrateToLatest(db, dialect, schema);
      await expect(addArticle(db, sectionId, 'nowhere', 999)).rejects.toThrow(/foreign key/i);
    });
  });

  describe.skipIf(backend.skipReason !== null)(`translation links on ${backend.name}`, () => {
    let storage: TestStorage;
    let english: number;
    let japanese: number;
    let sectionId: number;
    beforeEach(async () => {
      storage = await backend.open();
      english = (await listEditionRows(storage.db))[0]!.id;
      japanese = (await insertEditionRow(storage.db, {
        language: 'ja',
        prefix: '/ja/',
        position: 1,
        settings: JSON.stringify(
          defaultEditionSettings('ja', {
            publicationName: 'デイトライン新聞',
            shortName: 'DN',
            tagline: '',
            timeZoneLabel: 'JST',
          }),
        ),
      }))!;
      sectionId = await addSection(storage.db);
    });
    afterEach(async () => {
      await storage.destroy();
    });

    const pair = async () => ({
      source: await addArticle(storage.db, sectionId, 'budget', english),
      translation: await addArticle(storage.db, sectionId, 'budget-ja', japanese),
    });

    it('lists the editions with the new one after the first, and finds each path’s edition among them', async () => {
      const editions = await listEditionRows(storage.db);
      expect(editions.map((e) => [e.language, e.prefix])).toEqual([
        ['en', '/'],
        ['ja', '/ja/'],
      ]);
      expect(editionFinder(editions)('/ja/politics/').edition.language).toBe('ja');
    });

    it('refuses a second edition in the same language or at the same prefix', async () => {
      const settings = '{}';
      expect(
        await insertEditionRow(storage.db, { language: 'ja', prefix: '/jp/', position: 2, settings }),
      ).toBeUndefined();
      expect(
        await insertEditionRow(storage.db, { language: 'fr', prefix: '/ja/', position: 2, settings }),
      ).toBeUndefined();
      expect(await listEditionRows(storage.db)).toHaveLength(2);
    });

    it('links a translation to its source, and each finds the other', async () => {
      const { source, translation } = await pair();
      const version = await readContentVersion(storage.db);
      await linkTranslation(storage.db, source, translation, NOW);
      expect(await translationsOf(storage.db, source)).toEqual([
        { articleId: translation, editionId: japanese, role: 'translation', sourceUpdatedAt: null },
      ]);
      expect(await translationsOf(storage.db, translation)).toEqual([
        { articleId: source, editionId: english, role: 'source', sourceUpdatedAt: null },
      ]);
      // Readers' pages will show the link: they are redrawn.
      expect(await readContentVersion(storage.db)).toBe(version + 1);
    });

    it('unlinks either way round, and says so when there was no link', async () => {
      const { source, translation } = await pair();
      await linkTranslation(storage.db, source, translation, NOW);
      await unlinkTranslation(storage.db, translation, source);
      expect(await translationsOf(storage.db, source)).toEqual([]);
      const error = await refusal(unlinkTranslation(storage.db, source, translation), NotFound);
      expect(error.message).toBe(`Articles ${source} and ${translation} are not linked as translations.`);
    });

    it('refuses a second translation into the same edition with a sentence, and writes nothing', async () => {
      const { source, translation } = await pair();
      const other = await addArticle(storage.db, sectionId, 'budget-ja-2', japanese);
      await linkTranslation(storage.db, source, translation, NOW);
      const version = await readContentVersion(storage.db);

      const error = await refusal(linkTranslation(storage.db, source, other, NOW), InvalidInput);
      expect(error.fields).toEqual({
        translation: `Article ${source} already has a translation in the ja edition (article ${translation}); unlink that one first.`,
      });
      expect(await translationsOf(storage.db, source)).toHaveLength(1);
      expect(await readContentVersion(storage.db)).toBe(version);
    });

    it('holds the one-per-edition rule in the database itself, whatever the caller', async () => {
      const { source, translation } = await pair();
      const other = await addArticle(storage.db, sectionId, 'budget-ja-2', japanese);
      await linkTranslation(storage.db, source, translation, NOW);
      await expect(
        storage.db
          .insertInto('article_translation')
          .values({
            article_id: source,
            source_edition_id: english,
            translation_id: other,
            translation_edition_id: japanese,
            created_at: NOW.getTime(),
          })
          .execute(),
      ).rejects.toThrow(/unique|duplicate/i);
      // Nor can a link claim an edition its article is not in.
      await expect(
        storage.db
          .insertInto('article_translation')
          .values({
            article_id: other,
            source_edition_id: english,
            translation_id: source,
            translation_edition_id: japanese,
            created_at: NOW.getTime(),
          })
          .execute(),
      ).rejects.toThrow(/foreign key/i);
    });

    it('says why for each other link it refuses', async () => {
      const { source, translation } = await pair();
      const secondEnglish = await addArticle(storage.db, sectionId, 'budget-2', english);
      const fields = async (a: number, b: number) =>
        (await refusal(linkTranslation(storage.db, a, b, NOW), InvalidInput)).fields;

      expect(await fields(source, secondEnglish)).toEqual({
        translation: `Articles ${source} and ${secondEnglish} are in the same edition; a translation is in another edition.`,
      });
      expect(await fields(source, source)).toEqual({ translation: 'An article cannot be its own translation.' });
      await linkTranslation(storage.db, source, translation, NOW);
      expect(await fields(source, translation)).toEqual({
        translation: `Article ${translation} is already the translation of article ${source}.`,
      });
      expect(await fields(secondEnglish, translation)).toEqual({
        translation: `Article ${translation} is already the translation of article ${source}; unlink it first.`,
      });
      expect(await fields(translation, secondEnglish)).toEqual({
        translation: `Article ${translation} is itself a translation of article ${source}; link to that one instead.`,
      });
      const thirdJapanese = await addArticle(storage.db, sectionId, 'budget-ja-3', japanese);
      expect(await fields(thirdJapanese, source)).toEqual({
        translation: `Article ${source} has translations of its own, so it cannot be a translation.`,
      });
      const missing = await refusal(linkTranslation(storage.db, source, 999_999, NOW), NotFound);
      expect(missing.message).toBe('There is no article 999999.');
    });

    it('drops the link with either article, and will not let a linked article change edition', async () => {
      const { source, translation } = await pair();
      await linkTranslation(storage.db, source, translation, NOW);
      await expect(
        storage.db.updateTable('article').set({ edition_id: english }).where('id', '=', translation).execute(),
      ).rejects.toThrow(/foreign key|constraint/i);
      await storage.db.deleteFrom('article').where('id', '=', translation).execute();
      expect(await translationsOf(storage.db, source)).toEqual([]);
    });

    it('marks a live translation “source updated” once, and clears the mark', async () => {
      const { source, translation } = await pair();
      const draft = await addArticle(storage.db, sectionId, 'budget-zh', undefined, 'draft');
      const chinese = (await insertEditionRow(storage.db, {
        language: 'zh',
        prefix: '/zh/',
        position: 2,
        settings: '{}',
      }))!;
      await storage.db.updateTable('article').set({ edition_id: chinese }).where('id', '=', draft).execute();
      await linkTranslation(storage.db, source, translation, NOW);
      await linkTranslation(storage.db, source, draft, NOW);

      const edited = NOW.getTime() + 3_600_000;
      expect(await markSourceUpdated(storage.db, source, edited)).toBe(1);
      expect(await markSourceUpdated(storage.db, source, edited + 60_000)).toBe(0);
      expect((await sourceUpdatedRows(storage.db)).map((r) => [r.translation_id, r.source_updated_at])).toEqual([
        [translation, edited],
      ]);
      expect(await translationsOf(storage.db, source)).toContainEqual({
        articleId: translation,
        editionId: japanese,
        role: 'translation',
        sourceUpdatedAt: new Date(edited),
      });

      expect(await clearSourceUpdated(storage.db, translation)).toBe(true);
      expect(await clearSourceUpdated(storage.db, translation)).toBe(false);
      expect(await sourceUpdatedRows(storage.db)).toEqual([]);
    });
  });
}
