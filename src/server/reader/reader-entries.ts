import { makeEntry, spreadExpiry, type CachedResponse } from '../page-cache.js';
import { makeStitchedEntry } from '../stitched-entry.js';

const HTML_TYPE = 'text/html; charset=utf-8';
/** Pages may sit in a CDN for a minute and be served stale while it refetches. */
const HTML_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';
/** In-process copies expire sooner, so a scheduled article appears on fronts within this time. */
const PAGE_TTL_MS = 30_000;
/** Each copy lives between 20 and 30 seconds, so pages cached together are not all rendered again together. */
const PAGE_TTL_SPREAD = 1 / 3;

const pageExpiry = (now: number): number => spreadExpiry(now, PAGE_TTL_MS, PAGE_TTL_SPREAD, Math.random());

/**
 * A rendered reader page as kept in the page cache; the listing pages (listing-routes.tsx) keep theirs the same way.
 * `notAfter` (epoch ms) ends the copy sooner when what it prints goes out of date at a known instant.
 */
export const html = (body: string, now: number, notAfter = Number.POSITIVE_INFINITY): CachedResponse =>
  makeEntry(body, {
    contentType: HTML_TYPE,
    cacheControl: HTML_CACHE_CONTROL,
    expiresAt: Math.min(pageExpiry(now), notAfter),
    // Render time: a page also shows rankings and scheduled articles that change without a content write, so the
    // newest stored change could claim a page unchanged that is not. A copy lives 30 s at most.
    lastModified: now,
  });

/** An article page stitched in gzip from kept pieces (article-pieces.tsx), kept as `html` keeps a page. */
export const stitchedHtml = (
  page: { gzip: Buffer; length: number; inflate: () => Buffer },
  now: number,
): CachedResponse =>
  makeStitchedEntry(page.gzip, page.length, page.inflate, {
    contentType: HTML_TYPE,
    cacheControl: HTML_CACHE_CONTROL,
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
