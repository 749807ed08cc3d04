import type { Section } from '../../domain/article.js';
import { mediaUrl, variantName, variantWidths } from '../../domain/media.js';
import type { PublisherImage, SiteSettings } from '../../domain/settings.js';
import { Csrf, Field, NewsroomLayout, type NewsroomChrome } from './NewsroomLayout.js';

const SETTING_LABELS: [keyof SiteSettings, string, string][] = [
  ['publicationName', 'Publication name', ''],
  ['shortName', 'Short name', 'Used in "… ACCESS RANKING".'],
  ['tagline', 'Tagline', ''],
  ['timeZone', 'Time zone', 'An IANA name, e.g. Asia/Tokyo.'],
  ['timeZoneLabel', 'Time zone label', 'Printed in datelines, e.g. JST.'],
  ['language', 'Language', 'A language tag, e.g. en or en-GB.'],
  ['baseUrl', 'Base URL', 'The public address, e.g. https://news.example.'],
  ['twitterHandle', 'X (Twitter) account', 'Shown on shared links, e.g. @dateline; empty for none.'],
];

/** Why a setting cannot be changed here, for each one the environment may fix. */
const FIXED_NOTES: Partial<Record<keyof SiteSettings, string>> = {
  baseUrl: 'Fixed by the server’s environment (DATELINE_BASE_URL): change it there and restart.',
};

const mediaPreview = (image: PublisherImage): string =>
  mediaUrl(image.mediaId, image.hash, variantName(variantWidths(image.width)[0]!, 'webp'));

/** One upload form for the logo or the icon, with the current image and a way back to the drawn initials. */
const PublisherImageForm = ({
  chrome,
  which,
  label,
  hint,
  image,
  error,
}: {
  chrome: NewsroomChrome;
  which: 'logo' | 'icon';
  label: string;
  hint: string;
  image: PublisherImage | null;
  error: string | undefined;
}) => (
  <form method="post" action="/newsroom/settings/image" enctype="multipart/form-data" class="nr-form">
    <Csrf token={chrome.csrfToken} />
    <input type="hidden" name="which" value={which} />
    {image ? (
      <p>
        <img src={mediaPreview(image)} alt={`The current ${which}`} height={64} class="nr-publisher-image" />
      </p>
    ) : (
      <p>None uploaded: the publication's initials are drawn instead.</p>
    )}
    <Field name={which} label={label} error={error} hint={hint}>
      <input
        type="file"
        id={which}
        name="file"
        accept="image/png,image/jpeg,image/webp,image/svg+xml"
        aria-describedby={`${which}-hint`}
      />
    </Field>
    <button type="submit">Upload {which}</button>
    {image ? (
      <button type="submit" name="remove" value="1">
        Remove {which}
      </button>
    ) : null}
  </form>
);

export const SettingsPage = ({
  chrome,
  values,
  errors,
  images,
  sections,
  saved,
  fixed,
}: {
  chrome: NewsroomChrome;
  values: Record<string, string>;
  errors: Record<string, string>;
  images: { logo: PublisherImage | null; icon: PublisherImage | null };
  /** The sections an article from the Admin API may default to. */
  sections: readonly Section[];
  saved?: boolean;
  /** Settings the server's environment decides, with their values: shown read-only, with a note saying where. */
  fixed?: Partial<Record<keyof SiteSettings, string>>;
}) => (
  <NewsroomLayout chrome={chrome} title="Site settings">
    <h1>Site settings</h1>
    <p>
      <a href="/newsroom/editions">Editions</a>: the site in other languages, each at its own address.
    </p>
    {saved ? (
      <p class="nr-notice" role="status">
        Saved.
      </p>
    ) : null}
    <form method="post" action="/newsroom/settings" class="nr-form" novalidate>
      <Csrf token={chrome.csrfToken} />
      {SETTING_LABELS.map(([key, label, typedHint]) => {
        const isFixed = fixed?.[key] !== undefined;
        const hint = isFixed ? FIXED_NOTES[key] : typedHint;
        return (
          <Field name={key} label={label} error={errors[key]} {...(hint ? { hint } : {})}>
            <input
              type="text"
              id={key}
              name={key}
              value={(isFixed ? fixed[key] : values[key]) ?? ''}
              readOnly={isFixed}
              {...(hint ? { 'aria-describedby': `${key}-hint` } : {})}
            />
          </Field>
        );
      })}
      <Field
        name="sameAs"
        label="Profiles elsewhere"
        error={errors.sameAs}
        hint="The publication's own pages on other sites (X, Facebook, Wikipedia…), one address a line."
      >
        <textarea id="sameAs" name="sameAs" rows={4} aria-describedby="sameAs-hint">
          {values.sameAs ?? ''}
        </textarea>
      </Field>
      <Field
        name="feedContent"
        label="Feeds carry"
        error={errors.feedContent}
        hint="What RSS and Atom readers get of each article."
      >
        <select id="feedContent" name="feedContent" aria-describedby="feedContent-hint">
          <option value="full" selected={values.feedContent !== 'summary'}>
            Whole articles
          </option>
          <option value="summary" selected={values.feedContent === 'summary'}>
            Summaries only (the standfirst)
          </option>
        </select>
      </Field>
      <Field
        name="defaultSection"
        label="Default section"
        error={errors.defaultSection}
        hint="Where an article from an integration (the Admin API) goes when none of its tags names a section."
      >
        <select id="defaultSection" name="defaultSection" aria-describedby="defaultSection-hint">
          <option value="" selected={!values.defaultSection}>
            The first section
          </option>
          {sections.map((s) => (
            <option value={s.slug} selected={values.defaultSection === s.slug}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit">Save settings</button>
    </form>
    <h2>Logo and icon</h2>
    <PublisherImageForm
      chrome={chrome}
      which="logo"
      label="Logo"
      hint="Shown in the masthead and to search engines; a wide PNG or SVG on a transparent background works best."
      image={images.logo}
      error={errors.logo}
    />
    <PublisherImageForm
      chrome={chrome}
      which="icon"
      label="Icon"
      hint="A square image for browser tabs and home screens; without one, the logo or the initials are used."
      image={images.icon}
      error={errors.icon}
    />
  </NewsroomLayout>
);

export const SectionsPage = ({
  chrome,
  sections,
  values,
  errors,
  saved,
  otherEditions = [],
}: {
  chrome: NewsroomChrome;
  sections: { section: Section; parent: Section | null }[];
  values: Record<string, string>;
  errors: Record<string, string>;
  saved?: boolean;
  /** Editions besides the first, whose sections may have names of their own (issue 13). */
  otherEditions?: { id: number; publicationName: string; language: string }[];
}) => (
  <NewsroomLayout chrome={chrome} title="Sections">
    <h1>Sections</h1>
    {saved ? (
      <p class="nr-notice" role="status">
        Saved.
      </p>
    ) : null}
    {otherEditions.length > 0 ? (
      <nav aria-label="Section names in other editions" class="nr-filter">
        <ul>
          {otherEditions.map((e) => (
            <li>
              <a href={`/newsroom/editions/${e.id}/sections`}>
                Names in {e.publicationName} ({e.language})
              </a>
            </li>
          ))}
        </ul>
      </nav>
    ) : null}
    <table class="nr-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Address</th>
          <th scope="col">Within</th>
          <th scope="col">Order</th>
        </tr>
      </thead>
      <tbody>
        {sections.map(({ section, parent }) => (
          <tr>
            <td>{section.name}</td>
            <td data-label="Address">
              /{parent ? `${parent.slug}/` : ''}
              {section.slug}/
            </td>
            <td data-label="Within">{parent?.name ?? '—'}</td>
            <td data-label="Order">{section.position}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <h2>Add or change a section</h2>
    <p>Give an existing address to rename or move that section.</p>
    <form method="post" action="/newsroom/sections" class="nr-form" novalidate>
      <Csrf token={chrome.csrfToken} />
      <Field name="name" label="Name" error={errors.name}>
        <input type="text" id="name" name="name" value={values.name ?? ''} />
      </Field>
      <Field name="slug" label="Address" error={errors.slug} hint="Lower-case letters, digits and dashes.">
        <input type="text" id="slug" name="slug" value={values.slug ?? ''} aria-describedby="slug-hint" />
      </Field>
      <Field name="parent" label="Within" error={errors.parent}>
        <select id="parent" name="parent">
          <option value="">— top level —</option>
          {sections
            .filter((s) => s.parent === null)
            .map(({ section }) => (
              <option value={section.slug} selected={values.parent === section.slug}>
                {section.name}
              </option>
            ))}
        </select>
      </Field>
      <Field
        name="position"
        label="Order"
        error={errors.position}
        hint="Smaller numbers come first; empty keeps it or puts a new one last."
      >
        <input
          type="text"
          inputMode="numeric"
          id="position"
          name="position"
          value={values.position ?? ''}
          aria-describedby="position-hint"
        />
      </Field>
      <button type="submit">Save section</button>
    </form>
  </NewsroomLayout>
);
