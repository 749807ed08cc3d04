import { STATUS_LABELS, type ArticleStatus } from '../../domain/article.js';
import type { CustomFieldChange } from '../../domain/custom-field-changes.js';
import type { DiffLine } from '../../domain/text-diff.js';
import { Csrf, NewsroomLayout, type NewsroomChrome } from './NewsroomLayout.js';

/** One line of the list; `status` is the article's state that save left it in (null: not known). */
export interface RevisionLine {
  revision: number;
  when: string;
  savedBy: string | null;
  status: ArticleStatus | null;
  autosave: boolean;
  /** Bytes of the stored copy. */
  size: number;
}

export interface RevisionsPageProps {
  chrome: NewsroomChrome;
  articleId: number;
  headline: string;
  /** This page's lines, newest first. */
  revisions: RevisionLine[];
  /** The line just older than this page's last, for what that one changed. */
  older: RevisionLine | null;
  page: number;
  pages: number;
  /** The two revisions compared: the words that differ line by line, plugins' custom fields as before → after. */
  compare: {
    a: number;
    b: number;
    fields: { name: string; lines: DiffLine[] }[];
    custom: CustomFieldChange[];
  } | null;
  canRestore: boolean;
  /** Where the revised thing is edited, when not an article: a publication page's `/newsroom/pages/:id`. */
  basePath?: string;
  /** The link back to it, when not "Back to the article". */
  backLabel?: string;
}

/** The editor's address; the list, its comparisons and restores live below it. */
const baseOf = (p: RevisionsPageProps): string => p.basePath ?? `/newsroom/articles/${p.articleId}`;

const sizeText = (bytes: number): string => (bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`);

/** Another page of the list, keeping the comparison shown. */
const pageHref = (p: RevisionsPageProps, page: number): string => {
  const query = new URLSearchParams();
  if (p.compare) {
    query.set('a', String(p.compare.a));
    query.set('b', String(p.compare.b));
  }
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return `${baseOf(p)}/revisions${text ? `?${text}` : ''}`;
};

const Pages = (p: RevisionsPageProps) =>
  p.pages > 1 ? (
    <nav aria-label="Pages" class="nr-pages">
      {p.page > 1 ? (
        <a href={pageHref(p, p.page - 1)} rel="prev">
          Newer revisions
        </a>
      ) : null}
      <span>
        Page {p.page} of {p.pages}
      </span>
      {p.page < p.pages ? (
        <a href={pageHref(p, p.page + 1)} rel="next">
          Older revisions
        </a>
      ) : null}
    </nav>
  ) : null;

const MARK: Record<DiffLine['kind'], string> = { same: ' ', added: '+', removed: '−' };

export const RevisionsPage = (p: RevisionsPageProps) => {
  // The newest revision overall is what the article holds now: restoring it would change nothing.
  const restorable = p.canRestore ? p.revisions.filter((_, i) => p.page > 1 || i > 0) : [];
  return (
    <NewsroomLayout chrome={p.chrome} title={`Revisions: ${p.headline}`}>
      <h1>Revisions</h1>
      <p>
        <a href={baseOf(p)}>{p.backLabel ?? 'Back to the article'}</a>
      </p>
      <form method="get" action={`${baseOf(p)}/revisions`}>
        {p.page > 1 ? <input type="hidden" name="page" value={String(p.page)} /> : null}
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">Older</th>
              <th scope="col">Newer</th>
              <th scope="col">Revision</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">State</th>
              <th scope="col">Kind</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span class="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.revisions.map((r, i) => (
              <tr>
                <td data-label="Older">
                  <input
                    type="radio"
                    name="a"
                    value={String(r.revision)}
                    checked={p.compare ? p.compare.a === r.revision : i === 1}
                    aria-label={`Compare from revision ${r.revision}`}
                  />
                </td>
                <td data-label="Newer">
                  <input
                    type="radio"
                    name="b"
                    value={String(r.revision)}
                    checked={p.compare ? p.compare.b === r.revision : i === 0}
                    aria-label={`Compare to revision ${r.revision}`}
                  />
                </td>
                <td data-label="Revision">{r.revision}</td>
                <td data-label="Saved">{r.when}</td>
                <td data-label="By">{r.savedBy ?? '—'}</td>
                {/* A state that differs from the revision before is what that save did: submitted, published… */}
                <td data-label="State">
                  {r.status === null ? (
                    'unknown'
                  ) : (p.revisions[i + 1] ?? p.older)?.status === r.status ? (
                    STATUS_LABELS[r.status]
                  ) : (
                    <strong>{STATUS_LABELS[r.status]}</strong>
                  )}
                </td>
                <td data-label="Kind">{r.autosave ? 'Autosave' : 'Save'}</td>
                <td data-label="Size">{sizeText(r.size)}</td>
                <td>
                  {restorable.includes(r) ? (
                    <button type="submit" form={`restore-${r.revision}`}>
                      Restore
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <button type="submit">Compare</button>
        </p>
      </form>
      <Pages {...p} />
      {restorable.length > 0
        ? restorable.map((r) => (
            <form id={`restore-${r.revision}`} method="post" action={`${baseOf(p)}/revisions/${r.revision}/restore`}>
              <Csrf token={p.chrome.csrfToken} />
            </form>
          ))
        : null}
      {p.compare ? (
        <section aria-labelledby="changes">
          <h2 id="changes">
            Changes from revision {p.compare.a} to {p.compare.b}
          </h2>
          {p.compare.fields.length === 0 && p.compare.custom.length === 0 ? (
            <p class="empty">The two revisions have the same words.</p>
          ) : null}
          {p.compare.custom.length > 0 ? (
            <div class="nr-diff nr-field-changes">
              <h3>Fields</h3>
              <ul>
                {p.compare.custom.map((c) => (
                  <li>
                    {c.label}: <del>{c.before}</del> → <ins>{c.after}</ins>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {p.compare.fields.length === 0
            ? null
            : p.compare.fields.map((f) => (
                <div class="nr-diff">
                  <h3>{f.name}</h3>
                  <pre>
                    {f.lines.map((l) => (
                      <span class={`diff-${l.kind}`}>{`${MARK[l.kind]} ${l.text}\n`}</span>
                    ))}
                  </pre>
                </div>
              ))}
        </section>
      ) : null}
    </NewsroomLayout>
  );
};
