import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';
import { createViewCounting, type ViewCounting } from '../ranking/create-view-counting.js';
import type { ViewStore } from '../ranking/view-store.js';
import { serverOrigin, type OriginRule } from '../domain/public-origin.js';
import { publishDueArticles } from '../services/scheduler.js';
import type { Db, StorageHandle } from '../storage/database.js';
import { topUpPlannerStatistics } from '../storage/migrate.js';
import { NO_PLUGINS, type PluginRegistry } from '../plugins/registry.js';
import type { LoadedTheme } from '../plugins/theme.js';
import { buildApp } from './app.js';
import { createResponseCache, type ResponseCache } from './page-cache.js';
import { workerReadiness } from './health.js';
import { createRequestLog } from './request-log.js';
import { createSiteState, type SiteSnapshot, type SiteState } from './site-state.js';
import { siteStampOf } from './reader/site-stamp.js';
import { bodyHtmlRenderer } from './api/body-html.js';
import { emitArticleChange } from '../services/plugin-events.js';
import { createApiKeyService } from '../services/api-keys.js';
import { secretKeyOnce } from '../services/secret-key.js';
import { createWebhookDelivery, DELIVERY_DEFAULTS, type WebhookDelivery } from '../services/webhook-delivery.js';
import { createPurgeDelivery, type PurgeDelivery } from '../services/purge-delivery.js';
import { createPurger } from '../services/purgers.js';
import { loadStaticAssets, type StaticAssets } from './static-assets.js';
import { contentStorage, openViewStore } from './worker-stores.js';

const MB = 1024 * 1024;
/** How long a closing server waits for requests in flight before dropping connections. */
const CLOSE_GRACE_MS = 2_000;
/** How often the request summary is logged (request-log.ts). */
const SUMMARY_MS = 60_000;

/** What a caller may decide instead of the configuration. Tests use these; `dateline serve` passes only its logger. */
export interface ComposeOptions {
  /**
   * The process's one logger, shared by Fastify and the background jobs; by default one at `config.logLevel`.
   * null: no logger, and a background job that fails throws instead, so that a test sees the failure.
   */
  logger?: Logger | null;
  /** What time it is for the app, the scheduler and view counting; by default the system clock. */
  clock?: () => Date;
  /** A content database the caller opened, migrated and closes; by default one opened (and migrated) from config. */
  db?: Db;
  /**
   * Content storage opened and migrated under the startup lock (main.ts, a server of one process), which the worker
   * takes over as if it had opened it from config: it closes it, checks its migrations for readiness and tops up
   * its statistics.
   */
  storage?: StorageHandle;
  /** Where views are counted, owned by the caller; by default Redis or views.db, as configured. */
  viewStore?: ViewStore;
  /**
   * false: nothing runs by itself (no content poll, scheduler, view flush or planner statistics); the caller
   * drives site.refresh(), views.tracker.flush() and publishDue().
   */
  timers?: boolean;
  /** How often the request summary is logged; by default every minute, or never when `timers` is false. */
  summaryMs?: number | null;
  /** The plugins the process loaded (DATELINE_PLUGINS, loaded by the CLI before serving); by default none. */
  plugins?: PluginRegistry;
  /** DATELINE_THEME's theme, loaded by the CLI before serving; by default the default design. */
  theme?: LoadedTheme;
}

/** One serving process's parts, wired once. start() before listen(); close() takes them down in order. */
export interface Worker {
  app: FastifyInstance;
  site: SiteState;
  views: ViewCounting;
  pageCache: ResponseCache;
  logger: Logger | null;
  /** The stamp article pages are kept under now (reader/site-stamp.ts): `dateline pages render` asks for it. */
  articleStamp(): string;
  /** Publishes the scheduled articles whose time has come by the worker's clock; the site shows them at once. */
  publishDue(): Promise<number[]>;
  /** Sends queued webhook deliveries: polled by start() with timers, else runOnce() by the caller. */
  webhooks: WebhookDelivery;
  /** Sends the purge queue to the cache in front: polled by start() with timers, else runOnce() by the caller. */
  purges: PurgeDelivery;
  /** Loads the rankings, readies the app and starts the background jobs. */
  start(): Promise<void>;
  /** Listens on the configured host and port; returns the address. */
  listen(): Promise<string>;
  /** Stops the jobs and the server, flushes counted views, then closes the stores it opened. */
  close(): Promise<void>;
}

/** The stamp the reader routes keep article pages under (article-answer.tsx asks the same). */
const articleStampOf = (snap: SiteSnapshot, assets: Pick<StaticAssets, 'href'>): string =>
  siteStampOf(snap, { beacon: assets.href('view-beacon.js'), page: assets.href('article-page.js') });

export const createLogger = (config: Pick<Config, 'logLevel'>): Logger => pino({ level: config.logLevel });

/** The public address's rule from configuration: DATELINE_BASE_URL, else (after the stored setting) HOST and PORT. */
export const originRuleOf = (config: Pick<Config, 'baseUrl' | 'host' | 'port'>): OriginRule => ({
  fixed: config.baseUrl,
  fallback: serverOrigin(config.host, config.port),
});

/** The composition root of a serving process: `dateline serve` and the test support both build workers here. */
export const composeWorker = async (config: Config, options: ComposeOptions = {}): Promise<Worker> => {
  const logger = options.logger === undefined ? createLogger(config) : options.logger;
  const clock = options.clock ?? (() => new Date());
  const timers = options.timers ?? true;
  const failed =
    (what: string) =>
    (error: unknown): void => {
      if (!logger) throw error;
      logger.error({ err: error }, what);
    };

  const storage = options.storage ?? (await contentStorage(config, options.db));
  const { db } = storage;
  const theme = options.theme;
  // A theme's stylesheets are served like site.css, as theme-{name}-{file}.{hash}.css.
  const themeCss = (theme?.css ?? []).map((f) => ({ name: `theme-${theme!.name}-${f.name}`, bytes: f.bytes }));
  const assets = loadStaticAssets(undefined, undefined, themeCss);
  const pageCache = createResponseCache(config.pageCacheMb * MB);
  const mediaCache = createResponseCache(32 * MB);
  // What is opened before the app exists is closed again if a later step of the composition fails, so a start
  // tried again (main.ts, a locked database) holds no connection of the failed attempt.
  const opened: (() => Promise<void>)[] = [() => storage.close()];
  const closeOpened = async (error: unknown): Promise<never> => {
    for (const close of opened.reverse()) await close().catch(() => undefined);
    throw error;
  };
  const viewStore = options.viewStore
    ? { store: options.viewStore, close: async () => {} }
    : await openViewStore(config, logger).catch(closeOpened);
  opened.push(() => viewStore.close());
  // Site state is made first and tells view counting of section changes, which is made from its sections.
  let onContentChange = () => {};
  const site = await createSiteState(db, {
    cssHref: assets.href('site.css'),
    menuScriptHref: assets.href('section-menu.js'),
    onChange: () => onContentChange(),
    onError: failed('content version check failed'),
    origin: originRuleOf(config),
    plugins: options.plugins ?? NO_PLUGINS,
    onPluginSettingsRefused: (plugin, reason) =>
      logger?.warn({ plugin, reason }, `plugin "${plugin}": its stored settings no longer fit; it uses its defaults`),
    ...(theme ? { theme: { cssHrefs: themeCss.map((f) => assets.href(f.name)), components: theme.components } } : {}),
  }).catch(closeOpened);
  opened.push(() => site.stop());
  const views = await createViewCounting({
    db,
    store: viewStore.store,
    sections: site.current().context.sections,
    clock: () => clock().getTime(),
    onError: failed('view counting failed'),
    flushMs: timers ? config.viewFlushMs : null,
  }).catch(closeOpened);
  onContentChange = () => {
    pageCache.clear();
    views.directory.refresh(site.current().context.sections).catch(failed('article directory refresh failed'));
  };
  const requestLog = logger ? createRequestLog({ slowMs: config.slowRequestMs, accessLog: config.accessLog }) : null;
  const summaryMs = options.summaryMs === undefined ? (timers ? SUMMARY_MS : null) : options.summaryMs;
  let summaryTimer: NodeJS.Timeout | undefined;
  let started = false;
  const { dialect } = storage;
  const ping = 'ping' in viewStore ? viewStore.ping : undefined;
  const readiness = workerReadiness({ db, dialect, ping, started: () => started, logger });
  const app = buildApp({
    readiness,
    db,
    clock,
    site,
    pageCache,
    mediaCache,
    assets,
    views,
    trustProxyHops: config.trustProxyHops,
    turnBudgetMs: config.turnBudgetMs,
    autosaveMs: config.autosaveMs,
    plugins: options.plugins ?? NO_PLUGINS,
    // The key file (services/secret-key.ts) is read when an admin key is first made or checked, not at start.
    apiKeys: createApiKeyService({ db, clock, secretKey: secretKeyOnce(db, config.dataDir) }),
    ...(logger && requestLog ? { logger, requestLog } : {}),
  });

  const publishDue = async (): Promise<number[]> => {
    const ids = await publishDueArticles(db, clock());
    if (ids.length) await site.refresh();
    // One line per article, naming the node and process that published it: with several nodes, which one did.
    for (const id of ids)
      logger?.info({ articleId: id, node: hostname(), pid: process.pid }, 'published by the schedule');
    // Plugins hear of each after its commit, in the process that published it (plugin-events.ts).
    const events = {
      plugins: options.plugins ?? NO_PLUGINS,
      source: 'server' as const,
      onError: failed('hook events'),
      html: bodyHtmlRenderer(options.plugins ?? NO_PLUGINS),
    };
    for (const id of ids)
      await emitArticleChange(db, site.current().context, events, { id, before: 'scheduled', at: clock() });
    return ids;
  };
  // Every serving process sends webhooks, claiming rows so no two send the same one (webhook-delivery.ts).
  const webhooks = createWebhookDelivery({
    db,
    clock,
    ...DELIVERY_DEFAULTS,
    pollMs: config.webhookPollMs,
    allowPrivate: config.webhooksAllowPrivate,
    log: (level, facts, msg) => logger?.[level](facts, msg),
    onError: failed('webhook delivery failed'),
  });
  // Every serving process prunes the purge queue; those with a purger (DATELINE_PURGE) send it (purge-delivery.ts).
  const purges = createPurgeDelivery({
    db,
    clock,
    purger: config.purge ? createPurger(config.purge) : null,
    pollMs: config.purgePollMs,
    // After every node's page cache has noticed the change (site-state.ts polls the content version).
    settleMs: config.contentPollMs + 200,
    log: (level, facts, msg) => logger?.[level](facts, msg),
    onError: failed('purging the cache in front failed'),
  });
  const jobs: { timer: NodeJS.Timeout; current: () => Promise<void> | null }[] = [];
  /** Runs `job` every `ms`; a run still going when the next is due is not joined by a second one. */
  const every = (ms: number, what: string, job: () => Promise<unknown>): (() => void) => {
    let current: Promise<void> | null = null;
    const tick = () => {
      current ??= job()
        .then(() => {}, failed(what))
        .finally(() => {
          current = null;
        });
    };
    const timer = setInterval(tick, ms);
    timer.unref();
    jobs.push({ timer, current: () => current });
    return tick;
  };

  return {
    app,
    site,
    views,
    pageCache,
    logger,
    articleStamp: () => articleStampOf(site.current(), assets),
    publishDue,
    webhooks,
    purges,
    async start() {
      await views.tracker.start();
      await app.ready();
      if (logger && requestLog && summaryMs) {
        summaryTimer = setInterval(() => requestLog.logSummary(logger), summaryMs);
        summaryTimer.unref();
      }
      started = true;
      if (!timers) return;
      site.start(config.contentPollMs);
      every(config.schedulerMs, 'scheduled publishing failed', publishDue)();
      webhooks.start();
      purges.start();
      if (dialect) {
        every(config.statisticsMs, 'planner statistics failed', () => topUpPlannerStatistics(db, dialect));
      }
    },
    listen: () => app.listen({ host: config.host, port: config.port }),
    // Order matters: stop the jobs and taking requests, then flush counted views, then close the stores.
    async close() {
      for (const job of jobs) clearInterval(job.timer);
      clearInterval(summaryTimer);
      await Promise.allSettled(jobs.flatMap((job) => job.current() ?? []));
      await site.stop();
      await webhooks.stop();
      await purges.stop();
      // Requests in flight get a moment to finish; sockets a browser opened ahead and never used would
      // otherwise hold the close open until Node's 60-second headers timeout.
      const force = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      await app.close();
      clearTimeout(force);
      await views.tracker.stop();
      await viewStore.close();
      await storage.close();
    },
  };
};
