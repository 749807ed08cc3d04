import { parseStoredCustomFields, serializeCustomFields } from '../domain/custom-fields.js';
import { readPageSnapshot } from '../domain/publication-page.js';
import { parseRevisionSnapshot } from '../domain/revision-snapshot.js';
import { tagSlug } from '../domain/tag.js';
import type { Db } from '../storage/database.js';
import { findMediaRows } from '../storage/repositories/media.repository.js';
import { authorProfileRows } from '../storage/repositories/content-api.repository.js';
import {
  articleRevisionBeforeRow,
  pageRevisionBeforeRow,
} from '../storage/repositories/webhook-previous.repository.js';
import type { GhostObject } from './content-api-objects.js';
import type { SiteContext } from './site-context.js';
import {
  webhookPageOf,
  webhookPostOf,
  type ArticleStateOf,
  type BodyHtml,
  type PageStateOf,
} from './webhook-payloads.js';

/**
 * Ghost's `previous` in a webhook's body: the fields a save changed, with the values they had before it. "Before"
 * is the revision kept before the current one (every save keeps one: revisions.ts), drawn into the same object
 * as `current` and compared field by field.
 */

/** The fields Ghost's `previous` names when they changed: the post's own attributes and its tags and authors. */
const COMPARED = [
  'title',
  'slug',
  'html',
  'plaintext',
  'custom_excerpt',
  'feature_image',
  'feature_image_alt',
  'feature_image_caption',
  'featured',
  'status',
  'visibility',
  'published_at',
  'updated_at',
  'meta_description',
  'custom_fields',
  'tags',
  'authors',
] as const;

/** The compared fields whose values differ, with their values in `before`. */
export const changedFields = (before: GhostObject, after: GhostObject): GhostObject => {
  const out: GhostObject = {};
  for (const name of COMPARED) {
    if (JSON.stringify(before[name] ?? null) !== JSON.stringify(after[name] ?? null)) out[name] = before[name] ?? null;
  }
  return out;
};

const photoOf = async (
  db: Db,
  photo: { mediaId: number; caption: string; credit: string | null; alt: string } | null,
) => {
  const [media] = photo ? await findMediaRows(db, [photo.mediaId]) : [];
  return {
    photo_media_id: photo?.mediaId ?? null,
    photo_caption: photo?.caption ?? null,
    photo_credit: photo?.credit ?? null,
    photo_alt: photo?.alt ?? null,
    photo_hash: media?.hash ?? null,
    photo_width: media?.width ?? null,
    photo_height: media?.height ?? null,
  };
};

/**
 * The article as the revision before its current one kept it; null for a first save or a copy that no longer reads.
 * What a revision does not keep (curation, translations, first publication) is today's.
 */
const articleBefore: ArticleStateOf = async (db, row) => {
  const kept = await articleRevisionBeforeRow(db, row.id, row.revision);
  const read = kept ? parseRevisionSnapshot(kept.snapshot) : null;
  if (!read?.ok) return null;
  const input = read.input;
  const [cards, photo] = await Promise.all([authorProfileRows(db, input.authorIds), photoOf(db, input.photo)]);
  const tags = new Map<string, string>();
  for (const tag of input.tags) if (!tags.has(tagSlug(tag))) tags.set(tagSlug(tag), tag);
  return {
    row: {
      ...row,
      ...photo,
      slug: input.slug,
      headline: input.headline,
      standfirst: input.standfirst,
      body: JSON.stringify(input.body),
      section_id: input.sectionId,
      status: input.status,
      seo_description: input.seoDescription ?? null,
      published_at: input.publishedAt?.getTime() ?? null,
      updated_at: input.updatedAt?.getTime() ?? null,
      custom_fields: input.customFields
        ? serializeCustomFields(input.customFields)
        : serializeCustomFields(parseStoredCustomFields(row.custom_fields)),
    },
    bylines: input.authorIds.flatMap((a) => cards.filter((c) => c.id === a)),
    tags: [...tags].map(([tag_slug, tag]) => ({ tag, tag_slug })),
  };
};

/** The page's row with the revision before the current one laid over it; null for a first save or a bad copy. */
const pageBefore: PageStateOf = async (db, row) => {
  const kept = await pageRevisionBeforeRow(db, row.id, row.revision);
  const read = kept ? readPageSnapshot(kept.snapshot) : null;
  if (!read?.ok) return null;
  const { slug, title, body, photo, status } = read.input;
  return { ...row, ...(await photoOf(db, photo)), slug, title, body: JSON.stringify(body), status };
};

/** The article as the revision before its current one kept it, as a webhook's post (null as articleBefore says). */
export const previousPostOf = (db: Db, site: SiteContext, id: number, now: number, html?: BodyHtml) =>
  webhookPostOf(db, site, id, now, html, articleBefore);

/** The page as the revision before its current one kept it, as a webhook's page (null as pageBefore says). */
export const previousPageOf = (db: Db, site: SiteContext, id: number, html?: BodyHtml) =>
  webhookPageOf(db, site, id, html, pageBefore);
