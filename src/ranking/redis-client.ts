import type { Logger } from 'pino';
import type { RedisCommands } from './redis-view-store.js';

/** Reconnect waits double from this… */
const FIRST_RETRY_MS = 100;
/** …up to this, so a node notices Redis back within a few seconds of its return. */
const LAST_RETRY_MS = 5_000;
/** How long a first connection, handshake included, may take before the start fails (REDIS_CONNECT_TIMEOUT_MS). */
const CONNECT_TIMEOUT_MS = 5_000;
/**
 * How long a command may wait for its answer. A flush that hangs on a dead socket would hold every later flush
 * back; failing it lets the tracker keep its queue and retry (node-redis's own default is 5 s).
 */
const COMMAND_TIMEOUT_MS = 2_000;

export interface OpenedRedis {
  /** What the view store sends its commands through. */
  client: RedisCommands;
  close(): Promise<void>;
}

/**
 * The wait before reconnect attempt `retries` (0 first): doubling, capped, and drawn from its upper half at random,
 * so that the nodes of a site do not all knock at the same moment when Redis comes back.
 */
export const reconnectDelay = (retries: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(retries, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};

/** Where Redis is, for messages: the address without credentials. */
const placeOf = (url: string): string => {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'the configured address';
  }
};

/**
 * Connects to Redis for a serving process, made to outlive Redis's absences. Without an `error` listener one
 * dropped connection was an unhandled error that ended every worker. Now:
 * - a lost connection is retried for ever, with capped, jittered backoff (reconnectDelay);
 * - commands sent meanwhile fail at once instead of queueing without bound inside the client (disableOfflineQueue):
 *   the view tracker keeps its own bounded queue and retries, and a page never waits on Redis;
 * - the log says once that Redis went away and once that it came back, with how long it was gone, not a line per
 *   attempt;
 * - at start, a Redis that cannot be reached within the connect timeout fails the start with one line saying so.
 */
export const openRedisClient = async (
  url: string,
  logger: Logger | null,
  opts: { connectTimeoutMs?: number } = {},
): Promise<OpenedRedis> => {
  const place = placeOf(url);
  let started = false;
  let awaySince: number | null = null;
  // Loaded here, not at the top: a server without REDIS_URL never loads node-redis (about 20 MB of memory).
  const { createClient } = await import('redis');
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: COMMAND_TIMEOUT_MS },
    socket: {
      connectTimeout: opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      // Before the first connection there is nothing to keep serving: give up, and the start fails.
      reconnectStrategy: (retries, cause) => (started ? reconnectDelay(retries) : cause),
    },
  });
  client.on('error', (error: unknown) => {
    if (!started || awaySince !== null) return;
    awaySince = Date.now();
    logger?.error(
      { err: error },
      `Redis at ${place} went away: pages are still served, views wait in memory; reconnecting with backoff`,
    );
  });
  client.on('ready', () => {
    if (awaySince === null) return;
    const seconds = ((Date.now() - awaySince) / 1000).toFixed(1);
    awaySince = null;
    logger?.info(`Redis at ${place} is back after ${seconds} s; waiting views are being counted`);
  });
  // node-redis bounds the TCP connect, not the handshake after it: a port that accepts and never answers, or another
  // service's port that answers in its own protocol, left connect() pending for ever and the process never listening.
  const connectTimeoutMs = opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const connecting = client.connect();
  connecting.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const unanswered = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no Redis answer within ${connectTimeoutMs} ms; is another service on that port?`)),
      connectTimeoutMs,
    );
  });
  try {
    await Promise.race([connecting, unanswered]);
  } catch (error) {
    client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Redis at ${place} is unreachable (${reason}); check REDIS_URL and that Redis is running`);
  } finally {
    clearTimeout(timer);
  }
  started = true;
  return {
    client,
    close: async () => {
      // A client that is reconnecting has nothing to say goodbye to: stop its attempts.
      if (client.isReady) await client.close();
      else client.destroy();
    },
  };
};
