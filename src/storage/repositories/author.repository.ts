import type { Db } from '../database.js';

export const upsertAuthorRow = async (db: Db, values: { slug: string; name: string; bio: string }): Promise<number> => {
  const existing = await db.selectFrom('author').select('id').where('slug', '=', values.slug).executeTakeFirst();
  if (existing) {
    await db.updateTable('author').set(values).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const row = await db.insertInto('author').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
};

export const bylineRowsForArticle = (db: Db, articleId: number) =>
  db
    .selectFrom('article_author')
    .innerJoin('author', 'author.id', 'article_author.author_id')
    .select(['author.id', 'author.slug', 'author.name', 'author.bio'])
    .where('article_author.article_id', '=', articleId)
    .orderBy('article_author.position')
    .execute();

export const replaceBylineRows = async (db: Db, articleId: number, authorIds: number[]): Promise<void> => {
  await db.deleteFrom('article_author').where('article_id', '=', articleId).execute();
  if (authorIds.length === 0) return;
  await db
    .insertInto('article_author')
    .values(authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position })))
    .execute();
};

/** Every author, by name: the bylines the editor offers. */
export const listAuthorRows = (db: Db) =>
  db.selectFrom('author').select(['id', 'slug', 'name']).orderBy('name').execute();

export const authorRowsBySlugs = (db: Db, slugs: string[]) =>
  slugs.length === 0
    ? Promise.resolve([])
    : db.selectFrom('author').select(['id', 'slug']).where('slug', 'in', slugs).execute();

export const authorRowsByIds = (db: Db, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('author').select(['id', 'slug']).where('id', 'in', ids).execute();
