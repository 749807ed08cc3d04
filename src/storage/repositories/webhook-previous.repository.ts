import type { Db } from '../database.js';

/**
 * What a webhook's `previous` is read from (services/webhook-previous.ts): the revision kept before the current one,
 * and the bylines an earlier revision named, with the profile columns a post's author object shows.
 */

/** The newest revision of an article older than `revision` (the save before it); undefined for a first save. */
export const articleRevisionBeforeRow = (db: Db, articleId: number, revision: number) =>
  db
    .selectFrom('article_revision')
    .select(['revision', 'snapshot'])
    .where('article_id', '=', articleId)
    .where('revision', '<', revision)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();

/** The newest revision of a publication page older than `revision`. */
export const pageRevisionBeforeRow = (db: Db, pageId: number, revision: number) =>
  db
    .selectFrom('page_revision')
    .select(['revision', 'snapshot'])
    .where('page_id', '=', pageId)
    .where('revision', '<', revision)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Authors by id with their public profile's columns (as content-api.repository's postAuthorRows reads them). */
export const authorCardRowsByIds = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('author')
        .leftJoin('media', 'media.id', 'author.photo_media_id')
        .select([
          'author.id',
          'author.slug',
          'author.name',
          'author.bio',
          'author.links',
          'author.photo_media_id',
          'media.hash as photo_hash',
          'media.width as photo_width',
        ])
        .where('author.id', 'in', [...ids])
        .execute();
