import { LISTS_KEY } from '../domain/surrogate-keys.js';
import type { ArticleInput, ArticleStatus } from '../domain/article.js';
import { bodyText } from '../domain/body.js';
import {
  parseStoredCustomFields,
  readCustomFields,
  serializeCustomFields,
  type CustomFieldValues,
  type CustomFieldsReading,
} from '../domain/custom-fields.js';
import { serializeRevisionSnapshot } from '../domain/revision-snapshot.js';
import type { Db } from '../storage/database.js';
import {
  findArticleRow,
  insertArticleRow,
  replaceTagRows,
  updateArticleRowAt,
} from '../storage/repositories/article.repository.js';
import { replaceBylineRows } from '../storage/repositories/author.repository.js';
import {
  insertRevisionRow,
  revisionMetaRow,
  rewriteAutosaveRow,
  type RevisionValues,
} from '../storage/repositories/revision.repository.js';
import { forgetRendersOfTranslationGroups } from '../storage/repositories/article-render.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { indexArticle } from '../storage/search/search-indexing.js';
import type { FieldDefinition } from '../plugins/contract.js';
import type { SiteContext } from './site-context.js';
import { queueNewTags } from './tag-webhooks.js';

const columns = (input: ArticleInput, now: number) => ({
  slug: input.slug,
  headline: input.headline,
  standfirst: input.standfirst,
  body: JSON.stringify(input.body),
  body_text: [input.headline, input.standfirst ?? '', bodyText(input.body)].join('\n'),
  section_id: input.sectionId,
  status: input.status,
  photo_media_id: input.photo?.mediaId ?? null,
  photo_caption: input.photo?.caption ?? null,
  photo_credit: input.photo?.credit ?? null,
  photo_alt: input.photo?.alt ?? null,
  seo_description: input.seoDescription ?? null,
  review_note: input.reviewNote ?? null,
  published_at: input.publishedAt?.getTime() ?? null,
  updated_at: input.updatedAt?.getTime() ?? null,
  modified_at: now,
});

/**
 * Creates (id null) or replaces an article with its bylines and tags, in one transaction, and moves the
 * content version so every process drops its cached pages.
 */
export const saveArticle = async (
  db: Db,
  id: number | null,
  input: ArticleInput,
  now = new Date(),
  opts: WriteOptions = {},
): Promise<number> => (await saveArticleRevision(db, id, input, now, opts)).id;

/** The article saved and the revision that save made. */
export interface SavedArticle {
  id: number;
  revision: number;
}

/** A write's result inside a transaction: also the status the article had before it (null when new). */
export interface WrittenArticle extends SavedArticle {
  statusBefore: string | null;
}

/** saveArticle, answering with the new revision too (the editor's autosave continues from it). */
export const saveArticleRevision = async (
  db: Db,
  id: number | null,
  input: ArticleInput,
  now: Date,
  opts: WriteOptions = {},
): Promise<SavedArticle> => {
  const written = await db.transaction().execute((trx) => writeArticleRevision(trx, id, input, now, opts));
  return { id: written.id, revision: written.revision };
};

/** Live, or scheduled to go live (its time shows on fronts once it passes). */
const readersCanSee = (status: string | null): boolean => status === 'published' || status === 'scheduled';

/** Someone saved the article since the editor loaded it: the caller shows both versions instead of overwriting. */
export class ArticleConflict extends Error {
  constructor(
    readonly articleId: number,
    readonly currentRevision: number,
  ) {
    super(`article ${articleId} has changed since revision you edited (now ${currentRevision})`);
  }
}

export interface WriteOptions {
  /** The revision the editor started from; a different current revision is a conflict. */
  expectedRevision?: number;
  /** The account saving, recorded with the revision. */
  savedBy?: number | null;
  /** The API key of the integration saving through the Admin API, recorded with the revision (Activity names it). */
  savedByKey?: string | null;
  /**
   * The editor saved by itself, not the person: a run of autosaves by one person keeps one revision row, the
   * newest, instead of one every 15 s. Every other save (Save, Submit, Publish, restore, merge) adds a row.
   */
  autosave?: boolean;
  /** The edition a new article is written into; the first edition's when absent. A save of an existing one keeps it. */
  editionId?: number;
  /**
   * The site the save speaks for: tags new to it are queued to `tag.added` webhooks in the save's transaction
   * (tag-webhooks.ts). Imports of many articles and the demo leave it out, as Ghost sends no webhooks for an import.
   */
  site?: SiteContext;
}

/**
 * The plugins' custom fields a save stores, read from what the caller was sent (`typed`, by field name, as the editor
 * form spells values) over the stored ones. The rule is the save's, whoever calls (the newsroom's form, the Admin
 * API): a required field must be filled once the article goes to review, is scheduled or published, or is saved
 * while live; a draft saves half-done.
 */
export const customFieldsOfSave = (
  fields: readonly FieldDefinition[],
  typed: Readonly<Record<string, string>>,
  stored: CustomFieldValues,
  status: ArticleStatus,
): CustomFieldsReading =>
  readCustomFields(fields, typed, stored, {
    requireFilled: status === 'in_review' || status === 'scheduled' || status === 'published',
  });

/** The body of saveArticle, for callers that already hold a transaction. Every save keeps a revision (see autosave). */
export const writeArticle = async (
  trx: Db,
  id: number | null,
  input: ArticleInput,
  now: Date,
  opts: WriteOptions = {},
): Promise<number> => (await writeArticleRevision(trx, id, input, now, opts)).id;

/** writeArticle, answering with the revision made and the status the article had before the write. */
export const writeArticleRevision = async (
  trx: Db,
  id: number | null,
  input: ArticleInput,
  now: Date,
  opts: WriteOptions = {},
): Promise<WrittenArticle> => {
  const values = columns(input, now.getTime());
  let articleId: number;
  let revision = 1;
  let statusBefore: string | null = null;
  // A save that names no custom fields (an importer's, the CLI's) keeps the stored ones; its revision records them.
  let customFields = input.customFields ?? {};
  if (id === null) {
    articleId = await insertArticleRow(trx, {
      ...values,
      custom_fields: serializeCustomFields(customFields),
      source_key: input.sourceKey ?? null,
      created_at: now.getTime(),
      created_by: input.createdBy ?? null,
      // Set when the article first goes live; a draft or a scheduled article has none yet.
      first_published_at: input.status === 'published' ? values.published_at : null,
      revision,
      ...(opts.editionId !== undefined ? { edition_id: opts.editionId } : {}),
    });
  } else {
    const existing = await findArticleRow(trx, id);
    if (!existing) throw new Error(`article ${id} does not exist`);
    if (opts.expectedRevision !== undefined && opts.expectedRevision !== existing.revision) {
      throw new ArticleConflict(id, existing.revision);
    }
    articleId = id;
    revision = existing.revision + 1;
    statusBefore = existing.status;
    customFields = input.customFields ?? parseStoredCustomFields(existing.custom_fields);
    const moved = await updateArticleRowAt(trx, id, existing.revision, {
      ...values,
      custom_fields: serializeCustomFields(customFields),
      first_published_at: existing.first_published_at ?? (input.status === 'published' ? values.published_at : null),
      revision,
    });
    // Another save committed between our read and our write: a conflict, never a clash of revision numbers.
    if (!moved) throw new ArticleConflict(id, (await findArticleRow(trx, id))?.revision ?? revision);
  }
  await replaceBylineRows(trx, articleId, input.authorIds);
  // Before the tags are written: a tag is new when no article, this one included, carries it yet.
  if (opts.site) await queueNewTags(trx, opts.site, input.tags, now);
  await replaceTagRows(trx, articleId, input.tags);
  await keepRevision(trx, articleId, revision, opts, {
    revision,
    saved_by: opts.savedBy ?? null,
    saved_by_key: opts.savedByKey ?? null,
    saved_at: now.getTime(),
    snapshot: serializeRevisionSnapshot({ ...input, customFields }),
    status: input.status,
  });
  // Every process drops its rendered pages when the version moves; a draft's save (every autosave) changes nothing
  // a reader can see, so only saves of articles that are, were or are about to be live move it.
  if (readersCanSee(statusBefore) || readersCanSee(input.status)) {
    await bumpContentVersion(trx, [LISTS_KEY]);
    // Its stored page is stale, and so are its group's: each links the group's live members at their addresses,
    // and this save may move its address (section, edition) or change whether it is live at all.
    await forgetRendersOfTranslationGroups(trx, [articleId]);
  }
  await indexArticle(trx, articleId);
  return { id: articleId, revision, statusBefore };
};

/**
 * Writes the save's revision row. An autosave that follows an autosave by the same person (nothing else saved
 * between: that row is the newest) rewrites that row under the new number. The article's revision counter still
 * moves on every save, autosaves included, so a save based on an earlier number remains a conflict; numbers an
 * autosave row has passed through are left as gaps in the list.
 */
const keepRevision = async (
  trx: Db,
  articleId: number,
  revision: number,
  opts: WriteOptions,
  values: RevisionValues,
): Promise<void> => {
  const previous = revision - 1;
  if (opts.autosave && typeof opts.savedBy === 'number' && previous > 0) {
    const latest = await revisionMetaRow(trx, articleId, previous);
    if (latest?.autosave === 1 && latest.saved_by === opts.savedBy) {
      // No row: another save renumbered it since this transaction read the article; theirs stands.
      if (await rewriteAutosaveRow(trx, articleId, previous, values)) return;
      throw new ArticleConflict(articleId, revision);
    }
  }
  await insertRevisionRow(trx, articleId, values, opts.autosave === true);
};
