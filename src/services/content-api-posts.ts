import type { MediaRef } from '../domain/article.js';
import { articlePath } from '../domain/article-path.js';
import { imageIdsOf, storedBody } from '../domain/body.js';
import type { ContentQuery } from '../domain/content-api-query.js';
import { deniedBy } from '../domain/content-filter.js';
import { parseStoredCustomFields } from '../domain/custom-fields.js';
import type { TranslationMember } from '../domain/translation-links.js';
import type { Db } from '../storage/database.js';
import {
  countLivePostRows,
  livePostIdBySlug,
  livePostIdRows,
  livePostRows,
  postAuthorRows,
} from '../storage/repositories/content-api.repository.js';
import { liveTranslationRows } from '../storage/repositories/translation-link.repository.js';
import { homeTopIdRows } from '../storage/repositories/curation.repository.js';
import { feedTagRows } from '../storage/repositories/feed.repository.js';
import { findMediaRows } from '../storage/repositories/media.repository.js';
import { ghostAuthor, ghostItemFields, plainTag, sectionTag, type ContentItem } from './content-api-objects.js';
import { mainPhotoFromRow } from './main-photo-from-row.js';
import { contextOfEdition, type SiteContext } from './site-context.js';
import { translationGroups } from './translation-links.js';

/** Posts of the Content API with what their bodies show: `total` only for a browse. */
export interface ContentItems {
  items: ContentItem[];
  total: number;
  /** The images the bodies place, by media id, for drawing `html`. */
  bodyMedia: Map<number, MediaRef>;
}

const groupBy = <T extends { article_id: number }>(rows: readonly T[]): Map<number, T[]> => {
  const by = new Map<number, T[]>();
  for (const row of rows) by.set(row.article_id, [...(by.get(row.article_id) ?? []), row]);
  return by;
};

/** The images several bodies place, as the body renderer takes them. */
export const mediaOfBodies = async (db: Db, items: readonly ContentItem[]): Promise<Map<number, MediaRef>> => {
  const rows = await findMediaRows(db, [...new Set(items.flatMap((i) => imageIdsOf(i.body)))]);
  return new Map(rows.map((m) => [m.id, { mediaId: m.id, hash: m.hash, width: m.width, height: m.height }]));
};

/**
 * The live articles `ids` names, in that order, as posts: the section first among the tags (Ghost's primary_tag),
 * bylines as authors, `featured` for the home page's curated top stories. Each is addressed and named as its own
 * edition does; one no longer live meanwhile is left out.
 */
const loadPosts = async (db: Db, ctx: SiteContext, ids: readonly number[], now: number): Promise<ContentItem[]> => {
  const [rows, bylineRows, tagRows, topRows, translationRows] = await Promise.all([
    livePostRows(db, ids, now),
    postAuthorRows(db, ids),
    feedTagRows(db, [...ids]),
    homeTopIdRows(db),
    liveTranslationRows(db, ids, now),
  ]);
  const groupOf = new Map<number, TranslationMember[]>();
  for (const group of translationGroups(ctx, translationRows).values()) {
    for (const member of group) groupOf.set(member.articleId, group);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const bylines = groupBy(bylineRows);
  const tags = groupBy(tagRows);
  const top = new Set(topRows.map((r) => r.article_id));
  return ids.flatMap((id): ContentItem[] => {
    const row = byId.get(id);
    if (!row || row.published_at === null) return [];
    const own = contextOfEdition(ctx, row.edition_id);
    const section = own.sections.byId.get(row.section_id);
    if (!section) return [];
    const body = storedBody(row.body);
    const firstPublishedAt = new Date(row.first_published_at ?? row.published_at);
    const postTags = [sectionTag(own, section)];
    for (const t of tags.get(id) ?? []) {
      // A tag spelled as the section's slug is that section, once.
      if (!postTags.some((p) => p.slug === t.tag_slug)) postTags.push(plainTag(own, t.tag, t.tag_slug));
    }
    return [
      {
        fields: ghostItemFields(own, {
          kind: 'article',
          id,
          slug: row.slug,
          title: row.headline,
          standfirst: row.standfirst,
          body,
          photo: mainPhotoFromRow(row),
          featured: top.has(id),
          createdAt: row.created_at,
          publishedAt: row.published_at,
          updatedAt: row.updated_at,
          url: own.settings.baseUrl + articlePath(own, section, firstPublishedAt, id),
          metaDescription: row.seo_description,
          language: own.settings.language,
          customFields: parseStoredCustomFields(row.custom_fields),
          // The other live members of its translation group, each at its own edition's address.
          translations: (groupOf.get(id) ?? [])
            .filter((m) => m.articleId !== id)
            .map((m) => ({ id: String(m.articleId), lang: m.language, url: own.settings.baseUrl + m.path })),
        }),
        body,
        tags: postTags,
        authors: (bylines.get(id) ?? []).map((b) => ghostAuthor(own, b)),
      },
    ];
  });
};

/** A page of posts as ids, before anything else is read: the page's ids in order and how many posts match in all. */
export interface ContentPostPage {
  ids: number[];
  total: number;
}

/**
 * One page of the live articles the query's filter keeps, as ids in its order, with how many there are in all.
 * `allLive` tells how many live articles there are (the caller may know it already): a filter made only of
 * negations (domain/content-filter.ts deniedBy) is then counted as that less what it denies, an index look-up
 * rather than a count over the archive.
 */
export const pageOfContentPosts = async (
  db: Db,
  query: Pick<ContentQuery, 'limit' | 'page' | 'order' | 'filter'>,
  now: Date,
  allLive?: () => Promise<number>,
): Promise<ContentPostPage> => {
  const at = now.getTime();
  const denied = query.filter && allLive ? deniedBy(query.filter) : null;
  const count = async () =>
    denied && allLive
      ? (await allLive()) - (await countLivePostRows(db, at, denied))
      : countLivePostRows(db, at, query.filter);
  const [total, idRows] = await Promise.all([
    count(),
    livePostIdRows(db, at, query.filter, query.order, query.limit, (query.page - 1) * query.limit),
  ]);
  return { ids: idRows.map((r) => r.id), total };
};

/** How many live articles there are. */
export const countLivePosts = (db: Db, now: Date): Promise<number> => countLivePostRows(db, now.getTime(), null);

/** The id of the live article `ref` names (by id or slug); undefined when there is no such live article. */
export const contentPostIdOf = async (
  db: Db,
  ref: { id: number } | { slug: string },
  now: Date,
): Promise<number | undefined> => ('id' in ref ? ref.id : livePostIdBySlug(db, ref.slug, now.getTime()));

/** The live articles `ids` names, in that order, as posts with the images their bodies place; `total` is their number. */
export const loadContentPosts = async (
  db: Db,
  ctx: SiteContext,
  ids: readonly number[],
  now: Date,
): Promise<ContentItems> => {
  const items = ids.length === 0 ? [] : await loadPosts(db, ctx, ids, now.getTime());
  return { items, total: items.length, bodyMedia: await mediaOfBodies(db, items) };
};
