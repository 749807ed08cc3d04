import type { Article, ArticleSummary, MediaRef, Section } from '../domain/article.js';
import { articlePath } from '../domain/article-path.js';
import { storedBody } from '../domain/body.js';
import type { Correction } from '../domain/correction.js';
import type { RankingSource } from '../domain/ranking.js';
import { sectionFamilyIds, topLevelOf } from '../domain/section.js';
import type { Db } from '../storage/database.js';
import { authorFromRow } from './author-from-row.js';
import { findMediaRows } from '../storage/repositories/media.repository.js';
import { latestPublishedRows } from '../storage/repositories/article.repository.js';
import { articlePageRow } from '../storage/repositories/article-page.repository.js';
import { countPublishedRows, homeTopRows } from '../storage/repositories/front.repository.js';
import { loadArticleEnd, type ArticleEnd } from './article-end.js';
import { toCorrection } from './corrections.js';
import { mainPhotoFromRow } from './main-photo-from-row.js';
import { editionSummaries, toSummaries } from './article-summaries.js';
import { contextOfEdition, editionFilter, hasEditions, type SiteContext } from './site-context.js';
import { translationLinks, type TranslationLinks } from '../domain/translation-links.js';
import { parseStoredCustomFields } from '../domain/custom-fields.js';
import { translationGroupOf } from './translation-links.js';

import {
  accessRankingBox,
  directLists,
  without,
  TOP_ARTICLES_COUNT,
  type AccessRankingLoader,
  type SharedLists,
} from './boxes.js';

export { editionSummaries, toSummaries };

export const FRONT_PAGE_SIZE = 20;
export const HOME_SECTION_COUNT = 4;
const HOME_TOP_COUNT = 5;
/** The home page's Latest list. */
export const LATEST_COUNT = 10;

/** With the article's end: "Related" and "More in {Section}" (article-end.ts). */
export interface ArticlePageData extends ArticleEnd {
  article: Article;
  /** The edition it is in (its address's). */
  editionId: number;
  canonicalPath: string;
  /** The top-level section the "Top Articles in …" box speaks for. */
  boxSection: Section;
  topInSection: ArticleSummary[];
  /** The site-wide "{short name} ACCESS RANKING" box: most read in 24 hours, topped up as needed. */
  accessRanking: ArticleSummary[];
  /** Images the body refers to, by media id. */
  bodyMedia: Map<number, MediaRef>;
  corrections: Correction[];
  /** Its live translations or source and theirs (issue 13); null when it has none live. */
  translations: TranslationLinks | null;
  /**
   * When a member of its translation group goes live by the clock alone (epoch ms), after which the page links one
   * more edition; null when none will, and always on a site of one edition (nothing is asked there).
   */
  groupNextGoLive: number | null;
}

/**
 * Every query of an article page, in two rounds (record 0029): what the id alone decides (one statement for the
 * article with its bylines, tags, corrections and translation group; the site-wide box, shared), then what its body,
 * tags and section decide (images, when the body has any; the Related candidates through its tags; the section's
 * box and newest, shared by the section's pages once a second). On PostgreSQL each round costs one network wait, and
 * each statement a turn of the pool and a plan.
 */
export const loadArticlePage = async (
  db: Db,
  ctx: SiteContext,
  ranking: RankingSource,
  id: number,
  now: Date,
  /** The edition's ranking box; by default asked of the ranking, in the article's own edition. */
  rankingBox?: AccessRankingLoader,
  lists: (ctx: SiteContext) => SharedLists = (own) => directLists(db, own, ranking),
): Promise<ArticlePageData | null> => {
  const accessRanking = rankingBox ?? ((at: Date) => accessRankingBox(db, ctx, ranking, at));
  const [row, siteBox] = await Promise.all([
    // Links join articles of different editions: a site of one has none, and asks nothing about them.
    articlePageRow(db, id, now.getTime(), { groups: hasEditions(ctx) }),
    accessRanking(now),
  ]);
  // In another edition, the article is that edition's: the caller redirects to its address there.
  const own = row ? contextOfEdition(ctx, row.edition_id) : ctx;
  if (own !== ctx) return loadArticlePage(db, own, ranking, id, now, rankingBox, lists);
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
    bylines: row.bylines.map(authorFromRow),
    tags: row.tags,
    mainPhoto: mainPhotoFromRow(row),
    status: 'published',
    createdAt: new Date(row.created_at),
    firstPublishedAt,
    publishedAt: new Date(row.published_at),
    updatedAt: row.updated_at === null ? null : new Date(row.updated_at),
    modifiedAt: new Date(row.modified_at),
    customFields: parseStoredCustomFields(row.custom_fields),
  };
  const boxSection = topLevelOf(ctx.sections, section);
  const mediaIds = article.body.flatMap((b) => (b.type === 'image' ? [b.mediaId] : []));
  const shared = lists(ctx);
  const [mediaRows, sectionBox, end] = await Promise.all([
    findMediaRows(db, [...new Set(mediaIds)]),
    shared.sectionBox(boxSection, now),
    loadArticleEnd(db, ctx, article, now, editionSummaries, shared.newest),
  ]);
  const topInSection = without(sectionBox, id, TOP_ARTICLES_COUNT);
  return {
    bodyMedia: new Map(mediaRows.map((m) => [m.id, { mediaId: m.id, hash: m.hash, width: m.width, height: m.height }])),
    article,
    editionId: ctx.edition.id,
    canonicalPath: articlePath(ctx, section, firstPublishedAt, id),
    boxSection,
    topInSection,
    accessRanking: siteBox,
    corrections: row.corrections.map(toCorrection),
    translations: translationLinks(translationGroupOf(ctx, row.groupMembers), id),
    groupNextGoLive: row.groupNextGoLive,
    ...end,
  };
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
