import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ArticleDirectory } from '../ranking/article-directory.js';
import { createViewIntake } from '../ranking/view-intake.js';
import type { ViewTracker } from '../ranking/view-tracker.js';
import type { Db } from '../storage/database.js';
import { renderDocument } from '../views/render.js';
import { ErrorPage } from '../views/reader/ErrorPage.js';
import { errorBody, pageNotFound, toHttpError, type HttpError } from './errors.js';
import { registerRankingRoutes } from './api/ranking-routes.js';
import { registerViewsRoute } from './api/views-route.js';
import { createContentApiAnswers } from './api/content-api-answers.js';
import { createContentApiKept } from './api/content-api-kept.js';
import { registerContentApiRoutes } from './api/content-api-routes.js';
import { createFastContentApi } from './api/fast-content-api.js';
import { adminApiAlias, registerAdminApiRoutes } from './api/admin-api-routes.js';
import { createFastBeacons } from './fast-beacons.js';
import { createFastPages } from './fast-pages.js';
import { serverWithFastPaths, type FastPath } from './fast-paths.js';
import { createHealthPaths, createReadiness, databaseAnswers, type Readiness } from './health.js';
import { registerMediaRoutes } from './media-routes.js';
import { registerNewsroom } from './newsroom/newsroom-plugin.js';
import type { ResponseCache } from './page-cache.js';
import { registerFeedRoutes } from './reader/feed-routes.js';
import { registerListingRoutes } from './reader/listing-routes.js';
import { createFastSearch } from './reader/fast-search.js';
import { registerSearchRoutes } from './reader/search-routes.js';
import { registerOpenSearchRoute } from './reader/opensearch-routes.js';
import { registerIconRoutes } from './reader/icon-routes.js';
import { registerReaderRoutes } from './reader/reader-routes.js';
import { createReaderWork } from './reader/reader-work.js';
import { createFastArticles } from './reader/fast-articles.js';
import { editionRewrite } from './reader/edition-routing.js';
import { registerSitemapRoutes } from './reader/sitemap-routes.js';
import { createRedirectAnswers } from './reader/redirect-answer.js';
import type { RequestLog } from './request-log.js';
import { readerSecurityHeaders, SECURITY_HEADERS } from './security-headers.js';
import { registerPluginRoutes } from './plugin-routes.js';
import { sendCached } from './send-cached.js';
import { typed } from './route-schemas.js';
import { z } from 'zod';
import { chromeOf, type SiteState } from './site-state.js';
import { pathOfUrl } from '../domain/reader-path.js';
import type { StaticAssets } from './static-assets.js';
import { h } from 'preact';
import { NO_PLUGINS, type PluginRegistry } from '../plugins/registry.js';
import type { ApiKeyService } from '../services/api-keys.js';

/** Everything a request handler may use, wired once in the composition root (server/main.ts). */
export interface AppDeps {
  db: Db;
  clock: () => Date;
  site: SiteState;
  pageCache: ResponseCache;
  mediaCache: ResponseCache;
  assets: StaticAssets;
  /** View counting and rankings (ranking/). */
  views: { tracker: ViewTracker; directory: ArticleDirectory; tokenKey: Buffer };
  /** The process's one pino logger (shared with background jobs); none in tests. */
  logger?: FastifyBaseLogger;
  /** What is logged per request (errors, slow requests, the access log) and counted for the summary. */
  requestLog?: RequestLog;
  /** Proxies in front whose X-Forwarded-For is trusted (0: none). */
  trustProxyHops?: number;
  /** How long one turn of the event loop answers before requests wait (turn-budget.ts); none or 0: no bound. */
  turnBudgetMs?: number;
  /** How often the newsroom editor autosaves a draft, in milliseconds. */
  autosaveMs?: number;
  /** The loaded plugins (src/plugins/): slots, fields, blocks, CSP sources, hooks, routes; by default none. */
  plugins?: PluginRegistry;
  /** Keys of the Ghost-compatible APIs (issue 16): one per process, for its short cache of keys read. */
  apiKeys: ApiKeyService;
  /** What `/readyz` checks (server/health.ts); by default that the database answers. */
  readiness?: () => Promise<Readiness>;
}

const DEFAULT_AUTOSAVE_MS = 15_000;

/** Our APIs answer errors in JSON; so do plugins' routes (`/plugins/{name}/…`) to a client that asks for JSON. */
const wantsJson = (url: string, accept: string | undefined): boolean =>
  url.startsWith('/api/') ||
  (url.startsWith('/plugins/') &&
    accept !== undefined &&
    /application\/json/.test(accept) &&
    !/text\/html/.test(accept));

/** The newsroom's own pages keep the base policy, whatever the plugins declared. */
const isNewsroom = (url: string): boolean => url === '/newsroom' || /^\/newsroom[/?]/.test(url);

/** Builds the application; never listens, so tests use inject() and main.ts decides where to listen. */
export const buildApp = (deps: AppDeps): FastifyInstance => {
  const views = createViewIntake({ ...deps.views, clock: () => deps.clock().getTime() });
  const trustProxyHops = deps.trustProxyHops ?? 0;
  const plugins = deps.plugins ?? NO_PLUGINS;
  // SECURITY_HEADERS itself without plugins' CSP sources: then every answer keeps today's bytes.
  const readerHeaders = readerSecurityHeaders(plugins.csp);
  // A full access log writes its line from Fastify's response hook, which the fast paths pass by.
  const onAnswer = deps.requestLog ? { onAnswer: deps.requestLog.countAnswer } : {};
  // The reader's shared lists and kept article pages, for the reader routes and the fast path before them.
  const work = createReaderWork(deps, (err) => deps.logger?.error({ err }, 'keeping rendered articles failed'));
  // Health first, and even with the access log on: probes come every few seconds and are not worth a line each.
  const health = createHealthPaths(
    deps.readiness ?? createReadiness({ probes: { database: () => databaseAnswers(deps.db) } }),
  );
  // The Content API's posts and addresses, kept for its routes and for its answers before Fastify.
  const contentApiKept = createContentApiKept();
  const contentApiAnswers = createContentApiAnswers({ ...deps, plugins, kept: contentApiKept });
  const pagePaths = (): FastPath[] => [
    createFastPages({ pageCache: deps.pageCache, clock: deps.clock, ...onAnswer }),
    createFastArticles({
      site: deps.site,
      clock: deps.clock,
      pageCache: deps.pageCache,
      work,
      securityHeaders: readerHeaders,
      ...onAnswer,
    }),
    createFastSearch({ pageCache: deps.pageCache, clock: deps.clock, site: deps.site, ...onAnswer }),
    createFastContentApi({
      kept: contentApiKept,
      pageCache: deps.pageCache,
      clock: deps.clock,
      apiKeys: deps.apiKeys,
      answers: contentApiAnswers,
      ...onAnswer,
    }),
    createFastBeacons({
      intake: views,
      trustProxyHops,
      ...onAnswer,
      ...(deps.logger ? { onError: (err: unknown) => deps.logger!.error({ err }, 'view beacon failed') } : {}),
    }),
  ];
  const fastPaths = [health, ...(deps.requestLog?.linePerRequest ? [] : pagePaths())];
  const editionRoute = editionRewrite(deps.site);
  const app = Fastify({
    // Pages from memory and sendBeacon's beacons are answered on node:http before Fastify sees them
    // (fast-paths.ts); every other request is Fastify's.
    serverFactory: serverWithFastPaths(fastPaths, deps.turnBudgetMs ?? 0),
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    // Fastify's two lines per request cost a third of the throughput; deps.requestLog says what is worth a line.
    logController: new LogController({ disableRequestLogging: true }),
    // Trust exactly as many X-Forwarded-For hops as there are proxies in front, no more.
    trustProxy: deps.trustProxyHops ? (_address: string, hop: number) => hop < deps.trustProxyHops! : false,
    bodyLimit: 64 * 1024,
    routerOptions: { maxParamLength: 300 },
    // An edition's own ranking, corrections, feeds and sitemaps ("/ja/feed/") are routed as the root's, without
    // the prefix; their handlers read the edition from the address as it came (reader/edition-routing.ts). The Admin
    // API's versioned prefixes are routed to its one registration (admin-api-routes.ts).
    rewriteUrl: (req) => adminApiAlias(req.url ?? '/') ?? editionRoute(req),
    // Malformed URLs (bad percent-encoding) reach our error handler as 400s instead of Fastify's default.
    // They are answered before any hook runs, so they get the security headers here.
    frameworkErrors: (error, req, reply) => {
      void sendError(req.url, req.headers.accept, reply.headers(SECURITY_HEADERS), toHttpError(error));
    },
  });

  const sendError = (
    url: string,
    accept: string | undefined,
    reply: import('fastify').FastifyReply,
    error: HttpError,
  ) => {
    reply.code(error.status).header('cache-control', 'no-store');
    if (wantsJson(url, accept)) return reply.send(errorBody(error));
    const snap = deps.site.current();
    const page = renderDocument(
      h(ErrorPage, {
        // In the words of the edition the address is in.
        chrome: chromeOf(snap, snap.context.findEdition(pathOfUrl(url)).edition),
        status: error.status,
        title: error.title,
        message: error.message,
      }),
    );
    return reply.type('text/html; charset=utf-8').send(page);
  };

  // Route schemas are zod schemas (see server/route-schemas.ts): parsed once at the edge, typed after.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Reader pages, their error pages and plugins' routes take the plugins' CSP sources; the newsroom never does.
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(readerHeaders === SECURITY_HEADERS || isNewsroom(req.url) ? SECURITY_HEADERS : readerHeaders);
    done();
  });
  deps.requestLog?.register(app);

  // Old addresses (issue 17): answered where the site would say 404, and WordPress's "/?p=123" before routing.
  const redirects = createRedirectAnswers({ db: deps.db, site: deps.site });
  app.addHook('onRequest', redirects.answerHomeQuery);
  app.setErrorHandler(async (error, req, reply) => {
    // A 5xx is logged once, with this error, when its response is done (request-log.ts).
    const httpError = toHttpError(error, req.routeOptions.config.invalidRequestCode);
    if (httpError.status === 404 && (await redirects.answerNotFound(req, reply))) return reply;
    return sendError(req.originalUrl, req.headers.accept, reply, httpError);
  });
  app.setNotFoundHandler(async (req, reply) =>
    (await redirects.answerNotFound(req, reply))
      ? reply
      : sendError(req.originalUrl, req.headers.accept, reply, pageNotFound()),
  );

  const typedApp = typed(app);
  typedApp.get('/static/:file', { schema: { params: z.object({ file: z.string() }) } }, async (req, reply) => {
    const entry = deps.assets.lookup(req.params.file);
    if (!entry) throw pageNotFound();
    // Static files are read into memory at start: every answer is from memory.
    return sendCached(req, reply, entry, 'HIT');
  });
  registerMediaRoutes(app, { db: deps.db, mediaCache: deps.mediaCache });
  registerViewsRoute(app, { intake: views, trustProxyHops });
  registerRankingRoutes(app, deps);
  // Ghost's Content API (issue 16): its own scope, with Ghost's error envelope; before the reader routes' `/*`.
  registerContentApiRoutes(app, { ...deps, plugins, kept: contentApiKept, answers: contentApiAnswers });
  // Ghost's Admin API (issue 16): signed tokens only, never a session; also before the reader routes' `/*`.
  registerAdminApiRoutes(app, { db: deps.db, clock: deps.clock, site: deps.site, apiKeys: deps.apiKeys, plugins });
  registerNewsroom(app, {
    db: deps.db,
    clock: deps.clock,
    site: deps.site,
    assets: deps.assets,
    tracker: deps.views.tracker,
    autosaveMs: deps.autosaveMs ?? DEFAULT_AUTOSAVE_MS,
    plugins,
    apiKeys: deps.apiKeys,
  });
  // Each plugin's own routes, under /plugins/{name}/ only, inside the app's hooks and error handler.
  registerPluginRoutes(app, plugins);
  // Before the reader routes: their `/*` would take every feed address.
  registerFeedRoutes(app, deps);
  // Before the reader routes: their `/*` would take `/tag/…` and `/author/…` for sections.
  registerListingRoutes(app, deps);
  // Before the reader routes: their `/*` would take `/search/`.
  registerSearchRoutes(app, deps);
  // Before the reader routes: their `/*` would take `/ja/opensearch.xml`.
  registerOpenSearchRoute(app, deps);
  registerIconRoutes(app, { db: deps.db, site: deps.site });
  // robots.txt, /sitemap.xml and /sitemaps/…: also before the reader routes.
  registerSitemapRoutes(app, deps);
  registerReaderRoutes(app, deps, work);
  // Rendered article pages still waiting to be kept are written at a clean stop.
  app.addHook('onClose', () => work.writer.flush());
  return app;
};
