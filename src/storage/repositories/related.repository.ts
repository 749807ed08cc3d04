import type { SelectQueryBuilder } from 'kysely';
import type { Database, Db } from '../database.js';
import { inEdition, SUMMARY_COLUMNS, visible, type ArticleSummaryRow } from './article.repository.js';

export type TaggedSummaryRow = ArticleSummaryRow & { tag_slug: string };

type BranchOptions = {
  excludeId: number;
  now: number;
  perTag: number;
  /**
   * Only this edition's articles (issue 13): each walk skips other editions' rows and still finds `perTag` of its
   * own. Undefined while the site has one edition, so the statement is the same as before editions.
   */
  editionId?: number;
};
type WindowOptions = BranchOptions & { tagSlugs: readonly string[] };

/** A statement answering one tag's slug, or no row (past an article's last tag): its branch then finds nothing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SlugQuery = SelectQueryBuilder<Database, any, { tag_slug: string }>;

/**
 * The newest live articles carrying each of `tagSlugs`, at most `perTag` per tag, each row with the tag it was
 * found through: the candidates for an article's Related list. One statement, a UNION ALL of one short branch
 * per tag, each a backward walk of the tag's index (tag_slug, article_id) that stops after `perTag` live rows.
 *
 * The walk goes by article id, not publication time: the tag table holds no time, and ids follow creation,
 * which in a newsroom runs close to publication. Exact newest-by-time would mean reading every article of the
 * tag (about 11,000 for a common tag in the 100,000-article bench archive) or walking the whole publication
 * index for a rare one; this reads `perTag` rows whatever the tag's size. Rows are ordered by publication time
 * afterwards (domain/related.ts), so only which stories are candidates leans on ids.
 *
 * Built but not run here, so a test can read its plan; null when the article has no tags.
 */
export const taggedWindowQuery = (db: Db, opts: WindowOptions) => unionOf(opts.tagSlugs.map(windowBranch(db, opts)));

export const taggedWindowRows = (db: Db, opts: WindowOptions): Promise<TaggedSummaryRow[]> =>
  taggedWindowQuery(db, opts)?.execute() ?? Promise.resolve([]);

/**
 * taggedWindowRows for an article known by its id alone: each branch takes one of the article's first `maxTags`
 * tag slugs (in the writer's order, each once) from article_tag inside the statement, so the candidates are asked
 * beside the article itself rather than after it (record 0029). A branch past the article's last tag compares with
 * null and finds nothing. The rows are the ones taggedWindowRows finds for the same slugs, in the same order.
 */
export const taggedWindowQueryOfArticle = (
  db: Db,
  opts: Omit<BranchOptions, 'excludeId'> & { articleId: number; maxTags: number },
) => {
  const slugAt = (i: number): SlugQuery =>
    db
      .selectFrom('article_tag as own')
      .select('own.tag_slug')
      .where('own.article_id', '=', opts.articleId)
      .groupBy('own.tag_slug')
      .orderBy((eb) => eb.fn.min('own.position'))
      .limit(1)
      .offset(i);
  const slugs = Array.from({ length: opts.maxTags }, (_, i) => slugAt(i));
  return unionOf(slugs.map(windowBranch(db, { ...opts, excludeId: opts.articleId })));
};

export const taggedWindowRowsOfArticle = (
  db: Db,
  opts: Parameters<typeof taggedWindowQueryOfArticle>[1],
): Promise<TaggedSummaryRow[]> => taggedWindowQueryOfArticle(db, opts)?.execute() ?? Promise.resolve([]);

/** One tag's walk: at most `perTag` live articles carrying `slug`, newest id first. */
const windowBranch = (db: Db, opts: BranchOptions) => (slug: string | SlugQuery, i: number) =>
  db
    .selectFrom(
      // CROSS JOIN: SQLite keeps the left table as the outer loop, so it walks the tag's index and looks each
      // article up by id. Left to choose, with statistics it walked every live article by publication time and
      // sorted them (1-2 s at 100,000). PostgreSQL plans a cross join with a join condition as an inner join.
      db
        .selectFrom('article_tag')
        .crossJoin('article')
        .leftJoin('media', 'media.id', 'article.photo_media_id')
        .select([...SUMMARY_COLUMNS, 'article_tag.tag_slug'])
        .whereRef('article.id', '=', 'article_tag.article_id')
        .where('article_tag.tag_slug', '=', slug)
        .where('article_tag.article_id', '!=', opts.excludeId)
        .where(visible(opts.now))
        .$call(inEdition(opts.editionId))
        .orderBy('article_tag.article_id', 'desc')
        .limit(opts.perTag)
        .as(`w${i}`),
    )
    .selectAll();

const unionOf = <Q extends ReturnType<ReturnType<typeof windowBranch>>>(branches: Q[]) => {
  const [first, ...rest] = branches;
  return first ? rest.reduce((q, b) => q.unionAll(b) as Q, first) : null;
};
