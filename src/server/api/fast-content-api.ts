import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parse as parseQuery } from 'fast-querystring';
import { parseContentQuery } from '../../domain/content-api-query.js';
import type { ApiKeyService } from '../../services/api-keys.js';
import type { FastPath } from '../fast-paths.js';
import type { CachedResponse, ResponseCache } from '../page-cache.js';
import { writeCached, type CacheOutcome, type CachedRequest } from '../send-cached.js';
import type { ContentApiAnswers } from './content-api-answers.js';
import type { ContentApiKept } from './content-api-kept.js';

export interface FastContentApiDeps {
  kept: ContentApiKept;
  pageCache: ResponseCache;
  clock: () => Date;
  apiKeys: Pick<ApiKeyService, 'contentKeyHeld'>;
  /** How the routes make an answer: with it, posts browses the cache does not hold are made here too. */
  answers?: ContentApiAnswers;
  /** Each answer, for the request log's summary (request-log.ts): Fastify's response hook never sees them. */
  onAnswer?: (status: number, ms: number, cache: CacheOutcome) => void;
}

const PREFIX = '/ghost/api/content/';
const POSTS_BROWSE = `${PREFIX}posts/?`;

/**
 * The Content API's kept answers, sent before Fastify sees the request, as fast-pages.ts sends reader pages
 * (docs/architecture/0019-content-api.md, "Answers made from kept posts"). A client asks the same address again and
 * again (a front end's home page, a static-site build): through Fastify's routing, query parsing, hooks and the
 * key's check, a kept answer went out at 0.43× a raw server sending the same bytes.
 *
 * What is taken: GET or HEAD of an address the Content API answered before, byte for byte, whose answer is still
 * in the page cache, and whose key the key service holds as good right now without reading anything (read within
 * its half second, not revoked, its use recorded within the minute). Anything else (a new address, an expired
 * answer, a key to read again or to record) goes to Fastify, whose route checks the key, answers and remembers the
 * address again. The answer is writeCached's, as from the route.
 *
 * With `answers`, a posts browse (`/ghost/api/content/posts/?…`, what front ends and static-site builds page
 * through) that the cache does not hold is made here as well, by the route's own code (content-api-answers.ts):
 * the query read by the parser Fastify's router uses (fast-querystring), the key held good from memory, the query
 * understood (parseContentQuery). Anything else, a refused query or a failure included, goes to Fastify, which
 * answers it as before, errors in Ghost's envelope. Fastify's routing and hooks were about 100 µs of the ~800 µs an
 * uncached browse cost (docs/architecture/0019-content-api.md).
 */
export const createFastContentApi = (deps: FastContentApiDeps): FastPath => {
  const { kept, pageCache, clock, apiKeys, answers, onAnswer } = deps;
  const send = (req: CachedRequest, res: ServerResponse, entry: CachedResponse, outcome: CacheOutcome, t: number) => {
    const status = writeCached(req, res, entry, outcome);
    onAnswer?.(status, performance.now() - t, outcome);
  };
  return (req, res, next) => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = req.url!;
    if (!url.startsWith(PREFIX)) return false;
    const now = clock();
    const t = now.getTime();
    const address = kept.address(url);
    if (address && apiKeys.contentKeyHeld(address.apiKey, t)) {
      const entry = pageCache.get(address.cacheKey, t);
      if (entry) {
        send(req, res, entry, 'HIT', onAnswer ? performance.now() : 0);
        return true;
      }
    }
    if (!answers || !next || !url.startsWith(POSTS_BROWSE)) return false;
    const raw = parseQuery(url.slice(POSTS_BROWSE.length)) as Record<string, unknown>;
    const apiKey = raw.key;
    if (typeof apiKey !== 'string' || !apiKeys.contentKeyHeld(apiKey, t)) return false;
    const parsed = parseContentQuery('posts', raw);
    if (!parsed.ok) return false;
    const started = onAnswer ? performance.now() : 0;
    const cacheKey = answers.browseKey(parsed.query);
    const hit = pageCache.get(cacheKey, t);
    if (hit) {
      kept.rememberAddress(url, { cacheKey, apiKey });
      send(req, res, hit, 'HIT', started);
      return true;
    }
    answers.browsePosts(url, apiKey, parsed.query, now).then(
      (entry) => send(req, res, entry, 'MISS', started),
      () => next(),
    );
    return true;
  };
};
