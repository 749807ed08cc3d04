import { articlePath } from '../domain/article-path.js';
import { storedBody, bodyText } from '../domain/body.js';
import { parseStoredCustomFields } from '../domain/custom-fields.js';
import { publicationPagePath } from '../domain/publication-page.js';
import type { Db } from '../storage/database.js';
import { findArticleRow } from '../storage/repositories/article.repository.js';
import { postAuthorRows } from '../storage/repositories/content-api.repository.js';
import { homeTopIdRows } from '../storage/repositories/curation.repository.js';
import { feedTagRows } from '../storage/repositories/feed.repository.js';
import { findPageRow } from '../storage/repositories/page.repository.js';
import { liveTranslationRows } from '../storage/repositories/translation-link.repository.js';
import {
  ghostAuthor,
  ghostItemFields,
  plainTag,
  sectionTag,
  type ContentItem,
  type GhostObject,
} from './content-api-objects.js';
import { mainPhotoFromRow } from './main-photo-from-row.js';
import { contextOfEdition, type SiteContext } from './site-context.js';
import { translationGroups } from './translation-links.js';

/**
 * What a webhook's body says of a post or a page: the Content API's object (content-api-objects.ts) with its tags
 * and authors included, `plaintext`, and Ghost's `status`, which the Content API never shows (it shows only live
 * posts) but a webhook for an unpublished or scheduled post needs. `html` is not drawn: bodies are drawn by views,
 * which services may not import (docs/architecture/0022-webhooks.md).
 */

/** Ghost's statuses: ours that are not live or scheduled are drafts to Ghost. */
export const ghostStatus = (status: string | null): 'published' | 'scheduled' | 'draft' =>
  status === 'published' ? 'published' : status === 'scheduled' ? 'scheduled' : 'draft';

const withRelations = (item: ContentItem, status: string): GhostObject => ({
  ...item.fields,
  status: ghostStatus(status),
  plaintext: bodyText(item.body),
  html: null,
  tags: item.tags,
  primary_tag: item.tags[0] ?? null,
  authors: item.authors,
  primary_author: item.authors[0] ?? null,
});

/** The article as a webhook's post, whatever its status; null when it is gone (or its section is). */
export const webhookPostOf = async (db: Db, site: SiteContext, id: number, now: number): Promise<GhostObject | null> => {
  const row = await findArticleRow(db, id);
  if (!row) return null;
  const ctx = contextOfEdition(site, row.edition_id);
  const section = ctx.sections.byId.get(row.section_id);
  if (!section) return null;
  const [bylines, tagRows, topRows, translationRows] = await Promise.all([
    postAuthorRows(db, [id]),
    feedTagRows(db, [id]),
    homeTopIdRows(db),
    liveTranslationRows(db, [id], now),
  ]);
  const tags = [sectionTag(ctx, section)];
  for (const t of tagRows) {
    if (!tags.some((p) => p.slug === t.tag_slug)) tags.push(plainTag(ctx, t.tag, t.tag_slug));
  }
  const group = [...translationGroups(site, translationRows).values()].find((g) => g.some((m) => m.articleId === id));
  const firstPublished = row.first_published_at ?? row.published_at;
  const body = storedBody(row.body);
  const fields = ghostItemFields(ctx, {
    kind: 'article',
    id,
    slug: row.slug,
    title: row.headline,
    standfirst: row.standfirst,
    body,
    photo: mainPhotoFromRow(row),
    featured: topRows.some((r) => r.article_id === id),
    createdAt: row.created_at,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    // An article never published has no address yet; Ghost gives a draft's preview address, which we do not have.
    url: firstPublished === null ? '' : ctx.settings.baseUrl + articlePath(ctx, section, new Date(firstPublished), id),
    metaDescription: row.seo_description,
    language: ctx.settings.language,
    customFields: parseStoredCustomFields(row.custom_fields),
    translations: (group ?? [])
      .filter((m) => m.articleId !== id)
      .map((m) => ({ id: String(m.articleId), lang: m.language, url: ctx.settings.baseUrl + m.path })),
  });
  const authors = bylines.map((b) => ghostAuthor(ctx, b));
  return withRelations({ fields, body, tags, authors }, row.status);
};

/** The publication page as a webhook's page, whatever its status; null when it is gone. */
export const webhookPageOf = async (db: Db, site: SiteContext, id: number): Promise<GhostObject | null> => {
  const row = await findPageRow(db, id);
  if (!row) return null;
  const body = storedBody(row.body);
  const fields = ghostItemFields(site, {
    kind: 'page',
    id: row.id,
    slug: row.slug,
    title: row.title,
    standfirst: null,
    body,
    photo: mainPhotoFromRow(row),
    featured: false,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    updatedAt: row.modified_at,
    url: site.settings.baseUrl + publicationPagePath(row.slug),
    metaDescription: null,
    language: site.settings.language,
    customFields: {},
    translations: [],
  });
  return withRelations({ fields, body, tags: [], authors: [] }, row.status);
};
