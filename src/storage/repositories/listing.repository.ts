import type { Db } from '../database.js';
import { summaries, visible, type ArticleSummaryRow } from './article.repository.js';

/**
 * The articles of one author or one tag, as the listing pages and their feeds read them: live only, newest first
 * by publication. Membership is an `IN (subquery)` rather than a join, so an article tagged twice with one slug
 * (rows from before the slug existed) is listed once.
 */

type Page = { now: number; limit: number; offset: number };

const byAuthor = (db: Db, authorId: number) =>
  db.selectFrom('article_author').select('article_author.article_id').where('article_author.author_id', '=', authorId);

const byTag = (db: Db, slug: string) =>
  db.selectFrom('article_tag').select('article_tag.article_id').where('article_tag.tag_slug', '=', slug);

export const liveRowsByAuthor = (db: Db, authorId: number, page: Page): Promise<ArticleSummaryRow[]> =>
  summaries(db)
    .where(visible(page.now))
    .where('article.id', 'in', byAuthor(db, authorId))
    .orderBy('article.published_at', 'desc')
    .orderBy('article.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();

export const liveRowsByTag = (db: Db, slug: string, page: Page): Promise<ArticleSummaryRow[]> =>
  summaries(db)
    .where(visible(page.now))
    .where('article.id', 'in', byTag(db, slug))
    .orderBy('article.published_at', 'desc')
    .orderBy('article.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();

const countOf = async (query: Promise<{ n: string | number | bigint } | undefined>): Promise<number> =>
  Number((await query)?.n ?? 0);

export const countLiveByAuthor = (db: Db, authorId: number, now: number): Promise<number> =>
  countOf(
    db
      .selectFrom('article')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(visible(now))
      .where('article.id', 'in', byAuthor(db, authorId))
      .executeTakeFirst(),
  );

export const countLiveByTag = (db: Db, slug: string, now: number): Promise<number> =>
  countOf(
    db
      .selectFrom('article')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(visible(now))
      .where('article.id', 'in', byTag(db, slug))
      .executeTakeFirst(),
  );

/**
 * The spelling a tag page is headed by: the most recently used, that is the one on the live article saved last
 * (a desk that fixes a tag's spelling on one article renames the page). Undefined when no live article has it.
 */
export const liveTagName = async (db: Db, slug: string, now: number): Promise<string | undefined> =>
  (
    await db
      .selectFrom('article_tag')
      .innerJoin('article', 'article.id', 'article_tag.article_id')
      .select('article_tag.tag')
      .where('article_tag.tag_slug', '=', slug)
      .where(visible(now))
      .orderBy('article.modified_at', 'desc')
      .orderBy('article.id', 'desc')
      .limit(1)
      .executeTakeFirst()
  )?.tag;
