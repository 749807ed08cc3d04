import type { Db } from '../database.js';

/**
 * What a webhook's `previous` is read from (services/webhook-previous.ts): the revision kept before the current one.
 * The bylines an earlier revision named are read as the Content API reads authors (content-api.repository.ts).
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
