import type { SearchForm, SearchSectionOption } from '../../domain/search-request.js';
import type { SearchEntry } from '../../services/reader-search.js';
import { editionWords } from '../shared/edition-chrome.js';
import { Layout, type PageChrome } from '../shared/Layout.js';
import { rawHtml } from '../shared/raw-html.js';
import { Time } from '../shared/Time.js';

export interface SearchPageProps {
  chrome: PageChrome;
  /** Where the form is sent: "/search" or "/ja/search". */
  action: string;
  sections: SearchSectionOption[];
  /** The fields as the form shows them: what was searched for, or what was sent when it was refused. */
  form: SearchForm;
  /** The author filter's name, with the address of the same search without it; null without one. */
  author: { name: string; removeHref: string } | null;
  /** The note that the query was shortened, in the edition's words; null when it was not. */
  note: string | null;
  /** Why the request was refused, in the edition's words (the page is then a 400); empty when it was not. */
  problems: string[];
  /** Null when nothing was searched for: no terms, or a refused request. */
  results: {
    total: number;
    /** More match than `total` counts. */
    more: boolean;
    page: number;
    pages: number;
    entries: SearchEntry[];
    /** The number the page's first entry has in the whole list (21 on the second page). */
    first: number;
    /** The neighbouring pages' addresses, null at either end; `last` when this page is past the end. */
    previousHref: string | null;
    nextHref: string | null;
    lastHref: string | null;
  } | null;
}

const FIELD_ID = {
  q: 'search-page-q',
  section: 'search-page-section',
  from: 'search-page-from',
  to: 'search-page-to',
  sort: 'search-page-sort',
} as const;

/**
 * `/search`: the form (which works without JavaScript: a plain GET) and a page of results, each with its section,
 * date, byline and a snippet in which searchSnippet has marked the words found. Search pages are never indexed.
 */
export const SearchPage = ({ chrome, action, sections, form, author, note, problems, results }: SearchPageProps) => {
  const { labels } = editionWords(chrome);
  const { settings } = chrome;
  const title = form.q.trim() === '' ? labels.search : `${form.q.trim()} — ${labels.search}`;
  return (
    <Layout
      page={{ kind: 'search' }}
      chrome={chrome}
      title={`${title} | ${settings.publicationName}`}
      robots="noindex"
      searchQuery={form.q}
    >
      <div class="front search-page">
        <header class="front-header">
          <h1 id="search-page-heading">{labels.search}</h1>
        </header>
        <form role="search" class="search-form" action={action} method="get" aria-labelledby="search-page-heading">
          <p class="search-query">
            <label for={FIELD_ID.q}>{labels.searchFor}</label>{' '}
            <input type="search" id={FIELD_ID.q} name="q" value={form.q} />{' '}
            <button type="submit">{labels.search}</button>
          </p>
          <fieldset>
            <legend>{labels.searchFilters}</legend>
            <p class="search-field">
              <label for={FIELD_ID.section}>{labels.searchSection}</label>{' '}
              <select id={FIELD_ID.section} name="section">
                <option value="" selected={form.section === ''}>
                  {labels.allSections}
                </option>
                {sections.map((s) => (
                  <option value={s.slug} selected={s.slug === form.section.toLowerCase()}>
                    {s.name}
                  </option>
                ))}
              </select>
            </p>
            <p class="search-field">
              <label for={FIELD_ID.from}>{labels.searchFrom}</label>{' '}
              <input type="date" id={FIELD_ID.from} name="from" value={form.from} />
            </p>
            <p class="search-field">
              <label for={FIELD_ID.to}>{labels.searchTo}</label>{' '}
              <input type="date" id={FIELD_ID.to} name="to" value={form.to} />
            </p>
            <p class="search-field">
              <label for={FIELD_ID.sort}>{labels.searchOrder}</label>{' '}
              <select id={FIELD_ID.sort} name="sort">
                <option value="relevance" selected={form.sort !== 'newest'}>
                  {labels.searchRelevance}
                </option>
                <option value="newest" selected={form.sort === 'newest'}>
                  {labels.searchNewest}
                </option>
              </select>
            </p>
            {/* No author field to fill in: an author's page links here with one, which the form keeps;
                last, as it spans the filters' row. */}
            {form.author !== '' ? <input type="hidden" name="author" value={form.author} /> : null}
            {author ? (
              <p class="search-author">
                {labels.searchByAuthor(author.name)} (<a href={author.removeHref}>{labels.searchAnyAuthor}</a>)
              </p>
            ) : null}
          </fieldset>
        </form>
        {problems.length > 0 ? (
          <div class="search-problems" role="alert">
            <h2>{labels.searchRefused}</h2>
            <ul>
              {problems.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {note ? <p class="search-note">{note}</p> : null}
        {results ? (
          <Results results={results} chrome={chrome} query={form.q.trim()} />
        ) : problems.length === 0 ? (
          <p class="search-prompt empty">{labels.searchPrompt}</p>
        ) : null}
      </div>
    </Layout>
  );
};

const Results = ({
  results,
  chrome,
  query,
}: {
  results: NonNullable<SearchPageProps['results']>;
  chrome: PageChrome;
  query: string;
}) => {
  const { labels } = editionWords(chrome);
  const { settings } = chrome;
  if (results.total === 0) return <p class="search-none empty">{labels.searchNoResults(query)}</p>;
  return (
    <section class="search-results" aria-labelledby="search-results-heading">
      <h2 id="search-results-heading">
        {results.more
          ? labels.searchResultCountOver(results.total, query)
          : labels.searchResultCount(results.total, query)}
      </h2>
      {results.entries.length === 0 ? (
        <p class="search-none empty">
          {labels.searchPastEnd(results.pages)}{' '}
          {results.lastHref ? <a href={results.lastHref}>{labels.pageOf(results.pages, results.pages)}</a> : null}
        </p>
      ) : (
        <ol class="teasers" start={results.first}>
          {results.entries.map((entry) => (
            <li class="teaser search-result">
              <div class="teaser-text">
                <h3 class="teaser-headline">
                  <a href={entry.path}>{entry.headline}</a>
                </h3>
                {entry.kind === 'article' ? (
                  <p class="teaser-meta">
                    {entry.sectionName ? <span class="teaser-section">{entry.sectionName} · </span> : null}
                    <Time instant={entry.publishedAt} settings={settings} style="date" />
                    {entry.byline.length > 0 ? (
                      <span class="search-byline">
                        {' · '}
                        {labels.byline}
                        {entry.byline.map((name, i) => `${labels.nameSeparator(i, entry.byline.length)}${name}`)}
                      </span>
                    ) : null}
                  </p>
                ) : null}
                {/* searchSnippet escapes everything but its own <mark> elements (domain/search-snippet.ts). */}
                {entry.snippet ? <p class="teaser-standfirst search-snippet">{rawHtml(entry.snippet)}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
      {results.previousHref || results.nextHref ? (
        <nav class="pagination" aria-label={labels.pages}>
          {results.previousHref ? (
            <a rel="prev" href={results.previousHref}>
              {labels.searchPreviousPage}
            </a>
          ) : null}
          <span>{labels.pageOf(results.page, results.pages)}</span>
          {results.nextHref ? (
            <a rel="next" href={results.nextHref}>
              {labels.searchNextPage}
            </a>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
};
