import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { authorPath, feedsOf, pageHref, tagPath } from '../../domain/listing-path.js';
import { parsePageNumber } from '../../domain/reader-path.js';
import { isSlug } from '../../domain/slug.js';
import { tagSlug } from '../../domain/tag.js';
import { loadAuthorPage, loadTagPage, type Listing } from '../../services/listing-pages.js';
import type { SiteContext } from '../../services/site-context.js';
import type { Db } from '../../storage/database.js';
import { AuthorPage } from '../../views/reader/AuthorPage.js';
import { TagPage } from '../../views/reader/TagPage.js';
import type { PageChrome } from '../../views/shared/Layout.js';
import { renderDocument } from '../../views/render.js';
import { authorNotFound, invalidPageNumber, pageOutOfRange, tagNotFound } from '../errors.js';
import type { ResponseCache } from '../page-cache.js';
import { typed } from '../route-schemas.js';
import { createPageServer } from '../serve-page.js';
import { chromeOf, type SiteState } from '../site-state.js';
import { editionOfRequest, editionPathOf } from './edition-routing.js';
import { html } from './reader-entries.js';

/** What the author and tag pages use. */
export interface ListingRouteDeps {
  db: Db;
  clock: () => Date;
  site: SiteState;
  pageCache: ResponseCache;
}

const SlugParams = z.object({ slug: z.string() });
/** As on section fronts: only `page` counts; other parameters (tracking and the like) are ignored. */
const PageQuery = z.object({ page: z.string().optional() }).catchall(z.unknown());

/** Longer than any slug by far: such an address is a 404, not worth making a slug from. */
const MAX_SLUG_INPUT = 200;

/**
 * The slug a listing's address should have, if not the one given: a tag spelled as typed ("/tag/Climate Change/")
 * moves to its slug (tagSlug gives a slug back unchanged), an author's slug in capitals to lower case. Null: no
 * such page.
 */
const canonicalTagSlug = (raw: string): string | null =>
  raw.trim() === '' || raw.length > MAX_SLUG_INPUT ? null : tagSlug(raw);

const canonicalAuthorSlug = (raw: string): string | null =>
  isSlug(raw) ? raw : isSlug(raw.toLowerCase()) ? raw.toLowerCase() : null;

const pageOf = (raw: string | undefined): number => {
  const page = parsePageNumber(raw);
  if (page === 'invalid') throw invalidPageNumber();
  return page;
};

// A redirect is not kept: it costs no query, and keeping one per address typed would let anyone fill the cache.
const moved = (reply: FastifyReply, location: string) =>
  reply.header('cache-control', 'public, max-age=3600').redirect(location, 301);

/** What differs between the tag and author pages: address, slug rules, the missing page and the list's data. */
interface ListingKind<T> {
  prefix: 'tag' | 'author';
  canonicalSlug: (raw: string) => string | null;
  pathOf: (slug: string) => string;
  notFound: () => Error;
  load: (db: Db, ctx: SiteContext, slug: string, page: number, now: Date) => Promise<Listing<T>>;
  /** What the page's feeds are called after. */
  nameOf: (data: T) => string;
  render: (page: { chrome: PageChrome; data: T; path: string; feeds: ReturnType<typeof feedsOf> }) => VNode;
}

/**
 * `/tag/{slug}/` and `/author/{slug}/`, paginated with `?page=N` like section fronts, and cached like every reader
 * page (single flight, dropped when content changes). Registered before the reader routes, whose `/*` would take
 * these addresses for sections. Each edition has its own, listing its own articles: `/ja/tag/{slug}/` reaches
 * these routes without its prefix (edition-routing.ts), and the page's address and cache key keep it.
 */
export const registerListingRoutes = (scope: FastifyInstance, deps: ListingRouteDeps): void => {
  const app = typed(scope);
  const cachedOrRendered = createPageServer(deps);
  const schema = { params: SlugParams, querystring: PageQuery };

  /** One kind of listing: its address without a slash moves to the one with it, which renders a page of the list. */
  const registerListing = <T,>(kind: ListingKind<T>): void => {
    /** The listing's address in the request's edition: "/tag/budget/" or "/ja/tag/budget/". */
    const pathIn = (req: FastifyRequest, slug: string) =>
      editionPathOf(deps.site.current().context, req, kind.pathOf(slug));

    app.get(`/${kind.prefix}/:slug`, { schema }, async (req, reply) => {
      const page = pageOf(req.query.page);
      const slug = kind.canonicalSlug(req.params.slug);
      if (slug === null) throw kind.notFound();
      return moved(reply, pageHref(pathIn(req, slug), page));
    });

    app.get(`/${kind.prefix}/:slug/`, { schema }, async (req, reply) => {
      const page = pageOf(req.query.page);
      const slug = kind.canonicalSlug(req.params.slug);
      if (slug === null) throw kind.notFound();
      const path = pathIn(req, slug);
      if (slug !== req.params.slug) return moved(reply, pageHref(path, page));
      return cachedOrRendered(req, reply, pageHref(path, page), async (snap, now) => {
        const context = editionOfRequest(snap.context, req);
        const chrome = chromeOf(snap, context);
        const listing = await kind.load(deps.db, context, slug, page, now);
        if (listing.kind === 'missing') throw kind.notFound();
        if (listing.kind === 'beyond') throw pageOutOfRange(listing.totalPages);
        const feeds = feedsOf(path, `${kind.nameOf(listing.data)} | ${chrome.settings.publicationName}`);
        return html(renderDocument(kind.render({ chrome, data: listing.data, path, feeds })), now.getTime());
      });
    });
  };

  registerListing({
    prefix: 'tag',
    canonicalSlug: canonicalTagSlug,
    pathOf: tagPath,
    notFound: tagNotFound,
    load: loadTagPage,
    nameOf: (tag) => tag.name,
    render: ({ chrome, data, path, feeds }) => <TagPage chrome={chrome} tag={data} path={path} feeds={feeds} />,
  });

  registerListing({
    prefix: 'author',
    canonicalSlug: canonicalAuthorSlug,
    pathOf: authorPath,
    notFound: authorNotFound,
    load: loadAuthorPage,
    nameOf: (profile) => profile.author.name,
    render: ({ chrome, data, path, feeds }) => <AuthorPage chrome={chrome} profile={data} path={path} feeds={feeds} />,
  });
};
