import { pageHref } from '../../domain/listing-path.js';

interface PaginationProps {
  /** The list's first page, e.g. "/tag/budget/". */
  path: string;
  page: number;
  totalPages: number;
}

/** Newer and older links between the pages of a list; nothing when the list fits on one page. */
export const Pagination = ({ path, page, totalPages }: PaginationProps) =>
  totalPages > 1 ? (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? (
        <a rel="prev" href={pageHref(path, page - 1)}>
          Newer articles
        </a>
      ) : null}
      <span>
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <a rel="next" href={pageHref(path, page + 1)}>
          Older articles
        </a>
      ) : null}
    </nav>
  ) : null;
