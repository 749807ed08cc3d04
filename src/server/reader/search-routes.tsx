import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { editionPath } from '../../domain/edition.js';
import { readerLabels } from '../../domain/edition-labels.js';
import { pathOfUrl } from '../../domain/reader-path.js';
import {
  readSearchParams,
  searchCacheKey,
  searchFormOf,
  searchHref,
  searchInEdition,
  searchNote,
  searchProblemText,
  searchSectionOptions,
  type EditionSearch,
  type SearchForm,
  type SearchParams,
  type SearchProblem,
} from '../../domain/search-request.js';
import { runReaderSearch, SEARCH_PAGE_SIZE, type ReaderSearchOutcome } from '../../services/reader-search.js';
import { editionNamed, type SiteContext } from '../../services/site-context.js';
import type { Db } from '../../storage/database.js';
import { SearchPage, type SearchPageProps } from '../../views/reader/SearchPage.js';
import { renderDocument } from '../../views/render.js';
import { HttpError } from '../errors.js';
import { makeEntry, spreadExpiry, type CachedResponse, type ResponseCache } from '../page-cache.js';
import { IgnoredQuery, typed } from '../route-schemas.js';
import { sendCached } from '../send-cached.js';
import { createPageServer } from '../serve-page.js';
import { chromeOf, type SiteSnapshot, type SiteState } from '../site-state.js';
import { editionOfRequest, editionPathOf } from './edition-routing.js';
import { searchKeyOf } from './fast-search.js';
import { html } from './reader-entries.js';

/** What the search page and its API use. */
export interface SearchRouteDeps {
  db: Db;
  clock: () => Date;
  site: SiteState;
  pageCache: ResponseCache;
}

/** Any query string: what it means (or why it is refused) is readSearchParams' answer, given to the handler. */
const SearchQuery = z.object({}).catchall(z.unknown()).transform(readSearchParams);
const ApiQuery = z
  .object({})
  .catchall(z.unknown())
  .transform((raw) => ({ read: readSearchParams(raw), edition: raw.edition }));
const SEARCH_CONFIG = { invalidRequestCode: 'invalid_search_query' };

const ENGLISH = readerLabels('en');

/** Kept as long as the reader pages: a result goes live or offline within the same 30 seconds as on a front. */
const SEARCH_TTL_MS = 30_000;
const json = (body: string, now: number): CachedResponse =>
  makeEntry(body, {
    contentType: 'application/json; charset=utf-8',
    cacheControl: 'public, max-age=60',
    expiresAt: spreadExpiry(now, SEARCH_TTL_MS, 1 / 3, Math.random()),
    lastModified: now,
  });

/** Refused while rendering (an author no one has): caught by the handler, so the refusal is never kept. */
class SearchRefusal extends Error {
  constructor(readonly problems: SearchProblem[]) {
    super('search refused');
  }
}

/**
 * `/search` (and `/{prefix}/search` in each other edition, which editionRewrite hands here without its prefix) and
 * `/api/search`. Both are kept in the page cache under a key made from the request as understood
 * (searchCacheKey), and a repeat of a search is sent from there before Fastify by fast-search.ts, or else by an
 * onRequest hook, before validation and the handler. Registered before the reader routes, whose `/*` would take
 * `/search/`.
 */
export const registerSearchRoutes = (scope: FastifyInstance, deps: SearchRouteDeps): void => {
  const app = typed(scope);
  const cachedOrRendered = createPageServer(deps);

  /** A kept answer, sent here when fast-search.ts did not send it first (inject(), or a log line per request). */
  const sendIfKept = async (req: FastifyRequest, reply: FastifyReply) => {
    const key = searchKeyOf(
      deps.site.current().context,
      pathOfUrl(req.originalUrl),
      req.query as Record<string, unknown>,
    );
    const hit = key === null ? undefined : deps.pageCache.get(key, deps.clock().getTime());
    return hit ? sendCached(req, reply, hit, 'HIT') : undefined;
  };

  app.get('/search/', { schema: { querystring: IgnoredQuery } }, async (req, reply) => {
    const query = req.url.slice(pathOfUrl(req.url).length);
    return reply.redirect(editionPathOf(deps.site.current().context, req, '/search') + query, 301);
  });

  app.get('/search', { schema: { querystring: SearchQuery }, onRequest: sendIfKept }, async (req, reply) => {
    const snap = deps.site.current();
    const ctx = editionOfRequest(snap.context, req);
    const read = req.query;
    if (!read.ok) return refusedPage(reply, snap, ctx, read.form, read.problems);
    const where = searchInEdition(ctx, read.params);
    if (!where.ok) return refusedPage(reply, snap, ctx, searchFormOf(read.params), where.problems);
    try {
      return await cachedOrRendered(
        req,
        reply,
        searchCacheKey('page', ctx.edition.prefix, where.search),
        async (current, now) => {
          const context = editionOfRequest(current.context, req);
          const search = placedOrRefused(context, read.params);
          const outcome = await runReaderSearch(deps.db, context, search, now);
          if (!outcome.ok) throw new SearchRefusal(outcome.problems);
          const action = editionPathOf(current.context, req, '/search');
          const page = searchPageProps(current, context, action, search, outcome);
          return html(renderDocument(<SearchPage {...page} />), now.getTime());
        },
      );
    } catch (error) {
      if (!(error instanceof SearchRefusal)) throw error;
      // An author no one has is not kept in the form, or sending it again would be refused again.
      const unknownAuthor = error.problems.some((p) => p.field === 'author');
      const form = { ...searchFormOf(read.params), ...(unknownAuthor ? { author: '' } : {}) };
      return refusedPage(reply, snap, ctx, form, error.problems);
    }
  });

  app.get(
    '/api/search',
    { config: SEARCH_CONFIG, schema: { querystring: ApiQuery }, onRequest: sendIfKept },
    async (req, reply) => {
      const { read, edition } = req.query;
      const ctx = editionNamed(deps.site.current().context, edition);
      if (!ctx) throw unknownEdition(deps.site.current().context);
      if (!read.ok) throw refusedQuery(read.problems);
      const where = searchInEdition(ctx, read.params);
      if (!where.ok) throw refusedQuery(where.problems);
      const key = searchCacheKey('api', ctx.edition.prefix, where.search);
      return cachedOrRendered(req, reply, key, async (snap, now) => {
        const context = editionNamed(snap.context, edition) ?? snap.context;
        // Thrown inside the render, these refusals are answered by the error handler and nothing is kept.
        const placedNow = searchInEdition(context, read.params);
        if (!placedNow.ok) throw refusedQuery(placedNow.problems);
        const outcome = await runReaderSearch(deps.db, context, placedNow.search, now);
        if (!outcome.ok) throw refusedQuery(outcome.problems);
        return json(apiAnswer(context, placedNow.search.params, outcome), now.getTime());
      });
    },
  );
};

/** `/api/search`'s answer: exactly the fields issue 15 names, and a note when the query was shortened. */
const apiAnswer = (ctx: SiteContext, params: SearchParams, outcome: Extract<ReaderSearchOutcome, { ok: true }>) => {
  const { results } = outcome;
  const note = searchNote(outcome.cut, ENGLISH);
  return JSON.stringify({
    query: params.text,
    total: results?.total ?? 0,
    page: params.page,
    pages: results?.pages ?? 0,
    results: (results?.entries ?? []).map((e) => ({
      id: e.id,
      headline: e.headline,
      path: e.path,
      url: ctx.settings.baseUrl + e.path,
      section: e.sectionName,
      publishedAt: e.publishedAt.toISOString(),
      snippet: e.snippet,
    })),
    // Besides the fields issue 15 names: whether the total is only a lower bound, and why the query was cut.
    ...(results?.more ? { more: true } : {}),
    ...(note ? { note } : {}),
  });
};

/** Inside a render, against the content it renders from: a section gone since the request was read is refused. */
const placedOrRefused = (ctx: SiteContext, params: SearchParams): EditionSearch => {
  const where = searchInEdition(ctx, params);
  if (!where.ok) throw new SearchRefusal(where.problems);
  return where.search;
};

const searchPageProps = (
  snap: SiteSnapshot,
  ctx: SiteContext,
  action: string,
  search: EditionSearch,
  outcome: Extract<ReaderSearchOutcome, { ok: true }>,
): SearchPageProps => {
  const { params } = search;
  const results = outcome.results;
  const href = (page: number) => searchHref(action, params, page);
  return {
    chrome: chromeOf(snap, ctx),
    action,
    sections: searchSectionOptions(ctx.sections),
    form: searchFormOf(params),
    author:
      outcome.authorName === null
        ? null
        : { name: outcome.authorName, removeHref: searchHref(action, params, 1, false) },
    note: searchNote(outcome.cut, ctx.labels),
    problems: [],
    results: results && {
      total: results.total,
      more: results.more,
      page: params.page,
      pages: results.pages,
      entries: results.entries,
      first: (params.page - 1) * SEARCH_PAGE_SIZE + 1,
      // Past the end, "previous" leads to the last page rather than to another empty one.
      previousHref: params.page > 1 && results.pages > 0 ? href(Math.min(params.page - 1, results.pages)) : null,
      nextHref: params.page < results.pages ? href(params.page + 1) : null,
      lastHref: params.page > results.pages && results.pages > 0 ? href(results.pages) : null,
    },
  };
};

/**
 * A refused search: the search page itself with the reasons, as a 400 that is never kept, so the reader's query
 * stays in the box to be mended (the error handler's page has no form).
 */
const refusedPage = (
  reply: FastifyReply,
  snap: SiteSnapshot,
  ctx: SiteContext,
  form: SearchForm,
  problems: SearchProblem[],
) => {
  const page = (
    <SearchPage
      chrome={chromeOf(snap, ctx)}
      action={editionPath(ctx.edition, '/search')}
      sections={searchSectionOptions(ctx.sections)}
      form={form}
      author={null}
      note={null}
      problems={problems.map((p) => searchProblemText(p, ctx.labels))}
      results={null}
    />
  );
  return reply
    .code(400)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderDocument(page));
};

/** The API's refusal: the one JSON error envelope, each field's reason in English. */
const refusedQuery = (problems: SearchProblem[]): HttpError => {
  const fields: Record<string, string> = {};
  for (const p of problems) fields[p.field] ??= searchProblemText(p, ENGLISH);
  return new HttpError(
    400,
    'invalid_search_query',
    'Bad request',
    `The search could not be made: ${Object.values(fields).join(' ')}`,
    fields,
  );
};

const unknownEdition = (site: SiteContext): HttpError => {
  const known = site.editions.map((e) => `${e.edition.language} (${e.edition.prefix})`).join(', ');
  const message = `edition must be the language or the prefix of an edition: ${known}.`;
  return new HttpError(400, 'invalid_search_query', 'Bad request', message, { edition: message });
};
