import type { Article, ArticleSummary, MainPhoto, MediaRef, Section } from '../domain/article.js';
import { articlePath } from '../domain/article-path.js';
import { storedBody } from '../domain/body.js';
import type { Correction } from '../domain/correction.js';
import { fallbackWindows, fillBox, type RankingSource } from '../domain/ranking.js';
import { DEFAULT_WINDOW } from '../domain/ranking-window.js';
import { sectionFamilyIds, topLevelOf } from '../domain/section.js';
import type { Db } from '../storage/database.js';
import { bylineRowsForArticle } from '../storage/repositories/author.repository.js';
import { findMediaRows } from '../storage/repositories/media.repository.js';
import {
  countPublishedRows,
  findPublishedArticleRow,
  homeTopRows,
  latestPublishedRows,
  pinnedRows,
  summaryRowsByIds,
  tagRowsForArticle,
  type ArticleSummaryRow,
} from '../storage/repositories/article.repository.js';
import { correctionsFor } from './corrections.js';
import type { SiteContext } from './site-context.js';

export const TOP_ARTICLES_COUNT = 5;
export const ACCESS_RANKING_COUNT = 5;
export const FRONT_PAGE_SIZE = 20;
export const HOME_SECTION_COUNT = 4;
const HOME_TOP_COUNT = 5;

const photoOf = (row: {
  photo_media_id: number | null;
  photo_hash: string | null;
  photo_width: number | null;
  photo_height: number | null;
  photo_caption: string | null;
  photo_credit: string | null;
  photo_alt: string | null;
}): MainPhoto | null =>
  row.photo_media_id !== null && row.photo_hash !== null && row.photo_width !== null && row.photo_height !== null
    ? {
        mediaId: row.photo_media_id,
        hash: row.photo_hash,
        width: row.photo_width,
        height: row.photo_height,
        caption: row.photo_caption ?? '',
        credit: row.photo_credit,
        alt: row.photo_alt ?? '',
      }
    : null;

const toSummary = (ctx: SiteContext, row: ArticleSummaryRow): ArticleSummary | null => {
  const section = ctx.sections.byId.get(row.section_id);
  if (!section || row.published_at === null) return null;
  const firstPublished = new Date(row.first_published_at ?? row.published_at);
  return {
    id: row.id,
    headline: row.headline,
    standfirst: row.standfirst,
    path: articlePath(ctx, section, firstPublished, row.id),
    publishedAt: new Date(row.published_at),
    sectionName: section.name,
    thumbnail: photoOf(row),
  };
};

export const toSummaries = (ctx: SiteContext, rows: ArticleSummaryRow[]): ArticleSummary[] =>
  rows.map((r) => toSummary(ctx, r)).filter((s): s is ArticleSummary => s !== null);

export interface ArticlePageData {
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

export const loadArticlePage = async (
  db: Db,
  ctx: SiteContext,
  ranking: RankingSource,
  id: number,
  now: Date,
): Promise<ArticlePageData | null> => {
  const row = await findPublishedArticleRow(db, id, now.getTime());
  const section = row && ctx.sections.byId.get(row.section_id);
  if (!row || !section || row.published_at === null) return null;
  const [bylines, tags] = await Promise.all([bylineRowsForArticle(db, id), tagRowsForArticle(db, id)]);
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
    bylines,
    tags: tags.map((t) => t.tag),
    mainPhoto: photoOf(row),
    status: 'published',
    createdAt: new Date(row.created_at),
    firstPublishedAt,
    publishedAt: new Date(row.published_at),
    updatedAt: row.updated_at === null ? null : new Date(row.updated_at),
    modifiedAt: new Date(row.modified_at),
  };
  const boxSection = topLevelOf(ctx.sections, section);
  const mediaIds = article.body.flatMap((b) => (b.type === 'image' ? [b.mediaId] : []));
  const mediaRows = await findMediaRows(db, [...new Set(mediaIds)]);
  return {
    bodyMedia: new Map(mediaRows.map((m) => [m.id, { mediaId: m.id, hash: m.hash, width: m.width, height: m.height }])),
    article,
    canonicalPath: articlePath(ctx, section, firstPublishedAt, id),
    boxSection,
    topInSection: await topArticlesInSection(db, ctx, ranking, boxSection, id, now),
    accessRanking: await accessRankingBox(db, ctx, ranking, now),
    corrections: await correctionsFor(db, id),
  };
};

/** Ids of the most-read articles, asked window first, then longer windows. */
const mostRead = (ranking: RankingSource, sectionId: number | null, limit: number): number[][] =>
  fallbackWindows(DEFAULT_WINDOW).map((w) => ranking.top(w, sectionId, limit).map((e) => e.articleId));

/** Summaries for ids, in the order given; ids no longer visible drop out. */
const summariesInOrder = async (db: Db, ctx: SiteContext, ids: number[], now: Date): Promise<ArticleSummary[]> => {
  const byId = new Map(toSummaries(ctx, await summaryRowsByIds(db, ids, now.getTime())).map((s) => [s.id, s]));
  return ids.map((id) => byId.get(id)).filter((s): s is ArticleSummary => s !== undefined);
};

/** Most read site-wide in 24 hours; then in 7 days; then the latest: never empty while anything is published. */
export const accessRankingBox = async (
  db: Db,
  ctx: SiteContext,
  ranking: RankingSource,
  now: Date,
  count = ACCESS_RANKING_COUNT,
): Promise<ArticleSummary[]> => {
  const latest = toSummaries(ctx, await latestPublishedRows(db, { now: now.getTime(), limit: count }));
  const ids = fillBox(count, [...mostRead(ranking, null, count), latest.map((s) => s.id)]);
  return summariesInOrder(db, ctx, ids, now);
};

/**
 * Editor-pinned first, then the most read in the section (24 hours, then 7 days), then the latest of the
 * section and its subsections; never the article itself.
 */
export const topArticlesInSection = async (
  db: Db,
  ctx: SiteContext,
  ranking: RankingSource,
  section: Section,
  excludeId: number | null,
  now: Date,
): Promise<ArticleSummary[]> => {
  const pinned = toSummaries(ctx, await pinnedRows(db, section.id, now.getTime())).map((s) => s.id);
  const latest = toSummaries(
    ctx,
    await latestPublishedRows(db, {
      now: now.getTime(),
      sectionIds: sectionFamilyIds(ctx.sections, section),
      limit: TOP_ARTICLES_COUNT * 2 + 1,
    }),
  ).map((s) => s.id);
  const exclude = new Set(excludeId === null ? [] : [excludeId]);
  const ids = fillBox(
    TOP_ARTICLES_COUNT,
    [pinned, ...mostRead(ranking, section.id, TOP_ARTICLES_COUNT + 1), latest],
    exclude,
  );
  return summariesInOrder(db, ctx, ids, now);
};

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
  const total = await countPublishedRows(db, { now: now.getTime(), sectionIds });
  const totalPages = Math.max(1, Math.ceil(total / FRONT_PAGE_SIZE));
  if (page > totalPages) return null;
  const rows = await latestPublishedRows(db, {
    now: now.getTime(),
    sectionIds,
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
  sections: { section: Section; articles: ArticleSummary[] }[];
}

/** Curated top stories (topped up with the latest when the desk has chosen fewer), then each section's latest. */
export const loadHomePage = async (db: Db, ctx: SiteContext, now: Date): Promise<HomePageData> => {
  const curated = toSummaries(ctx, await homeTopRows(db, now.getTime())).slice(0, HOME_TOP_COUNT);
  const topUp =
    curated.length < HOME_TOP_COUNT
      ? toSummaries(
          ctx,
          await latestPublishedRows(db, {
            now: now.getTime(),
            excludeIds: curated.map((c) => c.id),
            limit: HOME_TOP_COUNT - curated.length,
          }),
        )
      : [];
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
        }),
      ),
    })),
  );
  return { topStories, sections: sections.filter((s) => s.articles.length > 0) };
};
