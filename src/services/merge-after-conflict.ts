import { revisionAuthor } from '../domain/workflow.js';
import type { ArticleInput } from '../domain/article.js';
import { markupBlocks, serializeBodyMarkup } from '../domain/body-markup.js';
import { customFormValues, type CustomFieldValues } from '../domain/custom-fields.js';
import { mergeFields, type MergeConflict } from '../domain/merge.js';
import { parseRowId } from '../domain/ids.js';
import { parseRevisionSnapshot } from '../domain/revision-snapshot.js';
import type { FieldDefinition } from '../plugins/contract.js';
import type { Db } from '../storage/database.js';
import { authorRowsByIds } from '../storage/repositories/author.repository.js';
import { revisionRowsByKey } from '../storage/repositories/revision.repository.js';
import { emptyForm, type ArticleFormValues } from './article-form.js';
import { NotFound } from './errors.js';
import { loadEditable } from './newsroom-articles.js';
import type { ArticleConflict } from './save-article.js';
import type { SiteContext } from './site-context.js';

/** The fields two people's edits are merged over; the rest of the form (schedule, note…) is the saver's. */
export const MERGED_FIELDS = [
  'headline',
  'standfirst',
  'body',
  'section',
  'authors',
  'tags',
  'slug',
  'seoDescription',
  'photoMediaId',
  'photoCaption',
  'photoCredit',
  'photoAlt',
] as const;
export type MergedField = (typeof MERGED_FIELDS)[number];
/** A plugin's custom field as the form names it (`custom-sponsor`): merged too, each as a whole. */
export type CustomFormField = `custom-${string}`;

export interface ConflictView {
  /** Who saved meanwhile, and when. */
  by: string | null;
  at: Date;
  /** Their changes already merged into the form. */
  fromTheirs: (MergedField | CustomFormField)[];
  /** What both changed differently: the form keeps the saver's version; theirs is shown to copy from. */
  conflicts: { field: MergedField | CustomFormField; mine: string; theirs: string; parts: MergeConflict[] }[];
  /** The plugins' labels of the custom fields named above, by form name (`custom-sponsor` → Sponsor). */
  customLabels: Record<CustomFormField, string>;
  /** The saver's own version, for taking over. */
  mine: ArticleFormValues;
}

const bodyBlocks = {
  field: 'body' as const,
  split: markupBlocks,
  join: (blocks: string[]) => blocks.join('\n\n'),
};

/** A base no field can equal, so every field both sides changed differently counts as a clash. */
const unknownBase = (): Record<MergedField, string> => {
  const base = emptyForm();
  for (const field of MERGED_FIELDS) base[field] = '\u0000';
  return base;
};

/** The form's name of a custom field, as domain/custom-fields.ts fieldFormName spells it, typed as such. */
const formNameOf = (field: FieldDefinition): CustomFormField => `custom-${field.name}`;

/**
 * One custom field's value as the merge compares it: what the save would store, spelled as the form spells it. Typed
 * text is read the way the save reads it (one line, trimmed), and an unticked box is sent as nothing, so neither
 * spacing nor a box left out of the post counts as a change.
 */
const comparable = (field: FieldDefinition, typed: string | undefined): string => {
  if (field.type === 'boolean') return typed === 'on' ? 'on' : '';
  return (typed ?? '').replace(/\s+/g, ' ').trim();
};

/** The defined custom fields of form values (or stored values), by form name, comparable across the three versions. */
const customOf = (
  fields: readonly FieldDefinition[],
  values: Readonly<Record<CustomFormField, string | undefined>>,
): Record<CustomFormField, string> =>
  Object.fromEntries(fields.map((f) => [formNameOf(f), comparable(f, values[formNameOf(f)])]));

const customOfStored = (fields: readonly FieldDefinition[], stored: CustomFieldValues) =>
  customOf(fields, customFormValues(stored));

/** The merged fields of a stored article version (a revision's snapshot) as the form spells them. */
const formValuesOfInput = async (
  db: Db,
  ctx: SiteContext,
  input: ArticleInput,
): Promise<Record<MergedField, string>> => {
  const slugs = new Map((await authorRowsByIds(db, input.authorIds)).map((a) => [a.id, a.slug]));
  return {
    headline: input.headline,
    standfirst: input.standfirst ?? '',
    body: serializeBodyMarkup(input.body),
    section: ctx.sections.byId.get(input.sectionId)?.slug ?? '',
    authors: input.authorIds.flatMap((id) => slugs.get(id) ?? []).join(', '),
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
 * Someone saved while this person edited: merges both edits over the revision this person started from
 * (the body block by block), so their changes are not lost and neither are these. Without that revision
 * (or when its stored copy can no longer be read) every differing field counts as a conflict. A revision can be
 * gone because it was an autosave that its writer's next autosave rewrote under a newer number.
 */
export const mergeAfterConflict = async (
  db: Db,
  ctx: SiteContext,
  conflict: ArticleConflict,
  mine: ArticleFormValues,
  fields: readonly FieldDefinition[],
): Promise<{ values: ArticleFormValues; view: ConflictView }> => {
  const startedAt = parseRowId(mine.revision);
  // Only the two revisions that matter, by key: where this person started, and the save that beat them.
  const [current, rows] = await Promise.all([
    loadEditable(db, ctx, conflict.articleId),
    revisionRowsByKey(db, conflict.articleId, [conflict.currentRevision, ...(startedAt === null ? [] : [startedAt])]),
  ]);
  if (!current) throw new NotFound('article', 'That article does not exist.');
  const started = rows.find((r) => r.revision === startedAt);
  const read = started ? parseRevisionSnapshot(started.snapshot) : null;
  const base = read?.ok ? await formValuesOfInput(db, ctx, read.input) : unknownBase();
  const merged = mergeFields(base, mine, current.values, MERGED_FIELDS, [bodyBlocks]);
  // The plugins' fields, each as a whole: a sponsor typed by one and a region ticked by the other both stay.
  const customNames = fields.map((f) => formNameOf(f));
  const customBase = read?.ok
    ? customOfStored(fields, read.input.customFields ?? {})
    : Object.fromEntries(customNames.map((n) => [n, '\u0000']));
  const custom = mergeFields(
    customBase,
    customOf(fields, mine),
    customOfStored(fields, current.customFields),
    customNames,
    [],
  );
  const latest = rows.find((r) => r.revision === conflict.currentRevision);
  return {
    values: {
      ...mine,
      ...merged.values,
      ...Object.fromEntries(custom.fromTheirs.map((n) => [n, custom.values[n]])),
      revision: String(conflict.currentRevision),
    },
    view: {
      by: latest ? revisionAuthor(latest) : null,
      at: new Date(latest?.saved_at ?? Date.now()),
      fromTheirs: [...merged.fromTheirs, ...custom.fromTheirs],
      conflicts: [...merged.conflicts, ...custom.conflicts],
      customLabels: Object.fromEntries(fields.map((f) => [formNameOf(f), f.label])),
      mine,
    },
  };
};
