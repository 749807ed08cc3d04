import { articleKey, LISTS_KEY, SITE_KEY } from '../../domain/surrogate-keys.js';
import { makeEntry, spreadExpiry, type CachedResponse, type Surrogate } from '../page-cache.js';
import { makeStitchedEntry } from '../stitched-entry.js';

const HTML_TYPE = 'text/html; charset=utf-8';
/** Pages may sit in a CDN for a minute and be served stale while it refetches. */
const HTML_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';
/** In-process copies expire sooner, so a scheduled article appears on fronts within this time. */
const PAGE_TTL_MS = 30_000;
/** Each copy lives between 20 and 30 seconds, so pages cached together are not all rendered again together. */
const PAGE_TTL_SPREAD = 1 / 3;

/**
 * How long the cache in front may keep a page (its Surrogate-Control; browsers keep Cache-Control's minute). Pages
 * that list articles are purged on every change to what they list, so they may stay an hour. An article page is
 * purged when it changes, but its boxes (Top Articles, ACCESS RANKING, More in) move without it: ten minutes.
 */
const LIST_PROXY_SECONDS = 3600;
const ARTICLE_PROXY_SECONDS = 600;
/** A page that lists articles (fronts, search, corrections; the default for `html`), or a publication page. */
export const LIST_SURROGATE: Surrogate = { keys: [SITE_KEY, LISTS_KEY], maxAge: LIST_PROXY_SECONDS };
export const articleSurrogate = (id: number): Surrogate => ({
  keys: [SITE_KEY, articleKey(id)],
  maxAge: ARTICLE_PROXY_SECONDS,
});

const pageExpiry = (now: number): number => spreadExpiry(now, PAGE_TTL_MS, PAGE_TTL_SPREAD, Math.random());

/**
 * A rendered reader page as kept in the page cache; the listing pages (listing-routes.tsx) keep theirs the same way.
 * `notAfter` (epoch ms) ends the copy sooner when what it prints goes out of date at a known instant.
 */
export const html = (
  body: string,
  now: number,
  notAfter = Number.POSITIVE_INFINITY,
  surrogate: Surrogate = LIST_SURROGATE,
): CachedResponse =>
  makeEntry(body, {
    contentType: HTML_TYPE,
    cacheControl: HTML_CACHE_CONTROL,
    surrogate,
    expiresAt: Math.min(pageExpiry(now), notAfter),
    // Render time: a page also shows rankings and scheduled articles that change without a content write, so the
    // newest stored change could claim a page unchanged that is not. A copy lives 30 s at most.
    lastModified: now,
  });

/** An article page stitched in gzip from kept pieces (article-pieces.tsx), kept as `html` keeps a page. */
export const stitchedHtml = (
  page: { gzip: Buffer; length: number },
  now: number,
  surrogate: Surrogate,
): CachedResponse =>
  makeStitchedEntry(page.gzip, page.length, {
    contentType: HTML_TYPE,
    cacheControl: HTML_CACHE_CONTROL,
    surrogate,
    expiresAt: pageExpiry(now),
    lastModified: now,
  });

export const redirect = (location: string, now: number): CachedResponse =>
  makeEntry('', {
    status: 301,
    location,
    contentType: 'text/plain',
    cacheControl: 'public, max-age=3600',
    expiresAt: pageExpiry(now),
  });
