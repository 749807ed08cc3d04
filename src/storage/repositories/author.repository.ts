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

/** Every column of a profile, with its photo's hash and size (null when it has none). */
const PROFILE_COLUMNS = [
  'author.id',
  'author.slug',
  'author.name',
  'author.bio',
  'author.job_title',
  'author.links',
  'author.user_id',
  'author.photo_media_id',
  'media.hash as photo_hash',
  'media.width as photo_width',
  'media.height as photo_height',
] as const;

export interface AuthorProfileRow {
  id: number;
  slug: string;
  name: string;
  bio: string;
  job_title: string;
  links: string;
  user_id: number | null;
  photo_media_id: number | null;
  photo_hash: string | null;
  photo_width: number | null;
  photo_height: number | null;
}

export const bylineRowsForArticle = (db: Db, articleId: number): Promise<AuthorProfileRow[]> =>
  db
    .selectFrom('article_author')
    .innerJoin('author', 'author.id', 'article_author.author_id')
    .leftJoin('media', 'media.id', 'author.photo_media_id')
    .select(PROFILE_COLUMNS)
    .where('article_author.article_id', '=', articleId)
    .orderBy('article_author.position')
    .execute();

/** One author's whole profile, for the author page and the Authors page; undefined when no author has the slug. */
export const authorRowBySlug = (db: Db, slug: string): Promise<AuthorProfileRow | undefined> =>
  db
    .selectFrom('author')
    .leftJoin('media', 'media.id', 'author.photo_media_id')
    .select(PROFILE_COLUMNS)
    .where('author.slug', '=', slug)
    .executeTakeFirst();

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
