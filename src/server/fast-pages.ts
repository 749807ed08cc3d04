import { performance } from 'node:perf_hooks';
import type { FastPath } from './fast-paths.js';
import type { ResponseCache } from './page-cache.js';
import { writeCached, type CacheOutcome } from './send-cached.js';

export interface FastPageDeps {
  pageCache: ResponseCache;
  clock: () => Date;
  /** Each answer, for the request log's summary (request-log.ts): Fastify's response hook never sees them. */
  onAnswer?: (status: number, ms: number, cache: CacheOutcome) => void;
}

/**
 * Pages, feeds, sitemaps and robots.txt kept in memory, sent before Fastify sees the request.
 *
 * Why: a kept page sent from a route's onRequest hook still went through Fastify's routing, request and reply
 * objects and hooks: on two cores about half the CPU of a hit, and the news sitemap served at 0.70x a raw
 * node:http server sending the same bytes (docs/architecture/0009, "Pages from memory before Fastify").
 *
 * What is taken: GET or HEAD of an address without a query string that is, byte for byte, the key of an entry
 * in the page cache. Every entry is kept by the route that answers that address, under the address itself
 * (reader pages, tag and author pages, feeds, sitemaps, robots.txt: their canonical addresses; rankings are kept
 * under keys that are no address), so the route would send this same entry. Anything else (a query string, a
 * miss, another method) goes to Fastify, whose routes answer and keep it as before, and whose onRequest hooks
 * still send hits for spellings with a query string. The answer is writeCached's, as from the routes: 304 for a
 * conditional request still good, Brotli or gzip as accepted, no body for HEAD, X-Cache: HIT.
 * test/integration/fast-pages.test.ts sends the same requests through both and compares.
 */
export const createFastPages = (deps: FastPageDeps): FastPath => {
  const { pageCache, clock, onAnswer } = deps;
  return (req, res) => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = req.url!;
    if (url.charCodeAt(0) !== 47 /* '/' */ || url.includes('?')) return false;
    const entry = pageCache.get(url, clock().getTime());
    if (!entry) return false;
    const started = onAnswer ? performance.now() : 0;
    const status = writeCached(req, res, entry, 'HIT');
    onAnswer?.(status, performance.now() - started, 'HIT');
    return true;
  };
};
