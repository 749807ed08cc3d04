import type { ExpressionBuilder } from 'kysely';
import type { OrderTerm } from '../../domain/content-api-query.js';
import type { PostFilter } from '../../domain/content-filter.js';
import type { Database, Db } from '../database.js';
import { summaries, visible } from './article.repository.js';
import { runByShape } from './compiled-filter.js';
import { postFilterCondition } from './content-filter.repository.js';

/**
 * What the Ghost-compatible Content API reads (issue 16): live articles only, as readers see them. Every list of
 * posts is two statements (a count and a page of ids) and then one each for the rows, bylines and tags of that page.
 */

/** The column a post order names; ties fall to the newest id, as Ghost's default `published_at desc, id desc`. */
const orderColumn = (eb: ExpressionBuilder<Database, 'article'>, field: string) => {
  switch (field) {
    case 'title':
      return eb.ref('article.headline');
    // The last significant update, or the publication when there was none: what the post's updated_at says.
    case 'updated_at':
      return eb.fn.coalesce('article.updated_at', 'article.published_at');
    default:
      return eb.ref('article.published_at');
  }
};

/** Live articles, and those of them the filter (if any) keeps. */
const livePosts = (db: Db, now: number, filter: PostFilter | null) => {
  const q = db.selectFrom('article').where(visible(now));
  return filter ? q.where((eb) => postFilterCondition(eb, filter)) : q;
};

/** Stand-ins of the clock and the page's bounds, for statements compiled once per filter shape (compiled-filter.ts). */
const NOW = -729_101;
const LIMIT = -729_102;
const OFFSET = -729_103;

export const countLivePostRows = async (db: Db, now: number, filter: PostFilter | null): Promise<number> => {
  const rows = await runByShape(db, 'count', filter, new Map([[NOW, now]]), (f, value) =>
    livePosts(db, value(NOW), f).select((eb) => eb.fn.countAll().as('n')),
  );
  return Number(rows[0]?.n ?? 0);
};

/** The ids of one page of live articles in `order`. */
export const livePostIdRows = (
  db: Db,
  now: number,
  filter: PostFilter | null,
  order: readonly OrderTerm[],
  limit: number,
  offset: number,
) =>
  runByShape(
    db,
    `ids ${JSON.stringify(order)}`,
    filter,
    new Map([
      [NOW, now],
      [LIMIT, limit],
      [OFFSET, offset],
    ]),
    (f, value) => {
      let q = livePosts(db, value(NOW), f).select('article.id');
      for (const term of order) q = q.orderBy((eb) => orderColumn(eb, term.field), term.direction);
      return q.orderBy('article.id', 'desc').limit(value(LIMIT)).offset(value(OFFSET));
    },
  );

/** The live article with this slug; the newest when several share it (addresses are made from ids, not slugs). */
export const livePostIdBySlug = async (db: Db, slug: string, now: number): Promise<number | undefined> =>
  (
    await db
      .selectFrom('article')
      .select('article.id')
      .where('article.slug', '=', slug)
      .where(visible(now))
      .orderBy('article.published_at', 'desc')
      .orderBy('article.id', 'desc')
      .limit(1)
      .executeTakeFirst()
  )?.id;

/** What a post shows of an article beside a summary's columns (the Admin API's posts read these too). */
export const POST_COLUMNS = [
  'article.slug',
  'article.body',
  'article.seo_description',
  'article.created_at',
  'article.updated_at',
  'article.custom_fields',
] as const;

/** Everything a post shows of each live article among `ids`, in no particular order. */
export const livePostRows = (db: Db, ids: readonly number[], now: number) =>
  ids.length === 0
    ? Promise.resolve([])
    : summaries(db)
        .select(POST_COLUMNS)
        .where('article.id', 'in', [...ids])
        .where(visible(now))
        .execute();

export type LivePostRow = Awaited<ReturnType<typeof livePostRows>>[number];

/** What an author's public profile shows: never an account or its email. */
const PROFILE_COLUMNS = [
  'author.id',
  'author.slug',
  'author.name',
  'author.bio',
  'author.links',
  'author.photo_media_id',
  'media.hash as photo_hash',
  'media.width as photo_width',
] as const;

/** The bylines of several articles with each author's public profile. */
export const postAuthorRows = (db: Db, articleIds: readonly number[]) =>
  articleIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('article_author')
        .innerJoin('author', 'author.id', 'article_author.author_id')
        .leftJoin('media', 'media.id', 'author.photo_media_id')
        .select(['article_author.article_id', ...PROFILE_COLUMNS])
        .where('article_author.article_id', 'in', [...articleIds])
        .orderBy('article_author.article_id')
        .orderBy('article_author.position')
        .execute();

/** Authors' public profiles, by name: every author's, or only those among `ids` when given. */
export const authorProfileRows = (db: Db, ids?: readonly number[]) => {
  if (ids?.length === 0) return Promise.resolve([]);
  const q = db.selectFrom('author').leftJoin('media', 'media.id', 'author.photo_media_id').select(PROFILE_COLUMNS);
  return (ids ? q.where('author.id', 'in', [...ids]) : q).orderBy('author.name').orderBy('author.id').execute();
};

export type AuthorProfileRow = Awaited<ReturnType<typeof authorProfileRows>>[number];

/** How many live articles each author has a byline on; authors with none are not listed. */
export const liveAuthorCountRows = (db: Db, now: number) =>
  db
    .selectFrom('article_author')
    .innerJoin('article', 'article.id', 'article_author.article_id')
    .where(visible(now))
    .select((eb) => ['article_author.author_id', eb.fn.countAll().as('posts')])
    .groupBy('article_author.author_id')
    .execute();

/** How many live articles each section holds directly (a subsection's are its own, not its parent's). */
export const liveSectionCountRows = (db: Db, now: number) =>
  db
    .selectFrom('article')
    .where(visible(now))
    .select((eb) => ['article.section_id', eb.fn.countAll().as('posts')])
    .groupBy('article.section_id')
    .execute();

/**
 * Each tag slug live articles carry, with how many carry it and the newest of them (whose spelling names the tag,
 * as on its page). A tag only drafts carry is not listed.
 */
export const liveTagStatRows = (db: Db, now: number) =>
  db
    .selectFrom('article_tag')
    .innerJoin('article', 'article.id', 'article_tag.article_id')
    .where(visible(now))
    .select((eb) => [
      'article_tag.tag_slug',
      eb.fn.countAll().as('posts'),
      eb.fn.max('article_tag.article_id').as('newest'),
    ])
    .groupBy('article_tag.tag_slug')
    .execute();

/** The spellings of the tags on some articles, to name each tag as its newest article spells it. */
export const tagSpellingRows = (db: Db, articleIds: readonly number[]) =>
  articleIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('article_tag')
        .select(['article_id', 'tag_slug', 'tag'])
        .where('article_id', 'in', [...articleIds])
        .execute();

/** Live articles in the section or carrying the tag of the same slug: one tag in the API, so counted once. */
export const countLiveInSectionOrTag = async (db: Db, now: number, sectionId: number, slug: string) =>
  Number(
    (
      await db
        .selectFrom('article')
        .select((eb) => eb.fn.countAll().as('n'))
        .where(visible(now))
        .where((eb) =>
          eb.or([
            eb('article.section_id', '=', sectionId),
            eb.exists(
              eb
                .selectFrom('article_tag')
                .select('article_tag.article_id')
                .whereRef('article_tag.article_id', '=', 'article.id')
                .where('article_tag.tag_slug', '=', slug),
            ),
          ]),
        )
        .executeTakeFirst()
    )?.n ?? 0,
  );

/** The published pages of the publication, with their photos' facts. */
export const publishedPageRows = (db: Db) =>
  db
    .selectFrom('page')
    .leftJoin('media', 'media.id', 'page.photo_media_id')
    .selectAll('page')
    .select(['media.hash as photo_hash', 'media.width as photo_width', 'media.height as photo_height'])
    .where('page.status', '=', 'published')
    .execute();

export type PublishedPageRow = Awaited<ReturnType<typeof publishedPageRows>>[number];
