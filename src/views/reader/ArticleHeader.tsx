import type { ReaderLabels } from '../../domain/edition-labels.js';

/** What the article's headline block is given (a theme's ArticleHeader gets the same). */
export interface ArticleHeaderProps {
  headline: string;
  standfirst: string | null;
  /** Parent section (when the article is in a subsection), then its own section, each with its front's address. */
  kicker: { name: string; path: string }[];
  /** The article in its other live languages, each named in its own language; empty: none. */
  languages: { language: string; languageName: string; path: string }[];
  labels: ReaderLabels;
  /** The article's custom field values (plugins' fields, issue 14), by field name; the default design shows none. */
  customFields: Readonly<Record<string, string | boolean>>;
}

/**
 * The article in the other languages it is live in, each named in its own language (so `lang` on the link), with
 * `hreflang` saying where it leads.
 */
const LanguageSwitch = ({ links, label }: { links: ArticleHeaderProps['languages']; label: string }) => (
  <nav class="language-switch" aria-label={label}>
    <ul>
      {links.map((m) => (
        <li>
          <a href={m.path} lang={m.language} hrefLang={m.language}>
            {m.languageName}
          </a>
        </li>
      ))}
    </ul>
  </nav>
);

/** The default theme's headline block: kicker, headline, standfirst and the language switch. */
export const ArticleHeader = ({ headline, standfirst, kicker, languages, labels }: ArticleHeaderProps) => (
  <header class="article-header">
    <p class="kicker">
      {kicker.map((s, i) => (
        <>
          {i > 0 ? ' › ' : null}
          <a href={s.path}>{s.name}</a>
        </>
      ))}
    </p>
    <h1>{headline}</h1>
    {standfirst ? <p class="standfirst">{standfirst}</p> : null}
    {languages.length > 0 ? <LanguageSwitch links={languages} label={labels.otherLanguages} /> : null}
  </header>
);

/** What the byline is given (a theme's ArticleByline gets the same). */
export interface ArticleBylineProps {
  /** The article's authors in order, each with their page's address; may be empty. */
  authors: { name: string; path: string }[];
  labels: ReaderLabels;
}

/** The default theme's byline: "By A, B and C", each a link to the author's page; nothing without authors. */
export const ArticleByline = ({ authors, labels }: ArticleBylineProps) =>
  authors.length > 0 ? (
    <p class="byline">
      {labels.byline}
      {authors.map((a, i) => (
        <>
          {labels.nameSeparator(i, authors.length)}
          <a href={a.path} rel="author">
            {a.name}
          </a>
        </>
      ))}
    </p>
  ) : null;
