import type { MediaRef } from '../domain/article.js';
import { imageIdsOf } from '../domain/body.js';
import type { ContentQuery } from '../domain/content-api-query.js';
import { deniedBy } from '../domain/content-filter.js';
import type { Db } from '../storage/database.js';
import {
  countLivePostRows,
  livePostIdBySlug,
  livePostIdRows,
  livePostRows,
} from '../storage/repositories/content-api.repository.js';
import { findMediaRows } from '../storage/repositories/media.repository.js';
import type { ContentItem } from './content-api-objects.js';
import { loadPostItems, postAddress } from './post-items.js';
import type { SiteContext } from './site-context.js';

/** Posts of the Content API with what their bodies show: `total` only for a browse. */
export interface ContentItems {
  items: ContentItem[];
  total: number;
  /** The images the bodies place, by media id, for drawing `html`. */
  bodyMedia: Map<number, MediaRef>;
}

/** The images several bodies place, as the body renderer takes them. */
export const mediaOfBodies = async (db: Db, items: readonly ContentItem[]): Promise<Map<number, MediaRef>> => {
  const rows = await findMediaRows(db, [...new Set(items.flatMap((i) => imageIdsOf(i.body)))]);
  return new Map(rows.map((m) => [m.id, { mediaId: m.id, hash: m.hash, width: m.width, height: m.height }]));
};

/**
 * The live articles `ids` names, in that order, as posts (post-items.ts), each addressed and named as its own
 * edition does; one no longer live meanwhile is left out.
 */
const loadPosts = (db: Db, ctx: SiteContext, ids: readonly number[], now: number): Promise<ContentItem[]> =>
  loadPostItems(db, ctx, ids, now, {
    rows: (some) => livePostRows(db, some, now),
    url: (own, section, row) => (row.published_at === null ? null : postAddress(own, section, row)),
  });

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
