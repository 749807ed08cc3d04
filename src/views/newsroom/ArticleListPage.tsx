import { ARTICLE_STATUSES, STATUS_LABELS, type ArticleStatus } from '../../domain/article.js';
import { ArticleTable, type ArticleRowView } from './ArticleTable.js';
import { NewsroomLayout, type NewsroomChrome } from './NewsroomLayout.js';
import { groupDigits } from '../../domain/digits.js';

export interface ArticleListProps {
  chrome: NewsroomChrome;
  rows: ArticleRowView[];
  status: ArticleStatus | null;
  search: string;
  /** How many articles match the search in all; null for the plain list. */
  total?: number | null;
  /** True when more articles match than were counted: total is then the count's limit. */
  more?: boolean;
  /** The search's pages in all; null for the plain list, or when not all matches were counted. */
  pages?: number | null;
  /** A search with no words to look for (the plain list is shown), or one cut to its start. */
  note?: 'no-terms' | 'cut' | null;
  page: number;
  /** True when a later page holds more. */
  hasOlder: boolean;
  /** The site's editions when it has more than one, for the edition filter (issue 13). */
  editions?: { id: number; language: string; publicationName: string }[];
  /** The edition the list is filtered by, if any. */
  edition?: number | null;
}

/** The address of another view of the list: the same status, search and edition, another page. */
const listHref = (p: { status: ArticleStatus | null; search: string; edition?: number | null }, page: number) => {
  const query = new URLSearchParams();
  if (p.status) query.set('status', p.status);
  if (p.search) query.set('q', p.search);
  if (p.edition) query.set('edition', String(p.edition));
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `/newsroom/articles?${text}` : '/newsroom/articles';
};

const matchCount = (total: number, more: boolean): string =>
  more
    ? `More than ${groupDigits(total)} articles match`
    : total === 1
      ? '1 article matches'
      : `${total} articles match`;

/** What the list says about a search it could not take as typed. */
const NOTES: Record<NonNullable<ArticleListProps['note']>, string> = {
  'no-terms': 'The search has no words to look for, so every article is listed.',
  cut: 'The search was too long: only its start was searched.',
};

export const ArticleListPage = (p: ArticleListProps) => {
  // A search that found what to look for pages by relevance, so its pages are not newer and older.
  const searching = p.total !== undefined && p.total !== null;
  return (
    <NewsroomLayout chrome={p.chrome} title="Articles">
      <h1>
        Articles{p.status ? ` — ${STATUS_LABELS[p.status]}` : ''}
        {p.search ? `: “${p.search}”` : ''}
      </h1>
      <nav aria-label="Filter by status" class="nr-filter">
        <ul>
          <li>
            <a
              href={listHref({ status: null, search: p.search, edition: p.edition ?? null }, 1)}
              aria-current={p.status ? undefined : 'page'}
            >
              All
            </a>
          </li>
          {ARTICLE_STATUSES.map((s) => (
            <li>
              <a
                href={listHref({ status: s, search: p.search, edition: p.edition ?? null }, 1)}
                aria-current={p.status === s ? 'page' : undefined}
              >
                {STATUS_LABELS[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {p.editions && p.editions.length > 1 ? (
        <nav aria-label="Filter by edition" class="nr-filter">
          <ul>
            <li>
              <a
                href={listHref({ status: p.status, search: p.search }, 1)}
                aria-current={p.edition ? undefined : 'page'}
              >
                Every edition
              </a>
            </li>
            {p.editions.map((e) => (
              <li>
                <a
                  href={listHref({ status: p.status, search: p.search, edition: e.id }, 1)}
                  aria-current={p.edition === e.id ? 'page' : undefined}
                >
                  {e.publicationName} ({e.language})
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <form method="get" action="/newsroom/articles" class="nr-search" role="search">
        {p.status ? <input type="hidden" name="status" value={p.status} /> : null}
        {p.edition ? <input type="hidden" name="edition" value={String(p.edition)} /> : null}
        <label for="q">Search articles</label>
        <input type="search" id="q" name="q" value={p.search} />
        <button type="submit">Search</button>
      </form>
      {p.note ? (
        <p class="nr-notice" role="status">
          {NOTES[p.note]}
        </p>
      ) : null}
      {searching ? <p id="match-count">{matchCount(p.total ?? 0, p.more ?? false)}</p> : null}
      <ArticleTable
        rows={p.rows}
        empty={
          searching && p.total === 0
            ? 'No article has all those words.'
            : p.page > 1
              ? 'No articles on this page.'
              : 'No articles.'
        }
      />
      {p.page > 1 || p.hasOlder ? (
        <nav aria-label="Pages" class="nr-pages">
          {p.page > 1 ? (
            <a href={listHref(p, p.page - 1)} rel="prev">
              {searching ? 'Previous' : 'Newer'}
            </a>
          ) : null}
          <span>
            Page {p.page}
            {searching && p.pages ? ` of ${p.pages}` : ''}
          </span>
          {p.hasOlder ? (
            <a href={listHref(p, p.page + 1)} rel="next">
              {searching ? 'Next' : 'Older'}
            </a>
          ) : null}
        </nav>
      ) : null}
    </NewsroomLayout>
  );
};
