import type { BlockForm } from '../../domain/block-form.js';
import { STATUS_LABELS, type ArticleStatus, type Section } from '../../domain/article.js';
import type { Correction } from '../../domain/correction.js';
import type { Role } from '../../domain/permissions.js';
import type { FieldDefinition } from '../../plugins/contract.js';
import { decide, WORKFLOW_ACTIONS, type WorkflowAction } from '../../domain/workflow.js';
import type { ArticleFormValues } from '../../services/article-form.js';
import type { ConflictView } from '../../services/merge-after-conflict.js';
import type { ArticleEditions } from '../../services/newsroom-translations.js';
import { ArticleCorrections } from './ArticleCorrections.js';
import { ArticleTranslations, editionName, SourceBeside } from './ArticleTranslations.js';
import { ConflictPanel } from './ConflictPanel.js';
import { CustomFields } from './CustomFields.js';
import { BodyField } from './BodyField.js';
import { MainPhotoFields } from './EditorImageFields.js';
import { Csrf, Field, FormError, NewsroomLayout, Notice, type NewsroomChrome } from './NewsroomLayout.js';

const BUTTONS: Record<WorkflowAction, string> = {
  save: 'Save',
  submit: 'Submit for review',
  publish: 'Publish now',
  schedule: 'Schedule',
  unpublish: 'Unpublish',
  'send-back': 'Send back to writer',
};

/** Writers took the slug for part of the article's address, which it is not (articlePath: section, date, id). */
const SLUG_HINT =
  'Not part of the address on the site, which is made from the section, date and number. The slug names the ' +
  'article in the APIs, in imports and in redirects from old addresses. Left empty, it is made from the headline.';

export interface ArticleEditorProps {
  chrome: NewsroomChrome;
  articleId: number | null;
  status: ArticleStatus | null;
  ownedByActor: boolean;
  role: Role;
  values: ArticleFormValues;
  errors: Record<string, string>;
  sections: { section: Section; label: string }[];
  authors: { slug: string; name: string }[];
  timeZoneLabel: string;
  reviewNote: string | null;
  publicPath: string | null;
  corrections: Correction[];
  notice?: string | undefined;
  /** The rich-text editor bundle, when built. */
  editorScript?: string | null;
  /** URL of the current photo's small variant, for a preview. */
  photoPreview?: string | null;
  /** Preview URLs of the images the body places, by library id, for the rich editor. */
  bodyImagePreviews?: Record<number, string>;
  /** The loaded plugins' block types, as the rich editor builds their forms. */
  blockForms?: BlockForm[];
  /** Someone saved since this form was loaded: what was merged, what clashed, and the saver's own version. */
  conflict?: ConflictView | undefined;
  /** Formats a time for the newsroom, in the site's zone. */
  formatTime: (at: Date) => string;
  /** How often the rich editor saves a draft on its own, in milliseconds (the browser code reads it). */
  autosaveMs: number;
  /** The article's edition and translations; null or absent on a site with one edition (issue 13). */
  editions?: ArticleEditions | null;
  /** What was typed into the link form, shown again after a refusal. */
  linkValues?: { other: string; role: string };
  /** The loaded plugins' custom fields (issue 14); none without plugins. */
  customFields?: readonly FieldDefinition[];
}

/** What the Bylines list offers for each author: the name, or the slug when another author shares the name. */
const bylineChoiceTexts = (authors: { slug: string; name: string }[]): string[] => {
  const shared = (name: string) => authors.filter((a) => a.name.toLowerCase() === name.toLowerCase()).length > 1;
  return authors.map((a) => (shared(a.name) ? a.slug : a.name));
};

export const ArticleEditorPage = (p: ArticleEditorProps) => {
  const { values, errors } = p;
  const action = p.articleId === null ? '/newsroom/articles' : `/newsroom/articles/${p.articleId}`;
  const allowed = WORKFLOW_ACTIONS.filter(
    (a) => decide(p.role, a, { status: p.status, ownedByActor: p.ownedByActor }).ok,
  );
  const title = p.articleId === null ? 'New article' : `Edit: ${values.headline || 'untitled'}`;
  const editorForm = (
    <form
      method="post"
      action={action}
      class="nr-form nr-editor"
      enctype="multipart/form-data"
      novalidate
      data-autosave-ms={String(p.autosaveMs)}
    >
      <Csrf token={p.chrome.csrfToken} />
      <input type="hidden" name="revision" value={values.revision} />
      <Field name="headline" label="Headline" error={errors.headline}>
        <input type="text" id="headline" name="headline" value={values.headline} required maxLength={300} />
      </Field>
      <Field name="standfirst" label="Standfirst" error={errors.standfirst}>
        <textarea id="standfirst" name="standfirst" rows={2}>
          {values.standfirst}
        </textarea>
      </Field>
      <BodyField
        value={values.body}
        errors={errors}
        previews={p.bodyImagePreviews ?? {}}
        blockForms={p.blockForms ?? []}
      />
      <div class="nr-row">
        <Field name="section" label="Section" error={errors.section}>
          <select id="section" name="section" required>
            <option value="">Choose…</option>
            {p.sections.map(({ section, label }) => (
              <option value={section.slug} selected={section.slug === values.section}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          name="authors"
          label="Bylines"
          error={errors.authors}
          hint="Names or slugs of authors, in order, separated by commas."
        >
          <input
            type="text"
            id="authors"
            name="authors"
            value={values.authors}
            list="author-choices"
            autocomplete="off"
            aria-describedby={errors.authors ? 'authors-hint authors-error' : 'authors-hint'}
          />
          <datalist id="author-choices">
            {bylineChoiceTexts(p.authors).map((text) => (
              <option value={text} />
            ))}
          </datalist>
        </Field>
      </div>
      <div class="nr-row">
        <Field name="tags" label="Tags" error={errors.tags} hint="Separated by commas.">
          <input type="text" id="tags" name="tags" value={values.tags} aria-describedby="tags-hint" />
        </Field>
        <Field name="slug" label="Slug" error={errors.slug} hint={SLUG_HINT}>
          <input type="text" id="slug" name="slug" value={values.slug} aria-describedby="slug-hint" />
        </Field>
      </div>
      <Field name="seoDescription" label="Search description" error={errors.seoDescription}>
        <input type="text" id="seoDescription" name="seoDescription" value={values.seoDescription} maxLength={300} />
      </Field>
      <MainPhotoFields values={values} errors={errors} preview={p.photoPreview ?? null} />
      <CustomFields fields={p.customFields ?? []} values={values} errors={errors} />
      {p.status === 'published' && allowed.includes('save') ? (
        <div class="nr-field">
          <label>
            <input type="checkbox" name="significant" checked={values.significant === 'on'} /> Significant update
            (readers see "Updated" with the time)
          </label>
        </div>
      ) : null}
      {allowed.includes('schedule') ? (
        <Field
          name="scheduleAt"
          label={`Publish at (${p.timeZoneLabel})`}
          error={errors.scheduleAt}
          hint="Only for Schedule."
        >
          <input
            id="scheduleAt"
            name="scheduleAt"
            type="datetime-local"
            value={values.scheduleAt}
            aria-describedby="scheduleAt-hint"
          />
        </Field>
      ) : null}
      {allowed.includes('send-back') ? (
        <Field name="note" label="Note to the writer" error={errors.note} hint="Only for Send back.">
          <textarea id="note" name="note" rows={2} aria-describedby="note-hint">
            {values.note}
          </textarea>
        </Field>
      ) : null}
      <div class="nr-actions">
        {allowed.map((a) => (
          <button type="submit" name="action" value={a}>
            {BUTTONS[a]}
          </button>
        ))}
      </div>
    </form>
  );
  return (
    <NewsroomLayout chrome={p.chrome} title={title} script={p.editorScript ?? null}>
      <h1>{title}</h1>
      <p class="nr-status">
        {p.status ? (
          <>
            Status: <strong>{STATUS_LABELS[p.status]}</strong>
          </>
        ) : (
          'Not saved yet'
        )}
        {p.publicPath ? (
          <>
            {' '}
            · <a href={p.publicPath}>View on the site</a>
          </>
        ) : null}
        {p.articleId !== null ? (
          <>
            {' '}
            · <a href={`/newsroom/articles/${p.articleId}/revisions`}>Revisions</a>
          </>
        ) : null}
        {p.editions && p.articleId !== null ? (
          <>
            {' '}
            ·{' '}
            <span class="nr-edition">
              Edition: <span class="nr-edition-name">{editionName(p.editions.edition)}</span>
            </span>
          </>
        ) : null}
      </p>
      {p.editions?.sourceUpdatedAt ? (
        <p class="nr-notice" role="status">
          <strong>Source updated</strong> {p.formatTime(p.editions.sourceUpdatedAt)}: its source had a significant
          update after this translation went live. Save this one as a significant update, or dismiss the mark, once it
          is brought up to date.
        </p>
      ) : null}
      <Notice text={p.notice} />
      {p.reviewNote ? (
        <p class="nr-notice" role="status">
          <strong>Editor's note:</strong> {p.reviewNote}
        </p>
      ) : null}
      {p.conflict ? (
        <ConflictPanel
          conflict={p.conflict}
          action={action}
          csrf={p.chrome.csrfToken}
          articleId={p.articleId}
          revision={values.revision}
          formatTime={p.formatTime}
        />
      ) : null}
      <FormError text={errors.form} />
      {p.editions?.source ? (
        <div class="nr-side-by-side">
          {editorForm}
          <SourceBeside source={p.editions.source} />
        </div>
      ) : (
        editorForm
      )}
      {p.editions && p.articleId !== null ? (
        <ArticleTranslations
          articleId={p.articleId}
          editions={p.editions}
          canTranslate={allowed.includes('save')}
          canLink={p.role !== 'contributor'}
          movable={
            p.status === 'draft' && p.publicPath === null && p.editions.members.length === 0 && allowed.includes('save')
          }
          csrfToken={p.chrome.csrfToken}
          errors={errors}
          values={p.linkValues ?? { other: '', role: '' }}
          formatTime={p.formatTime}
        />
      ) : null}
      {p.articleId !== null && p.status === 'published' && p.role !== 'contributor' ? (
        <ArticleCorrections
          articleId={p.articleId}
          corrections={p.corrections}
          errors={errors}
          csrfToken={p.chrome.csrfToken}
        />
      ) : null}
    </NewsroomLayout>
  );
};
