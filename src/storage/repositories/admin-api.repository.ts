import type { ExpressionBuilder } from 'kysely';
import type { PostFilter } from '../../domain/content-filter.js';
import type { Database, Db } from '../database.js';
import { summaries } from './article.repository.js';
import { POST_COLUMNS } from './content-api.repository.js';
import { postFilterCondition } from './content-filter.repository.js';

/**
 * What Ghost's Admin API reads (issue 16; docs/architecture/0021-admin-api.md): every article an integration may
 * see, live or not. An unpublished article is not among them: Ghost has no such state, and the Admin API's delete
 * leaves an article unpublished (kept for the newsroom, gone for the integration).
 */

const HIDDEN_STATUS = 'unpublished';

/** Articles the Admin API shows, and those of them the filter (if any) keeps. */
const adminPosts = (db: Db, filter: PostFilter | null) => {
  const q = db.selectFrom('article').where('article.status', '<>', HIDDEN_STATUS);
  return filter ? q.where((eb) => postFilterCondition(eb, filter)) : q;
};

/**
 * The column an order names. A draft has no publication time: its creation stands in, so drafts sort among the
 * others the same way on SQLite and PostgreSQL (which put nulls at opposite ends).
 */
const orderColumn = (eb: ExpressionBuilder<Database, 'article'>, field: string) => {
  switch (field) {
    case 'title':
      return eb.ref('article.headline');
    case 'updated_at':
      return eb.ref('article.modified_at');
    default:
      return eb.fn.coalesce('article.published_at', 'article.created_at');
  }
};

export const countAdminPostRows = async (db: Db, filter: PostFilter | null): Promise<number> =>
  Number(
    (
      await adminPosts(db, filter)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

/** The ids of one page of the Admin API's articles in `order`, then newest id first. */
export const adminPostIdRows = (
  db: Db,
  filter: PostFilter | null,
  order: readonly { field: string; direction: 'asc' | 'desc' }[],
  limit: number,
  offset: number,
) => {
  let q = adminPosts(db, filter).select('article.id');
  for (const term of order) q = q.orderBy((eb) => orderColumn(eb, term.field), term.direction);
  return q.orderBy('article.id', 'desc').limit(limit).offset(offset).execute();
};

/** The article with this slug the Admin API shows; the newest when several share it. */
export const adminPostIdBySlug = async (db: Db, slug: string): Promise<number | undefined> =>
  (
    await adminPosts(db, null)
      .select('article.id')
      .where('article.slug', '=', slug)
      .orderBy('article.id', 'desc')
      .limit(1)
      .executeTakeFirst()
  )?.id;

/** Everything an Admin API post shows of each article among `ids`, in no particular order. */
export const adminPostRows = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : summaries(db)
        .select([...POST_COLUMNS, 'article.status', 'article.modified_at'])
        .where('article.id', 'in', [...ids])
        .where('article.status', '<>', HIDDEN_STATUS)
        .execute();

export type AdminPostRow = Awaited<ReturnType<typeof adminPostRows>>[number];

/** Every page of the publication, drafts too, with its photo's facts. */
export const adminPageRows = (db: Db) =>
  db
    .selectFrom('page')
    .leftJoin('media', 'media.id', 'page.photo_media_id')
    .selectAll('page')
    .select(['media.hash as photo_hash', 'media.width as photo_width', 'media.height as photo_height'])
    .orderBy('page.modified_at', 'desc')
    .orderBy('page.id', 'desc')
    .execute();

export type AdminPageRow = Awaited<ReturnType<typeof adminPageRows>>[number];

/** Removes a page with its revisions (they cascade); false when there was none. */
export const deletePageRow = async (db: Db, id: number): Promise<boolean> =>
  ((await db.deleteFrom('page').where('id', '=', id).executeTakeFirst()).numDeletedRows ?? 0n) > 0n;

/** A stored image by id and hash: what an address of ours names, when it still exists. */
export const mediaRowByIdAndHash = (db: Db, id: number, hash: string) =>
  db
    .selectFrom('media')
    .select(['id', 'hash', 'width', 'height'])
    .where('id', '=', id)
    .where('hash', '=', hash)
    .executeTakeFirst();
