import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { editionPath } from '../../domain/edition.js';
import { OPENSEARCH_CONTENT_TYPE, openSearchDescription } from '../../domain/opensearch-description.js';
import { pathOfUrl } from '../../domain/reader-path.js';
import { makeEntry, type ResponseCache } from '../page-cache.js';
import { IgnoredQuery, typed } from '../route-schemas.js';
import { sendCached } from '../send-cached.js';
import { createPageServer } from '../serve-page.js';
import type { SiteState } from '../site-state.js';
import { editionOfRequest } from './edition-routing.js';

/** What /opensearch.xml uses. */
export interface OpenSearchRouteDeps {
  clock: () => Date;
  site: SiteState;
  /** Kept with the pages: a settings change (a content write) empties both, so a new name shows at once. */
  pageCache: ResponseCache;
}

/** Browsers read the file when a reader adds the site as a search engine, and seldom again. */
const CACHE_CONTROL = 'public, max-age=3600';
const TTL_MS = 3_600_000;

/**
 * `/opensearch.xml` (and `/ja/opensearch.xml` in each other edition, which editionRewrite hands here without its
 * prefix): the OpenSearch description of the edition's search, which every reader page names in its head.
 */
export const registerOpenSearchRoute = (scope: FastifyInstance, deps: OpenSearchRouteDeps): void => {
  const app = typed(scope);
  const cachedOrBuilt = createPageServer(deps);
  // A kept file is sent before validation and the handler, as sitemaps and robots.txt are: only a lookup.
  const keptFirst = async (req: FastifyRequest, reply: FastifyReply) => {
    const hit = deps.pageCache.get(pathOfUrl(req.originalUrl), deps.clock().getTime());
    return hit ? sendCached(req, reply, hit, 'HIT') : undefined;
  };

  app.get('/opensearch.xml', { onRequest: keptFirst, schema: { querystring: IgnoredQuery } }, async (req, reply) => {
    const { prefix } = editionOfRequest(deps.site.current().context, req).edition;
    return cachedOrBuilt(req, reply, `${prefix}opensearch.xml`, async (snap, now) => {
      const { settings, edition } = editionOfRequest(snap.context, req);
      const xml = openSearchDescription({
        ...settings,
        searchPath: editionPath(edition, '/search'),
        descriptionPath: editionPath(edition, '/opensearch.xml'),
      });
      return makeEntry(xml, {
        contentType: `${OPENSEARCH_CONTENT_TYPE}; charset=utf-8`,
        cacheControl: CACHE_CONTROL,
        expiresAt: now.getTime() + TTL_MS,
        lastModified: now.getTime(),
      });
    });
  });
};
