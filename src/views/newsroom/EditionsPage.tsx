import { DATE_STYLES } from '../../domain/edition-dates.js';
import type { Edition } from '../../domain/edition.js';
import type { EditionListEntry } from '../../services/edition-admin.js';
import type { SectionNameEntry } from '../../services/section-names.js';
import { Csrf, Field, FormError, NewsroomLayout, Notice, type NewsroomChrome } from './NewsroomLayout.js';

const DATE_STYLE_WORDS: Record<(typeof DATE_STYLES)[number], string> = {
  en: 'English: 13:01 JST, January 21, 2026',
  ja: 'Japanese: 2026年1月21日 13:01',
};

const TEXT_FIELDS: { key: string; label: string; hint: string }[] = [
  { key: 'publicationName', label: 'Publication name', hint: '' },
  { key: 'shortName', label: 'Short name', hint: 'In "{short name} ACCESS RANKING", e.g. DN.' },
  { key: 'tagline', label: 'Tagline', hint: '' },
  {
    key: 'timeZoneLabel',
    label: 'Time zone label',
    hint: 'Printed in English-style datelines, e.g. JST; the zone itself is the site’s. Empty: the site’s label.',
  },
  {
    key: 'topArticlesHeading',
    label: '“Top Articles in {section}” wording',
    hint: 'Put {section} where the section’s name goes. Empty: the language’s usual wording.',
  },
  {
    key: 'rankingHeading',
    label: '“{shortName} ACCESS RANKING” wording',
    hint: 'May use {shortName}. Empty: the language’s usual wording.',
  },
];

/** The fields of an edition, for adding one or changing one. The first edition's prefix is / and stays so. */
const EditionFields = ({
  values,
  errors,
  isFirst,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  isFirst: boolean;
}) => (
  <>
    <div class="nr-row">
      <Field name="language" label="Language" error={errors.language} hint="A BCP 47 language tag: en, ja, zh-Hant…">
        <input
          type="text"
          id="language"
          name="language"
          value={values.language ?? ''}
          aria-describedby="language-hint"
          autocomplete="off"
        />
      </Field>
      <Field
        name="prefix"
        label="Address prefix"
        error={errors.prefix}
        hint={isFirst ? 'The first edition is the site itself, at /.' : 'One lowercase segment between slashes: /ja/.'}
      >
        <input
          type="text"
          id="prefix"
          name="prefix"
          value={isFirst ? '/' : (values.prefix ?? '')}
          readOnly={isFirst}
          aria-describedby="prefix-hint"
          autocomplete="off"
        />
      </Field>
    </div>
    {TEXT_FIELDS.map(({ key, label, hint }) => (
      <Field name={key} label={label} error={errors[key]} {...(hint ? { hint } : {})}>
        <input
          type="text"
          id={key}
          name={key}
          value={values[key] ?? ''}
          {...(hint ? { 'aria-describedby': `${key}-hint` } : {})}
        />
      </Field>
    ))}
    <Field name="dateStyle" label="Dates" error={errors.dateStyle} hint="How datelines are written.">
      <select id="dateStyle" name="dateStyle" aria-describedby="dateStyle-hint">
        <option value="" selected={!values.dateStyle}>
          The language’s usual style
        </option>
        {DATE_STYLES.map((style) => (
          <option value={style} selected={values.dateStyle === style}>
            {DATE_STYLE_WORDS[style]}
          </option>
        ))}
      </select>
    </Field>
  </>
);

/** An edition's settings as its form shows them. */
export const editionValues = (e: Edition): Record<string, string> => ({
  language: e.language,
  prefix: e.prefix,
  publicationName: e.publicationName,
  shortName: e.shortName,
  tagline: e.tagline,
  timeZoneLabel: e.timeZoneLabel,
  dateStyle: e.dateStyle,
  topArticlesHeading: e.topArticlesHeading,
  rankingHeading: e.rankingHeading,
});

/** Every edition, and a form to add one. */
export const EditionsPage = ({
  chrome,
  entries,
  values,
  errors,
  saved,
}: {
  chrome: NewsroomChrome;
  entries: EditionListEntry[];
  values: Record<string, string>;
  errors: Record<string, string>;
  saved?: boolean;
}) => (
  <NewsroomLayout chrome={chrome} title="Editions">
    <h1>Editions</h1>
    <Notice text={saved ? 'Saved.' : null} />
    <p>
      Each edition is a paper in one language at its own address, sharing the sections, authors and images. Articles
      belong to one edition and can be linked to their translations in the others.
    </p>
    <table class="nr-table">
      <thead>
        <tr>
          <th scope="col">Publication</th>
          <th scope="col">Language</th>
          <th scope="col">Address</th>
          <th scope="col">Articles</th>
          <th scope="col">Section names</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(({ edition, isFirst, articles }) => (
          <tr>
            <td>
              <a href={`/newsroom/editions/${edition.id}`}>{edition.publicationName}</a>
            </td>
            <td data-label="Language" lang={edition.language}>
              {edition.language}
            </td>
            <td data-label="Address">{edition.prefix}</td>
            <td data-label="Articles">{articles}</td>
            <td data-label="Section names">
              {isFirst ? (
                <a href="/newsroom/sections">The sections’ own</a>
              ) : (
                <a href={`/newsroom/editions/${edition.id}/sections`}>Name sections</a>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <h2>Add an edition</h2>
    <form method="post" action="/newsroom/editions" class="nr-form" novalidate>
      <Csrf token={chrome.csrfToken} />
      <FormError text={errors.form} />
      <EditionFields values={values} errors={errors} isFirst={false} />
      <button type="submit">Add edition</button>
    </form>
  </NewsroomLayout>
);

/** One edition's form. */
export const EditionPage = ({
  chrome,
  edition,
  isFirst,
  values,
  errors,
  saved,
}: {
  chrome: NewsroomChrome;
  edition: Edition;
  isFirst: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
  saved?: boolean;
}) => (
  <NewsroomLayout chrome={chrome} title={`Edition: ${edition.publicationName}`}>
    <h1>Edition: {edition.publicationName}</h1>
    <Notice text={saved ? 'Saved.' : null} />
    <p>
      <a href="/newsroom/editions">All editions</a>
      {isFirst ? null : (
        <>
          {' '}
          · <a href={`/newsroom/editions/${edition.id}/sections`}>Section names in this edition</a>
        </>
      )}
    </p>
    {isFirst ? (
      <p>
        This is the first edition: its name, short name, tagline, zone label and language are the site settings’ too.
      </p>
    ) : null}
    <form method="post" action={`/newsroom/editions/${edition.id}`} class="nr-form" novalidate>
      <Csrf token={chrome.csrfToken} />
      <FormError text={errors.form} />
      <EditionFields values={values} errors={errors} isFirst={isFirst} />
      <button type="submit">Save edition</button>
    </form>
  </NewsroomLayout>
);

/** The sections' names and addresses in one edition other than the first. */
export const SectionNamesPage = ({
  chrome,
  edition,
  entries,
  values,
  errors,
  saved,
}: {
  chrome: NewsroomChrome;
  edition: Edition;
  entries: SectionNameEntry[];
  values: Record<string, string>;
  errors: Record<string, string>;
  saved?: boolean;
}) => (
  <NewsroomLayout chrome={chrome} title={`Section names: ${edition.publicationName}`}>
    <h1>Section names in {edition.publicationName}</h1>
    <Notice text={saved ? 'Saved.' : null} />
    <p>
      <a href={`/newsroom/editions/${edition.id}`}>Back to the edition</a>
    </p>
    <p>
      Leave a name or address empty to use the section’s own. Addresses are under {edition.prefix}, e.g.{' '}
      {edition.prefix}politics/.
    </p>
    <form method="post" action={`/newsroom/editions/${edition.id}/sections`} class="nr-form" novalidate>
      <Csrf token={chrome.csrfToken} />
      <FormError text={errors.form} />
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">Name in this edition</th>
            <th scope="col">Address in this edition</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(({ section, parent, name, slug }) => {
            const nameKey = `name_${section.id}`;
            const slugKey = `slug_${section.id}`;
            const own = parent ? `${parent.name} › ${section.name}` : section.name;
            return (
              <tr>
                <th scope="row">
                  {own} <span class="nr-hint">({section.slug})</span>
                </th>
                <td data-label="Name in this edition">
                  <Field name={nameKey} label={`Name of ${own}`} error={errors[nameKey]}>
                    <input
                      type="text"
                      id={nameKey}
                      name={nameKey}
                      value={values[nameKey] ?? name}
                      placeholder={section.name}
                      lang={edition.language}
                    />
                  </Field>
                </td>
                <td data-label="Address in this edition">
                  <Field name={slugKey} label={`Address of ${own}`} error={errors[slugKey]}>
                    <input
                      type="text"
                      id={slugKey}
                      name={slugKey}
                      value={values[slugKey] ?? slug}
                      placeholder={section.slug}
                    />
                  </Field>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit">Save section names</button>
    </form>
  </NewsroomLayout>
);
