import type { Db } from '../database.js';
import { visible } from './article.repository.js';

/**
 * What a reader's search result shows of the articles and pages the index found (services/reader-search.ts).
 * Liveness is asked again here, not only of the index: a row that went offline since is dropped, never shown.
 */

/** The live ones of `ids`, with the plain text kept for search (headline, standfirst and body, one per line). */
export const liveArticleTextRows = (db: Db, ids: readonly number[], now: number) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('article')
        .select([
          'article.id',
          'article.headline',
          'article.body_text',
          'article.section_id',
          'article.edition_id',
          'article.published_at',
          'article.first_published_at',
        ])
        .where('article.id', 'in', ids)
        .where(visible(now))
        .execute();

/** The published ones of `ids`, with their bodies (JSON) to take a snippet from. */
export const livePageTextRows = (db: Db, ids: readonly number[], now: number) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('page')
        .select(['id', 'slug', 'title', 'body', 'published_at'])
        .where('id', 'in', ids)
        .where('status', '=', 'published')
        .where('published_at', '<=', now)
        .execute();
