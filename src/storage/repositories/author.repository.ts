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
export const PROFILE_COLUMNS = [
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

/** The bylines of several articles at once (feeds, the newsroom's lists), each article's in byline order. */
export const bylineRowsForArticles = (db: Db, articleIds: number[]) =>
  articleIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('article_author')
        .innerJoin('author', 'author.id', 'article_author.author_id')
        .select(['article_author.article_id', 'author.name', 'author.slug'])
        .where('article_author.article_id', 'in', articleIds)
        .orderBy('article_author.article_id')
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

/** One author's whole profile by id. */
export const authorRowById = (db: Db, id: number): Promise<AuthorProfileRow | undefined> =>
  db
    .selectFrom('author')
    .leftJoin('media', 'media.id', 'author.photo_media_id')
    .select(PROFILE_COLUMNS)
    .where('author.id', '=', id)
    .executeTakeFirst();

/** The profile linked to a newsroom account, if any: whose byline that account's new drafts carry. */
export const authorRowByUserId = (db: Db, userId: number) =>
  db.selectFrom('author').select(['id', 'slug', 'name']).where('user_id', '=', userId).executeTakeFirst();

/** The Authors page's list: every author by name, with the name of the account linked to it. */
export const listAuthorListRows = (db: Db) =>
  db
    .selectFrom('author')
    .leftJoin('user_account', 'user_account.id', 'author.user_id')
    .select([
      'author.id',
      'author.slug',
      'author.name',
      'author.job_title',
      'author.user_id',
      'user_account.name as account_name',
    ])
    .orderBy('author.name')
    .orderBy('author.id')
    .execute();

export interface AuthorProfileValues {
  slug: string;
  name: string;
  bio: string;
  job_title: string;
  photo_media_id: number | null;
  links: string;
}

/** Inserts an author; undefined when the slug is taken, also by an insert that committed a moment earlier. */
export const insertAuthorRow = async (
  db: Db,
  values: AuthorProfileValues & { user_id?: number | null },
): Promise<number | undefined> =>
  (
    await db
      .insertInto('author')
      .values(values)
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('id')
      .executeTakeFirst()
  )?.id;

/** Rewrites an author's profile; false when no author has the id. */
export const updateAuthorRow = async (
  db: Db,
  id: number,
  values: AuthorProfileValues & { user_id?: number | null },
): Promise<boolean> => {
  const result = await db.updateTable('author').set(values).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
};

/** Whether another author than `exceptId` has the slug. */
export const slugTakenByOther = async (db: Db, slug: string, exceptId: number | null): Promise<boolean> => {
  let query = db.selectFrom('author').select('id').where('slug', '=', slug);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
};

/** Links an account to an author that has none yet; false when the author is gone or linked meanwhile. */
export const linkAuthorToUser = async (db: Db, authorId: number, userId: number): Promise<boolean> => {
  const result = await db
    .updateTable('author')
    .set({ user_id: userId })
    .where('id', '=', authorId)
    .where('user_id', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
};
