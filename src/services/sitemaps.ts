import { articlePath } from '../domain/article-path.js';
import { isoWithOffset } from '../domain/dateline.js';
import { editionPath } from '../domain/edition.js';
import { authorPath, tagPath } from '../domain/listing-path.js';
import { mediaUrl, variantName, variantWidths } from '../domain/media.js';
import { sectionPath } from '../domain/section.js';
import {
  articleFiles,
  monthBounds,
  NEWS_WINDOW_MS,
  newsSitemapXml,
  sitemapFileName,
  sitemapIndexXml,
  monthsSpanning,
  type MonthSummary,
  urlSetXml,
  type SitemapLimits,
  type SitemapName,
  type SitemapUrl,
  type YearMonth,
} from '../domain/sitemap.js';
import type { Db } from '../storage/database.js';
import {
  articleSitemapRows,
  authorSlugsWithLiveArticles,
  firstPublicationAtEnd,
  liveMonthSummaryRow,
  newsSitemapRows,
  tagSlugsWithLiveArticles,
  type ArticleSitemapRow,
} from '../storage/repositories/sitemap.repository.js';
import { contextOfEdition, editionFilter, hasEditions, type SiteContext } from './site-context.js';
import { translationLinks } from '../domain/translation-links.js';
import { liveGroupMemberRowsInRange } from '../storage/repositories/translation-link.repository.js';
import { translationGroups } from './translation-links.js';

/** A sitemap file and when what it lists last changed (its Last-Modified). */
export interface SitemapFile {
  xml: string;
  lastModified: number;
}

/** "Last significant update": the update an editor called significant, else the publication. */
const lastModifiedOf = (row: { published_at: number | null; updated_at: number | null }): number =>
  Math.max(row.published_at ?? 0, row.updated_at ?? 0);

/** A MAX() of a bigint column: a string from PostgreSQL, a number from SQLite, null over no rows. */
const toMs = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The latest change among rows; 0 for none. A loop: up to 50,000 rows would be too many arguments to spread. */
const newestChange = (rows: readonly { published_at: number | null; updated_at: number | null }[]): number =>
  rows.reduce((newest, row) => Math.max(newest, lastModifiedOf(row)), 0);

const fileUrl = (ctx: SiteContext, name: SitemapName): string =>
  `${ctx.settings.baseUrl}/sitemaps/${sitemapFileName(name)}`;

/**
 * The index: the pages file, one file per month of first publication (more past the URL limit), and the news
 * file. It is dated by the newest change among the articles; the pages file, which says nothing of dates, is
 * listed without one.
 */
export const buildSitemapIndex = async (
  db: Db,
  ctx: SiteContext,
  now: Date,
  limits: SitemapLimits,
): Promise<SitemapFile> => {
  const { timeZone } = ctx.settings;
  const t = now.getTime();
  const [first, last] = await Promise.all([firstPublicationAtEnd(db, 'first'), firstPublicationAtEnd(db, 'last')]);
  const months: MonthSummary[] = [];
  if (first !== null && last !== null) {
    for (const month of monthsSpanning(first, last, timeZone)) {
      const row = await liveMonthSummaryRow(db, { ...monthBounds(month, timeZone), now: t });
      const count = Number(row.count);
      if (count > 0) {
        const lastModified = lastModifiedOf({ published_at: toMs(row.published), updated_at: toMs(row.updated) });
        months.push({ month, count, lastModified });
      }
    }
  }
  const files = articleFiles(months, limits.urlsPerFile);
  const newest = Math.max(0, ...months.map((m) => m.lastModified));
  const xml = sitemapIndexXml([
    { loc: fileUrl(ctx, { kind: 'pages' }) },
    ...files.map((f) => ({ loc: fileUrl(ctx, f.name), lastmod: isoWithOffset(new Date(f.lastModified), timeZone) })),
    { loc: fileUrl(ctx, { kind: 'news' }) },
  ]);
  return { xml, lastModified: newest || now.getTime() };
};

/**
 * The reader pages that are not articles: home, every section and subsection, and the author and tag pages that
 * list something. Dated by when it was made: which authors and tags have live articles has no stored date.
 */
export const buildPagesSitemap = async (db: Db, ctx: SiteContext, now: Date): Promise<SitemapFile> => {
  const base = ctx.settings.baseUrl;
  // Each edition's author and tag pages list its own articles: those with one live there (issue 13).
  const listings = await Promise.all(
    ctx.editions.map(async (e) => {
      const [authors, tags] = await Promise.all([
        authorSlugsWithLiveArticles(db, now.getTime(), editionFilter(e)),
        tagSlugsWithLiveArticles(db, now.getTime(), editionFilter(e)),
      ]);
      return [
        ...authors.map((a) => ({ loc: base + editionPath(e.edition, authorPath(a.slug)) })),
        ...tags.map((t) => ({ loc: base + editionPath(e.edition, tagPath(t.tag_slug)) })),
      ];
    }),
  );
  // Every edition's home and section fronts (issue 13): one index for the site, whatever the language.
  const urls: SitemapUrl[] = [
    ...ctx.editions.flatMap((e) => [
      { loc: base + e.edition.prefix },
      ...e.sections.all.map((s) => ({ loc: base + sectionPath(e.sections, s) })),
    ]),
    ...listings.flat(),
  ];
  return { xml: urlSetXml(urls), lastModified: now.getTime() };
};

/** The address an article row is read at, or null when its section no longer exists (it has no page then). */
const articleUrl = (
  site: SiteContext,
  row: {
    id: number;
    section_id: number;
    edition_id: number;
    first_published_at: number | null;
    published_at: number | null;
  },
): string | null => {
  // At its address in its own edition.
  const ctx = contextOfEdition(site, row.edition_id);
  const section = ctx.sections.byId.get(row.section_id);
  if (!section) return null;
  const firstPublished = new Date(row.first_published_at ?? row.published_at!);
  return ctx.settings.baseUrl + articlePath(ctx, section, firstPublished, row.id);
};

/** The main photo's largest JPEG: the one every crawler can read. */
const photoUrl = (ctx: SiteContext, row: ArticleSitemapRow): string[] => {
  if (row.photo_media_id === null || row.photo_hash === null || row.photo_width === null) return [];
  const largest = variantWidths(row.photo_width).at(-1)!;
  return [ctx.settings.baseUrl + mediaUrl(row.photo_media_id, row.photo_hash, variantName(largest, 'jpg'))];
};

/**
 * The hreflang alternates of every article in a month's groups, by article id, as its page prints them (absolute):
 * the group's live members, the article itself included, and x-default. None on a site of one edition.
 */
const alternatesInMonth = async (
  db: Db,
  ctx: SiteContext,
  range: { from: number; to: number },
  now: Date,
): Promise<Map<number, SitemapUrl['alternates']>> => {
  const byArticle = new Map<number, SitemapUrl['alternates']>();
  if (!hasEditions(ctx)) return byArticle;
  const groups = translationGroups(ctx, await liveGroupMemberRowsInRange(db, range, now.getTime()));
  for (const members of groups.values()) {
    for (const member of members) {
      const links = translationLinks(members, member.articleId);
      if (links)
        byArticle.set(
          member.articleId,
          links.alternates.map((a) => ({ hreflang: a.hreflang, href: ctx.settings.baseUrl + a.href })),
        );
    }
  }
  return byArticle;
};

/**
 * One part of a month's articles, oldest first, each with its last significant update, main photo and, in a
 * translation group, its alternates; null when the month (or that part of it) has none, which is a 404.
 */
export const buildArticlesSitemap = async (
  db: Db,
  ctx: SiteContext,
  at: { month: YearMonth; part: number },
  now: Date,
  limits: SitemapLimits,
): Promise<SitemapFile | null> => {
  const { from, to } = monthBounds(at.month, ctx.settings.timeZone);
  const [rows, alternates] = await Promise.all([
    articleSitemapRows(db, {
      from,
      to,
      now: now.getTime(),
      limit: limits.urlsPerFile,
      offset: (at.part - 1) * limits.urlsPerFile,
    }),
    alternatesInMonth(db, ctx, { from, to }, now),
  ]);
  if (rows.length === 0) return null;
  const urls = rows.flatMap((row) => {
    const loc = articleUrl(ctx, row);
    if (!loc) return [];
    const lastmod = isoWithOffset(new Date(lastModifiedOf(row)), ctx.settings.timeZone);
    return [{ loc, lastmod, alternates: alternates.get(row.id), images: photoUrl(ctx, row) }];
  });
  return { xml: urlSetXml(urls), lastModified: newestChange(rows) };
};

/**
 * The Google News sitemap: live articles first published in the last 48 hours (and not dated earlier than that,
 * which Google would refuse), newest first, at most `limits.newsCap`.
 */
export const buildNewsSitemap = async (
  db: Db,
  ctx: SiteContext,
  now: Date,
  limits: SitemapLimits,
): Promise<SitemapFile> => {
  const { settings } = ctx;
  const rows = await newsSitemapRows(db, {
    since: now.getTime() - NEWS_WINDOW_MS,
    now: now.getTime(),
    limit: limits.newsCap,
    editionId: editionFilter(ctx),
  });
  const articles = rows.flatMap((row) => {
    const loc = articleUrl(ctx, row);
    if (!loc) return [];
    return [
      { loc, title: row.headline, publicationDate: isoWithOffset(new Date(row.published_at!), settings.timeZone) },
    ];
  });
  const xml = newsSitemapXml({ name: settings.publicationName, language: settings.language }, articles);
  return { xml, lastModified: newestChange(rows) || now.getTime() };
};
