/**
 * Addresses of the listing pages, made in one place so bylines, tag pills, sitemaps, feeds and JSON-LD agree.
 * Tag slugs may hold letters of any script: they are percent-encoded here, and Fastify decodes them again.
 */

/** "/author/mika-sato/". */
export const authorPath = (slug: string): string => `/author/${encodeURIComponent(slug)}/`;

/** The page of a tag slug (domain/tag.ts): "/tag/climate-change/". */
export const tagPath = (slug: string): string => `/tag/${encodeURIComponent(slug)}/`;
