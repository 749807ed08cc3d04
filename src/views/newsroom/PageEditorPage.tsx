import { PAGE_STATUS_LABELS, publicationPagePath, type PageStatus } from '../../domain/publication-page.js';
import type { PageFormValues } from '../../services/save-publication-page.js';
import { BodyField } from './BodyField.js';
import { MainPhotoFields } from './EditorImageFields.js';
import { Csrf, Field, FormError, NewsroomLayout, Notice, type NewsroomChrome } from './NewsroomLayout.js';

export interface PageEditorProps {
  chrome: NewsroomChrome;
  pageId: number | null;
  status: PageStatus | null;
  values: PageFormValues;
  errors: Record<string, string>;
  notice?: string | undefined;
  /** The rich-text editor bundle, when built. */
  editorScript?: string | null;
  photoPreview: string | null;
  bodyImagePreviews: Record<number, string>;
}

/** Publish puts a draft live; Unpublish takes a live page down to a draft; Save keeps it as it is. */
const buttonsFor = (status: PageStatus | null): [string, string][] =>
  status === 'published'
    ? [
        ['save', 'Save'],
        ['unpublish', 'Unpublish'],
      ]
    : [
        ['save', 'Save draft'],
        ['publish', 'Publish'],
      ];

/**
 * A publication page's editor: title, address, the articles' own body editor, an optional photo. The form is
 * `nr-editor` with `textarea#body`, so the rich-text editor takes it over exactly as it does an article's; it
 * saves only when a person presses a button (data-autosave="off": a page has no draft workflow to autosave into).
 */
export const PageEditorPage = (p: PageEditorProps) => {
  const { values, errors } = p;
  const action = p.pageId === null ? '/newsroom/pages' : `/newsroom/pages/${p.pageId}`;
  const title = p.pageId === null ? 'New page' : `Edit page: ${values.title || 'untitled'}`;
  return (
    <NewsroomLayout chrome={p.chrome} title={title} script={p.editorScript ?? null}>
      <h1>{title}</h1>
      <p class="nr-status">
        {p.status ? (
          <>
            Page: <strong>{PAGE_STATUS_LABELS[p.status]}</strong>
          </>
        ) : (
          'A new page'
        )}
        {p.status === 'published' ? (
          <>
            {' '}
            · <a href={publicationPagePath(values.slug)}>View on the site</a>
          </>
        ) : null}
        {p.pageId !== null ? (
          <>
            {' '}
            · <a href={`/newsroom/pages/${p.pageId}/revisions`}>Revisions</a>
          </>
        ) : null}{' '}
        · <a href="/newsroom/pages">All pages</a>
      </p>
      <Notice text={p.notice} />
      <FormError text={errors.form} />
      <form
        method="post"
        action={action}
        class="nr-form nr-editor"
        enctype="multipart/form-data"
        novalidate
        data-autosave="off"
      >
        <Csrf token={p.chrome.csrfToken} />
        <input type="hidden" name="revision" value={values.revision} />
        <Field name="title" label="Title" error={errors.title}>
          <input type="text" id="title" name="title" value={values.title} required maxLength={200} />
        </Field>
        <Field
          name="slug"
          label="Address"
          error={errors.slug}
          hint="The page is at /address/ on the site. Lower-case letters, digits and dashes; left empty, it is made from the title. It cannot be a section's or another page's."
        >
          <input type="text" id="slug" name="slug" value={values.slug} maxLength={80} aria-describedby="slug-hint" />
        </Field>
        <BodyField value={values.body} errors={errors} previews={p.bodyImagePreviews} />
        <MainPhotoFields values={values} errors={errors} preview={p.photoPreview} />
        <div class="nr-actions">
          {buttonsFor(p.status).map(([value, label]) => (
            <button type="submit" name="action" value={value}>
              {label}
            </button>
          ))}
        </div>
      </form>
    </NewsroomLayout>
  );
};
