import { performance } from 'node:perf_hooks';
import { parseReaderPath } from '../../domain/reader-path.js';
import { createDoorkeeper } from '../doorkeeper.js';
import type { FastPath } from '../fast-paths.js';
import { withSecurityHeaders, type ResponseCache } from '../page-cache.js';
import { writeCached, type CacheOutcome } from '../send-cached.js';
import type { SiteState } from '../site-state.js';
import type { ReaderWork } from './reader-work.js';

export interface FastArticleDeps {
  site: SiteState;
  clock: () => Date;
  pageCache: ResponseCache;
  work: ReaderWork;
  /** The reader pages' security headers (with the plugins' CSP sources), as their routes send them. */
  securityHeaders: Readonly<Record<string, string>>;
  /** Each answer, for the request log's summary (request-log.ts): Fastify's response hook never sees them. */
  onAnswer?: (status: number, ms: number, cache: CacheOutcome) => void;
}

/**
 * Article pages kept in the database (article-answer.tsx), answered before Fastify sees the request, as pages kept in
 * memory are (fast-pages.ts, which runs first): routing, hooks and Fastify's request and reply were some 100 µs of
 * an archive page's answer (docs/architecture/0009).
 *
 * What is taken: GET or HEAD of an address without a query string that reads as an article's. The request is then
 * this path's; if the page is not kept, or the address is another spelling of it, or anything fails, it is handed to
 * Fastify (`next`), whose reader route answers as it always has: renders, redirects, errors. What is sent is that
 * route's answer from the same kept row, kept in the page cache under the same key from the address's second request
 * on (doorkeeper.ts: an archive walked once does not push the pages being read out of the cache).
 * test/integration/fast-articles.test.ts sends the same requests both ways and compares.
 */
export const createFastArticles = (deps: FastArticleDeps): FastPath => {
  const { site, clock, pageCache, work, securityHeaders, onAnswer } = deps;
  const askedBefore = createDoorkeeper();
  return (req, res, next) => {
    const method = req.method;
    if (!next || (method !== 'GET' && method !== 'HEAD')) return false;
    const url = req.url!;
    if (url.charCodeAt(0) !== 47 /* '/' */ || url.includes('?')) return false;
    const snap = site.current();
    const { edition: ctx, rest } = snap.context.findEdition(url);
    const parsed = parseReaderPath(rest);
    if (parsed.kind !== 'article') return false;
    const started = performance.now();
    const now = clock();
    work.articles.answerKept(work.articleRequest(snap, ctx, url, parsed.id, now)).then(
      (entry) => {
        if (!entry) return next();
        const sent = withSecurityHeaders(entry, securityHeaders);
        // As the route keeps what it renders (not when content changed meanwhile), once the address is asked again.
        if (site.current().version === snap.version && askedBefore(url)) pageCache.set(url, sent);
        const status = writeCached(req, res, sent, 'MISS');
        onAnswer?.(status, performance.now() - started, 'MISS');
      },
      () => next(),
    );
    return true;
  };
};
