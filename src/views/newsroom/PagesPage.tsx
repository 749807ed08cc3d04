import { PAGE_STATUS_LABELS, publicationPagePath } from '../../domain/publication-page.js';
import type { PageListEntry } from '../../services/publication-pages.js';
import { Csrf, FormError, NewsroomLayout, Notice, type NewsroomChrome } from './NewsroomLayout.js';

export interface PagesPageProps {
  chrome: NewsroomChrome;
  pages: PageListEntry[];
  /** Admins choose the footer's pages and their order here. */
  canChooseFooter: boolean;
  notice?: string | undefined;
  error?: string | undefined;
  formatTime: (at: Date) => string;
}

/** The publication's pages (About, Contact…): each with its address and state, and for admins the footer's order. */
export const PagesPage = (p: PagesPageProps) => {
  const table = (
    <table class="nr-table">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Address</th>
          <th scope="col">State</th>
          <th scope="col">Last change</th>
          <th scope="col">{p.canChooseFooter ? 'Place in footer' : 'In footer'}</th>
        </tr>
      </thead>
      <tbody>
        {p.pages.map((page) => (
          <tr>
            <td>
              <a href={`/newsroom/pages/${page.id}`}>{page.title}</a>
            </td>
            <td data-label="Address">
              {page.status === 'published' ? (
                <a href={publicationPagePath(page.slug)}>{publicationPagePath(page.slug)}</a>
              ) : (
                publicationPagePath(page.slug)
              )}
            </td>
            <td data-label="State">{PAGE_STATUS_LABELS[page.status]}</td>
            <td data-label="Last change">{p.formatTime(page.modifiedAt)}</td>
            <td data-label={p.canChooseFooter ? 'Place in footer' : 'In footer'}>
              {p.canChooseFooter ? (
                <input
                  type="text"
                  inputMode="numeric"
                  size={3}
                  name={`footer_${page.id}`}
                  value={page.footerPosition === null ? '' : String(page.footerPosition)}
                  aria-label={`Place of ${page.title} in the footer`}
                />
              ) : page.footerPosition === null ? (
                '—'
              ) : (
                String(page.footerPosition)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <NewsroomLayout chrome={p.chrome} title="Pages">
      <h1>Pages</h1>
      <p>
        About, Contact, Privacy and the like: each at its own address, with no section or date.{' '}
        <a href="/newsroom/pages/new">New page</a>
      </p>
      <Notice text={p.notice} />
      <FormError text={p.error} />
      {p.pages.length === 0 ? (
        <p class="empty">No pages yet.</p>
      ) : p.canChooseFooter ? (
        <form method="post" action="/newsroom/pages/footer" class="nr-form">
          <Csrf token={p.chrome.csrfToken} />
          <p class="nr-hint" id="footer-hint">
            The footer lists the published pages given a place, lowest number first; leave the place empty to keep a
            page out of it. The feeds and the corrections page are always there.
          </p>
          {table}
          <p>
            <button type="submit">Save footer</button>
          </p>
        </form>
      ) : (
        table
      )}
    </NewsroomLayout>
  );
};
