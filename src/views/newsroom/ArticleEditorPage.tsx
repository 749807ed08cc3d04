import type { ArticleStatus, Section } from '../../domain/article.js';
import type { Role } from '../../domain/permissions.js';
import { decide, WORKFLOW_ACTIONS, type WorkflowAction } from '../../domain/workflow.js';
import type { ArticleFormValues, ConflictView, MergedField } from '../../services/newsroom-articles.js';
import { CORRECTION_KINDS, CORRECTION_LABELS, type Correction } from '../../services/corrections.js';
import { Csrf, Field, NewsroomLayout, type NewsroomChrome } from './NewsroomLayout.js';

const BUTTONS: Record<WorkflowAction, string> = {
  save: 'Save', submit: 'Submit for review', publish: 'Publish now', schedule: 'Schedule',
  unpublish: 'Unpublish', 'send-back': 'Send back to writer',
};

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Draft', in_review: 'In review', scheduled: 'Scheduled', published: 'Published', unpublished: 'Unpublished',
};

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
  /** Someone saved since this form was loaded: what was merged, what clashed, and the saver's own version. */
  conflict?: ConflictView | undefined;
  /** Formats a time for the newsroom, in the site's zone. */
  formatTime: (at: Date) => string;
}

const FIELD_LABELS: Record<MergedField, string> = {
  headline: 'headline', standfirst: 'standfirst', body: 'body', section: 'section', authors: 'bylines', tags: 'tags',
  slug: 'slug', seoDescription: 'search description', photoMediaId: 'photo', photoCaption: 'photo caption',
  photoCredit: 'photo credit', photoAlt: 'photo alt text',
};
const listOf = (fields: MergedField[]) => fields.map((f) => FIELD_LABELS[f]).join(', ');

/** Theirs beside mine for one clash. */
const Versions = ({ theirs, mine }: { theirs: string; mine: string }) => (
  <div class="nr-versions">
    <div class="nr-theirs"><h4>Theirs</h4><pre>{theirs || '(empty)'}</pre></div>
    <div class="nr-mine"><h4>Yours (in the form)</h4><pre>{mine || '(empty)'}</pre></div>
  </div>
);

/**
 * The merge view after a conflicting save: their changes to parts this person left alone are already in
 * the form; where both changed the same part, the form keeps this person's text and theirs is shown
 * beside it. Saving keeps the merge; "take over" saves only this person's version; or open theirs.
 */
const ConflictPanel = ({ conflict, action, csrf, articleId, revision, formatTime }: {
  conflict: ConflictView; action: string; csrf: string; articleId: number | null; revision: string; formatTime: (at: Date) => string;
}) => (
  <section class="nr-conflict" aria-labelledby="conflict">
    <h2 id="conflict">{conflict.by ?? 'Someone else'} saved this article at {formatTime(conflict.at)} while you were editing</h2>
    <p>Nothing has been saved yet: check the form below, then save it to keep the merge.</p>
    <ul>
      {conflict.fromTheirs.length > 0 ? <li>Their changes to the {listOf(conflict.fromTheirs)} are merged into the form.</li> : null}
      {conflict.conflicts.length > 0
        ? <li>You both changed the {listOf(conflict.conflicts.map((c) => c.field))}: the form keeps your version; theirs is shown below to copy from.</li>
        : <li>None of your changes clash with theirs.</li>}
    </ul>
    {conflict.conflicts.map((c) => (
      <div class="nr-diff">
        <h3>Both changed the {FIELD_LABELS[c.field]}</h3>
        {c.parts.length > 0
          ? c.parts.map((part) => <Versions theirs={part.theirs.join('\n\n')} mine={part.mine.join('\n\n')} />)
          : <Versions theirs={c.theirs} mine={c.mine} />}
      </div>
    ))}
    <form method="post" action={action} class="nr-takeover">
      <Csrf token={csrf} />
      {Object.entries(conflict.mine).map(([name, value]) => (name === 'revision' ? null : <input type="hidden" name={name} value={value} />))}
      <input type="hidden" name="revision" value={revision} />
      <button type="submit" name="action" value="save">Take over: save only my version</button>
      {articleId !== null ? <> or <a href={`/newsroom/articles/${articleId}`}>discard my changes and open theirs</a></> : null}
    </form>
  </section>
);


export const ArticleEditorPage = (p: ArticleEditorProps) => {
  const { values, errors } = p;
  const action = p.articleId === null ? '/newsroom/articles' : `/newsroom/articles/${p.articleId}`;
  const allowed = WORKFLOW_ACTIONS.filter((a) => decide(p.role, a, { status: p.status, ownedByActor: p.ownedByActor }).ok);
  const title = p.articleId === null ? 'New article' : `Edit: ${values.headline || 'untitled'}`;
  return (
    <NewsroomLayout chrome={p.chrome} title={title} script={p.editorScript ?? null}>
      <h1>{title}</h1>
      <p class="nr-status">
        {p.status ? <>Status: <strong>{STATUS_LABELS[p.status]}</strong></> : 'Not saved yet'}
        {p.publicPath ? <> · <a href={p.publicPath}>View on the site</a></> : null}
        {p.articleId !== null ? <> · <a href={`/newsroom/articles/${p.articleId}/revisions`}>Revisions</a></> : null}
      </p>
      {p.notice ? <p class="nr-notice" role="status">{p.notice}</p> : null}
      {p.reviewNote ? <p class="nr-notice" role="status"><strong>Editor's note:</strong> {p.reviewNote}</p> : null}
      {p.conflict ? <ConflictPanel conflict={p.conflict} action={action} csrf={p.chrome.csrfToken} articleId={p.articleId} revision={values.revision}
        formatTime={p.formatTime} /> : null}
      {errors.form ? <p class="nr-error" role="alert">{errors.form}</p> : null}
      <form method="post" action={action} class="nr-form nr-editor" enctype="multipart/form-data" novalidate>
        <Csrf token={p.chrome.csrfToken} />
        <input type="hidden" name="revision" value={values.revision} />
        <Field name="headline" label="Headline" error={errors.headline}>
          <input type="text" id="headline" name="headline" value={values.headline} required maxLength={300} />
        </Field>
        <Field name="standfirst" label="Standfirst" error={errors.standfirst}>
          <textarea id="standfirst" name="standfirst" rows={2}>{values.standfirst}</textarea>
        </Field>
        <Field name="body" label="Body" error={errors.body}
          hint="Blank line between paragraphs. ## heading, > quote, - list, 1. numbered list, _emphasis_, **strong**, [words](https://link), ![alt text](media:ID) for an image; \ before a symbol keeps it as text.">
          <textarea id="body" name="body" rows={18} aria-describedby="body-hint"
            data-media={JSON.stringify(p.bodyImagePreviews ?? {})} data-upload="/newsroom/media">{values.body}</textarea>
        </Field>
        <fieldset class="nr-body-image-upload">
          <legend>Add an image to the body</legend>
          <p class="nr-hint">It is placed at the end of the body when you save; move its lines to where it belongs.
            Images already uploaded are in the <a href="/newsroom/media">image library</a>, each with the line that places it.</p>
          <Field name="bodyImage" label="Image" error={errors.bodyImage} hint="JPEG, PNG, WebP or AVIF, up to 15 MB.">
            <input type="file" id="bodyImage" name="bodyImage" accept="image/jpeg,image/png,image/webp,image/avif" aria-describedby="bodyImage-hint" />
          </Field>
          <Field name="bodyImageAlt" label="Alt text" error={errors.bodyImageAlt} hint="Required: what the image shows.">
            <input type="text" id="bodyImageAlt" name="bodyImageAlt" maxLength={500} aria-describedby="bodyImageAlt-hint" />
          </Field>
          <Field name="bodyImageCaption" label="Caption">
            <input type="text" id="bodyImageCaption" name="bodyImageCaption" maxLength={1000} />
          </Field>
          <Field name="bodyImageCredit" label="Credit">
            <input type="text" id="bodyImageCredit" name="bodyImageCredit" maxLength={300} />
          </Field>
        </fieldset>
        <div class="nr-row">
          <Field name="section" label="Section" error={errors.section}>
            <select id="section" name="section" required>
              <option value="">Choose…</option>
              {p.sections.map(({ section, label }) => (
                <option value={section.slug} selected={section.slug === values.section}>{label}</option>
              ))}
            </select>
          </Field>
          <Field name="authors" label="Bylines" error={errors.authors} hint={`In order, separated by commas: ${p.authors.map((a) => a.slug).join(', ')}`}>
            <input type="text" id="authors" name="authors" value={values.authors} aria-describedby="authors-hint" />
          </Field>
        </div>
        <div class="nr-row">
          <Field name="tags" label="Tags" error={errors.tags} hint="Separated by commas.">
            <input type="text" id="tags" name="tags" value={values.tags} aria-describedby="tags-hint" />
          </Field>
          <Field name="slug" label="Slug" error={errors.slug} hint="Left empty, it is made from the headline.">
            <input type="text" id="slug" name="slug" value={values.slug} aria-describedby="slug-hint" />
          </Field>
        </div>
        <Field name="seoDescription" label="Search description" error={errors.seoDescription}>
          <input type="text" id="seoDescription" name="seoDescription" value={values.seoDescription} maxLength={300} />
        </Field>
        <fieldset>
          <legend>Main photo</legend>
          <input type="hidden" name="photoMediaId" value={values.photoMediaId} />
          {p.photoPreview ? (
            <p class="nr-photo">
              <img src={p.photoPreview} alt={values.photoAlt} width={200} />
              <label><input type="checkbox" name="removePhoto" /> Remove this photo</label>
            </p>
          ) : null}
          <Field name="photo" label={values.photoMediaId ? 'Replace the photo' : 'Photo'} error={errors.photo}
            hint="JPEG, PNG, WebP or AVIF, up to 15 MB.">
            <input type="file" id="photo" name="photo" accept="image/jpeg,image/png,image/webp,image/avif" aria-describedby="photo-hint" />
          </Field>
          <Field name="photoCaption" label="Caption" error={errors.photoCaption}>
              <input type="text" id="photoCaption" name="photoCaption" value={values.photoCaption} />
            </Field>
            <Field name="photoCredit" label="Credit" error={errors.photoCredit}>
              <input type="text" id="photoCredit" name="photoCredit" value={values.photoCredit} />
            </Field>
            <Field name="photoAlt" label="Alt text" error={errors.photoAlt} hint="Required with a photo: what it shows, for readers who cannot see it.">
              <input type="text" id="photoAlt" name="photoAlt" value={values.photoAlt} aria-describedby="photoAlt-hint" />
            </Field>
        </fieldset>
        {p.status === 'published' && allowed.includes('save') ? (
          <div class="nr-field">
            <label><input type="checkbox" name="significant" checked={values.significant === 'on'} /> Significant update (readers see "Updated" with the time)</label>
          </div>
        ) : null}
        {allowed.includes('schedule') ? (
          <Field name="scheduleAt" label={`Publish at (${p.timeZoneLabel})`} error={errors.scheduleAt} hint="Only for Schedule.">
            <input id="scheduleAt" name="scheduleAt" type="datetime-local" value={values.scheduleAt} aria-describedby="scheduleAt-hint" />
          </Field>
        ) : null}
        {allowed.includes('send-back') ? (
          <Field name="note" label="Note to the writer" error={errors.note} hint="Only for Send back.">
            <textarea id="note" name="note" rows={2} aria-describedby="note-hint">{values.note}</textarea>
          </Field>
        ) : null}
        <div class="nr-actions">
          {allowed.map((a) => <button type="submit" name="action" value={a}>{BUTTONS[a]}</button>)}
        </div>
      </form>
      {p.articleId !== null && p.status === 'published' && p.role !== 'contributor' ? (
        <section class="nr-corrections" aria-labelledby="add-correction">
          <h2 id="add-correction">Corrections</h2>
          {p.corrections.length ? (
            <ul>{p.corrections.map((c) => <li><strong>{CORRECTION_LABELS[c.kind]}:</strong> {c.text}</li>)}</ul>
          ) : <p>None yet.</p>}
          <form method="post" action={`/newsroom/articles/${p.articleId}/corrections`} class="nr-form">
            <Csrf token={p.chrome.csrfToken} />
            <Field name="kind" label="Kind" error={errors.kind}>
              <select id="kind" name="kind">{CORRECTION_KINDS.map((k) => <option value={k}>{CORRECTION_LABELS[k]}</option>)}</select>
            </Field>
            <Field name="text" label="Notice" error={errors.text}>
              <textarea id="text" name="text" rows={3}></textarea>
            </Field>
            <button type="submit">Add notice</button>
          </form>
        </section>
      ) : null}
    </NewsroomLayout>
  );
};
