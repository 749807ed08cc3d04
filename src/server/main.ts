import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { seedDemoContent } from '../services/seed-demo.js';
import { createStorage, type StorageHandle } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrate.js';
import { buildApp } from './app.js';
import { createResponseCache } from './page-cache.js';
import { createSiteState } from './site-state.js';
import { loadStaticAssets } from './static-assets.js';

const MB = 1024 * 1024;
/** How often each process checks whether content changed elsewhere (importer, another node). */
const CONTENT_POLL_MS = 500;

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
  } finally {
    await storage.close();
  }
};

/** One serving process: storage, caches, the app, listening. The composition root of the server. */
export const startWorker = async (config: Config): Promise<RunningServer> => {
  const storage: StorageHandle = createStorage(config);
  await migrateToLatest(storage.db, storage.dialect);
  const assets = loadStaticAssets();
  const pageCache = createResponseCache(64 * MB);
  const mediaCache = createResponseCache(32 * MB);
  let app: FastifyInstance | undefined;
  const site = await createSiteState(storage.db, {
    cssHref: assets.href('site.css'),
    onChange: () => pageCache.clear(),
    onError: (error) => app?.log.error({ err: error }, 'content version check failed'),
  });
  app = buildApp({
    db: storage.db,
    clock: () => new Date(),
    site,
    pageCache,
    mediaCache,
    assets,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
  });
  site.start(CONTENT_POLL_MS);
  const url = await app.listen({ host: config.host, port: config.port });
  const running = app;
  return {
    app: running,
    url,
    close: async () => {
      site.stop();
      await running.close();
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
