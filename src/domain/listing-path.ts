/**
 * Addresses of the listing pages, made in one place so bylines, tag pills, sitemaps, feeds and JSON-LD agree.
 * Tag slugs may hold letters of any script: they are percent-encoded here, and Fastify decodes them again.
 */

/** "/author/mika-sato/". */
export const authorPath = (slug: string): string => `/author/${encodeURIComponent(slug)}/`;

/** The page of a tag slug (domain/tag.ts): "/tag/climate-change/". */
export const tagPath = (slug: string): string => `/tag/${encodeURIComponent(slug)}/`;

/** A numbered list's page N: `?page=N` for every page but the first, whose address is the bare path. */
export const pageHref = (path: string, page: number): string => (page === 1 ? path : `${path}?page=${page}`);

/** The RSS and Atom feeds of a listing page at `path` ("/tag/budget/"), as Layout's `feeds` advertises them. */
export const feedsOf = (path: string, title: string): { title: string; href: string; type: 'rss' | 'atom' }[] => [
  { title: `${title} (RSS)`, href: `${path}feed/`, type: 'rss' },
  { title: `${title} (Atom)`, href: `${path}feed/atom/`, type: 'atom' },
];
