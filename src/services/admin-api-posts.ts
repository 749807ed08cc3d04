import { articleStatusOf } from '../domain/article.js';
import { articlePath } from '../domain/article-path.js';
import { storedBody } from '../domain/body.js';
import type { ContentQuery } from '../domain/content-api-query.js';
import { parseStoredCustomFields } from '../domain/custom-fields.js';
import type { TranslationMember } from '../domain/translation-links.js';
import type { Db } from '../storage/database.js';
import {
  adminPageRows,
  adminPostIdBySlug,
  adminPostIdRows,
  adminPostRows,
  countAdminPostRows,
} from '../storage/repositories/admin-api.repository.js';
import { postAuthorRows } from '../storage/repositories/content-api.repository.js';
import { homeTopIdRows } from '../storage/repositories/curation.repository.js';
import { feedTagRows } from '../storage/repositories/feed.repository.js';
import { liveTranslationRows } from '../storage/repositories/translation-link.repository.js';
import { ghostAuthor, ghostItemFields, plainTag, sectionTag, type ContentItem } from './content-api-objects.js';
import { mediaOfBodies, type ContentItems } from './content-api-posts.js';
import { pageFields } from './content-api-site.js';
import { mainPhotoFromRow } from './main-photo-from-row.js';
import { contextOfEdition, type SiteContext } from './site-context.js';
import { translationGroups } from './translation-links.js';

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

const groupBy = <T extends { article_id: number }>(rows: readonly T[]): Map<number, T[]> => {
  const by = new Map<number, T[]>();
  for (const row of rows) by.set(row.article_id, [...(by.get(row.article_id) ?? []), row]);
  return by;
};

/**
 * The articles `ids` names, in that order: the section first among the tags, bylines as authors. One never
 * published has no address of its own yet: its `url` is its place in the newsroom, as Ghost's is a preview.
 */
const loadAdminPosts = async (db: Db, ctx: SiteContext, ids: readonly number[], now: Date): Promise<ContentItem[]> => {
  const [rows, bylineRows, tagRows, topRows, translationRows] = await Promise.all([
    adminPostRows(db, ids),
    postAuthorRows(db, ids),
    feedTagRows(db, [...ids]),
    homeTopIdRows(db),
    liveTranslationRows(db, ids, now.getTime()),
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
    if (!row) return [];
    const own = contextOfEdition(ctx, row.edition_id);
    const section = own.sections.byId.get(row.section_id);
    if (!section) return [];
    const body = storedBody(row.body);
    const dated = row.first_published_at ?? row.published_at;
    const postTags = [sectionTag(own, section)];
    for (const t of tags.get(id) ?? []) {
      if (!postTags.some((p) => p.slug === t.tag_slug)) postTags.push(plainTag(own, t.tag, t.tag_slug));
    }
    const fields = ghostItemFields(own, {
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
      url:
        own.settings.baseUrl +
        (dated === null ? `/newsroom/articles/${id}` : articlePath(own, section, new Date(dated), id)),
      metaDescription: row.seo_description,
      language: own.settings.language,
      customFields: parseStoredCustomFields(row.custom_fields),
      // The other live members of its translation group, as the Content API lists them; none for a draft.
      translations: (groupOf.get(id) ?? [])
        .filter((m) => m.articleId !== id)
        .map((m) => ({ id: String(m.articleId), lang: m.language, url: own.settings.baseUrl + m.path })),
    });
    return [
      {
        fields: { ...fields, status: ghostStatusOf(row.status), updated_at: saveStamp(row.modified_at) },
        body,
        tags: postTags,
        authors: (bylines.get(id) ?? []).map((b) => ghostAuthor(own, b)),
      },
    ];
  });
};

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
