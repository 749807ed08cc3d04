import { z } from 'zod';
import { bodyProblemOf, bodySchemaWith, imageIdsOf, type Body, type BodyBlockTypes } from '../domain/body.js';
import { parseBodyMarkup, pluginBlockProblem } from '../domain/body-markup.js';
import { typedCustomFields } from '../domain/custom-fields.js';
import { bylineProblem, readBylines } from '../domain/byline-names.js';
import { parseRowId } from '../domain/ids.js';
import { parseScheduleTime } from '../domain/schedule-time.js';
import { isSlug, slugify } from '../domain/slug.js';
import { decide, isWorkflowAction } from '../domain/workflow.js';
import type { FieldDefinition } from '../plugins/contract.js';
import type { Db } from '../storage/database.js';
import { listAuthorRows } from '../storage/repositories/author.repository.js';
import { findMediaRows } from '../storage/repositories/media.repository.js';
import type { Account } from './accounts.js';
import type { ArticleFormValues } from './article-form.js';
import { fieldErrorsOf, InvalidInput, WorkflowRefused, type FieldErrors } from './errors.js';
import type { EditableArticle } from './newsroom-articles.js';
import { customFieldsOfSave, saveArticleRevision, type SavedArticle } from './save-article.js';
import type { SiteContext } from './site-context.js';

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

const FieldsSchema = z.object({
  headline: z.string().trim().min(1, 'Write a headline.').max(300, 'Keep the headline under 300 characters.'),
  standfirst: z.string().trim().max(600, 'Keep the standfirst under 600 characters.'),
  slug: z
    .string()
    .trim()
    .max(80, 'Keep the slug under 80 characters.')
    .refine((s) => s === '' || isSlug(s), 'Use lower-case letters, digits and dashes.'),
  seoDescription: z.string().trim().max(300, 'Keep the description under 300 characters.'),
  note: z.string().trim().max(2000, 'Keep the note under 2,000 characters.'),
});

const imagesGone = (missing: number[]): string => {
  const one = missing.length === 1;
  return (
    `The body places ${one ? 'an image' : 'images'} no longer in the library (media:${missing.join(', media:')}); ` +
    `remove ${one ? 'it' : 'them'} or upload again.`
  );
};

/** What the editor's own timer sends: a Save of a draft, made without the person pressing it. */
const AUTOSAVE = 'autosave';

/**
 * Validates the form, checks the role and the workflow, and saves: one transaction, one new revision number,
 * which the answer carries (the editor's autosave continues from it). An autosave (action "autosave") saves
 * drafts only, never an article readers see or an editor reviews: those change on a person's Save, so anything
 * but a draft refuses it (409) and nothing is written. A run of autosaves by one person keeps one revision row.
 * `pluginFields` are the loaded plugins' custom fields (domain/custom-fields.ts), checked here and stored with the article;
 * `blockTypes` their body blocks (PluginRegistry.blocks), checked by their schemas (domain/body.ts bodySchemaWith).
 * Throws InvalidInput (messages per field), WorkflowRefused, or ArticleConflict (someone saved meanwhile).
 */
export const saveFromNewsroom = async (
  db: Db,
  ctx: SiteContext,
  actor: Account,
  existing: EditableArticle | null,
  requested: unknown,
  values: ArticleFormValues,
  now: Date,
  pluginFields: readonly FieldDefinition[] = [],
  blockTypes: BodyBlockTypes = new Map(),
): Promise<SavedArticle> => {
  const autosave = requested === AUTOSAVE;
  const action = autosave ? 'save' : requested;
  if (!isWorkflowAction(action)) throw new InvalidInput({ form: 'Choose what to do with the article.' });
  if (autosave && existing !== null && existing.status !== 'draft') {
    throw new WorkflowRefused(409, 'Only drafts are saved automatically: press Save to keep your changes.');
  }
  const decision = decide(actor.role, action, {
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
  // A removed plugin's blocks may stay as the article stored them (its markup spells them exactly).
  const kept = existing ? parseBodyMarkup(existing.values.body) : [];
  const read = bodySchemaWith(blockTypes, kept).safeParse(parseBodyMarkup(values.body));
  const unreadBlock = pluginBlockProblem(values.body);
  if (unreadBlock) errors.body = unreadBlock;
  else if (read.success) body = read.data;
  else errors.body = bodyProblemOf(read.error);
  // The main photo and the body's images, looked up in one query.
  const photoId = parseRowId(values.photoMediaId);
  const placed = imageIdsOf(body);
  const found = new Set((await findMediaRows(db, photoId === null ? placed : [photoId, ...placed])).map((m) => m.id));
  const missing = placed.filter((m) => !found.has(m));
  if (missing.length > 0) errors.body = imagesGone(missing);
  const goesLive =
    decision.status === 'published' || decision.status === 'scheduled' || decision.status === 'in_review';
  // A body that could not be read says why, rather than that it is empty.
  if (goesLive && body.length === 0 && !errors.body)
    errors.body = 'Write the article before it goes to review or is published.';
  // Plugins' custom fields, by the save's rule (required ones from review on, like the body).
  const custom = customFieldsOfSave(
    pluginFields,
    typedCustomFields(values),
    existing?.customFields ?? {},
    decision.status,
  );
  Object.assign(errors, custom.errors);
  // Bylines are names or slugs (byline-names.ts). A name typed twice is one byline, a tag typed twice (in any
  // case) one tag: each is stored once per article. A newsroom has hundreds of authors at most: all are read.
  const bylines = readBylines(values.authors, await listAuthorRows(db));
  if (!bylines.ok) errors.authors = bylineProblem(bylines);
  const tags = [...new Set(list(values.tags.toLowerCase()))];
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
    const read = parseScheduleTime(values.scheduleAt, ctx.settings.timeZone, ctx.settings.timeZoneLabel);
    if (!read.ok) errors.scheduleAt = read.message;
    else if (read.at.getTime() <= now.getTime()) errors.scheduleAt = 'Choose a time in the future.';
    else publishedAt = read.at;
  }
  if (action === 'send-back' && values.note.trim() === '') errors.note = 'Tell the writer what to change.';
  if (Object.keys(errors).length > 0 || !fields.success || !section) throw new InvalidInput(errors);

  if (action === 'publish' && (existing?.status === 'scheduled' || publishedAt === null)) publishedAt = now;
  const wasLive = existing?.status === 'published';
  // Readers see "Updated" only when an editor calls a change to a live article significant.
  const updatedAt = wasLive && values.significant === 'on' ? now : (existing?.updatedAt ?? null);
  const expectedRevision = existing ? Number(values.revision) : undefined;
  if (existing && !Number.isInteger(expectedRevision)) {
    throw new InvalidInput({ form: 'The form is missing its revision; reload the article.' });
  }

  const f = fields.data;
  return saveArticleRevision(
    db,
    existing?.id ?? null,
    {
      slug: f.slug || slugify(f.headline),
      headline: f.headline,
      standfirst: f.standfirst || null,
      body,
      sectionId: section.id,
      authorIds: bylines.ok ? bylines.ids : [],
      tags,
      photo:
        photoMediaId === null
          ? null
          : {
              mediaId: photoMediaId,
              caption: values.photoCaption.trim(),
              credit: values.photoCredit.trim() || null,
              alt: values.photoAlt.trim(),
            },
      status: decision.status,
      publishedAt,
      updatedAt,
      seoDescription: f.seoDescription || null,
      createdBy: existing ? existing.createdBy : actor.id,
      // The note stays while the writer works on it, and goes once the article moves on.
      reviewNote: action === 'send-back' ? f.note : action === 'save' ? (existing?.reviewNote ?? null) : null,
      customFields: custom.values,
    },
    now,
    { ...(expectedRevision !== undefined ? { expectedRevision } : {}), savedBy: actor.id, autosave, site: ctx },
  );
};
