import type { FastifyReply, FastifyRequest } from 'fastify';
import { NO_PLUGINS, type PluginRegistry } from '../plugins/registry.js';
import { withSecurityHeaders, type CachedResponse, type ResponseCache } from './page-cache.js';
import { readerSecurityHeaders } from './security-headers.js';
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
export const createPageServer = (deps: {
  pageCache: ResponseCache;
  site: SiteState;
  clock: () => Date;
  /** The loaded plugins: their CSP sources go into every page served here (reader pages). */
  plugins?: PluginRegistry;
}): ServePage => {
  const renderOnce = createSingleFlight<CachedResponse>();
  // Kept with the entry, so a HIT (here or on the fast path) sends the policy its MISS sent.
  const security = readerSecurityHeaders((deps.plugins ?? NO_PLUGINS).csp);
  return async (req, reply, key, render) => {
    const now = deps.clock();
    const cached = deps.pageCache.get(key, now.getTime());
    if (cached) return sendCached(req, reply, cached, 'HIT');
    const snap = deps.site.current();
    const entry = await renderOnce(`${snap.version} ${key}`, async () => {
      const rendered = withSecurityHeaders(await render(snap, now), security);
      if (deps.site.current().version === snap.version) deps.pageCache.set(key, rendered);
      return rendered;
    });
    return sendCached(req, reply, entry, 'MISS');
  };
};
