import { sql } from 'kysely';
import type { Db } from '../database.js';

/** Every edition, the first (lowest position) first. */
export const listEditionRows = (db: Db) =>
  db.selectFrom('edition').selectAll().orderBy('position').orderBy('id').execute();

export const editionRowById = (db: Db, id: number) =>
  db.selectFrom('edition').selectAll().where('id', '=', id).executeTakeFirst();

/** Adds an edition; undefined when its language or prefix is another edition's (their unique keys decide). */
export const insertEditionRow = async (
  db: Db,
  values: { language: string; prefix: string; position: number; settings: string },
): Promise<number | undefined> =>
  (
    await db
      .insertInto('edition')
      .values(values)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst()
  )?.id;

/** The sections' names and slugs in one edition, where it has its own. */
/** Every edition's own section names, for the site context (read once per content version). */
export const allSectionNameRows = (db: Db) => db.selectFrom('section_name').selectAll().execute();

export const sectionNameRows = (db: Db, editionId: number) =>
  db.selectFrom('section_name').selectAll().where('edition_id', '=', editionId).execute();

/** The edition an article is in, or undefined when there is no such article. */
export const articleEditionRow = (db: Db, articleId: number) =>
  db.selectFrom('article').select(['id', 'edition_id']).where('id', '=', articleId).executeTakeFirst();

/**
 * Every link of the article's translation group: the links from its source if it is a translation, else its own.
 * A group is a source and its translations (a translation is never a source), so this is the whole group.
 */
export const translationGroupRows = (db: Db, articleId: number) =>
  db
    .selectFrom('article_translation')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('article_id', '=', articleId),
        eb(
          'article_id',
          '=',
          eb
            .selectFrom('article_translation as own')
            .select('own.article_id')
            .where('own.translation_id', '=', articleId),
        ),
      ]),
    )
    .orderBy('translation_edition_id')
    .execute();

/**
 * Links a translation to its source, taking both editions from the articles themselves, in one statement: false
 * when nothing was written. The database refuses a second translation into an edition the source already has one
 * in, and a second source for a translation (their unique keys, answered with DO NOTHING); the statement itself
 * writes nothing for a pair in one edition, or that would chain translations (a source that is a translation, a
 * translation that is a source). The caller says which, from what is stored.
 */
export const insertTranslationLink = async (
  db: Db,
  link: { sourceId: number; translationId: number; at: number },
): Promise<boolean> => {
  const result = await db
    .insertInto('article_translation')
    .columns(['article_id', 'source_edition_id', 'translation_id', 'translation_edition_id', 'created_at'])
    .expression(
      db
        .selectFrom(['article as s', 'article as t'])
        .select([
          's.id',
          's.edition_id',
          't.id as tid',
          't.edition_id as tedition',
          // A bare parameter in a select list is text to PostgreSQL; the column is bigint.
          sql<number>`cast(${link.at} as bigint)`.as('created_at'),
        ])
        .where('s.id', '=', link.sourceId)
        .where('t.id', '=', link.translationId)
        .where((eb) => eb('s.edition_id', '<>', eb.ref('t.edition_id')))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('article_translation as x')
                .select('x.article_id')
                .whereRef('x.translation_id', '=', 's.id'),
            ),
          ),
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('article_translation as y').select('y.article_id').whereRef('y.article_id', '=', 't.id'),
            ),
          ),
        ),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
};

/** Removes the link between two articles, whichever is the source; false when they were not linked. */
export const deleteTranslationLink = async (db: Db, a: number, b: number): Promise<boolean> => {
  const result = await db
    .deleteFrom('article_translation')
    .where((eb) =>
      eb.or([
        eb.and([eb('article_id', '=', a), eb('translation_id', '=', b)]),
        eb.and([eb('article_id', '=', b), eb('translation_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
};

/**
 * Marks "source updated" on the source's translations that were live before `at`, keeping the first such time when
 * the mark is already there. Drafts are not marked: whoever finishes one reads the source as it is.
 */
export const markSourceUpdated = async (db: Db, sourceId: number, at: number): Promise<number> => {
  const result = await db
    .updateTable('article_translation')
    .set({ source_updated_at: at })
    .where('article_id', '=', sourceId)
    .where('source_updated_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('article as t')
          .select('t.id')
          .whereRef('t.id', '=', 'article_translation.translation_id')
          .where('t.status', '=', 'published')
          .where('t.first_published_at', '<', at),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
};

/** Takes the mark off a translation: it was brought up to date, or an editor dismissed the mark. */
export const clearSourceUpdated = async (db: Db, translationId: number): Promise<boolean> => {
  const result = await db
    .updateTable('article_translation')
    .set({ source_updated_at: null })
    .where('translation_id', '=', translationId)
    .where('source_updated_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
};

/** The links marked "source updated", oldest mark first: what the newsroom's desk lists. */
export const sourceUpdatedRows = (db: Db) =>
  db
    .selectFrom('article_translation')
    .selectAll()
    .where('source_updated_at', 'is not', null)
    .orderBy('source_updated_at')
    .execute();

// The newsroom's editions, section names, translations and "source updated" desk (issue 13, steps 2 and 4).

/** Changes an edition's language, prefix and settings; false when it is gone. */
export const updateEditionRow = async (
  db: Db,
  id: number,
  values: { language: string; prefix: string; settings: string },
): Promise<boolean> =>
  Number((await db.updateTable('edition').set(values).where('id', '=', id).executeTakeFirst()).numUpdatedRows) > 0;

/** The position after the last edition's: where a new edition goes. */
export const nextEditionPosition = async (db: Db): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('edition')
        .select((eb) => eb.fn.max('position').as('last'))
        .executeTakeFirst()
    )?.last ?? -1,
  ) + 1;

/** How many articles each edition has, whatever their status: the Editions page's column. */
export const editionArticleCountRows = (db: Db) =>
  db
    .selectFrom('article')
    .select(['edition_id', (eb) => eb.fn.countAll<string | number>().as('count')])
    .groupBy('edition_id')
    .execute();

/** Replaces one edition's section names with `rows`, all of them, in the caller's transaction. */
export const replaceSectionNameRows = async (
  db: Db,
  editionId: number,
  rows: readonly { section_id: number; name: string; slug: string }[],
): Promise<void> => {
  await db.deleteFrom('section_name').where('edition_id', '=', editionId).execute();
  if (rows.length > 0)
    await db
      .insertInto('section_name')
      .values(rows.map((r) => ({ ...r, edition_id: editionId })))
      .execute();
};

/** Puts an article in another edition: a translation draft right after it is written (its links come after). */
export const setArticleEdition = (db: Db, articleId: number, editionId: number) =>
  db.updateTable('article').set({ edition_id: editionId }).where('id', '=', articleId).execute();

/** Status and Updated time of an article, to tell whether a save gave it a significant update. */
export const articleUpdateRow = (db: Db, articleId: number) =>
  db
    .selectFrom('article')
    .select(['id', 'status', 'updated_at', 'edition_id'])
    .where('id', '=', articleId)
    .executeTakeFirst();

/** Headline, status and edition of each of `ids` that exists: the editor's translations and the desk's marks. */
export const articleSummaryRows = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('article')
        .select(['id', 'headline', 'status', 'edition_id', 'standfirst', 'body'])
        .where('id', 'in', [...ids])
        .execute();

/** The edition of each of `ids` that exists: the newsroom's article list names it. */
export const articleEditionRows = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('article')
        .select(['id', 'edition_id'])
        .where('id', 'in', [...ids])
        .execute();

/** The editions where some section has `slug` as its own address there, with that section: a new section's clash. */
export const sectionNameRowsWithSlug = (db: Db, slug: string) =>
  db
    .selectFrom('section_name')
    .innerJoin('edition', 'edition.id', 'section_name.edition_id')
    .select(['section_name.section_id', 'section_name.name', 'edition.language'])
    .where('section_name.slug', '=', slug)
    .execute();
