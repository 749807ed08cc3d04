import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { serveClusterGate } from '../ranking/cluster-gate.js';
import { defaultOriginWarning } from '../domain/public-origin.js';
import { firstRunLine } from '../services/first-run.js';
import { seedDemoContent } from '../services/seed-demo.js';
import { loadSiteContext } from '../services/site-context.js';
import { createStorage, type StorageHandle } from '../storage/database.js';
import { migrateToLatest, refreshPlannerStatistics } from '../storage/migrate.js';
import { withStartupLock } from '../storage/startup-lock.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { LoadedTheme } from '../plugins/theme.js';
import { retryWhileBusy } from './busy-retry.js';
import { superviseWorkers } from './cluster-supervisor.js';
import { composeWorker, createLogger, originRuleOf, type ComposeOptions } from './compose-worker.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Migrates and loads demo content once, before any worker starts. */
export const prepareStorage = async (config: Config, logger: Logger): Promise<void> =>
  (await openPreparedStorage(config, logger)).close();

/**
 * prepareStorage's work, returning the storage it opened (the caller closes it): a server of one process serves from
 * it. Closing it and opening the same database again for the worker cost every such start a second connection, its
 * log made again, a second startup lock and a second migration check (record 0030).
 */
const openPreparedStorage = async (config: Config, logger: Logger): Promise<StorageHandle> => {
  const storage = createStorage(config);
  try {
    // Under the startup lock: nodes starting together on one empty database migrate and load the demo once.
    await withStartupLock(storage, () => prepareLocked(config, logger, storage), {
      onWait: () => logger.info('Another process is preparing the database; waiting for it.'),
    });
    return storage;
  } catch (error) {
    await storage.close();
    throw error;
  }
};

const prepareLocked = async (config: Config, logger: Logger, storage: StorageHandle): Promise<void> => {
  const applied = await migrateToLatest(storage.db, storage.dialect, storage.schema);
  // A public server with no owner yet: the one-time link (or `dateline user add --role owner`) is how to claim it.
  const firstRun = await firstRunLine(storage.db, config.host, config.port);
  if (firstRun) logger.warn(firstRun);
  // Here, in the one process that prepares storage, so that a cluster warns once and not once per worker.
  const { settings, originSource } = await loadSiteContext(storage.db, originRuleOf(config));
  const originWarning = defaultOriginWarning(originSource, config.host, settings.baseUrl);
  if (originWarning) logger.warn(originWarning);
  let seeded = false;
  if (config.demoContent) {
    const demo = await seedDemoContent(storage.db, new Date(), { photoCache: config.demoPhotoCache });
    if (demo) logger.info(`Loaded ${demo.articles} demo articles into an empty database.`);
    seeded = Boolean(demo);
  }
  // Statistics from scratch when the schema or the content just changed wholesale; a top-up otherwise.
  await refreshPlannerStatistics(storage.db, storage.dialect, { full: applied > 0 || seeded });
};

/** One serving process, composed (see compose-worker.ts), started and listening. */
export const startWorker = async (config: Config, options: ComposeOptions = {}): Promise<RunningServer> => {
  // Storage handed over serves the first try only: a try that fails closes what it was given.
  const { storage: handed, ...rest } = options;
  let storage = handed;
  // A database locked for a moment at start (another worker starting, a log being recovered) is waited out.
  return retryWhileBusy(
    () => {
      const attempt: ComposeOptions = storage ? { ...rest, storage } : rest;
      storage = undefined;
      return startWorkerOnce(config, attempt);
    },
    {
      retries: START_BUSY_RETRIES,
      delayMs: START_BUSY_DELAY_MS,
      onRetry: (err, retry) =>
        options.logger?.warn({ err }, `the database was locked at start; trying again (${retry})`),
    },
  );
};

/** How often, and after how long a pause (growing), a start that met a locked database tries again. */
const START_BUSY_RETRIES = 4;
const START_BUSY_DELAY_MS = 250;

const startWorkerOnce = async (config: Config, options: ComposeOptions): Promise<RunningServer> => {
  const worker = await composeWorker(config, options);
  try {
    await worker.start();
    const url = await worker.listen();
    return { app: worker.app, url, close: () => worker.close() };
  } catch (error) {
    // A worker that cannot serve (its port taken, say) closes its jobs and stores so that its process can end
    // and the primary sees it fail, instead of lingering as a worker that never answers. The first error is the
    // one worth reporting; one from closing would only hide it.
    await worker.close().catch(() => undefined);
    throw error;
  }
};

/** `dateline serve`: one process, or a primary that prepares storage and forks one worker per core. */
export const serve = async (config: Config, plugins?: PluginRegistry, theme?: LoadedTheme): Promise<void> => {
  // First, so that everything the process does is reported in one place, in one format.
  const logger = createLogger(config);
  let storage: StorageHandle | undefined;
  if (cluster.isPrimary) {
    if (config.workers > 1) {
      await prepareStorage(config, logger);
      if (!config.redisUrl) serveClusterGate();
      superviseWorkers(config.workers, logger);
      logger.info(`Dateline: ${config.workers} workers on http://${config.host}:${config.port}`);
      return;
    }
    // One process: it serves from the storage it has just prepared.
    storage = await openPreparedStorage(config, logger);
  }
  const server = await startWorker(config, {
    logger,
    ...(storage ? { storage } : {}),
    ...(plugins ? { plugins } : {}),
    ...(theme ? { theme } : {}),
  });
  if (cluster.isPrimary) logger.info(`Dateline listening on ${server.url}`);
  const shutdown = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
};
