import type { Db } from '../database.js';
import { executePrepared } from '../prepared-statements.js';
import { inEdition, SUMMARY_COLUMNS, visible, type ArticleSummaryRow } from './article.repository.js';

export type TaggedSummaryRow = ArticleSummaryRow & { tag_slug: string };

type WindowOptions = {
  tagSlugs: readonly string[];
  excludeId: number;
  now: number;
  perTag: number;
  /**
   * Only this edition's articles (issue 13): each walk skips other editions' rows and still finds `perTag` of its
   * own. Undefined while the site has one edition, so the statement is the same as before editions.
   */
  editionId?: number;
};

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
export const taggedWindowQuery = (db: Db, opts: WindowOptions) => {
  const branch = (slug: string, i: number) =>
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
  const [first, ...rest] = opts.tagSlugs.map(branch);
  return first ? rest.reduce((q, b) => q.unionAll(b), first) : null;
};

/** Prepared on PostgreSQL: one text per number of tags (at most eight) and edition filter, each planned once. */
export const taggedWindowRows = (db: Db, opts: WindowOptions): Promise<TaggedSummaryRow[]> => {
  const query = taggedWindowQuery(db, opts);
  return query ? executePrepared(db, query) : Promise.resolve([]);
};
