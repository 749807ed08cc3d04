import cluster from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createClusterGateClient, createLocalGate } from '../ranking/cluster-gate.js';
import { createSqliteViewStore } from '../ranking/sqlite-view-store.js';
import type { ViewStore } from '../ranking/view-store.js';
import { createStorage, type Db, type Dialect } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrate.js';
import { withStartupLock } from '../storage/startup-lock.js';
import { openViewsDatabase } from '../storage/views-database.js';

/** The stores a serving process opens (compose-worker.ts): its content database and where views are counted. */

/** Content storage opened from config, or the caller's: then neither migrated, analysed nor closed here. */
export const contentStorage = async (
  config: Config,
  given: Db | undefined,
): Promise<{ db: Db; dialect: Dialect | null; close(): Promise<void> }> => {
  if (given) return { db: given, dialect: null, close: async () => {} };
  const storage = createStorage(config);
  await withStartupLock(storage, () => migrateToLatest(storage.db, storage.dialect, storage.schema));
  return storage;
};

/** Views go to Redis when configured (several nodes), else to views.db beside the content. */
export const openViewStore = async (
  config: Config,
  logger: Logger | null,
): Promise<{ store: ViewStore; close: () => Promise<void>; ping?: () => Promise<unknown> }> => {
  if (config.redisUrl) {
    // The client survives Redis going away and coming back (redis-client.ts): the worker keeps serving meanwhile.
    // Loaded only here: the Redis client is hundreds of modules that a process without REDIS_URL never needs.
    const [{ openRedisClient }, { createRedisViewStore }] = await Promise.all([
      import('../ranking/redis-client.js'),
      import('../ranking/redis-view-store.js'),
    ]);
    const redis = await openRedisClient(config.redisUrl, logger, { connectTimeoutMs: config.redisConnectTimeoutMs });
    return {
      store: createRedisViewStore(redis.client),
      close: redis.close,
      ping: () => redis.client.sendCommand(['PING']),
    };
  }
  const gate = cluster.isWorker ? createClusterGateClient() : createLocalGate();
  const store = createSqliteViewStore(openViewsDatabase(config.dataDir), gate);
  return { store, close: () => store.close() };
};
