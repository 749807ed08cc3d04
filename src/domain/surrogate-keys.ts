/**
 * Surrogate keys: the names a cache in front (Varnish xkey, Fastly, Cloudflare cache tags) files a response under,
 * and a change purges (issue 18; docs/architecture/0026-purge-on-change.md). Coarse on purpose, so that no change
 * can miss a page it shows on:
 *
 * - `site`: every response. A change of what every page shows (settings, sections, navigation, footer pages,
 *   editions, a theme or plugin setting) purges it, and so does any change not named more narrowly.
 * - `lists`: every page that lists articles (home, section, tag and author fronts, corrections, search), feeds and
 *   sitemaps. An article going live, changing while live or leaving, a correction, curation: each purges it.
 * - `article-{id}`: an article's page. Its save purges its translation group's pages (each links the others); an
 *   author's profile edit, the pages of every article bylined by them.
 */
export const SITE_KEY = 'site';
export const LISTS_KEY = 'lists';
export const articleKey = (id: number): string => `article-${id}`;
