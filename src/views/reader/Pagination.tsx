import { readerLabels, type ReaderLabels } from '../../domain/edition-labels.js';
import { pageHref } from '../../domain/listing-path.js';

interface PaginationProps {
  /** The list's first page, e.g. "/tag/budget/". */
  path: string;
  page: number;
  totalPages: number;
  /** The edition's words; English when not given. */
  labels?: Pick<ReaderLabels, 'newerArticles' | 'olderArticles' | 'pages' | 'pageOf'>;
}

/** Newer and older links between the pages of a list; nothing when the list fits on one page. */
export const Pagination = ({ path, page, totalPages, labels = readerLabels('en') }: PaginationProps) =>
  totalPages > 1 ? (
    <nav class="pagination" aria-label={labels.pages}>
      {page > 1 ? (
        <a rel="prev" href={pageHref(path, page - 1)}>
          {labels.newerArticles}
        </a>
      ) : null}
      <span>{labels.pageOf(page, totalPages)}</span>
      {page < totalPages ? (
        <a rel="next" href={pageHref(path, page + 1)}>
          {labels.olderArticles}
        </a>
      ) : null}
    </nav>
  ) : null;
