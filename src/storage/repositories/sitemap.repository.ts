import type { ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../database.js';
import { inEdition } from './article.repository.js';

/** Live at `now`: published, and its publication time passed (the same rule as every reader page). */
const live = (now: number) => (eb: ExpressionBuilder<Database, 'article'>) =>
  eb.and([eb('article.status', '=', 'published'), eb('article.published_at', '<=', now)]);

/**
 * The first or the last first publication among published articles: where the sitemap index's months start and
 * end. One end of the first-publication index each; a month that holds no live article is dropped by its count
 * (asking for live ones here made SQLite read every published article's row, 400 ms at 100,000).
 */
export const firstPublicationAtEnd = async (db: Db, end: 'first' | 'last'): Promise<number | null> => {
  const row = await db
    .selectFrom('article')
    .select('article.first_published_at')
    .where('article.status', '=', 'published')
    .where('article.first_published_at', 'is not', null)
    .orderBy('article.first_published_at', end === 'first' ? 'asc' : 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.first_published_at == null ? null : Number(row.first_published_at);
};

/**
 * How many live articles were first published in [from, to), and their latest publication and significant update.
 * One range of the (status, first_published_at, published_at, updated_at) index, read without the table: the
 * index of a 100,000-article archive is some 30 ms of these, where reading every article's dates took 0.5-1 s.
 */
export const liveMonthSummaryRow = (db: Db, opts: { from: number; to: number; now: number }) =>
  db
    .selectFrom('article')
    .select(({ fn }) => [
      fn.countAll<number | string>().as('count'),
      fn.max('article.published_at').as('published'),
      fn.max('article.updated_at').as('updated'),
    ])
    .where('article.status', '=', 'published')
    .where('article.first_published_at', '>=', opts.from)
    .where('article.first_published_at', '<', opts.to)
    .where('article.published_at', '<=', opts.now)
    .executeTakeFirstOrThrow();

/** What a sitemap entry of an article needs: its address (section, first publication, id), dates and main photo. */
const ENTRY_COLUMNS = [
  'article.id',
  'article.section_id',
  'article.edition_id',
  'article.first_published_at',
  'article.published_at',
  'article.updated_at',
  'media.id as photo_media_id',
  'media.hash as photo_hash',
  'media.width as photo_width',
] as const;

/**
 * Live articles first published in [from, to), in order of first publication, `limit` from `offset`. Every write
 * that makes an article live sets its first publication, so a live article always has one; asking for a missing
 * one too (an OR) would keep SQLite from reading the range off an index of first publication.
 */
export const articleSitemapRows = (
  db: Db,
  opts: { from: number; to: number; now: number; limit: number; offset: number },
) =>
  db
    .selectFrom('article')
    .leftJoin('media', 'media.id', 'article.photo_media_id')
    .select(ENTRY_COLUMNS)
    .where(live(opts.now))
    .where('article.first_published_at', '>=', opts.from)
    .where('article.first_published_at', '<', opts.to)
    .orderBy('article.first_published_at')
    .orderBy('article.id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();

export type ArticleSitemapRow = Awaited<ReturnType<typeof articleSitemapRows>>[number];

/**
 * The news sitemap's articles: live, first published at `since` or later and dated no earlier (Google News takes
 * nothing older), newest first. Bounded by the publication time, the query walks the (status, published_at) index
 * over two days of articles (2–6 ms at 100,000 articles) instead of reading the whole archive.
 */
export const newsSitemapRows = (db: Db, opts: { since: number; now: number; limit: number; editionId?: number }) => {
  let q = db
    .selectFrom('article')
    .select([
      'article.id',
      'article.section_id',
      'article.edition_id',
      'article.headline',
      'article.first_published_at',
      'article.published_at',
      'article.updated_at',
    ])
    .where(live(opts.now))
    .where('article.published_at', '>=', opts.since)
    .where('article.first_published_at', '>=', opts.since);
  // An edition's news file lists its own articles (issue 13).
  q = q.$call(inEdition(opts.editionId));
  return q.orderBy('article.published_at', 'desc').orderBy('article.id', 'desc').limit(opts.limit).execute();
};

/**
 * Slugs of the authors with at least one live article. Each author is asked whether one exists, which stops at
 * the first found, rather than joining every byline in the archive.
 */
export const authorSlugsWithLiveArticles = (db: Db, now: number, editionId?: number) =>
  db
    .selectFrom('author')
    .select('author.slug')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('article_author')
          .innerJoin('article', 'article.id', 'article_author.article_id')
          .select('article_author.article_id')
          .whereRef('article_author.author_id', '=', 'author.id')
          .where(live(now))
          // With an edition, its own articles (issue 13); without, the statement as before editions.
          .$call(inEdition(editionId)),
      ),
    )
    .orderBy('author.slug')
    .execute();

/** Tag slugs with at least one live article, each asked once (as authors are above). */
export const tagSlugsWithLiveArticles = (db: Db, now: number, editionId?: number) =>
  db
    .selectFrom((eb) => eb.selectFrom('article_tag').select('article_tag.tag_slug').distinct().as('tags'))
    .select('tags.tag_slug')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('article_tag')
          .innerJoin('article', 'article.id', 'article_tag.article_id')
          .select('article_tag.article_id')
          .whereRef('article_tag.tag_slug', '=', 'tags.tag_slug')
          .where(live(now))
          .$call(inEdition(editionId)),
      ),
    )
    .orderBy('tags.tag_slug')
    .execute();
