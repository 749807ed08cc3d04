import type { ArticleSummary, Section } from '../domain/article.js';
import {
  MORE_IN_SECTION_COUNT,
  moreInSectionIds,
  RELATED_MAX,
  RELATED_MIN,
  relatedIds,
  type RelatedCandidate,
} from '../domain/related.js';
import { sectionFamilyIds, topLevelOf } from '../domain/section.js';
import { tagSlug } from '../domain/tag.js';
import type { Db } from '../storage/database.js';
import type { ArticleSummaryRow } from '../storage/repositories/article.repository.js';
import { taggedWindowRows } from '../storage/repositories/related.repository.js';
import { summaryRowsByIds } from '../storage/repositories/article.repository.js';
import { without } from './boxes.js';
import { editionFilter, type SiteContext } from './site-context.js';

/**
 * Candidates read per tag. Enough that a story sharing two or three tags is usually among the newest of each,
 * so it ranks above one sharing a single tag; small enough that an article's tags cost a few hundred index rows
 * (8 tags × 24), whatever the tags' sizes.
 */
const CANDIDATES_PER_TAG = 24;
/** An article with dozens of tags asks about its first few (in the writer's order), to keep the query short. */
const TAGS_ASKED = 8;

export interface ArticleEnd {
  /** "Related": the stories closest in subject (domain/related.ts). */
  related: ArticleSummary[];
  /** Their ids as chosen, best first: kept with the article's rendered page until the choice is due again. */
  relatedIds: number[];
  /** "More in {Section}": the newest others of the article's top-level section, none of them in Related. */
  moreInSection: ArticleSummary[];
}

/**
 * What the end of an article page offers, from statements run together: the newest live stories of each of its
 * tags; the newest of its top-level section (with subsections), enough for both lists even when Related holds six
 * of them; and, for an article in a subsection, that subsection's newest, which Related prefers. The article page
 * is kept in the page cache, so this runs once per rendering, not per request. Rows become summaries through the
 * page loader's own `toSummaries` (reader-pages.ts), passed in so neither module imports the other.
 */
export const loadArticleEnd = async (
  db: Db,
  ctx: SiteContext,
  article: { id: number; section: Section; tags: readonly string[] },
  now: Date,
  toSummaries: (ctx: SiteContext, rows: ArticleSummaryRow[]) => ArticleSummary[],
  /** The edition's newest live rows of some sections, `limit` + 1 of them (reader-pages.ts's SharedLists). */
  newest: (sectionIds: number[], limit: number, now: Date) => Promise<ArticleSummaryRow[]>,
): Promise<ArticleEnd> => {
  const t = now.getTime();
  const tagSlugs = [...new Set(article.tags.map(tagSlug))].slice(0, TAGS_ASKED);
  const top = topLevelOf(ctx.sections, article.section);
  const familyIds = sectionFamilyIds(ctx.sections, top);
  // One row more than wanted, shared by every page of the section: the article itself is left out here.
  const newestOf = async (sectionIds: number[], limit: number) =>
    without(await newest(sectionIds, limit, now), article.id, limit);
  const [tagged, familyNewest, ownNewest] = await Promise.all([
    // The edition's own stories, asked for in the query so that another edition's newer ones take no places.
    taggedWindowRows(db, {
      tagSlugs,
      excludeId: article.id,
      now: t,
      perTag: CANDIDATES_PER_TAG,
      editionId: editionFilter(ctx),
    }),
    newestOf(familyIds, RELATED_MAX + MORE_IN_SECTION_COUNT),
    top.id === article.section.id ? Promise.resolve([]) : newestOf([article.section.id], RELATED_MIN),
  ]);
  const candidate = (row: ArticleSummaryRow, viaTag: string | null): RelatedCandidate => ({
    id: row.id,
    sectionId: row.section_id,
    publishedAt: row.published_at ?? 0,
    viaTag,
  });
  const related = relatedIds({ id: article.id, tagSlugs, sectionId: article.section.id, familyIds }, [
    ...tagged.map((r) => candidate(r, r.tag_slug)),
    ...[...ownNewest, ...familyNewest].map((r) => candidate(r, null)),
  ]);
  const more = moreInSectionIds(
    article.id,
    familyNewest.map((r) => r.id),
    related,
  );
  const byId = new Map<number, ArticleSummaryRow>([...tagged, ...ownNewest, ...familyNewest].map((r) => [r.id, r]));
  const rowsOf = (ids: number[]) => ids.flatMap((id) => byId.get(id) ?? []);
  return {
    related: toSummaries(ctx, rowsOf(related)),
    relatedIds: related,
    moreInSection: toSummaries(ctx, rowsOf(more)),
  };
};

/**
 * The same end with Related chosen before (`relatedIds`, kept with the article's rendered page): only what is
 * still live of those stories is shown, and More in is the section's newest as of now. The chosen stories' summary
 * rows come from `rowsOf` (by default a query; the reader routes keep them per content version), the section's
 * newest from `newest`, which every page of the section shares.
 */
export const loadArticleEndChosen = async (
  db: Db,
  ctx: SiteContext,
  article: { id: number; section: Section },
  relatedIds: readonly number[],
  now: Date,
  toSummaries: (ctx: SiteContext, rows: ArticleSummaryRow[]) => ArticleSummary[],
  newest: (sectionIds: number[], limit: number, now: Date) => Promise<ArticleSummaryRow[]>,
  rowsOf: (ids: number[], now: Date) => Promise<ArticleSummaryRow[]> = (ids, at) =>
    summaryRowsByIds(db, ids, at.getTime()),
): Promise<ArticleEnd> => {
  const familyIds = sectionFamilyIds(ctx.sections, topLevelOf(ctx.sections, article.section));
  const limit = RELATED_MAX + MORE_IN_SECTION_COUNT;
  const [chosenRows, newestRows] = await Promise.all([rowsOf([...relatedIds], now), newest(familyIds, limit, now)]);
  const byId = new Map(chosenRows.map((r) => [r.id, r]));
  const related = relatedIds.flatMap((id) => byId.get(id) ?? []);
  const familyNewest = without(newestRows, article.id, limit);
  const more = new Set(
    moreInSectionIds(
      article.id,
      familyNewest.map((r) => r.id),
      relatedIds,
    ),
  );
  return {
    related: toSummaries(ctx, related),
    relatedIds: [...relatedIds],
    moreInSection: toSummaries(
      ctx,
      familyNewest.filter((r) => more.has(r.id)),
    ),
  };
};
