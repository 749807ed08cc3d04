import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { createClient } from 'redis';
import { pino } from 'pino';
import { createClusterGateClient, createLocalGate, serveClusterGate } from '../ranking/cluster-gate.js';
import { createViewCounting } from '../ranking/create-view-counting.js';
import { createRedisViewStore } from '../ranking/redis-view-store.js';
import { createSqliteViewStore } from '../ranking/sqlite-view-store.js';
import type { ViewStore } from '../ranking/view-store.js';
import { publishDueArticles } from '../services/scheduler.js';
import { seedDemoContent } from '../services/seed-demo.js';
import { openViewsDatabase } from '../storage/views-database.js';
import { createStorage, type StorageHandle } from '../storage/database.js';
import { migrateToLatest, refreshPlannerStatistics, topUpPlannerStatistics } from '../storage/migrate.js';
import { buildApp } from './app.js';
import { createResponseCache } from './page-cache.js';
import { createSiteState } from './site-state.js';
import { loadStaticAssets } from './static-assets.js';

const MB = 1024 * 1024;
/** How often each process checks whether content changed elsewhere (importer, another node). */
const CONTENT_POLL_MS = 500;
/** How long a closing server waits for requests in flight before dropping connections. */
const CLOSE_GRACE_MS = 2_000;
/** Scheduled articles go live within this long of their time. */
const SCHEDULER_MS = 15_000;
/** The archive grows all day; the planner's picture of it is checked hourly. */
const STATISTICS_MS = 3_600_000;

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Migrates and loads demo content once, before any worker starts. */
export const prepareStorage = async (config: Config, log: (line: string) => void): Promise<void> => {
  const storage = createStorage(config);
  try {
    await migrateToLatest(storage.db, storage.dialect);
    if (config.demoContent) {
      const seeded = await seedDemoContent(storage.db);
      if (seeded) log(`Loaded ${seeded.articles} demo articles into an empty database.`);
    }
    await refreshPlannerStatistics(storage.db, storage.dialect);
  } finally {
    await storage.close();
  }
};

/** Views go to Redis when configured (several nodes), else to views.db beside the content. */
const createViewStore = async (config: Config): Promise<{ store: ViewStore; close: () => Promise<void> }> => {
  if (config.redisUrl) {
    const redis = createClient({ url: config.redisUrl });
    await redis.connect();
    return { store: createRedisViewStore(redis), close: async () => void (await redis.quit()) };
  }
  const gate = cluster.isWorker ? createClusterGateClient() : createLocalGate();
  const store = createSqliteViewStore(openViewsDatabase(config.dataDir), gate);
  return { store, close: () => store.close() };
};

/** One serving process: storage, caches, view counting, the app, listening. The composition root of the server. */
export const startWorker = async (config: Config): Promise<RunningServer> => {
  const storage: StorageHandle = createStorage(config);
  await migrateToLatest(storage.db, storage.dialect);
  const assets = loadStaticAssets();
  const pageCache = createResponseCache(64 * MB);
  const mediaCache = createResponseCache(32 * MB);
  let app: FastifyInstance | undefined;
  const logError = (msg: string) => (error: unknown) => app?.log.error({ err: error }, msg);
  const viewStore = await createViewStore(config);
  let onContentChange = () => {};
  const site = await createSiteState(storage.db, {
    cssHref: assets.href('site.css'),
    onChange: () => onContentChange(),
    onError: logError('content version check failed'),
  });
  const views = await createViewCounting({
    db: storage.db,
    store: viewStore.store,
    sections: site.current().context.sections,
    clock: () => Date.now(),
    onError: logError('view counting failed'),
  });
  onContentChange = () => {
    pageCache.clear();
    views.directory.refresh(site.current().context.sections).catch(logError('article directory refresh failed'));
  };
  app = buildApp({
    db: storage.db,
    clock: () => new Date(),
    site,
    pageCache,
    mediaCache,
    assets,
    views,
    trustProxyHops: config.trustProxyHops,
    ...(config.logLevel === 'silent' ? {} : { logger: pino({ level: config.logLevel }) }),
  });
  await views.tracker.start();
  site.start(CONTENT_POLL_MS);
  const publishDue = () => {
    publishDueArticles(storage.db, new Date())
      .then((ids) => { if (ids.length) return site.refresh(); })
      .catch(logError('scheduled publishing failed'));
  };
  publishDue();
  const scheduler = setInterval(publishDue, SCHEDULER_MS);
  scheduler.unref();
  const statistics = setInterval(() => {
    topUpPlannerStatistics(storage.db, storage.dialect).catch(logError('planner statistics failed'));
  }, STATISTICS_MS);
  statistics.unref();
  const url = await app.listen({ host: config.host, port: config.port });
  const running = app;
  return {
    app: running,
    url,
    // Order matters: stop taking requests, then flush counted views, then close the stores.
    close: async () => {
      site.stop();
      clearInterval(statistics);
      clearInterval(scheduler);
      // Requests in flight get a moment to finish; sockets a browser opened ahead and never used would
      // otherwise hold the close open until Node's 60-second headers timeout.
      const force = setTimeout(() => running.server.closeAllConnections(), CLOSE_GRACE_MS);
      await running.close();
      clearTimeout(force);
      await views.tracker.stop();
      await viewStore.close();
      await storage.close();
    },
  };
};

/** `dateline serve`: one process, or a primary that prepares storage and forks one worker per core. */
export const serve = async (config: Config): Promise<void> => {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (cluster.isPrimary) {
    await prepareStorage(config, log);
    if (config.workers > 1) {
      if (!config.redisUrl) serveClusterGate();
      for (let i = 0; i < config.workers; i++) cluster.fork();
      let stopping = false;
      cluster.on('exit', (worker, code) => {
        if (stopping) return;
        log(`worker ${worker.process.pid} exited with ${code}; starting another`);
        cluster.fork();
      });
      const stop = () => {
        stopping = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      log(`Dateline: ${config.workers} workers on http://${config.host}:${config.port}`);
      return;
    }
  }
  const server = await startWorker(config);
  if (cluster.isPrimary) log(`Dateline listening on ${server.url}`);
  const shutdown = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
};
