import type { ContentQuery } from '../../domain/content-api-query.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { Db } from '../../storage/database.js';
import { spreadExpiry, withSecurityHeaders, type CachedResponse, type ResponseCache } from '../page-cache.js';
import { SECURITY_HEADERS } from '../security-headers.js';
import type { SiteSnapshot, SiteState } from '../site-state.js';
import { bodyHtmlRenderer } from './body-html.js';
import { resourceNotFound } from './content-api-errors.js';
import type { ContentApiKept } from './content-api-kept.js';
import { createPostAnswers, type PostAnswer } from './content-api-post-answers.js';

/** As reader pages: a CDN may keep an answer a minute; ours lives 20 to 30 s, so a scheduled article appears in time. */
export const CONTENT_CACHE_CONTROL = 'public, max-age=60';
export const CONTENT_JSON_TYPE = 'application/json; charset=utf-8';
const TTL_MS = 30_000;
const TTL_SPREAD = 1 / 3;
/** Any site's scripts may read the Content API: its keys are public by design (Ghost answers the same). */
const API_HEADERS = { ...SECURITY_HEADERS, 'access-control-allow-origin': '*' };

export interface ContentApiAnswerDeps {
  db: Db;
  clock: () => Date;
  site: SiteState;
  pageCache: ResponseCache;
  kept: ContentApiKept;
  /** The loaded plugins: their blocks are drawn in `html`, as in full-text feeds. */
  plugins?: PluginRegistry;
}

/**
 * How the Content API makes and keeps an answer the page cache does not hold, shared by its routes
 * (content-api-routes.ts) and by the posts browses answered before Fastify (fast-content-api.ts), so that both send
 * the same bytes under the same key.
 */
export const createContentApiAnswers = (deps: ContentApiAnswerDeps) => {
  const { kept } = deps;
  const posts = createPostAnswers({ db: deps.db, kept, bodyHtml: bodyHtmlRenderer(deps.plugins) });
  const expiry = (now: Date) => spreadExpiry(now.getTime(), TTL_MS, TTL_SPREAD, Math.random());

  /**
   * The answer made at `now`, with the API's headers, and kept under `key` (made from the understood query, never
   * the raw one, never the API key) unless content changed while it was made; the address as sent is then
   * remembered with it, for the same request again before Fastify.
   */
  const made = async (
    address: string,
    key: string,
    apiKey: string,
    now: Date,
    make: (snap: SiteSnapshot, now: Date) => Promise<CachedResponse>,
  ): Promise<CachedResponse> => {
    const snap = deps.site.current();
    const entry = withSecurityHeaders(await make(snap, now), API_HEADERS);
    if (deps.site.current().version === snap.version) {
      deps.pageCache.set(key, entry);
      kept.rememberAddress(address, { cacheKey: key, apiKey });
    }
    return entry;
  };

  /** An answer of posts, stitched from kept posts (content-api-post-answers.ts); none is Ghost's NotFoundError. */
  const postsEntry =
    (answer: (snap: SiteSnapshot, now: Date, current: () => number) => Promise<PostAnswer | null>) =>
    async (snap: SiteSnapshot, now: Date): Promise<CachedResponse> => {
      const parts = await answer(snap, now, () => deps.site.current().version);
      if (parts === null) throw resourceNotFound('Post');
      return kept.answer(parts.prefix, parts.objects, parts.suffix, {
        contentType: CONTENT_JSON_TYPE,
        cacheControl: CONTENT_CACHE_CONTROL,
        expiresAt: expiry(now),
      });
    };

  /** The page cache's key of a posts browse. */
  const browseKey = (query: ContentQuery): string => `content-api:posts:${JSON.stringify(query)}`;

  return {
    kept,
    posts,
    made,
    postsEntry,
    expiry,
    browseKey,
    /** A posts browse made and kept (the page cache did not hold `browseKey(query)`). */
    browsePosts: (address: string, apiKey: string, query: ContentQuery, now: Date): Promise<CachedResponse> =>
      made(
        address,
        browseKey(query),
        apiKey,
        now,
        postsEntry((snap, at, current) => posts.browse(snap, query, at, current)),
      ),
  };
};

export type ContentApiAnswers = ReturnType<typeof createContentApiAnswers>;
