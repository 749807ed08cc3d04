import { sql } from 'kysely';
import { z } from 'zod';
import type { ArticleStatus } from '../domain/article.js';
import { BodySchema, imageIdsOf, type Body } from '../domain/body.js';
import { markupBlocks, parseBodyMarkup, serializeBodyMarkup } from '../domain/body-markup.js';
import { instantFromZoned } from '../domain/dateline.js';
import { mediaUrl, variantName, variantWidths } from '../domain/media.js';
import { mergeFields, type MergeConflict } from '../domain/merge.js';
import { isSlug, slugify } from '../domain/slug.js';
import { decide, isWorkflowAction, type WorkflowAction } from '../domain/workflow.js';
import type { Db } from '../storage/database.js';
import { findArticleRow, revisionRows, tagRowsForArticle } from '../storage/repositories/article.repository.js';
import { bylineRowsForArticle } from '../storage/repositories/author.repository.js';
import { findMediaRows, recentMediaRows } from '../storage/repositories/media.repository.js';
import type { Account } from './accounts.js';
import { fieldErrorsOf, InvalidInput, WorkflowRefused, type FieldErrors } from './errors.js';
import { ArticleConflict, saveArticle, type ArticleInput } from './save-article.js';
import type { SiteContext } from './site-context.js';
import { parseRowId } from '../domain/ids.js';

/** The editor form exactly as typed: every value a string, so it can be shown again unchanged. */
export interface ArticleFormValues {
  headline: string;
  standfirst: string;
  body: string;
  section: string;
  authors: string;
  tags: string;
  slug: string;
  seoDescription: string;
  /** The main photo's media id: from the stored article, or from an upload kept across a failed save. */
  photoMediaId: string;
  photoCaption: string;
  photoCredit: string;
  photoAlt: string;
  significant: string;
  scheduleAt: string;
  note: string;
  revision: string;
}

export const emptyForm = (): ArticleFormValues => ({
  headline: '', standfirst: '', body: '', section: '', authors: '', tags: '', slug: '', seoDescription: '',
  photoMediaId: '', photoCaption: '', photoCredit: '', photoAlt: '', significant: '', scheduleAt: '', note: '', revision: '',
});

const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** Takes whatever a form post carried and keeps only our fields, as strings. */
export const formValuesOf = (body: unknown): ArticleFormValues => {
  const src = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out = emptyForm();
  for (const key of Object.keys(out) as (keyof ArticleFormValues)[]) out[key] = str(src[key]).slice(0, 300_000);
  return out;
};

/** Library ids of the images a body (as markup) places, for previews and checks. */
export const bodyImageIds = (markup: string): number[] => imageIdsOf(parseBodyMarkup(markup));

/** Adds an image block at the end of a body typed as markup (the no-JavaScript editor's way to place one). */
export const appendBodyImage = (markup: string, image: { mediaId: number; alt: string; caption: string; credit: string }): string => {
  const block = serializeBodyMarkup([{
    type: 'image', mediaId: image.mediaId, alt: image.alt.trim(),
    ...(image.caption.trim() ? { caption: image.caption.trim() } : {}),
    ...(image.credit.trim() ? { credit: image.credit.trim() } : {}),
  }]);
  return markup.trim() === '' ? block : `${markup.trimEnd()}\n\n${block}`;
};

const previewOf = (m: { id: number; hash: string; width: number }): string =>
  mediaUrl(m.id, m.hash, variantName(variantWidths(m.width)[0]!, 'jpg'));

/** The smallest JPEG variant of each image that exists, by id: what the editor shows as a preview. */
export const previewUrls = async (db: Db, ids: number[]): Promise<Map<number, string>> =>
  new Map((await findMediaRows(db, ids)).map((m) => [m.id, previewOf(m)]));

export interface LibraryImage {
  id: number;
  preview: string;
  width: number;
  height: number;
  uploadedAt: Date;
}

/** One page of the image library, newest first, and whether older images follow. */
export const imageLibraryPage = async (db: Db, page: number, size: number): Promise<{ images: LibraryImage[]; hasOlder: boolean }> => {
  const rows = await recentMediaRows(db, size + 1, (page - 1) * size);
  return {
    images: rows.slice(0, size).map((m) => ({ id: m.id, preview: previewOf(m), width: m.width, height: m.height, uploadedAt: new Date(m.created_at) })),
    hasOlder: rows.length > size,
  };
};

const list = (s: string) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0);

const FieldsSchema = z.object({
  headline: z.string().trim().min(1, 'Write a headline.').max(300, 'Keep the headline under 300 characters.'),
  standfirst: z.string().trim().max(600, 'Keep the standfirst under 600 characters.'),
  slug: z.string().trim().max(80, 'Keep the slug under 80 characters.')
    .refine((s) => s === '' || isSlug(s), 'Use lower-case letters, digits and dashes.'),
  seoDescription: z.string().trim().max(300, 'Keep the description under 300 characters.'),
  note: z.string().trim().max(2000, 'Keep the note under 2,000 characters.'),
});

export interface EditableArticle {
  id: number | null;
  status: ArticleStatus | null;
  revision: number | null;
  createdBy: number | null;
  reviewNote: string | null;
  publishedAt: Date | null;
  /** Dates the public URL; null until the article first goes live. */
  firstPublishedAt: Date | null;
  updatedAt: Date | null;
  photo: ArticleInput['photo'];
  values: ArticleFormValues;
}

/** An article as the editor form shows it. */
export const loadEditable = async (db: Db, ctx: SiteContext, id: number): Promise<EditableArticle | null> => {
  const row = await findArticleRow(db, id);
  if (!row) return null;
  const [bylines, tags] = await Promise.all([bylineRowsForArticle(db, id), tagRowsForArticle(db, id)]);
  const body = BodySchema.safeParse(JSON.parse(row.body));
  const section = ctx.sections.byId.get(row.section_id);
  return {
    id,
    status: row.status as ArticleStatus,
    revision: row.revision,
    createdBy: row.created_by,
    reviewNote: row.review_note,
    publishedAt: row.published_at === null ? null : new Date(row.published_at),
    firstPublishedAt: row.first_published_at === null ? null : new Date(row.first_published_at),
    updatedAt: row.updated_at === null ? null : new Date(row.updated_at),
    photo: row.photo_media_id === null ? null : {
      mediaId: row.photo_media_id, caption: row.photo_caption ?? '', credit: row.photo_credit, alt: row.photo_alt ?? '',
    },
    values: {
      ...emptyForm(),
      headline: row.headline,
      standfirst: row.standfirst ?? '',
      body: serializeBodyMarkup(body.success ? body.data : []),
      section: section?.slug ?? '',
      authors: bylines.map((b) => b.slug).join(', '),
      tags: tags.map((t) => t.tag).join(', '),
      slug: row.slug,
      seoDescription: row.seo_description ?? '',
      photoMediaId: row.photo_media_id === null ? '' : String(row.photo_media_id),
      photoCaption: row.photo_caption ?? '',
      photoCredit: row.photo_credit ?? '',
      photoAlt: row.photo_alt ?? '',
      revision: String(row.revision),
    },
  };
};

/** The fields two people's edits are merged over; the rest of the form (schedule, note…) is the saver's. */
export const MERGED_FIELDS = [
  'headline', 'standfirst', 'body', 'section', 'authors', 'tags', 'slug', 'seoDescription',
  'photoMediaId', 'photoCaption', 'photoCredit', 'photoAlt',
] as const;
export type MergedField = (typeof MERGED_FIELDS)[number];

export interface ConflictView {
  /** Who saved meanwhile, and when. */
  by: string | null;
  at: Date;
  /** Their changes already merged into the form. */
  fromTheirs: MergedField[];
  /** What both changed differently: the form keeps the saver's version; theirs is shown to copy from. */
  conflicts: { field: MergedField; mine: string; theirs: string; parts: MergeConflict[] }[];
  /** The saver's own version, for taking over. */
  mine: ArticleFormValues;
}

const bodyBlocks = {
  field: 'body' as const,
  split: markupBlocks,
  join: (blocks: string[]) => blocks.join('\n\n'),
};

/**
 * Someone saved while this person edited: merges both edits over the revision this person started from
 * (the body block by block), so their changes are not lost and neither are these. Without that revision
 * every differing field counts as a conflict.
 */
export const mergeAfterConflict = async (
  db: Db, ctx: SiteContext, conflict: ArticleConflict, mine: ArticleFormValues,
): Promise<{ values: ArticleFormValues; view: ConflictView }> => {
  const [current, history] = await Promise.all([loadEditable(db, ctx, conflict.articleId), revisionRows(db, conflict.articleId)]);
  const theirs = current!.values;
  const started = history.find((r) => String(r.revision) === mine.revision);
  const base = started
    ? await formValuesOfInput(db, ctx, JSON.parse(started.snapshot) as ArticleInput)
    : Object.fromEntries(MERGED_FIELDS.map((f) => [f, '\u0000'])) as Record<MergedField, string>;
  const merged = mergeFields(base, mine, theirs, MERGED_FIELDS, [bodyBlocks]);
  const latest = history[0];
  return {
    values: { ...mine, ...merged.values, revision: String(conflict.currentRevision) },
    view: {
      by: latest?.saved_by_name ?? null, at: new Date(latest?.saved_at ?? Date.now()),
      fromTheirs: merged.fromTheirs, conflicts: merged.conflicts, mine,
    },
  };
};

/** The merged fields of a stored article version (a revision's snapshot) as the form spells them. */
const formValuesOfInput = async (db: Db, ctx: SiteContext, input: ArticleInput): Promise<Record<MergedField, string>> => {
  const authors = input.authorIds.length
    ? await db.selectFrom('author').select(['id', 'slug']).where('id', 'in', input.authorIds).execute() : [];
  const body = BodySchema.safeParse(input.body);
  return {
    headline: input.headline,
    standfirst: input.standfirst ?? '',
    body: serializeBodyMarkup(body.success ? body.data : []),
    section: ctx.sections.byId.get(input.sectionId)?.slug ?? '',
    authors: input.authorIds.flatMap((id) => authors.filter((a) => a.id === id).map((a) => a.slug)).join(', '),
    tags: input.tags.join(', '),
    slug: input.slug,
    seoDescription: input.seoDescription ?? '',
    photoMediaId: input.photo ? String(input.photo.mediaId) : '',
    photoCaption: input.photo?.caption ?? '',
    photoCredit: input.photo?.credit ?? '',
    photoAlt: input.photo?.alt ?? '',
  };
};

/**
 * Validates the form, checks the role and the workflow, and saves: one transaction, one new revision.
 * Throws InvalidInput (messages per field), WorkflowRefused, or ArticleConflict (someone saved meanwhile).
 */
export const saveFromNewsroom = async (
  db: Db, ctx: SiteContext, actor: Account, existing: EditableArticle | null, action: unknown,
  values: ArticleFormValues, now: Date,
): Promise<number> => {
  if (!isWorkflowAction(action)) throw new InvalidInput({ form: 'Choose what to do with the article.' });
  const decision = decide(actor.role, action as WorkflowAction, {
    status: existing?.status ?? null,
    ownedByActor: existing === null || existing.createdBy === actor.id,
  });
  if (!decision.ok) throw new WorkflowRefused(decision.reason === 'forbidden' ? 403 : 409, decision.message);

  const errors: FieldErrors = {};
  const fields = FieldsSchema.safeParse(values);
  if (!fields.success) Object.assign(errors, fieldErrorsOf(fields.error));
  const section = ctx.sections.bySlug.get(values.section);
  if (!section) errors.section = 'Choose a section.';
  let body: Body = [];
  try {
    body = BodySchema.parse(parseBodyMarkup(values.body));
  } catch {
    errors.body = 'The body could not be read; check links and lists.';
  }
  // The main photo and the body's images, looked up in one query.
  const photoId = parseRowId(values.photoMediaId);
  const placed = imageIdsOf(body);
  const found = new Set((await findMediaRows(db, photoId === null ? placed : [photoId, ...placed])).map((m) => m.id));
  const missing = placed.filter((m) => !found.has(m));
  if (missing.length > 0) {
    errors.body = `The body places ${missing.length === 1 ? 'an image' : 'images'} no longer in the library (media:${missing.join(', media:')}); remove ${missing.length === 1 ? 'it' : 'them'} or upload again.`;
  }
  const goesLive = decision.status === 'published' || decision.status === 'scheduled' || decision.status === 'in_review';
  if (goesLive && body.length === 0) errors.body = 'Write the article before it goes to review or is published.';
  const authorSlugs = list(values.authors);
  const authors = authorSlugs.length
    ? await db.selectFrom('author').select(['id', 'slug']).where('slug', 'in', authorSlugs).execute()
    : [];
  const unknown = authorSlugs.filter((s) => !authors.some((a) => a.slug === s));
  if (unknown.length) errors.authors = `No author called ${unknown.join(', ')}.`;
  const tags = list(values.tags.toLowerCase());
  if (tags.length > 20 || tags.some((t) => t.length > 40)) errors.tags = 'Use at most 20 tags of up to 40 characters.';
  let photoMediaId: number | null = null;
  if (values.photoMediaId !== '') {
    if (photoId === null || !found.has(photoId)) errors.photo = 'That photo is no longer available; upload it again.';
    else photoMediaId = photoId;
    if (values.photoAlt.trim() === '') errors.photoAlt = 'Describe the photo for readers who cannot see it.';
    if (values.photoAlt.length > 500) errors.photoAlt = 'Keep the alt text under 500 characters.';
    if (values.photoCaption.length > 1000) errors.photoCaption = 'Keep the caption under 1,000 characters.';
  }

  let publishedAt = existing?.publishedAt ?? null;
  if (action === 'schedule') {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(values.scheduleAt);
    const at = m ? instantFromZoned({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]! }, ctx.settings.timeZone) : null;
    if (!at || Number.isNaN(at.getTime())) errors.scheduleAt = `Give a date and time (${ctx.settings.timeZoneLabel}).`;
    else if (at.getTime() <= now.getTime()) errors.scheduleAt = 'Choose a time in the future.';
    else publishedAt = at;
  }
  if (action === 'send-back' && values.note.trim() === '') errors.note = 'Tell the writer what to change.';
  if (Object.keys(errors).length > 0) throw new InvalidInput(errors);

  if (action === 'publish' && (existing?.status === 'scheduled' || publishedAt === null)) publishedAt = now;
  const wasLive = existing?.status === 'published';
  // Readers see "Updated" only when an editor calls a change to a live article significant.
  const updatedAt = wasLive && values.significant === 'on' ? now : (existing?.updatedAt ?? null);
  const expectedRevision = existing ? Number(values.revision) : undefined;
  if (existing && !Number.isInteger(expectedRevision)) throw new InvalidInput({ form: 'The form is missing its revision; reload the article.' });

  const f = fields.data!;
  const id = await saveArticle(db, existing?.id ?? null, {
    slug: f.slug || slugify(f.headline),
    headline: f.headline,
    standfirst: f.standfirst || null,
    body,
    sectionId: section!.id,
    authorIds: authorSlugs.map((s) => authors.find((a) => a.slug === s)!.id),
    tags,
    photo: photoMediaId === null
      ? null
      : { mediaId: photoMediaId, caption: values.photoCaption.trim(), credit: values.photoCredit.trim() || null, alt: values.photoAlt.trim() },
    status: decision.status,
    publishedAt,
    updatedAt,
    seoDescription: f.seoDescription || null,
    createdBy: existing ? existing.createdBy : actor.id,
    // The note stays while the writer works on it, and goes once the article moves on.
    reviewNote: action === 'send-back' ? f.note : action === 'save' ? (existing?.reviewNote ?? null) : null,
  }, now, { ...(expectedRevision !== undefined ? { expectedRevision } : {}), savedBy: actor.id });
  return id;
};

/** Drafts, reviews and the rest, newest change first, for the newsroom's lists. */
export const listNewsroomArticles = (
  db: Db, opts: { status?: ArticleStatus; createdBy?: number; search?: string; limit: number; offset?: number },
) => {
  let q = db
    .selectFrom('article')
    .leftJoin('user_account', 'user_account.id', 'article.created_by')
    .select(['article.id', 'article.headline', 'article.status', 'article.modified_at', 'article.published_at',
      'article.section_id', 'user_account.name as created_by_name'])
    .orderBy('article.modified_at', 'desc')
    .orderBy('article.id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset ?? 0);
  if (opts.status) q = q.where('article.status', '=', opts.status);
  if (opts.createdBy !== undefined) q = q.where('article.created_by', '=', opts.createdBy);
  for (const word of searchWords(opts.search ?? '')) {
    // Every word somewhere in the headline, in any case; % and _ typed by the person are literal.
    q = q.where(sql<boolean>`lower(${sql.ref('article.headline')}) like ${`%${word.replace(/[\\%_]/g, '\\$&')}%`} escape '\\'`);
  }
  return q.execute();
};

/** The words of a newsroom search, lower-cased; at most eight, each at most 60 characters. */
export const searchWords = (search: string): string[] =>
  search.toLowerCase().split(/\s+/).filter((w) => w.length > 0).slice(0, 8).map((w) => w.slice(0, 60));
