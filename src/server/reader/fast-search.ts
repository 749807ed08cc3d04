import { performance } from 'node:perf_hooks';
import { parse } from 'node:querystring';
import { readSearchParams, searchCacheKey, searchInEdition } from '../../domain/search-request.js';
import { editionNamed, type SiteContext } from '../../services/site-context.js';
import type { FastPath } from '../fast-paths.js';
import type { ResponseCache } from '../page-cache.js';
import { writeCached, type CacheOutcome } from '../send-cached.js';
import type { SiteState } from '../site-state.js';

/**
 * The cache key of a search request, `/search` in any edition or `/api/search`, from its path as it arrived and its
 * parsed query string: the key its route keeps the answer under (search-routes.tsx). Null when no kept answer can
 * be meant: another address, or a request the route refuses (refusals are never kept).
 */
export const searchKeyOf = (
  site: SiteContext,
  path: string,
  query: Readonly<Record<string, unknown>>,
): string | null => {
  const target = searchTarget(site, path, query);
  const read = target && readSearchParams(query);
  if (!target || !read?.ok) return null;
  const where = searchInEdition(target.ctx, read.params);
  return where.ok ? searchCacheKey(target.kind, target.ctx.edition.prefix, where.search) : null;
};

/** Which of the two a path is, and in which edition: the API names it in its query, a page by its prefix. */
const searchTarget = (
  site: SiteContext,
  path: string,
  query: Readonly<Record<string, unknown>>,
): { kind: 'page' | 'api'; ctx: SiteContext } | null => {
  if (path === '/api/search') {
    const ctx = editionNamed(site, query.edition);
    return ctx && { kind: 'api', ctx };
  }
  const { edition, rest } = site.findEdition(path);
  return rest === '/search' ? { kind: 'page', ctx: edition } : null;
};

/**
 * A search answered before Fastify sees it, when its page (or JSON) is kept: the same answer the route's onRequest
 * hook would send, without Fastify's routing, request objects and hooks, which cost a kept search page a third of
 * its throughput (measured with wrk on two cores: 14-17,000 requests a second through the hook, 23-25,000 for a
 * section front from fast-pages.ts). Issue 15 asks ≥ 0.8× a raw node:http server.
 *
 * The query string is read by node:querystring, whose reading Fastify's own parser (fast-querystring) follows, into
 * the key the route makes (searchKeyOf): a spelling read differently would only miss, and the route answers it.
 */
/** Addresses whose keys are remembered at once. */
const KEPT_KEYS = 1_000;

export const createFastSearch = (deps: {
  pageCache: ResponseCache;
  clock: () => Date;
  site: Pick<SiteState, 'current'>;
  onAnswer?: (status: number, ms: number, cache: CacheOutcome) => void;
}): FastPath => {
  const { pageCache, clock, site, onAnswer } = deps;
  // Reading a search's address (its query parsed, normalised and tokenised) cost a fifth of a kept page's answer;
  // the same address asked again, under the same site context, is the same key. Dropped whole when the context
  // changes (a section renamed can change a key) or past KEPT_KEYS addresses, so it never outgrows a burst.
  let keysFor: SiteContext | null = null;
  const keys = new Map<string, string | null>();
  const keyOf = (context: SiteContext, url: string, path: string, mark: number): string | null => {
    if (keysFor !== context || keys.size >= KEPT_KEYS) {
      keys.clear();
      keysFor = context;
    }
    let key = keys.get(url);
    if (key === undefined) {
      key = searchKeyOf(context, path, parse(mark === -1 ? '' : url.slice(mark + 1)));
      keys.set(url, key);
    }
    return key;
  };
  return (req, res) => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = req.url!;
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    // Every other request leaves after this one comparison.
    if (!path.endsWith('/search')) return false;
    const key = keyOf(site.current().context, url, path, mark);
    const entry = key === null ? undefined : pageCache.get(key, clock().getTime());
    if (!entry) return false;
    const started = onAnswer ? performance.now() : 0;
    const status = writeCached(req, res, entry, 'HIT');
    onAnswer?.(status, performance.now() - started, 'HIT');
    return true;
  };
};
