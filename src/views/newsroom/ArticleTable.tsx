import { STATUS_LABELS, type ArticleStatus } from '../../domain/article.js';

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
export const ArticleTable = ({ rows, empty }: { rows: ArticleRowView[]; empty: string }) => {
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
