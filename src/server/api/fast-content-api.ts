import { performance } from 'node:perf_hooks';
import type { ApiKeyService } from '../../services/api-keys.js';
import type { FastPath } from '../fast-paths.js';
import type { ResponseCache } from '../page-cache.js';
import { writeCached, type CacheOutcome } from '../send-cached.js';
import type { ContentApiKept } from './content-api-kept.js';

export interface FastContentApiDeps {
  kept: ContentApiKept;
  pageCache: ResponseCache;
  clock: () => Date;
  apiKeys: Pick<ApiKeyService, 'contentKeyHeld'>;
  /** Each answer, for the request log's summary (request-log.ts): Fastify's response hook never sees them. */
  onAnswer?: (status: number, ms: number, cache: CacheOutcome) => void;
}

const PREFIX = '/ghost/api/content/';

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
 */
export const createFastContentApi = (deps: FastContentApiDeps): FastPath => {
  const { kept, pageCache, clock, apiKeys, onAnswer } = deps;
  return (req, res) => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = req.url!;
    if (!url.startsWith(PREFIX)) return false;
    const address = kept.address(url);
    if (!address) return false;
    const now = clock().getTime();
    if (!apiKeys.contentKeyHeld(address.apiKey, now)) return false;
    const entry = pageCache.get(address.cacheKey, now);
    if (!entry) return false;
    const started = onAnswer ? performance.now() : 0;
    const status = writeCached(req, res, entry, 'HIT');
    onAnswer?.(status, performance.now() - started, 'HIT');
    return true;
  };
};
