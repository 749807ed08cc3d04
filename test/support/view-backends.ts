import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { createLocalGate } from '../../src/ranking/cluster-gate.js';
import { createRedisViewStore } from '../../src/ranking/redis-view-store.js';
import { createSqliteViewStore } from '../../src/ranking/sqlite-view-store.js';
import type { ViewStore } from '../../src/ranking/view-store.js';
import { openViewsDatabase } from '../../src/storage/views-database.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestViewStore {
  store: ViewStore;
  /** A second process's view of the same backend (another node, or another worker on the same file). */
  peer(): Promise<ViewStore>;
  /**
   * Seconds the backend itself still keeps a day's salt (Redis expires its copy), or null when nothing outside
   * the processes' memory holds it (SQLite).
   */
  saltTimeToLive(day: number): Promise<number | null>;
  destroy(): Promise<void>;
}

export interface ViewBackend {
  name: 'sqlite' | 'redis';
  skipReason: string | null;
  open(): Promise<TestViewStore>;
}

const probeRedis = async (): Promise<string | null> => {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    const reason = `Redis at ${REDIS_URL} is unreachable (${(error as Error).message})`;
    if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires it`);
    return reason;
  } finally {
    if (client.isOpen) await client.quit();
  }
};

let counter = 0;

const connectClient = async () => {
  const c = createClient({ url: REDIS_URL });
  await c.connect();
  return c;
};

const openSqlite = async (): Promise<TestViewStore> => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-views-'));
  // Workers on one file share the cluster primary's dedupe, cap and salts; one local gate plays the primary.
  const gate = createLocalGate();
  const stores: ViewStore[] = [createSqliteViewStore(openViewsDatabase(dir), gate)];
  return {
    store: stores[0]!,
    peer: async () => {
      const s = createSqliteViewStore(openViewsDatabase(dir), gate);
      stores.push(s);
      return s;
    },
    saltTimeToLive: async () => null,
    destroy: async () => {
      for (const s of stores) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const openRedis = async (): Promise<TestViewStore> => {
  // Each test gets its own key prefix on the shared server, removed afterwards.
  const prefix = `dateline-test:${process.pid}:${Date.now().toString(36)}:${++counter}:`;
  const clients: Awaited<ReturnType<typeof connectClient>>[] = [];
  const connect = async () => {
    const c = await connectClient();
    clients.push(c);
    return createRedisViewStore(c, prefix);
  };
  const store = await connect();
  return {
    store,
    peer: connect,
    saltTimeToLive: async (day) => {
      const ttl = await clients[0]!.ttl(`${prefix}salt:${day}`);
      // -2: no such key; -1: a key that never expires.
      return ttl === -2 ? null : ttl === -1 ? Infinity : ttl;
    },
    destroy: async () => {
      const c = clients[0]!;
      for await (const keys of c.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
        if (keys.length > 0) await c.del(keys);
      }
      for (const cl of clients) await cl.quit();
    },
  };
};

const redisSkip = await probeRedis();
if (redisSkip) console.warn(`skipping Redis tests: ${redisSkip}`);

export const VIEW_BACKENDS: ViewBackend[] = [
  { name: 'sqlite', skipReason: null, open: openSqlite },
  { name: 'redis', skipReason: redisSkip, open: openRedis },
];
