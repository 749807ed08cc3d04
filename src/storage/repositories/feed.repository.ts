import type { Db } from '../database.js';
import { inEdition, summaries, visible } from './article.repository.js';

/**
 * Which articles a feed follows: the whole site, some sections, one author or one tag; with `editionId`, of that
 * edition alone (issue 13).
 */
export type FeedFilter = (
  | { kind: 'site' }
  | { kind: 'sections'; sectionIds: number[] }
  | { kind: 'author'; authorId: number }
  | { kind: 'tag'; tagSlug: string }
) & { editionId?: number };

const filtered = (db: Db, filter: FeedFilter, now: number) => {
  let q = db.selectFrom('article').where(visible(now));
  q = q.$call(inEdition(filter.editionId));
  if (filter.kind === 'sections') q = q.where('article.section_id', 'in', filter.sectionIds);
  if (filter.kind === 'author') {
    const { authorId } = filter;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_author')
          .select('article_author.article_id')
          .whereRef('article_author.article_id', '=', 'article.id')
          .where('article_author.author_id', '=', authorId),
      ),
    );
  }
  if (filter.kind === 'tag') {
    const { tagSlug } = filter;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_tag')
          .select('article_tag.article_id')
          .whereRef('article_tag.article_id', '=', 'article.id')
          .where('article_tag.tag_slug', '=', tagSlug),
      ),
    );
  }
  return q;
};

/**
 * The `take` newest visible articles a feed follows by displayed publication time, with both times: the walk the
 * (status, published_at) indexes answer. Ordering by first_published_at directly has no index to walk: at 100,000
 * articles SQLite sorted every live row, 2 to 5 s for one feed (services/feeds.ts picks by first publication).
 */
export const feedCandidateRows = (db: Db, filter: FeedFilter, now: number, take: number) =>
  filtered(db, filter, now)
    .select(['article.id', 'article.first_published_at', 'article.published_at'])
    .orderBy('article.published_at', 'desc')
    .orderBy('article.id', 'desc')
    .limit(take)
    .execute();

/** What a feed entry shows of each article (body and main photo included), in no particular order. */
export const feedArticleRows = (db: Db, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : summaries(db).select(['article.body', 'article.updated_at']).where('article.id', 'in', ids).execute();

export type FeedArticleRow = Awaited<ReturnType<typeof feedArticleRows>>[number];

/** The tags of several articles at once, in the order the writer gave them. */
export const feedTagRows = (db: Db, articleIds: number[]) =>
  articleIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('article_tag')
        .select(['article_id', 'tag', 'tag_slug'])
        .where('article_id', 'in', articleIds)
        .orderBy('article_id')
        .orderBy('position')
        .execute();

export const feedAuthorRowBySlug = (db: Db, slug: string) =>
  db.selectFrom('author').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();

/**
 * A tag's name as its newest live article (by id, as it was written) spells it; undefined when no live article carries it, so a tag used only
 * by drafts is not revealed by its feed.
 */
export const feedTagNameBySlug = async (db: Db, slug: string, now: number): Promise<string | undefined> =>
  (
    await db
      .selectFrom('article_tag')
      .innerJoin('article', 'article.id', 'article_tag.article_id')
      .select('article_tag.tag')
      .where('article_tag.tag_slug', '=', slug)
      .where(visible(now))
      // Ids grow with time: the walk down the (tag_slug, article_id) index stops at the first live article.
      .orderBy('article_tag.article_id', 'desc')
      .limit(1)
      .executeTakeFirst()
  )?.tag;
