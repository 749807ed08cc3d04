import { AUTHOR_LINK_KINDS, AUTHOR_LINK_LABELS } from '../../domain/author-links.js';
import type { AuthorFormValues } from '../../services/author-form.js';
import type { AuthorListEntry } from '../../services/authors.js';
import { Csrf, Field, FormError, NewsroomLayout, Notice, type NewsroomChrome } from './NewsroomLayout.js';
import { ImageUploadInput } from './EditorImageFields.js';
import { TextField } from './TextField.js';

export interface AuthorsPageProps {
  chrome: NewsroomChrome;
  authors: AuthorListEntry[];
  notice?: string | undefined;
}

/** Every author profile, by name, each leading to its form. */
export const AuthorsPage = (p: AuthorsPageProps) => (
  <NewsroomLayout chrome={p.chrome} title="Authors">
    <h1>Authors</h1>
    <Notice text={p.notice} />
    <p>
      <a href="/newsroom/authors/new">New author</a>
    </p>
    {p.authors.length === 0 ? (
      <p class="empty">No authors yet.</p>
    ) : (
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Slug</th>
            <th scope="col">Job title</th>
            <th scope="col">Newsroom account</th>
          </tr>
        </thead>
        <tbody>
          {p.authors.map((a) => (
            <tr>
              <td>
                <a href={`/newsroom/authors/${a.id}`}>{a.name}</a>
              </td>
              <td data-label="Slug">
                <code>{a.slug}</code>
              </td>
              <td data-label="Job title">{a.jobTitle}</td>
              <td data-label="Newsroom account">{a.accountName ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </NewsroomLayout>
);

export interface AuthorEditPageProps {
  chrome: NewsroomChrome;
  /** null for a new author. */
  authorId: number | null;
  values: AuthorFormValues;
  errors: Record<string, string>;
  /** URL of the chosen photo's small variant, for a preview. */
  photoPreview: string | null;
  /** The accounts an admin may link the profile to; null for editors, who see no such field. */
  accounts: { id: number; name: string; email: string }[] | null;
  notice?: string | undefined;
}

/** One author's profile as a form: works without JavaScript; the photo is an upload or a library image's number. */
export const AuthorEditPage = (p: AuthorEditPageProps) => {
  const { values, errors } = p;
  const title = p.authorId === null ? 'New author' : `Author: ${values.name || 'unnamed'}`;
  return (
    <NewsroomLayout chrome={p.chrome} title={title}>
      <p>
        <a href="/newsroom/authors">All authors</a>
      </p>
      <h1>{title}</h1>
      <Notice text={p.notice} />
      <FormError text={errors.form} />
      <form
        method="post"
        action={p.authorId === null ? '/newsroom/authors' : `/newsroom/authors/${p.authorId}`}
        class="nr-form"
        enctype="multipart/form-data"
        novalidate
      >
        <Csrf token={p.chrome.csrfToken} />
        <Field name="name" label="Name" error={errors.name}>
          <input type="text" id="name" name="name" value={values.name} required maxLength={120} />
        </Field>
        <TextField
          name="slug"
          label="Slug"
          value={values.slug}
          error={errors.slug}
          hint="The author's address on the site (/author/slug/). Left empty, it is made from the name."
        />
        <Field
          name="jobTitle"
          label="Job title"
          error={errors.jobTitle}
          hint="Like Staff Writer or Seoul Correspondent."
        >
          <input
            type="text"
            id="jobTitle"
            name="jobTitle"
            value={values.jobTitle}
            maxLength={120}
            aria-describedby="jobTitle-hint"
          />
        </Field>
        <Field name="bio" label="Short bio" error={errors.bio} hint="A few sentences, up to 1,000 characters.">
          <textarea id="bio" name="bio" rows={4} aria-describedby="bio-hint">
            {values.bio}
          </textarea>
        </Field>
        <fieldset>
          <legend>Photo</legend>
          {p.photoPreview ? (
            <p class="nr-photo">
              <img src={p.photoPreview} alt={`The current photo of ${values.name}`} width={120} />
              <label>
                <input type="checkbox" name="removePhoto" /> Remove this photo
              </label>
            </p>
          ) : null}
          <Field
            name="photoMediaId"
            label="Image from the library"
            error={errors.photoMediaId}
            hint="The image's number: the digits after media: in the image library's lines."
          >
            <input
              type="text"
              id="photoMediaId"
              name="photoMediaId"
              value={values.photoMediaId}
              inputMode="numeric"
              aria-describedby="photoMediaId-hint"
            />
          </Field>
          <p class="nr-hint">
            <a href="/newsroom/media">Open the image library</a>
          </p>
          <Field
            name="photo"
            label={values.photoMediaId ? 'Or upload a new photo' : 'Or upload a photo'}
            error={errors.photo}
            hint="JPEG, PNG, WebP or AVIF, up to 15 MB; it is added to the image library."
          >
            <ImageUploadInput name="photo" />
          </Field>
        </fieldset>
        <fieldset>
          <legend>Links</legend>
          <p class="nr-hint">Full addresses starting with https://; each is optional.</p>
          {AUTHOR_LINK_KINDS.map((kind) => (
            <TextField
              name={kind}
              label={AUTHOR_LINK_LABELS[kind]}
              type="url"
              value={values[kind]}
              error={errors[kind]}
            />
          ))}
        </fieldset>
        {p.accounts ? (
          <Field
            name="account"
            label="Newsroom account"
            error={errors.account}
            hint="The account whose own byline this is: its new articles start with it."
          >
            <select id="account" name="account" aria-describedby="account-hint">
              <option value="" selected={values.account === ''}>
                None
              </option>
              {p.accounts.map((a) => (
                <option value={String(a.id)} selected={values.account === String(a.id)}>
                  {a.name} ({a.email})
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <div class="nr-actions">
          <button type="submit">{p.authorId === null ? 'Add author' : 'Save'}</button>
        </div>
      </form>
    </NewsroomLayout>
  );
};
