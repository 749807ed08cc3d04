import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pathOfUrl } from '../../domain/reader-path.js';
import {
  DEFAULT_SITEMAP_LIMITS,
  parseSitemapName,
  robotsTxt,
  sitemapFileName,
  type SitemapLimits,
} from '../../domain/sitemap.js';
import {
  buildArticlesSitemap,
  buildNewsSitemap,
  buildPagesSitemap,
  buildSitemapIndex,
  type SitemapFile,
} from '../../services/sitemaps.js';
import type { Db } from '../../storage/database.js';
import { pageNotFound } from '../errors.js';
import { makeEntry, spreadExpiry, type CachedResponse, type ResponseCache } from '../page-cache.js';
import { IgnoredQuery, typed } from '../route-schemas.js';
import { sendCached } from '../send-cached.js';
import { createPageServer } from '../serve-page.js';
import type { SiteState } from '../site-state.js';
import { editionOfRequest } from './edition-routing.js';
import { LIST_SURROGATE } from './reader-entries.js';

/** What the sitemaps and robots.txt use. */
export interface SitemapRouteDeps {
  db: Db;
  clock: () => Date;
  site: SiteState;
  /** Sitemaps are kept with the pages: a content change empties both at once. */
  pageCache: ResponseCache;
  /** The protocol's limits unless a test asks for smaller ones. */
  limits?: Partial<SitemapLimits>;
}

/** Crawlers fetch sitemaps rarely; a minute in a CDN keeps an unpublished article's absence close behind. */
const XML_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';
/**
 * Kept like pages: until the content changes, or 20–30 seconds, so that a scheduled article (which goes live
 * without a content write) and the news file's sliding 48 hours show up soon.
 */
const XML_TTL_MS = 30_000;
const XML_TTL_SPREAD = 1 / 3;
/** robots.txt changes only with the public address, which a settings change (a content write) also clears. */
const ROBOTS_TTL_MS = 3_600_000;

const xmlEntry = (file: SitemapFile, now: Date): CachedResponse =>
  makeEntry(file.xml, {
    contentType: 'application/xml; charset=utf-8',
    cacheControl: XML_CACHE_CONTROL,
    surrogate: LIST_SURROGATE,
    expiresAt: spreadExpiry(now.getTime(), XML_TTL_MS, XML_TTL_SPREAD, Math.random()),
    lastModified: file.lastModified,
  });

const SitemapParams = z.object({ name: z.string() });

/** /sitemap.xml, the files under /sitemaps/ and robots.txt, which names the two a crawler starts from. */
export const registerSitemapRoutes = (scope: FastifyInstance, deps: SitemapRouteDeps): void => {
  const app = typed(scope);
  const limits: SitemapLimits = { ...DEFAULT_SITEMAP_LIMITS, ...deps.limits };
  const cachedOrBuilt = createPageServer(deps);
  // A kept file is sent before the route's schemas and handler run, as reader pages and feeds are (the news
  // sitemap served at 0.70x raw through the handler). Only a lookup: copies are kept under the names the handler
  // built, so another spelling misses here and is answered by the handler.
  const keptFirst = {
    onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
      const hit = deps.pageCache.get(pathOfUrl(req.originalUrl), deps.clock().getTime());
      return hit ? sendCached(req, reply, hit, 'HIT') : undefined;
    },
  };

  // Kept like the sitemaps it names, so that crawlers asking again with If-None-Match or If-Modified-Since get 304.
  app.get('/robots.txt', { ...keptFirst, schema: { querystring: IgnoredQuery } }, async (req, reply) =>
    cachedOrBuilt(req, reply, '/robots.txt', async ({ context }, now) =>
      makeEntry(
        robotsTxt(
          context.settings.baseUrl,
          context.editions.slice(1).map((e) => e.edition.prefix),
        ),
        {
          contentType: 'text/plain; charset=utf-8',
          cacheControl: 'public, max-age=3600',
          expiresAt: now.getTime() + ROBOTS_TTL_MS,
          lastModified: now.getTime(),
        },
      ),
    ),
  );

  app.get('/sitemap.xml', { ...keptFirst, schema: { querystring: IgnoredQuery } }, async (req, reply) => {
    // One index for the site, at the root: it lists every edition's pages and articles.
    if (editionOfRequest(deps.site.current().context, req) !== deps.site.current().context) throw pageNotFound();
    return cachedOrBuilt(req, reply, '/sitemap.xml', async ({ context }, now) =>
      xmlEntry(await buildSitemapIndex(deps.db, context, now, limits), now),
    );
  });

  app.get(
    '/sitemaps/:name',
    { ...keptFirst, schema: { params: SitemapParams, querystring: IgnoredQuery } },
    async (req, reply) => {
      const name = parseSitemapName(req.params.name);
      if (!name) throw pageNotFound();
      // Another edition has a news file of its own ("/ja/sitemaps/news.xml", issue 13); its pages and articles
      // are in the root's files.
      const site = deps.site.current().context;
      const edition = editionOfRequest(site, req);
      if (edition !== site) {
        if (name.kind !== 'news') throw pageNotFound();
        return cachedOrBuilt(req, reply, `${edition.edition.prefix}sitemaps/news.xml`, async (snap, now) =>
          xmlEntry(await buildNewsSitemap(deps.db, editionOfRequest(snap.context, req), now, limits), now),
        );
      }
      return cachedOrBuilt(req, reply, `/sitemaps/${sitemapFileName(name)}`, async ({ context }, now) => {
        if (name.kind === 'pages') return xmlEntry(await buildPagesSitemap(deps.db, context, now), now);
        if (name.kind === 'news') return xmlEntry(await buildNewsSitemap(deps.db, context, now, limits), now);
        const file = await buildArticlesSitemap(deps.db, context, name, now, limits);
        if (!file) throw pageNotFound();
        return xmlEntry(file, now);
      });
    },
  );
};
