import { articleStatusOf } from '../domain/article.js';
import { storedBody } from '../domain/body.js';
import type { ContentQuery } from '../domain/content-api-query.js';
import type { Db } from '../storage/database.js';
import {
  adminPageRows,
  adminPostIdBySlug,
  adminPostIdRows,
  adminPostRows,
  countAdminPostRows,
} from '../storage/repositories/admin-api.repository.js';
import type { ContentItem } from './content-api-objects.js';
import { mediaOfBodies, type ContentItems } from './content-api-posts.js';
import { pageFields } from './content-api-site.js';
import { loadPostItems, postAddress } from './post-items.js';
import type { SiteContext } from './site-context.js';

/**
 * Posts and pages as Ghost's Admin API shows them (issue 16; docs/architecture/0021-admin-api.md): the Content API's
 * objects (content-api-objects.ts), drafts and scheduled ones too, each with Ghost's `status` and with `updated_at`
 * the time of its last save, which a client sends back with an edit (the collision check reads it).
 */

/** Ghost's three states: anything not live or scheduled (a draft, one in review) is a draft to an integration. */
export const ghostStatusOf = (status: string): 'draft' | 'published' | 'scheduled' => {
  const s = articleStatusOf(status);
  return s === 'published' || s === 'scheduled' ? s : 'draft';
};

/** The last save as Ghost's Admin API gives `updated_at`: UTC to the millisecond, which an edit must send back. */
export const saveStamp = (modifiedAt: number): string => new Date(modifiedAt).toISOString();

/**
 * The articles `ids` names, in that order, as posts (post-items.ts), each with Ghost's status and its last save. One
 * never published has no address of its own yet: its `url` is its place in the newsroom, as Ghost's is a preview.
 */
const loadAdminPosts = (db: Db, ctx: SiteContext, ids: readonly number[], now: Date): Promise<ContentItem[]> =>
  loadPostItems(db, ctx, ids, now.getTime(), {
    rows: (some) => adminPostRows(db, some),
    url: (own, section, row) => postAddress(own, section, row) ?? `${own.settings.baseUrl}/newsroom/articles/${row.id}`,
    fields: (row) => ({ status: ghostStatusOf(row.status), updated_at: saveStamp(row.modified_at) }),
  });

/** One page of the Admin API's articles in the query's order, with how many the filter keeps in all. */
export const browseAdminPosts = async (
  db: Db,
  ctx: SiteContext,
  query: Pick<ContentQuery, 'limit' | 'page' | 'order' | 'filter'>,
  now: Date,
): Promise<ContentItems> => {
  const [total, idRows] = await Promise.all([
    countAdminPostRows(db, query.filter),
    adminPostIdRows(db, query.filter, query.order, query.limit, (query.page - 1) * query.limit),
  ]);
  const items = await loadAdminPosts(
    db,
    ctx,
    idRows.map((r) => r.id),
    now,
  );
  return { items, total, bodyMedia: await mediaOfBodies(db, items) };
};

/** The article with this id or slug, as the Admin API shows it; none when it has none such. */
export const readAdminPost = async (
  db: Db,
  ctx: SiteContext,
  ref: { id: number } | { slug: string },
  now: Date,
): Promise<ContentItems> => {
  const id = 'id' in ref ? ref.id : await adminPostIdBySlug(db, ref.slug);
  const items = id === undefined ? [] : await loadAdminPosts(db, ctx, [id], now);
  return { items, total: items.length, bodyMedia: await mediaOfBodies(db, items) };
};

/** Every page of the publication, drafts too, last saved first (then newest id). */
export const loadAdminPages = async (db: Db, ctx: SiteContext): Promise<ContentItem[]> =>
  (await adminPageRows(db)).map((row) => {
    const body = storedBody(row.body);
    const fields = pageFields(ctx, row, body);
    return {
      fields: {
        ...fields,
        // A page taken down keeps the time it first went live; Ghost's draft has none.
        published_at: row.status === 'published' ? fields.published_at : null,
        status: row.status === 'published' ? 'published' : 'draft',
        updated_at: saveStamp(row.modified_at),
      },
      body,
      tags: [],
      authors: [],
    };
  });
