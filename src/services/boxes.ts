import type { ArticleSummary, Section } from '../domain/article.js';
import { fallbackWindows, fillBox, type RankingSource } from '../domain/ranking.js';
import { DEFAULT_WINDOW } from '../domain/ranking-window.js';
import { sectionFamilyIds } from '../domain/section.js';
import type { Db } from '../storage/database.js';
import {
  latestPublishedRows,
  summaryRowsByIds,
  type ArticleSummaryRow,
} from '../storage/repositories/article.repository.js';
import { pinnedRows } from '../storage/repositories/front.repository.js';
import { toSummaries } from './article-summaries.js';
import { editionFilter, type SiteContext } from './site-context.js';

/**
 * The boxes beside reader pages: the edition's "{short name} ACCESS RANKING" and a section's "Top Articles in …",
 * and the lists many pages of a section share. Each is filled from the rankings in memory and topped up from the
 * database, so none is ever empty while anything is published.
 */

export const TOP_ARTICLES_COUNT = 5;
export const ACCESS_RANKING_COUNT = 5;

/** The site-wide box is the same on every article page: the caller may share one computation between pages. */
export type AccessRankingLoader = (now: Date) => Promise<ArticleSummary[]>;

/**
 * Lists that every article page of a section shows, each with one story more than a page shows so that a page
 * can leave itself out: the "Top Articles in …" box and the newest of a section family. The reader routes keep
 * them per edition, content version and second (server/reader/shared-lists.ts), so rendering a walk through the archive
 * asks for them once a second rather than once a page.
 */
export interface SharedLists {
  /** The section's box with TOP_ARTICLES_COUNT + 1 stories, none left out. */
  sectionBox(section: Section, now: Date): Promise<ArticleSummary[]>;
  /** The edition's newest live rows in these sections, `limit` + 1 of them. */
  newest(sectionIds: number[], limit: number, now: Date): Promise<ArticleSummaryRow[]>;
}

/** The lists asked of the database as they are needed, shared with nothing. */
export const directLists = (db: Db, ctx: SiteContext, ranking: RankingSource): SharedLists => ({
  sectionBox: (section, now) => topArticlesInSection(db, ctx, ranking, section, now, TOP_ARTICLES_COUNT + 1),
  newest: (sectionIds, limit, now) =>
    latestPublishedRows(db, { now: now.getTime(), sectionIds, limit: limit + 1, editionId: editionFilter(ctx) }),
});

/** A shared list without one story, cut to `count`: what the list would be had it left that story out itself. */
export const without = <T extends { id: number }>(list: readonly T[], id: number, count: number): T[] =>
  list.filter((item) => item.id !== id).slice(0, count);

/** Ids of the most-read articles, asked window first, then longer windows. */
const mostRead = (ctx: SiteContext, ranking: RankingSource, sectionId: number | null, limit: number): number[][] =>
  fallbackWindows(DEFAULT_WINDOW).map((w) =>
    ranking.top(w, sectionId, limit, editionFilter(ctx)).map((e) => e.articleId),
  );

/**
 * Fills a box from lists of ids in order of preference. Rankings live in memory, so the summaries of every
 * ranked candidate are fetched in the same round as the lists that come from the database (`rows`), rather
 * than in a round of their own after them.
 */
const fillFromRows = async (
  db: Db,
  ctx: SiteContext,
  count: number,
  ranked: number[][],
  rows: Promise<ArticleSummaryRow[]>[],
  order: (ranked: number[][], listed: number[][]) => number[][],
  now: Date,
): Promise<ArticleSummary[]> => {
  const rankedIds = [...new Set(ranked.flat())];
  const [rankedRows, ...lists] = await Promise.all([summaryRowsByIds(db, rankedIds, now.getTime()), ...rows]);
  const listed = lists.map((l) => toSummaries(ctx, l));
  const byId = new Map([...toSummaries(ctx, rankedRows), ...listed.flat()].map((s) => [s.id, s]));
  // A ranked id whose article is no longer visible has no summary: leave it out before filling.
  const rankedVisible = ranked.map((ids) => ids.filter((id) => byId.has(id)));
  const listedIds = listed.map((l) => l.map((s) => s.id));
  return fillBox(count, order(rankedVisible, listedIds)).map((id) => byId.get(id)!);
};

/** Most read site-wide in 24 hours; then in 7 days; then the latest: never empty while anything is published. */
export const accessRankingBox = (
  db: Db,
  ctx: SiteContext,
  ranking: RankingSource,
  now: Date,
  count = ACCESS_RANKING_COUNT,
): Promise<ArticleSummary[]> =>
  fillFromRows(
    db,
    ctx,
    count,
    mostRead(ctx, ranking, null, count),
    [latestPublishedRows(db, { now: now.getTime(), limit: count, editionId: editionFilter(ctx) })],
    (ranked, [latest]) => [...ranked, latest!],
    now,
  );

/**
 * Editor-pinned first, then the most read in the section (24 hours, then 7 days), then the latest of the
 * section and its subsections. An article page asks for one more than it shows and leaves itself out (`without`).
 */
export const topArticlesInSection = (
  db: Db,
  ctx: SiteContext,
  ranking: RankingSource,
  section: Section,
  now: Date,
  count: number,
): Promise<ArticleSummary[]> =>
  fillFromRows(
    db,
    ctx,
    count,
    mostRead(ctx, ranking, section.id, count),
    [
      pinnedRows(db, section.id, now.getTime(), editionFilter(ctx)),
      latestPublishedRows(db, {
        now: now.getTime(),
        sectionIds: sectionFamilyIds(ctx.sections, section),
        limit: TOP_ARTICLES_COUNT * 2 + 1,
        editionId: editionFilter(ctx),
      }),
    ],
    (ranked, [pinned, latest]) => [pinned!, ...ranked, latest!],
    now,
  );
