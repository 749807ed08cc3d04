import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { z } from 'zod';
import { feedDocument } from '../../domain/feed-document.js';
import { newestChange, toFeedItems, type FeedFormat } from '../../domain/feed-items.js';
import { editionPath } from '../../domain/edition.js';
import { authorPath, tagPath } from '../../domain/listing-path.js';
import { pathOfUrl } from '../../domain/reader-path.js';
import { sectionAt, sectionPath } from '../../domain/section.js';
import { isSlug } from '../../domain/slug.js';
import { loadFeed, type FeedScope, type FeedSource } from '../../services/feeds.js';
import type { Db } from '../../storage/database.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import { BodyBlocks } from '../../views/reader/BodyBlocks.js';
import { pageNotFound, sectionNotFound } from '../errors.js';
import { makeEntry, spreadExpiry, type CachedResponse, type ResponseCache } from '../page-cache.js';
import { IgnoredQuery, typed } from '../route-schemas.js';
import { sendCached } from '../send-cached.js';
import { createPageServer } from '../serve-page.js';
import type { SiteSnapshot, SiteState } from '../site-state.js';
import { editionOfRequest } from './edition-routing.js';
import type { SiteContext } from '../../services/site-context.js';
import { LIST_SURROGATE } from './reader-entries.js';

/** What the feeds use: content, the clock, and the cache reader pages share. */
export interface FeedRouteDeps {
  db: Db;
  clock: () => Date;
  site: SiteState;
  pageCache: ResponseCache;
  /** The loaded plugins: their blocks are drawn in full-text feeds. */
  plugins?: PluginRegistry;
}

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

/** As pages: a CDN may keep a feed a minute; our copy lives 20 to 30 s, so a scheduled article appears in time. */
const FEED_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';
const FEED_TTL_MS = 30_000;
const FEED_TTL_SPREAD = 1 / 3;

/** Slugs of authors and tags are looked up as given; nothing longer than any slug we make is worth a query. */
const MAX_SLUG_CHARS = 200;

const SectionParams = z.object({ section: z.string() });
const SubsectionParams = z.object({ section: z.string(), sub: z.string() });
const SlugParams = z.object({ slug: z.string() });

const feedPath = (pagePath: string, format: FeedFormat): string =>
  format === 'rss' ? `${pagePath}feed/` : `${pagePath}feed/atom/`;

/**
 * Feeds for the site, each section and subsection, each author and each tag, in RSS 2.0 at `…/feed/` and Atom 1.0
 * at `…/feed/atom/`. Registered before the reader routes, whose `/*` would otherwise take these addresses.
 */
export const registerFeedRoutes = (scope: FastifyInstance, deps: FeedRouteDeps): void => {
  const app = typed(scope);
  const cachedOrRendered = createPageServer(deps);
  // Plugin blocks are content, so a full-text feed draws them; slots (ads, widgets) stay on the pages.
  const feedPlugins = deps.plugins && deps.plugins.blocks.size > 0 ? { registry: deps.plugins } : undefined;

  /**
   * When this process first rendered from the current content version: no later than the change that made it.
   * A feed's Last-Modified is the later of that and its newest entry, so an article that leaves a feed (and the
   * older one that takes its place) moves the date as surely as one that arrives; while the content stays the same,
   * so does the date, through every re-render.
   */
  let versionSeen = { version: Number.NaN, at: 0 };
  const seenAt = (snap: SiteSnapshot, now: Date): number => {
    if (snap.version !== versionSeen.version) versionSeen = { version: snap.version, at: now.getTime() };
    return versionSeen.at;
  };

  const render = (
    snap: SiteSnapshot,
    ctx: SiteContext,
    source: FeedSource,
    format: FeedFormat,
    now: Date,
  ): CachedResponse => {
    // The edition's: its publication name and language (issue 13).
    const { settings } = ctx;
    const items = toFeedItems(
      source.entries.map((e) => ({
        ...e,
        bodyHtml:
          settings.feedContent === 'full'
            ? renderToString(h(BodyBlocks, { blocks: e.body, media: source.bodyMedia, plugins: feedPlugins }))
            : '',
      })),
      { baseUrl: settings.baseUrl, content: settings.feedContent },
    );
    const since = seenAt(snap, now);
    const newest = newestChange(items)?.getTime() ?? since;
    const xml = feedDocument(
      format,
      {
        title: source.title,
        description: source.description,
        link: settings.baseUrl + source.path,
        self: settings.baseUrl + feedPath(source.path, format),
        language: settings.language,
        // From the entries alone, so that every render of the same content is the same bytes (and ETag).
        updated: new Date(newest),
      },
      items,
    );
    return makeEntry(xml, {
      contentType: CONTENT_TYPES[format],
      cacheControl: FEED_CACHE_CONTROL,
      surrogate: LIST_SURROGATE,
      expiresAt: spreadExpiry(now.getTime(), FEED_TTL_MS, FEED_TTL_SPREAD, Math.random()),
      lastModified: Math.max(newest, since),
    });
  };

  /** Serves the feed `resolve` names, under the key of its canonical address; null from resolve is a 404. */
  const serve = async (
    req: FastifyRequest,
    reply: FastifyReply,
    format: FeedFormat,
    resolve: (ctx: SiteContext) => { scope: FeedScope; pagePath: string } | Error,
  ) => {
    // The edition of the address as it came: "/ja/feed/" reaches this route as "/feed/" (edition-routing.ts).
    const resolved = resolve(editionOfRequest(deps.site.current().context, req));
    if (resolved instanceof Error) throw resolved;
    return cachedOrRendered(req, reply, feedPath(resolved.pagePath, format), async (snap, now) => {
      const ctx = editionOfRequest(snap.context, req);
      const source = await loadFeed(deps.db, ctx, resolved.scope, now);
      if (!source) throw pageNotFound();
      return render(snap, ctx, source, format, now);
    });
  };

  const site = (ctx: SiteContext) => ({ scope: { kind: 'site' } as const, pagePath: ctx.edition.prefix });
  const section = (slugs: string[]) => (ctx: SiteContext) => {
    const found = slugs.every(isSlug) ? sectionAt(ctx.sections, slugs) : undefined;
    return found
      ? { scope: { kind: 'section', section: found } as const, pagePath: sectionPath(ctx.sections, found) }
      : sectionNotFound();
  };
  // An edition's author and tag feeds follow its own articles, under its prefix (services/feeds.ts).
  const author = (slug: string) => (ctx: SiteContext) =>
    slug.length > MAX_SLUG_CHARS
      ? pageNotFound()
      : { scope: { kind: 'author', slug } as const, pagePath: editionPath(ctx.edition, authorPath(slug)) };
  const tag = (slug: string) => (ctx: SiteContext) =>
    slug.length > MAX_SLUG_CHARS
      ? pageNotFound()
      : { scope: { kind: 'tag', slug } as const, pagePath: editionPath(ctx.edition, tagPath(slug)) };

  const opts = {
    schema: { querystring: IgnoredQuery },
    // A kept feed is sent before the route's schemas and handler run, as reader pages are; an address spelled
    // other than its canonical way misses here and is answered (and found) by the handler.
    onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
      const hit = deps.pageCache.get(pathOfUrl(req.originalUrl), deps.clock().getTime());
      return hit ? sendCached(req, reply, hit, 'HIT') : undefined;
    },
  };

  for (const format of ['rss', 'atom'] as const) {
    const tail = format === 'rss' ? 'feed/' : 'feed/atom/';
    app.get(`/${tail}`, opts, (req, reply) => serve(req, reply, format, site));
    app.get(`/:section/${tail}`, { ...opts, schema: { ...opts.schema, params: SectionParams } }, (req, reply) =>
      serve(req, reply, format, section([req.params.section])),
    );
    app.get(`/:section/:sub/${tail}`, { ...opts, schema: { ...opts.schema, params: SubsectionParams } }, (req, reply) =>
      serve(req, reply, format, section([req.params.section, req.params.sub])),
    );
    app.get(`/author/:slug/${tail}`, { ...opts, schema: { ...opts.schema, params: SlugParams } }, (req, reply) =>
      serve(req, reply, format, author(req.params.slug)),
    );
    app.get(`/tag/:slug/${tail}`, { ...opts, schema: { ...opts.schema, params: SlugParams } }, (req, reply) =>
      serve(req, reply, format, tag(req.params.slug)),
    );
  }
  // The address without its final slash, as readers type it, moves to the one with it.
  for (const path of ['/feed', '/feed/atom']) {
    app.get(path, { schema: { querystring: IgnoredQuery } }, async (req, reply) =>
      reply.redirect(`${pathOfUrl(req.originalUrl)}/`, 301),
    );
  }
};
