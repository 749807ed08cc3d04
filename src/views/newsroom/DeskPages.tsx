import { ARTICLE_STATUSES, STATUS_LABELS, type ArticleStatus } from '../../domain/article.js';
import { NewsroomLayout, type NewsroomChrome } from './NewsroomLayout.js';
import { SourceUpdatedBox, type SourceUpdatedRowView } from './SourceUpdatedBox.js';

export interface ArticleRowView {
  id: number;
  headline: string;
  status: ArticleStatus;
  /** When it went or goes live, or (for what readers do not see) when it last changed. */
  when: { kind: 'published' | 'scheduled' | 'changed'; text: string; iso: string };
  /** The article's authors' names, in order. */
  byline: string[];
  /** Its edition's language, on a site with more than one edition (issue 13). */
  edition?: string;
}

const WHEN_WORDS: Record<ArticleRowView['when']['kind'], string> = {
  published: 'Published',
  scheduled: 'Goes live',
  changed: 'Changed',
};

/** Articles as a table; on a phone each row reads as a block, its cells labelled (data-label, newsroom.css). */
const ArticleTable = ({ rows, empty }: { rows: ArticleRowView[]; empty: string }) => {
  const withEditions = rows.some((r) => r.edition !== undefined);
  return rows.length === 0 ? (
    <p class="empty">{empty}</p>
  ) : (
    <table class="nr-table">
      <thead>
        <tr>
          <th scope="col">Headline</th>
          <th scope="col">Status</th>
          <th scope="col">When</th>
          <th scope="col">By</th>
          {withEditions ? <th scope="col">Edition</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>
              <a href={`/newsroom/articles/${r.id}`}>{r.headline || 'Untitled'}</a>
            </td>
            <td data-label="Status">{STATUS_LABELS[r.status]}</td>
            <td data-label="When">
              {WHEN_WORDS[r.when.kind]} <time datetime={r.when.iso}>{r.when.text}</time>
            </td>
            <td data-label="By">{r.byline.length > 0 ? r.byline.join(', ') : '—'}</td>
            {withEditions ? <td data-label="Edition">{r.edition ?? ''}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
};

export interface ReadingNow {
  headline: string;
  id: number;
  views: number;
  /** Views per hour over the last 24 hours, oldest first. */
  hourly: number[];
}

/** A 24-bar chart drawn with inline SVG: no script, no external library. */
const Sparkline = ({ values, label }: { values: number[]; label: string }) => {
  const max = Math.max(1, ...values);
  return (
    <svg
      class="nr-spark"
      viewBox={`0 0 ${values.length * 4} 20`}
      width={values.length * 4}
      height={20}
      role="img"
      aria-label={label}
    >
      {values.map((v, i) => (
        <rect x={i * 4} y={20 - (v / max) * 20} width={3} height={(v / max) * 20} />
      ))}
    </svg>
  );
};

export const DeskPage = ({
  chrome,
  review,
  scheduled,
  recent,
  reading,
  sourceUpdated = [],
}: {
  chrome: NewsroomChrome;
  review: ArticleRowView[];
  scheduled: ArticleRowView[];
  recent: ArticleRowView[];
  reading: ReadingNow[];
  /** Translations whose source had a significant update (issue 13); the box shows only when there are some. */
  sourceUpdated?: SourceUpdatedRowView[];
}) => (
  <NewsroomLayout chrome={chrome} title="Desk">
    <h1>Desk</h1>
    <div class="nr-desk">
      {sourceUpdated.length > 0 ? <SourceUpdatedBox rows={sourceUpdated} csrfToken={chrome.csrfToken} /> : null}
      <section aria-labelledby="in-review">
        <h2 id="in-review">In review</h2>
        <ArticleTable rows={review} empty="Nothing is waiting for review." />
      </section>
      <section aria-labelledby="scheduled">
        <h2 id="scheduled">Scheduled</h2>
        <ArticleTable rows={scheduled} empty="Nothing is scheduled." />
      </section>
      <section aria-labelledby="reading">
        <h2 id="reading">Reading now (24 hours)</h2>
        {reading.length === 0 ? (
          <p class="empty">No views counted in the last 24 hours.</p>
        ) : (
          <ol class="nr-reading">
            {reading.map((r) => (
              <li>
                <a href={`/newsroom/articles/${r.id}`}>{r.headline}</a> <span>{r.views} views</span>
                <Sparkline values={r.hourly} label={`Views per hour for ${r.headline}`} />
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="recent">
        <h2 id="recent">Recent changes</h2>
        <ArticleTable rows={recent} empty="No articles yet." />
      </section>
    </div>
  </NewsroomLayout>
);

export interface ArticleListProps {
  chrome: NewsroomChrome;
  rows: ArticleRowView[];
  status: ArticleStatus | null;
  search: string;
  page: number;
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

export const ArticleListPage = (p: ArticleListProps) => (
  <NewsroomLayout chrome={p.chrome} title="Articles">
    <h1>
      Articles{p.status ? ` — ${STATUS_LABELS[p.status]}` : ''}
      {p.search ? `: “${p.search}”` : ''}
    </h1>
    <nav aria-label="Filter by status" class="nr-filter">
      <ul>
        <li>
          <a href={listHref({ status: null, search: p.search, edition: p.edition ?? null }, 1)}>All</a>
        </li>
        {ARTICLE_STATUSES.map((s) => (
          <li>
            <a href={listHref({ status: s, search: p.search, edition: p.edition ?? null }, 1)}>{STATUS_LABELS[s]}</a>
          </li>
        ))}
      </ul>
    </nav>
    {p.editions && p.editions.length > 1 ? (
      <nav aria-label="Filter by edition" class="nr-filter">
        <ul>
          <li>
            <a href={listHref({ status: p.status, search: p.search }, 1)} aria-current={p.edition ? undefined : 'page'}>
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
      <label for="q">Headline words</label>
      <input type="search" id="q" name="q" value={p.search} />
      <button type="submit">Search</button>
    </form>
    <ArticleTable rows={p.rows} empty={p.search ? 'No headline has all those words.' : 'No articles.'} />
    {p.page > 1 || p.hasOlder ? (
      <nav aria-label="Pages" class="nr-pages">
        {p.page > 1 ? (
          <a href={listHref(p, p.page - 1)} rel="prev">
            Newer
          </a>
        ) : null}
        <span>Page {p.page}</span>
        {p.hasOlder ? (
          <a href={listHref(p, p.page + 1)} rel="next">
            Older
          </a>
        ) : null}
      </nav>
    ) : null}
  </NewsroomLayout>
);

export const NewsroomErrorPage = ({
  chrome,
  status,
  title,
  message,
}: {
  chrome: NewsroomChrome;
  status: number;
  title: string;
  message: string;
}) => (
  <NewsroomLayout chrome={chrome} title={title}>
    <p class="error-status">Error {status}</p>
    <h1>{title}</h1>
    <p>{message}</p>
    <p>
      <a href="/newsroom">Back to the desk</a>
    </p>
  </NewsroomLayout>
);

export interface ActivityRowView {
  when: string;
  by: string | null;
  did: string;
  articleId: number;
  headline: string;
}

/** Who did what, newest first: the newsroom's record of who published, scheduled, sent back or corrected. */
export const ActivityPage = ({ chrome, rows }: { chrome: NewsroomChrome; rows: ActivityRowView[] }) => (
  <NewsroomLayout chrome={chrome} title="Activity">
    <h1>Activity</h1>
    {rows.length === 0 ? (
      <p class="empty">Nothing has happened yet.</p>
    ) : (
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Did</th>
            <th scope="col">Article</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td data-label="When">{r.when}</td>
              <td data-label="Who">{r.by ?? '—'}</td>
              <td data-label="Did">{r.did}</td>
              <td data-label="Article">
                <a href={`/newsroom/articles/${r.articleId}`}>{r.headline || 'Untitled'}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </NewsroomLayout>
);
