import { z } from 'zod';
import { CoreBodySchema, imageIdsOf, type Body } from '../domain/body.js';
import { parseBodyMarkup, serializeBodyMarkup } from '../domain/body-markup.js';
import { parseRowId } from '../domain/ids.js';
import { slugify } from '../domain/slug.js';
import { pageSnapshot, type PageInput, type PageStatus, type PublicationPage } from '../domain/publication-page.js';
import type { Db } from '../storage/database.js';
import { findMediaRows } from '../storage/repositories/media.repository.js';
import {
  findPageRow,
  insertPageRevisionRow,
  insertPageRow,
  updatePageRow,
} from '../storage/repositories/page.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { fieldErrorsOf, InvalidInput, NotFound, type FieldErrors } from './errors.js';
import { pageSlugClash } from './publication-pages.js';
import { indexPages } from '../storage/search/search-indexing.js';

/** The page editor's form as typed: every value a string, so a refused save shows it again unchanged. */
export interface PageFormValues {
  title: string;
  slug: string;
  /** The body in its markup spelling, which the rich editor keeps in step. */
  body: string;
  photoMediaId: string;
  photoCaption: string;
  photoCredit: string;
  photoAlt: string;
  revision: string;
}

export const emptyPageForm = (): PageFormValues => ({
  title: '',
  slug: '',
  body: '',
  photoMediaId: '',
  photoCaption: '',
  photoCredit: '',
  photoAlt: '',
  revision: '',
});

const FORM_KEYS = Object.keys(emptyPageForm()) as (keyof PageFormValues)[];

/** Takes whatever a form post carried and keeps only the page's fields, as strings. */
export const pageFormValuesOf = (body: unknown): PageFormValues => {
  const given = new Map(body !== null && typeof body === 'object' ? Object.entries(body) : []);
  const out = emptyPageForm();
  for (const key of FORM_KEYS) {
    const v: unknown = given.get(key);
    out[key] = (typeof v === 'string' ? v : '').slice(0, 300_000);
  }
  return out;
};

/** A stored page as its form shows it. */
export const pageFormOf = (page: PublicationPage): PageFormValues => ({
  title: page.title,
  slug: page.slug,
  body: serializeBodyMarkup(page.body),
  photoMediaId: page.photo ? String(page.photo.mediaId) : '',
  photoCaption: page.photo?.caption ?? '',
  photoCredit: page.photo?.credit ?? '',
  photoAlt: page.photo?.alt ?? '',
  revision: String(page.revision),
});

/** What the editor's buttons ask for: keep the page as it is, put it live, or take it down to a draft. */
export const PAGE_ACTIONS = ['save', 'publish', 'unpublish'] as const;
export type PageAction = (typeof PAGE_ACTIONS)[number];

export const isPageAction = (v: unknown): v is PageAction =>
  typeof v === 'string' && (PAGE_ACTIONS as readonly string[]).includes(v);

/** Someone saved the page since this form was loaded; nothing was written. */
export class PageConflict extends Error {
  constructor(readonly pageId: number) {
    super(`page ${pageId} was saved by someone else meanwhile`);
  }
}

const FieldsSchema = z.object({
  title: z.string().trim().min(1, 'Give the page a title.').max(200, 'Keep the title under 200 characters.'),
  slug: z.string().trim().toLowerCase(),
});

const statusAfter = (action: PageAction, before: PageStatus | null): PageStatus =>
  action === 'publish' ? 'published' : action === 'unpublish' ? 'draft' : (before ?? 'draft');

/**
 * Checks what a page would become (its slug against sections, other pages and the router's words; the images it
 * places still in the library), collecting every refusal by field. Also used by a restore.
 */
export const pageInputProblems = async (db: Db, pageId: number | null, input: PageInput): Promise<FieldErrors> => {
  const errors: FieldErrors = {};
  const clash = await pageSlugClash(db, input.slug, pageId);
  if (clash) errors.slug = clash;
  const placed = imageIdsOf(input.body);
  const wanted = input.photo ? [input.photo.mediaId, ...placed] : placed;
  const found = new Set((await findMediaRows(db, wanted)).map((m) => m.id));
  const missing = placed.filter((id) => !found.has(id));
  if (missing.length > 0) {
    errors.body = `The body places images no longer in the library (media:${missing.join(', media:')}); remove them or upload again.`;
  }
  if (input.photo && !found.has(input.photo.mediaId))
    errors.photo = 'That photo is no longer available; upload it again.';
  if (input.status === 'published' && input.body.length === 0) errors.body = 'Write the page before it is published.';
  return errors;
};

export interface PageWriteOptions {
  now: Date;
  savedBy: number | null;
  /** The API key of the integration saving through the Admin API; recorded with the revision. */
  savedByKey?: string | null;
  expectedRevision?: number;
  footerPosition?: number | null;
}

/**
 * Writes a page and its new revision in one transaction and tells every process content changed. A save based on
 * an older revision than the stored one is a PageConflict; nothing is written.
 */
export const writePublicationPage = (
  db: Db,
  pageId: number | null,
  input: PageInput,
  opts: PageWriteOptions,
): Promise<{ id: number; revision: number }> =>
  db.transaction().execute((trx) => writePublicationPageIn(trx, pageId, input, opts));

/** writePublicationPage's work inside a transaction the caller holds (the demo's seeding writes in one). */
export const writePublicationPageIn = async (
  trx: Db,
  pageId: number | null,
  input: PageInput,
  opts: PageWriteOptions,
): Promise<{ id: number; revision: number }> => {
  const t = opts.now.getTime();
  const columns = {
    slug: input.slug,
    title: input.title,
    body: JSON.stringify(input.body),
    status: input.status,
    photo_media_id: input.photo?.mediaId ?? null,
    photo_caption: input.photo?.caption ?? null,
    photo_credit: input.photo?.credit ?? null,
    photo_alt: input.photo?.alt ?? null,
    modified_at: t,
  };
  let id: number;
  let revision: number;
  if (pageId === null) {
    id = await insertPageRow(trx, {
      ...columns,
      created_at: t,
      created_by: opts.savedBy,
      published_at: input.status === 'published' ? t : null,
      footer_position: opts.footerPosition ?? null,
    });
    revision = 1;
  } else {
    const current = await findPageRow(trx, pageId);
    if (!current) throw new NotFound('page', 'That page does not exist.');
    const expected = opts.expectedRevision ?? current.revision;
    if (expected !== current.revision) throw new PageConflict(pageId);
    // The first time it went live stays, through any number of unpublish and publish.
    const publishedAt = current.published_at ?? (input.status === 'published' ? t : null);
    if (!(await updatePageRow(trx, pageId, expected, { ...columns, published_at: publishedAt }))) {
      throw new PageConflict(pageId);
    }
    id = pageId;
    revision = expected + 1;
  }
  await insertPageRevisionRow(trx, {
    page_id: id,
    revision,
    saved_by: opts.savedBy,
    saved_by_key: opts.savedByKey ?? null,
    saved_at: t,
    snapshot: pageSnapshot(input),
    status: input.status,
  });
  await bumpContentVersion(trx);
  await indexPages(trx, [id]);
  return { id, revision };
};

/**
 * The newsroom's save: validates the form (every refusal by its field), then writes. `existing` is the stored page,
 * or null for a new one. Throws InvalidInput, PageConflict or NotFound.
 */
export const savePublicationPage = async (
  db: Db,
  actorId: number,
  existing: PublicationPage | null,
  requested: unknown,
  values: PageFormValues,
  now: Date,
): Promise<{ id: number; revision: number; status: PageInput['status']; slug: string; title: string }> => {
  if (!isPageAction(requested)) throw new InvalidInput({ form: 'Choose what to do with the page.' });
  const errors: FieldErrors = {};
  const fields = FieldsSchema.safeParse(values);
  if (!fields.success) Object.assign(errors, fieldErrorsOf(fields.error));
  let body: Body = [];
  try {
    body = CoreBodySchema.parse(parseBodyMarkup(values.body));
  } catch {
    errors.body = 'The body could not be read; check links and lists.';
  }
  let photo: PageInput['photo'] = null;
  if (values.photoMediaId !== '') {
    const mediaId = parseRowId(values.photoMediaId);
    if (mediaId === null) errors.photo = 'That photo is no longer available; upload it again.';
    if (values.photoAlt.trim() === '') errors.photoAlt = 'Describe the photo for readers who cannot see it.';
    else if (values.photoAlt.length > 500) errors.photoAlt = 'Keep the alt text under 500 characters.';
    if (values.photoCaption.length > 1000) errors.photoCaption = 'Keep the caption under 1,000 characters.';
    if (mediaId !== null) {
      photo = {
        mediaId,
        caption: values.photoCaption.trim(),
        credit: values.photoCredit.trim() || null,
        alt: values.photoAlt.trim(),
      };
    }
  }
  const input: PageInput = {
    title: fields.success ? fields.data.title : values.title,
    // Left empty, the address is made from the title, as an article's slug is from its headline.
    slug: fields.success ? fields.data.slug || slugify(fields.data.title) : values.slug,
    body,
    photo,
    status: statusAfter(requested, existing?.status ?? null),
  };
  // A field's own message (a bad title, an unreadable body) comes before what the lookups found.
  for (const [field, message] of Object.entries(await pageInputProblems(db, existing?.id ?? null, input))) {
    errors[field] ??= message;
  }
  if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
  const expectedRevision = existing ? Number(values.revision) : undefined;
  if (existing && !Number.isInteger(expectedRevision)) {
    throw new InvalidInput({ form: 'The form is missing its revision; reload the page.' });
  }
  const saved = await writePublicationPage(db, existing?.id ?? null, input, {
    now,
    savedBy: actorId,
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  });
  // What was stored, for the hooks plugins are told of (plugin-events.ts).
  return { ...saved, status: input.status, slug: input.slug, title: input.title };
};
