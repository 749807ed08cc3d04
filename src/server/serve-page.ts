import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedResponse, ResponseCache } from './page-cache.js';
import { sendCached } from './send-cached.js';
import { createSingleFlight } from './shared-work.js';
import type { SiteSnapshot, SiteState } from './site-state.js';

export type ServePage = (
  req: FastifyRequest,
  reply: FastifyReply,
  key: string,
  render: (snap: SiteSnapshot, now: Date) => Promise<CachedResponse>,
) => Promise<FastifyReply>;

/**
 * Serves a page kept under `key`, or renders and keeps it: concurrent misses of one page share one render, and a
 * page rendered from content that changed meanwhile is sent but not kept. Reader pages and rankings both use it.
 */
export const createPageServer = (deps: { pageCache: ResponseCache; site: SiteState; clock: () => Date }): ServePage => {
  const renderOnce = createSingleFlight<CachedResponse>();
  return async (req, reply, key, render) => {
    const now = deps.clock();
    const cached = deps.pageCache.get(key, now.getTime());
    if (cached) return sendCached(req, reply, cached, 'HIT');
    const snap = deps.site.current();
    const entry = await renderOnce(`${snap.version} ${key}`, async () => {
      const rendered = await render(snap, now);
      if (deps.site.current().version === snap.version) deps.pageCache.set(key, rendered);
      return rendered;
    });
    return sendCached(req, reply, entry, 'MISS');
  };
};
