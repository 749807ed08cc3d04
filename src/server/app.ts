import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ArticleDirectory } from '../ranking/article-directory.js';
import { createViewIntake } from '../ranking/view-intake.js';
import type { ViewTracker } from '../ranking/view-tracker.js';
import type { Db } from '../storage/database.js';
import { registerRankingRoutes } from './api/ranking-routes.js';
import { registerViewsRoute } from './api/views-route.js';
import { createContentApiAnswers } from './api/content-api-answers.js';
import { createContentApiKept } from './api/content-api-kept.js';
import { registerContentApiRoutes } from './api/content-api-routes.js';
import { createFastContentApi } from './api/fast-content-api.js';
import { ADMIN_API, adminApiAlias } from './api/admin-api-alias.js';
import { createAppRoot } from './app-root.js';
import { handOver } from './hand-over.js';
import { createFastBeacons } from './fast-beacons.js';
import { createFastPages } from './fast-pages.js';
import { serverWithFastPaths, type FastPath } from './fast-paths.js';
import { createHealthPaths, createReadiness, databaseAnswers, type Readiness } from './health.js';
import { registerMediaRoutes } from './media-routes.js';
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
import type { RequestLog } from './request-log.js';
import { pageNotFound } from './errors.js';
import type { SiteState } from './site-state.js';
import { registerPluginRoutes } from './plugin-routes.js';
import { sendCached } from './send-cached.js';
import { typed } from './route-schemas.js';
import { z } from 'zod';
import type { StaticAssets } from './static-assets.js';
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

/** The newsroom's and the Admin API's addresses (versioned Admin API prefixes are rewritten to the last one). */
const NEWSROOM_PATHS = ['/newsroom', '/newsroom/*', `${ADMIN_API}/*`];

/** Builds the application; never listens, so tests use inject() and main.ts decides where to listen. */
export const buildApp = (deps: AppDeps): FastifyInstance => {
  const views = createViewIntake({ ...deps.views, clock: () => deps.clock().getTime() });
  const trustProxyHops = deps.trustProxyHops ?? 0;
  const plugins = deps.plugins ?? NO_PLUGINS;
  const root = createAppRoot({ ...deps, plugins });
  const readerHeaders = root.readerHeaders;
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
    ...root.options,
    // Pages from memory and sendBeacon's beacons are answered on node:http before Fastify sees them
    // (fast-paths.ts); every other request is Fastify's.
    serverFactory: serverWithFastPaths(fastPaths, deps.turnBudgetMs ?? 0),
    // An edition's own ranking, corrections, feeds and sitemaps ("/ja/feed/") are routed as the root's, without
    // the prefix; their handlers read the edition from the address as it came (reader/edition-routing.ts). The Admin
    // API's versioned prefixes are routed to its one registration (admin-api-routes.ts).
    rewriteUrl: (req) => adminApiAlias(req.url ?? '/') ?? editionRoute(req),
  });
  root.setUp(app);

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
  // The newsroom and Ghost's Admin API (issue 16), in an app of their own built at their first request: a process
  // that serves only readers never loads them. Before the reader routes' `/*`.
  handOver(app, {
    paths: NEWSROOM_PATHS,
    build: async () =>
      (await import('./newsroom-app.js')).buildNewsroomApp(root, {
        db: deps.db,
        clock: deps.clock,
        site: deps.site,
        assets: deps.assets,
        tracker: deps.views.tracker,
        autosaveMs: deps.autosaveMs ?? DEFAULT_AUTOSAVE_MS,
        plugins,
        apiKeys: deps.apiKeys,
        listenAddress: () => app.server.address(),
      }),
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
