import type { MediaRef, Section } from '../domain/article.js';
import { articlePath } from '../domain/article-path.js';
import { storedBody, type Body } from '../domain/body.js';
import { FEED_SIZE, newestByFirstPublication, type FeedArticle } from '../domain/feed-items.js';
import { editionPath } from '../domain/edition.js';
import { authorPath, tagPath } from '../domain/listing-path.js';
import { sectionFamilyIds, sectionPath } from '../domain/section.js';
import type { Db } from '../storage/database.js';
import {
  feedArticleRows,
  feedAuthorRowBySlug,
  feedCandidateRows,
  feedTagNameBySlug,
  feedTagRows,
  type FeedFilter,
} from '../storage/repositories/feed.repository.js';
import { bylineRowsForArticles } from '../storage/repositories/author.repository.js';
import { findMediaRows } from '../storage/repositories/media.repository.js';
import { mainPhotoFromRow } from './main-photo-from-row.js';
import { contextOfEdition, editionFilter, type SiteContext } from './site-context.js';

/** What a feed follows; a section or subsection is found in the section tree by the caller. */
export type FeedScope =
  | { kind: 'site' }
  | { kind: 'section'; section: Section }
  | { kind: 'author'; slug: string }
  | { kind: 'tag'; slug: string };

/** An entry before its body is rendered (server/reader/feed-routes.ts renders it as the article page does). */
export interface FeedEntrySource extends Omit<FeedArticle, 'bodyHtml'> {
  body: Body;
}

export interface FeedSource {
  title: string;
  description: string;
  /** The page the feed follows: "/", "/politics/", "/author/mei-aoki/", "/tag/climate/". */
  path: string;
  entries: FeedEntrySource[];
  /** Images the bodies refer to, by media id. */
  bodyMedia: Map<number, MediaRef>;
}

const groupBy = <T extends { article_id: number }>(rows: T[]): Map<number, T[]> => {
  const by = new Map<number, T[]>();
  for (const row of rows) by.set(row.article_id, [...(by.get(row.article_id) ?? []), row]);
  return by;
};

/** What the feed is called and follows; null when its author or tag does not exist (or has no live article). */
const describeScope = async (
  db: Db,
  ctx: SiteContext,
  scope: FeedScope,
  now: number,
): Promise<{ title: string; description: string; path: string; filter: FeedFilter } | null> => {
  const site = ctx.settings.publicationName;
  // An edition's feeds follow its own articles (issue 13); a site of one edition asks as it always did.
  const editionId = editionFilter(ctx);
  const only = editionId === undefined ? {} : { editionId };
  switch (scope.kind) {
    case 'site':
      return {
        title: site,
        description: ctx.settings.tagline || site,
        path: ctx.edition.prefix,
        filter: { kind: 'site', ...only },
      };
    case 'section': {
      const { section } = scope;
      return {
        title: `${section.name} | ${site}`,
        description: ctx.labels.latestNewsFrom(section.name, site),
        path: sectionPath(ctx.sections, section),
        filter: { kind: 'sections', sectionIds: sectionFamilyIds(ctx.sections, section), ...only },
      };
    }
    case 'author': {
      const author = await feedAuthorRowBySlug(db, scope.slug);
      if (!author) return null;
      return {
        title: `${author.name} | ${site}`,
        description: `The latest articles by ${author.name} in ${site}.`,
        path: editionPath(ctx.edition, authorPath(author.slug)),
        filter: { kind: 'author', authorId: author.id, ...only },
      };
    }
    case 'tag': {
      const name = await feedTagNameBySlug(db, scope.slug, now);
      if (name === undefined) return null;
      return {
        title: `${name} | ${site}`,
        description: `The latest articles about ${name} in ${site}.`,
        path: editionPath(ctx.edition, tagPath(scope.slug)),
        filter: { kind: 'tag', tagSlug: scope.slug, ...only },
      };
    }
  }
};

/** How many articles the first walk reads by displayed time; each further walk reads four times as many. */
const FIRST_WALK = 4 * FEED_SIZE;

/** The ids of the FEED_SIZE newest articles by first publication, newest first (see newestByFirstPublication). */
const newestIds = async (db: Db, filter: FeedFilter, now: number): Promise<number[]> => {
  for (let take = FIRST_WALK; ; take *= 4) {
    const rows = await feedCandidateRows(db, filter, now, take);
    const picked = newestByFirstPublication(
      rows.flatMap((r) =>
        r.published_at === null
          ? []
          : [{ id: r.id, publishedAt: r.published_at, firstPublishedAt: r.first_published_at ?? r.published_at }],
      ),
      FEED_SIZE,
      rows.length < take,
    );
    if (picked) return picked;
  }
};

/**
 * The latest FEED_SIZE live articles a feed follows, with bylines, tags and the images their bodies show: four
 * queries (and rarely a longer walk) whatever the number of entries. Null when the feed's author or tag is unknown.
 */
export const loadFeed = async (db: Db, ctx: SiteContext, scope: FeedScope, now: Date): Promise<FeedSource | null> => {
  const described = await describeScope(db, ctx, scope, now.getTime());
  if (!described) return null;
  const ids = await newestIds(db, described.filter, now.getTime());
  const [articleRows, bylineRows, tagRows] = await Promise.all([
    feedArticleRows(db, ids),
    bylineRowsForArticles(db, ids),
    feedTagRows(db, ids),
  ]);
  const byId = new Map(articleRows.map((r) => [r.id, r]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const bylines = groupBy(bylineRows);
  const tags = groupBy(tagRows);
  const entries = rows.flatMap((row): FeedEntrySource[] => {
    // Every entry is addressed and named as its own edition does (a site of one edition has only the one).
    const own = contextOfEdition(ctx, row.edition_id);
    const section = own.sections.byId.get(row.section_id);
    if (!section || row.published_at === null) return [];
    const firstPublishedAt = new Date(row.first_published_at ?? row.published_at);
    return [
      {
        id: row.id,
        headline: row.headline,
        standfirst: row.standfirst,
        path: articlePath(own, section, firstPublishedAt, row.id),
        firstPublishedAt,
        updatedAt: row.updated_at === null ? null : new Date(row.updated_at),
        bylines: (bylines.get(row.id) ?? []).map((b) => ({ name: b.name, slug: b.slug })),
        section: { name: section.name, path: sectionPath(own.sections, section) },
        tags: (tags.get(row.id) ?? []).map((t) => ({ name: t.tag, slug: t.tag_slug })),
        mainPhoto: mainPhotoFromRow(row),
        // A body that no longer validates shows nothing rather than something unsafe, as on the article page.
        body: storedBody(row.body),
      },
    ];
  });
  const mediaIds = new Set(entries.flatMap((e) => e.body.flatMap((b) => (b.type === 'image' ? [b.mediaId] : []))));
  const mediaRows = await findMediaRows(db, [...mediaIds]);
  return {
    title: described.title,
    description: described.description,
    path: described.path,
    entries,
    bodyMedia: new Map(mediaRows.map((m) => [m.id, { mediaId: m.id, hash: m.hash, width: m.width, height: m.height }])),
  };
};
