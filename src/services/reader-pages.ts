import type { Article, ArticleSummary, MediaRef, Section } from '../domain/article.js';
import { articlePath } from '../domain/article-path.js';
import { storedBody } from '../domain/body.js';
import type { Correction } from '../domain/correction.js';
import { fallbackWindows, fillBox, type RankingSource } from '../domain/ranking.js';
import { DEFAULT_WINDOW } from '../domain/ranking-window.js';
import { sectionFamilyIds, topLevelOf } from '../domain/section.js';
import type { Db } from '../storage/database.js';
import { bylineRowsForArticle } from '../storage/repositories/author.repository.js';
import { authorFromRow } from './author-from-row.js';
import { findMediaRows } from '../storage/repositories/media.repository.js';
import {
  findPublishedArticleRow,
  latestPublishedRows,
  summaryRowsByIds,
  tagRowsForArticle,
  type ArticleSummaryRow,
} from '../storage/repositories/article.repository.js';
import { countPublishedRows, homeTopRows, pinnedRows } from '../storage/repositories/front.repository.js';
import { loadArticleEnd, type ArticleEnd } from './article-end.js';
import { correctionsFor } from './corrections.js';
import { mainPhotoFromRow } from './main-photo-from-row.js';
import { editionSummaries, toSummaries } from './article-summaries.js';
import { contextOfEdition, editionFilter, type SiteContext } from './site-context.js';

export { editionSummaries, toSummaries };

export const TOP_ARTICLES_COUNT = 5;
export const ACCESS_RANKING_COUNT = 5;
export const FRONT_PAGE_SIZE = 20;
export const HOME_SECTION_COUNT = 4;
const HOME_TOP_COUNT = 5;
/** The home page's Latest list. */
export const LATEST_COUNT = 10;

/** With the article's end: "Related" and "More in {Section}" (article-end.ts). */
export interface ArticlePageData extends ArticleEnd {
  article: Article;
  canonicalPath: string;
  /** The top-level section the "Top Articles in …" box speaks for. */
  boxSection: Section;
  topInSection: ArticleSummary[];
  /** The site-wide "{short name} ACCESS RANKING" box: most read in 24 hours, topped up as needed. */
  accessRanking: ArticleSummary[];
  /** Images the body refers to, by media id. */
  bodyMedia: Map<number, MediaRef>;
  corrections: Correction[];
}

/** The site-wide box is the same on every article page: the caller may share one computation between pages. */
export type AccessRankingLoader = (now: Date) => Promise<ArticleSummary[]>;

/**
 * Every query of an article page, in two rounds of parallel queries: what the id alone decides (the article,
 * its bylines, tags, corrections and the site-wide box), then what its body, tags and section decide (images, the
 * section's box, the lists at its end). On PostgreSQL each round costs one network wait rather than one per query.
 */
export const loadArticlePage = async (
  db: Db,
  ctx: SiteContext,
  ranking: RankingSource,
  id: number,
  now: Date,
  accessRanking: AccessRankingLoader = (at) => accessRankingBox(db, ctx, ranking, at),
): Promise<ArticlePageData | null> => {
  const [row, bylines, tags, corrections, siteBox] = await Promise.all([
    findPublishedArticleRow(db, id, now.getTime()),
    bylineRowsForArticle(db, id),
    tagRowsForArticle(db, id),
    correctionsFor(db, id),
    accessRanking(now),
  ]);
  // In another edition, the article is that edition's: the caller redirects to its address there.
  const own = row ? contextOfEdition(ctx, row.edition_id) : ctx;
  if (own !== ctx) return loadArticlePage(db, own, ranking, id, now, accessRanking);
  const section = row && ctx.sections.byId.get(row.section_id);
  if (!row || !section || row.published_at === null) return null;
  const parent = section.parentId === null ? null : (ctx.sections.byId.get(section.parentId) ?? null);
  const firstPublishedAt = new Date(row.first_published_at ?? row.published_at);
  const article: Article = {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    standfirst: row.standfirst,
    // A body that no longer validates shows nothing rather than something unsafe.
    body: storedBody(row.body),
    section,
    parentSection: parent,
    bylines: bylines.map(authorFromRow),
    tags: tags.map((t) => t.tag),
    mainPhoto: mainPhotoFromRow(row),
    status: 'published',
    createdAt: new Date(row.created_at),
    firstPublishedAt,
    publishedAt: new Date(row.published_at),
    updatedAt: row.updated_at === null ? null : new Date(row.updated_at),
    modifiedAt: new Date(row.modified_at),
  };
  const boxSection = topLevelOf(ctx.sections, section);
  const mediaIds = article.body.flatMap((b) => (b.type === 'image' ? [b.mediaId] : []));
  const [mediaRows, topInSection, end] = await Promise.all([
    findMediaRows(db, [...new Set(mediaIds)]),
    topArticlesInSection(db, ctx, ranking, boxSection, id, now),
    loadArticleEnd(db, ctx, article, now, editionSummaries),
  ]);
  return {
    bodyMedia: new Map(mediaRows.map((m) => [m.id, { mediaId: m.id, hash: m.hash, width: m.width, height: m.height }])),
    article,
    canonicalPath: articlePath(ctx, section, firstPublishedAt, id),
    boxSection,
    topInSection,
    accessRanking: siteBox,
    corrections,
    ...end,
  };
};

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
  exclude: Set<number> = new Set(),
): Promise<ArticleSummary[]> => {
  const rankedIds = [...new Set(ranked.flat())].filter((id) => !exclude.has(id));
  const [rankedRows, ...lists] = await Promise.all([summaryRowsByIds(db, rankedIds, now.getTime()), ...rows]);
  const listed = lists.map((l) => toSummaries(ctx, l));
  const byId = new Map([...toSummaries(ctx, rankedRows), ...listed.flat()].map((s) => [s.id, s]));
  // A ranked id whose article is no longer visible has no summary: leave it out before filling.
  const rankedVisible = ranked.map((ids) => ids.filter((id) => byId.has(id)));
  const listedIds = listed.map((l) => l.map((s) => s.id));
  return fillBox(count, order(rankedVisible, listedIds), exclude).map((id) => byId.get(id)!);
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
 * section and its subsections; never the article itself.
 */
export const topArticlesInSection = (
  db: Db,
  ctx: SiteContext,
  ranking: RankingSource,
  section: Section,
  excludeId: number | null,
  now: Date,
): Promise<ArticleSummary[]> =>
  fillFromRows(
    db,
    ctx,
    TOP_ARTICLES_COUNT,
    mostRead(ctx, ranking, section.id, TOP_ARTICLES_COUNT + 1),
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
    new Set(excludeId === null ? [] : [excludeId]),
  );

export interface SectionFrontData {
  section: Section;
  parent: Section | null;
  subsections: Section[];
  articles: ArticleSummary[];
  page: number;
  totalPages: number;
}

export const loadSectionFront = async (
  db: Db,
  ctx: SiteContext,
  section: Section,
  page: number,
  now: Date,
): Promise<SectionFrontData | null> => {
  const sectionIds = sectionFamilyIds(ctx.sections, section);
  const editionId = editionFilter(ctx);
  const total = await countPublishedRows(db, { now: now.getTime(), sectionIds, editionId });
  const totalPages = Math.max(1, Math.ceil(total / FRONT_PAGE_SIZE));
  if (page > totalPages) return null;
  const rows = await latestPublishedRows(db, {
    now: now.getTime(),
    sectionIds,
    editionId,
    limit: FRONT_PAGE_SIZE,
    offset: (page - 1) * FRONT_PAGE_SIZE,
  });
  return {
    section,
    parent: section.parentId === null ? null : (ctx.sections.byId.get(section.parentId) ?? null),
    subsections: ctx.sections.children.get(section.id) ?? [],
    articles: toSummaries(ctx, rows),
    page,
    totalPages,
  };
};

export interface HomePageData {
  topStories: ArticleSummary[];
  /** Top-level sections with something to show beside the top stories; an empty section is left out. */
  sections: { section: Section; articles: ArticleSummary[] }[];
  /** The site-wide "{short name} ACCESS RANKING" box, as on article pages. */
  accessRanking: ArticleSummary[];
  /** The newest live articles, whatever else the page shows of them. */
  latest: ArticleSummary[];
}

/**
 * Curated top stories (topped up with the latest when the desk has chosen fewer), then each section's latest not
 * already shown, beside the access ranking and the Latest list. Two rounds of parallel queries: what needs nothing
 * (the curation, the newest articles, the ranking box), then the sections, which leave out the top stories.
 */
export const loadHomePage = async (
  db: Db,
  ctx: SiteContext,
  now: Date,
  accessRanking: AccessRankingLoader,
): Promise<HomePageData> => {
  // Enough of the newest to top up the curation whatever it holds: at most HOME_TOP_COUNT of them are curated.
  const newestCount = Math.max(LATEST_COUNT, HOME_TOP_COUNT * 2);
  const [curatedRows, newestRows, ranking] = await Promise.all([
    homeTopRows(db, now.getTime(), editionFilter(ctx)),
    latestPublishedRows(db, { now: now.getTime(), limit: newestCount, editionId: editionFilter(ctx) }),
    accessRanking(now),
  ]);
  const curated = toSummaries(ctx, curatedRows).slice(0, HOME_TOP_COUNT);
  const newest = toSummaries(ctx, newestRows);
  const curatedIds = new Set(curated.map((c) => c.id));
  const topUp = newest.filter((a) => !curatedIds.has(a.id)).slice(0, HOME_TOP_COUNT - curated.length);
  const topStories = [...curated, ...topUp];
  const shown = topStories.map((s) => s.id);
  const sections = await Promise.all(
    ctx.sections.top.map(async (section) => ({
      section,
      articles: toSummaries(
        ctx,
        await latestPublishedRows(db, {
          now: now.getTime(),
          sectionIds: sectionFamilyIds(ctx.sections, section),
          excludeIds: shown,
          limit: HOME_SECTION_COUNT,
          editionId: editionFilter(ctx),
        }),
      ),
    })),
  );
  return {
    topStories,
    sections: sections.filter((s) => s.articles.length > 0),
    accessRanking: ranking,
    latest: newest.slice(0, LATEST_COUNT),
  };
};
