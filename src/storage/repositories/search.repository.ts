import type { Db } from '../database.js';

/** What an article is indexed by (services/search-indexing.ts), for each of `ids` that exists. */
export const articleSearchRows = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('article')
        .select([
          'id',
          'headline',
          'standfirst',
          'body',
          'photo_caption',
          'section_id',
          'edition_id',
          'status',
          'created_by',
          'published_at',
          'modified_at',
        ])
        .where('id', 'in', ids)
        .execute();

/** The bylines of `ids`, in byline order: author id and name. */
export const articleSearchAuthorRows = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('article_author')
        .innerJoin('author', 'author.id', 'article_author.author_id')
        .select(['article_author.article_id', 'author.id', 'author.name'])
        .where('article_author.article_id', 'in', ids)
        .orderBy('article_author.article_id')
        .orderBy('article_author.position')
        .execute();

export const articleSearchTagRows = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('article_tag')
        .select(['article_id', 'tag'])
        .where('article_id', 'in', ids)
        .orderBy('article_id')
        .orderBy('position')
        .execute();

export const pageSearchRows = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('page')
        .select(['id', 'title', 'body', 'photo_caption', 'status', 'created_by', 'published_at', 'modified_at'])
        .where('id', 'in', ids)
        .execute();

/** Ids of a table's rows after `afterId`, in id order: one batch of a rebuild. */
export const idsAfter = async (db: Db, table: 'article' | 'page', afterId: number, limit: number): Promise<number[]> =>
  (await db.selectFrom(table).select('id').where('id', '>', afterId).orderBy('id').limit(limit).execute()).map(
    (row) => row.id,
  );

export const countRows = async (db: Db, table: 'article' | 'page'): Promise<number> =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

/** The articles with this author in their byline. */
export const articleIdsByAuthor = async (db: Db, authorId: number): Promise<number[]> =>
  (await db.selectFrom('article_author').select('article_id').where('author_id', '=', authorId).execute()).map(
    (row) => row.article_id,
  );

/** The first edition's id (pages belong to it), or undefined before any edition exists. */
export const firstEditionId = async (db: Db): Promise<number | undefined> =>
  (await db.selectFrom('edition').select('id').orderBy('position').orderBy('id').limit(1).executeTakeFirst())?.id;
