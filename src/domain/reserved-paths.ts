/**
 * First path segments the site answers itself, so a section there would have a front and articles that no reader
 * can reach (the reader routes come last and only see what nothing else claimed). Every way of making a section
 * (the newsroom's Sections page, import-page, the demo) asks this one list.
 *
 * Taken today by src/server: newsroom, media, static, api, ranking, corrections, robots.txt. Kept for routes
 * planned in the issues (search, feeds, tag and author pages, sitemaps) so that adding them never hides a section
 * a newspaper has already filled; the singular and plural forms both, since either may become the route.
 */
export const RESERVED_PATHS: ReadonlySet<string> = new Set([
  'newsroom',
  'media',
  'static',
  'api',
  'ranking',
  'corrections',
  'robots.txt',
  'search',
  'feed',
  'feeds',
  'rss',
  'tag',
  'tags',
  'author',
  'authors',
  'sitemap',
  'sitemaps',
  'sitemap.xml',
  'favicon.ico',
]);

/** True for a first path segment the site keeps for itself, in any case ("Search" as much as "search"). */
export const isReservedPath = (segment: string): boolean => RESERVED_PATHS.has(segment.trim().toLowerCase());
