import type { ReaderLabels } from '../../domain/edition-labels.js';

export interface SearchBoxProps {
  /** The edition's search page: "/search" or "/ja/search". */
  action: string;
  labels: Pick<ReaderLabels, 'search' | 'searchFor'>;
  /** What the search page was asked for, so the box keeps it; absent on every other page. */
  query?: string;
}

/**
 * The site search in every page's masthead (issue 15). The layout draws it, not the Masthead, so it stays when a
 * theme replaces the masthead. A plain GET form: it works without JavaScript. The label is for screen readers
 * (the button says what the box is for), and the id is not the search page's own form's.
 */
export const SearchBox = ({ action, labels, query }: SearchBoxProps) => (
  <form role="search" action={action} method="get">
    <label for="site-search-q" class="visually-hidden">
      {labels.searchFor}
    </label>
    <input type="search" id="site-search-q" name="q" value={query} />
    <button type="submit">{labels.search}</button>
  </form>
);
