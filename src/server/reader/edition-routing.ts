import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { editionPath } from '../../domain/edition.js';
import { pathOfUrl } from '../../domain/reader-path.js';
import type { SiteContext } from '../../services/site-context.js';
import type { SiteState } from '../site-state.js';

/**
 * Routes of an edition other than the first (issue 13; docs/architecture/0014-editions.md, "Reader side").
 *
 * Reader pages (home, fronts, articles) reach the reader routes' `/*` whole, prefix and all, and find their edition
 * there. The site routes an edition has of its own (ranking, corrections, feeds, sitemaps) are registered once, at
 * the root: a request for one under a prefix is handed to it without the prefix by Fastify's rewriteUrl, before
 * routing, and its handler reads the edition from the address as it arrived (`originalUrl`). Everything else under
 * a prefix (the newsroom, /api/, /media/, /static/, icons) is left alone, so it reaches `/*` and is not found
 * there: those exist only at the root. Author and tag pages and their feeds list the edition's own articles.
 */

/** First segments of the site routes each edition has under its prefix. */
const EDITION_ROUTES: ReadonlySet<string> = new Set([
  'ranking',
  'corrections',
  'feed',
  'sitemap.xml',
  'sitemaps',
  'author',
  'tag',
  'search',
  'opensearch.xml',
]);
/** A section's or subsection's feed: "/politics/feed/", "/politics/diplomacy/feed/atom/". */
const SECTION_FEED = /^\/[^/]+(?:\/[^/]+)?\/feed(?:\/atom)?\/?$/;

/** The URL Fastify routes: without the edition's prefix for an edition's own site routes, else as it came. */
export const editionRewrite =
  (site: Pick<SiteState, 'current'>) =>
  (req: IncomingMessage): string => {
    const url = req.url ?? '/';
    const ctx = site.current().context;
    // A site of one edition, and the first edition's addresses: nothing to look at.
    if (ctx.editions.length === 1) return url;
    const path = pathOfUrl(url);
    const { edition, rest } = ctx.findEdition(path);
    if (edition === ctx.editions[0] || rest === '') return url;
    const segment = rest.slice(1).split('/', 1)[0]!;
    if (!EDITION_ROUTES.has(segment) && !SECTION_FEED.test(rest)) return url;
    return rest + url.slice(path.length);
  };

/** The edition a request is in, by the address it arrived at (before any rewrite). */
export const editionOfRequest = (ctx: SiteContext, req: Pick<FastifyRequest, 'originalUrl'>): SiteContext =>
  ctx.findEdition(pathOfUrl(req.originalUrl)).edition;

/** The address of a site route in the request's edition: "/corrections/" → "/ja/corrections/". */
export const editionPathOf = (ctx: SiteContext, req: Pick<FastifyRequest, 'originalUrl'>, rest: string): string =>
  editionPath(editionOfRequest(ctx, req).edition, rest);
