import type { ArticleInput, ArticleStatus } from '../domain/article.js';
import { articleStatusOf } from '../domain/article.js';
import { storedBody, type Body } from '../domain/body.js';
import { parseStoredCustomFields } from '../domain/custom-fields.js';
import { slugify } from '../domain/slug.js';
import type { FieldDefinition } from '../plugins/contract.js';
import type { Db } from '../storage/database.js';
import { findArticleRow, tagRowsForArticle } from '../storage/repositories/article.repository.js';
import { bylineRowsForArticle } from '../storage/repositories/author.repository.js';
import { homeTopIdRows, replaceHomeTopRows } from '../storage/repositories/curation.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import {
  bodyFromHtml,
  bylinesOf,
  captionText,
  customFieldsOfPost,
  defaultSectionOf,
  editionOfPost,
  ourMediaOf,
  sectionAndTags,
  type GhostItem,
} from './admin-api-input.js';
import { MAX_CURATED } from './curation.js';
import { InvalidInput, NotFound } from './errors.js';
import { photoInputFromRow } from './main-photo-from-row.js';
import { ArticleConflict, saveArticleRevision } from './save-article.js';
import type { SiteContext } from './site-context.js';

/** Who saves and when: the integration (its API key) the request was signed by. */
export interface AdminSave {
  db: Db;
  ctx: SiteContext;
  keyId: string;
  now: Date;
  /** `?source=html`: the body comes as `html`. */
  sourceHtml: boolean;
  /** The plugins' custom fields (PluginRegistry.fields): their required ones are checked as the newsroom checks them. */
  fields?: readonly FieldDefinition[];
}

/** What a save did, for the hooks and the answer: the status before (null when new) and the converter's notes. */
export interface AdminSaved {
  id: number;
  before: string | null;
  notes: string[];
}

const LEXICAL =
  'Dateline keeps bodies as structured blocks, not Lexical or Mobiledoc: send the body as html with ?source=html.';

/**
 * The edit's stamp checked against the last save: the `updated_at` the client read names the revision it edited;
 * any other is a collision (our ArticleConflict, as the newsroom's editor meets it), never a silent overwrite.
 */
export const revisionEdited = (
  sent: string | null | undefined,
  row: { modified_at: number; revision: number },
  id: number,
) => {
  if (!sent)
    throw new InvalidInput({
      updated_at: 'Send the updated_at of the post you read: it guards against overwriting a newer save.',
    });
  const at = Date.parse(sent);
  if (Number.isNaN(at)) throw new InvalidInput({ updated_at: 'updated_at is not a date.' });
  if (at !== row.modified_at) throw new ArticleConflict(id, row.revision);
  return row.revision;
};

/** The body the request sends, if any: HTML converted with ?source=html; Lexical and Mobiledoc refused. */
export const bodyOfRequest = async (s: AdminSave, item: GhostItem): Promise<{ body: Body; notes: string[] } | null> => {
  if (s.sourceHtml && typeof item.html === 'string') return bodyFromHtml(s.db, item.html, s.ctx.settings.baseUrl);
  if (
    (item.lexical !== undefined && item.lexical !== null) ||
    (item.mobiledoc !== undefined && item.mobiledoc !== null)
  ) {
    throw new InvalidInput({ [item.lexical ? 'lexical' : 'mobiledoc']: LEXICAL });
  }
  return null;
};

/** A time sent, or undefined when none was; a sent one that is not a date is refused. */
const timeOf = (sent: string | null | undefined): Date | null | undefined => {
  if (sent === undefined) return undefined;
  if (sent === null) return null;
  const at = Date.parse(sent);
  if (Number.isNaN(at)) throw new InvalidInput({ published_at: 'published_at is not a date.' });
  return new Date(at);
};

/**
 * The status and publication time a request leads to, from Ghost's status and published_at. Ghost's "draft" of a
 * post in review keeps it in review (Ghost has no such state: it showed the client a draft); of a live one, takes it
 * off the site, as Ghost's unpublishing does.
 */
const scheduleOf = (
  item: GhostItem,
  before: ArticleStatus | null,
  publishedBefore: Date | null,
  now: Date,
): { status: ArticleStatus; publishedAt: Date | null } => {
  const sent = timeOf(item.published_at) ?? undefined;
  const wanted = item.status ?? (before === null ? 'draft' : ghostOf(before));
  if (wanted === 'draft') {
    return { status: before === 'in_review' ? 'in_review' : 'draft', publishedAt: publishedBefore };
  }
  if (wanted === 'scheduled') {
    const at = sent ?? publishedBefore;
    if (!at || at.getTime() <= now.getTime()) {
      throw new InvalidInput({ published_at: 'A scheduled post needs a published_at in the future.' });
    }
    return { status: 'scheduled', publishedAt: at };
  }
  const at = sent ?? (before === 'published' ? publishedBefore : null) ?? now;
  if (at.getTime() > now.getTime() + 60_000) {
    throw new InvalidInput({ published_at: 'A published_at in the future is a schedule: send status "scheduled".' });
  }
  return { status: 'published', publishedAt: at };
};

const ghostOf = (status: ArticleStatus): 'draft' | 'published' | 'scheduled' =>
  status === 'published' || status === 'scheduled' ? status : 'draft';

/** Adds (id null) or edits a post through the newsroom's own save path: one revision, by the integration. */
export const saveAdminPost = async (s: AdminSave, id: number | null, item: GhostItem): Promise<AdminSaved> => {
  const row = id === null ? undefined : await findArticleRow(s.db, id);
  if (id !== null && (!row || articleStatusOf(row.status) === 'unpublished'))
    throw new NotFound('Post', 'No such post.');
  const expectedRevision = row && id !== null ? revisionEdited(item.updated_at, row, id) : undefined;
  const ctx = editionOfPost(s.ctx, item.lang, row?.edition_id ?? null);
  const [bylines, tagRows] = row
    ? await Promise.all([bylineRowsForArticle(s.db, row.id), tagRowsForArticle(s.db, row.id)])
    : [[], []];

  const converted = await bodyOfRequest(s, item);
  const body = converted?.body ?? (row ? storedBody(row.body) : []);
  const title = (item.title ?? row?.headline ?? '').trim();
  if (title === '') throw new InvalidInput({ title: 'Give the post a title.' });
  if (title.length > 300) throw new InvalidInput({ title: 'Keep the title under 300 characters.' });
  const keptSection = row ? ctx.sections.byId.get(row.section_id) : undefined;
  const placed = item.tags
    ? sectionAndTags(ctx, item.tags, () => keptSection ?? defaultSectionOf(ctx))
    : { section: keptSection ?? defaultSectionOf(ctx), tags: tagRows.map((t) => t.tag) };
  const authorIds = item.authors ? await bylinesOf(s.db, item.authors) : bylines.map((b) => b.id);
  const photo = await featureImageOf(s, item, row ?? null);
  const before = row ? articleStatusOf(row.status) : null;
  const when = scheduleOf(item, before, row?.published_at == null ? null : new Date(row.published_at), s.now);
  if (when.status !== 'draft' && when.status !== 'in_review' && body.length === 0) {
    throw new InvalidInput({
      html: 'Write the post before it is published or scheduled (send html with ?source=html).',
    });
  }
  const slug = item.slug ? slugify(item.slug) : (row?.slug ?? slugify(title));
  if (slug === '') throw new InvalidInput({ slug: 'Use lower-case letters, digits and dashes.' });
  const standfirst =
    item.custom_excerpt === undefined ? (row?.standfirst ?? null) : item.custom_excerpt?.trim() || null;
  if (standfirst && standfirst.length > 600)
    throw new InvalidInput({ custom_excerpt: 'Keep it under 600 characters.' });
  const seo =
    item.meta_description === undefined ? (row?.seo_description ?? null) : item.meta_description?.trim() || null;
  const stored = row ? parseStoredCustomFields(row.custom_fields) : {};
  const customFields = customFieldsOfPost(s.fields ?? [], item.custom_fields, stored, when.status);

  const input: ArticleInput = {
    slug,
    headline: title,
    standfirst,
    body,
    sectionId: placed.section.id,
    authorIds,
    tags: placed.tags,
    photo,
    status: when.status,
    publishedAt: when.publishedAt,
    // Readers see "Updated" only when an editor calls a change significant, which an integration cannot.
    updatedAt: row?.updated_at == null ? null : new Date(row.updated_at),
    seoDescription: seo?.slice(0, 300) ?? null,
    createdBy: row ? row.created_by : null,
    reviewNote: row?.review_note ?? null,
    customFields,
  };
  if (item.featured === true) await roomOnHomePage(s.db, id);
  const saved = await saveArticleRevision(s.db, id, input, s.now, {
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    ...(row ? {} : { editionId: ctx.edition.id }),
    savedByKey: s.keyId,
    site: s.ctx,
  });
  if (item.featured !== undefined) await feature(s.db, saved.id, item.featured);
  return { id: saved.id, before, notes: converted?.notes ?? [] };
};

/**
 * A post's or a page's main photo: one of our library's images by its address; the stored one kept when none is
 * sent, and its caption and credit kept when the same image comes back with the caption we answered, or none.
 */
export const featureImageOf = async (
  s: AdminSave,
  item: GhostItem,
  row: {
    photo_media_id: number | null;
    photo_caption: string | null;
    photo_credit: string | null;
    photo_alt: string | null;
  } | null,
): Promise<ArticleInput['photo']> => {
  const kept = row ? photoInputFromRow(row) : null;
  if (item.feature_image === undefined) return kept;
  if (item.feature_image === null || item.feature_image === '') return null;
  const media = await ourMediaOf(s.db, item.feature_image, s.ctx.settings.baseUrl);
  if (!media)
    throw new InvalidInput({ feature_image: 'Upload the image to images/upload/ first and send the url it answered.' });
  const same = kept?.mediaId === media.id ? kept : null;
  const alt = (item.feature_image_alt ?? same?.alt ?? '').trim();
  if (alt === '')
    throw new InvalidInput({ feature_image_alt: 'Describe the feature image for readers who cannot see it.' });
  // The caption we answered ("caption (credit)") comes back unchanged from a client that edits something else.
  const sentCaption = item.feature_image_caption == null ? null : captionText(item.feature_image_caption);
  const ours = same ? [same.caption, same.credit ? `(${same.credit})` : ''].filter(Boolean).join(' ') : null;
  const keepCaption = sentCaption === null ? same !== null : sentCaption === ours;
  return {
    mediaId: media.id,
    caption: keepCaption && same ? same.caption : (sentCaption ?? ''),
    credit: keepCaption && same ? same.credit : null,
    alt: alt.slice(0, 500),
  };
};

/** Checked before the save, so a refusal writes nothing: the home page has room for one more top story. */
const roomOnHomePage = async (db: Db, id: number | null): Promise<void> => {
  const placed = (await homeTopIdRows(db)).map((r) => r.article_id);
  if ((id === null || !placed.includes(id)) && placed.length >= MAX_CURATED) {
    throw new InvalidInput({
      featured: `The home page holds ${MAX_CURATED} top stories: take one off in the newsroom first.`,
    });
  }
};

/** `featured` is the home page's curated top stories: added at the end, or taken off. */
const feature = async (db: Db, id: number, featured: boolean): Promise<void> => {
  const placed = (await homeTopIdRows(db)).map((r) => r.article_id);
  if (placed.includes(id) === featured) return;
  await db.transaction().execute(async (trx) => {
    await replaceHomeTopRows(trx, featured ? [...placed, id] : placed.filter((p) => p !== id));
    await bumpContentVersion(trx);
  });
};
