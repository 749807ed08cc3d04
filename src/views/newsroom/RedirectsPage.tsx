import { Csrf, FormError, NewsroomLayout, Notice, type NewsroomChrome } from './NewsroomLayout.js';
import { PostButton } from './PostButton.js';
import { TextField } from './TextField.js';

/** One redirect as the page lists it. */
export interface RedirectEntry {
  from: string;
  to: string;
  source: string | null;
  createdAt: Date;
}

export interface RedirectsPageProps {
  chrome: NewsroomChrome;
  rows: RedirectEntry[];
  total: number;
  page: number;
  pageSize: number;
  search: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  notice: string | null;
  formatTime: (at: Date) => string;
}

const SOURCE_LABEL: Record<string, string> = {
  wordpress: 'WordPress import',
  ghost: 'Ghost import',
  newsroom: 'Newsroom',
  'site-import': 'Site archive',
};

/** Stored addresses keep their escapes; people read "/2018/εκλογές", not "/2018/%CE%B5…". */
const readable = (path: string): string => {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
};

const listHref = (search: string, page: number): string => {
  const query = new URLSearchParams();
  if (search) query.set('q', search);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `/newsroom/redirects?${text}` : '/newsroom/redirects';
};

/** Newsroom → Redirects (issue 17): old addresses and where they now lead, with a form to add one. */
export const RedirectsPage = (p: RedirectsPageProps) => {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  return (
    <NewsroomLayout chrome={p.chrome} title="Redirects">
      <h1>Redirects</h1>
      <Notice text={p.notice} />
      <p>
        An old address answers readers and search engines with a permanent redirect (301) to a page of this site. It is
        used only where the site has no page of its own: a live article or front is never hidden by one.
      </p>
      <h2>Add a redirect</h2>
      <form method="post" action="/newsroom/redirects" class="nr-form" novalidate>
        <Csrf token={p.chrome.csrfToken} />
        <FormError text={p.errors.form} />
        <div class="nr-row">
          <TextField
            name="from"
            label="Old address"
            value={p.values.from ?? ''}
            error={p.errors.from}
            hint="A path: /2019/05/old-story/ or /?p=123."
            autocomplete="off"
          />
          <TextField
            name="to"
            label="New address"
            value={p.values.to ?? ''}
            error={p.errors.to}
            hint="A path of this site: /politics/story-slug/."
            autocomplete="off"
          />
        </div>
        <button type="submit">Add redirect</button>
      </form>
      <h2>Redirects</h2>
      <form method="get" action="/newsroom/redirects" class="nr-search" role="search">
        <label for="q">Search addresses</label>
        <input type="search" id="q" name="q" value={p.search} />
        <button type="submit">Search</button>
      </form>
      <p id="redirect-count">
        {p.total === 1 ? '1 redirect' : `${p.total} redirects`}
        {p.search ? ` matching “${p.search}”` : ''}
      </p>
      {p.rows.length === 0 ? (
        <p>{p.search ? 'No redirect matches.' : p.page > 1 ? 'No redirects on this page.' : 'No redirects yet.'}</p>
      ) : (
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">Old address</th>
              <th scope="col">New address</th>
              <th scope="col">From</th>
              <th scope="col">Added</th>
              <th scope="col">Delete</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>
                  <code>{readable(r.from)}</code>
                </td>
                <td data-label="New address">
                  <a href={r.to}>{readable(r.to)}</a>
                </td>
                <td data-label="From">{r.source ? (SOURCE_LABEL[r.source] ?? r.source) : 'Unknown'}</td>
                <td data-label="Added">{p.formatTime(r.createdAt)}</td>
                <td data-label="Delete">
                  <PostButton
                    action="/newsroom/redirects/delete"
                    csrfToken={p.chrome.csrfToken}
                    hidden={{ from: r.from }}
                    label={`Delete the redirect from ${readable(r.from)}`}
                  >
                    Delete
                  </PostButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages" class="nr-pages">
          {p.page > 1 ? (
            <a href={listHref(p.search, p.page - 1)} rel="prev">
              Newer
            </a>
          ) : null}
          <span>
            Page {p.page} of {pages}
          </span>
          {p.page < pages ? (
            <a href={listHref(p.search, p.page + 1)} rel="next">
              Older
            </a>
          ) : null}
        </nav>
      ) : null}
    </NewsroomLayout>
  );
};
