import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db, Dialect } from '../storage/database.js';
import { pendingMigrations } from '../storage/migrate.js';
import type { FastPath } from './fast-paths.js';

/**
 * `/healthz` and `/readyz` for load balancers, orchestrators and uptime checks (issue 18), answered on node:http
 * before Fastify (fast-paths.ts): never logged per request, never counted in the request summary, never cached,
 * never a page (so never in rankings, sitemaps or the page cache).
 *
 * - `/healthz`, liveness: the process serves. 200 whenever it can answer at all.
 * - `/readyz`, readiness: each probe (database reachable, migrations applied, Redis reachable when configured, the
 *   worker's start done) passes. 200 when all do, else 503; the body names each probe's state, in words that say
 *   what is wrong without the addresses or messages behind it (the endpoint is public; the log has the details).
 *
 * A probe that takes longer than `timeoutMs` counts as failed. Results are kept for `cacheMs`, and probes running
 * are shared, so a balancer polling every node often costs one round of probes a second per process.
 */

/** Resolves to null when fine, else a short reason ("unreachable", "2 pending"). */
export type Probe = () => Promise<string | null>;

export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}

export interface ReadinessOptions {
  probes: Record<string, Probe>;
  timeoutMs?: number;
  cacheMs?: number;
  now?: () => number;
  /** Told when a probe starts failing or fails differently (not at every poll), with its error when it threw. */
  onFailure?: (name: string, reason: string, error?: unknown) => void;
}

const DEFAULT_TIMEOUT_MS = 1000;
const DEFAULT_CACHE_MS = 1000;

export const createReadiness = (options: ReadinessOptions): (() => Promise<Readiness>) => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
  const now = options.now ?? Date.now;
  let kept: { at: number; result: Readiness } | null = null;
  let running: Promise<Readiness> | null = null;
  const last = new Map<string, string>();
  const tell = (name: string, reason: string, error?: unknown) => {
    if (last.get(name) !== reason) options.onFailure?.(name, reason, error);
    last.set(name, reason);
  };

  const run = async (name: string, probe: Probe): Promise<string> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
    });
    try {
      const reason = await Promise.race([
        probe().catch((error: unknown) => {
          tell(name, 'failed', error);
          return 'failed';
        }),
        late,
      ]);
      if (reason === null) last.set(name, 'ok');
      else if (reason !== 'failed') tell(name, reason);
      return reason ?? 'ok';
    } finally {
      clearTimeout(timer);
    }
  };

  const probeAll = async (): Promise<Readiness> => {
    const names = Object.keys(options.probes);
    const states = await Promise.all(names.map((name) => run(name, options.probes[name]!)));
    const checks = Object.fromEntries(names.map((name, i) => [name, states[i]!]));
    return { ready: states.every((s) => s === 'ok'), checks };
  };

  return () => {
    if (kept && now() - kept.at < cacheMs) return Promise.resolve(kept.result);
    running ??= probeAll()
      .then((result) => {
        kept = { at: now(), result };
        return result;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
};

/** A serving process's readiness: its database, its migrations, its Redis when it has one, and its start done. */
export const workerReadiness = (w: {
  db: Db;
  /** Null where the database was given by a test, not opened here: its migrations are the test's business. */
  dialect: Dialect | null;
  ping: (() => Promise<unknown>) | undefined;
  started: () => boolean;
  logger: Logger | null;
}): (() => Promise<Readiness>) => {
  const { ping } = w;
  return createReadiness({
    probes: {
      database: () => databaseAnswers(w.db),
      ...(w.dialect ? { migrations: async () => pendingText((await pendingMigrations(w.db)).length) } : {}),
      ...(ping ? { redis: async () => (await ping(), null) } : {}),
      started: async () => (w.started() ? null : 'starting'),
    },
    onFailure: (name, reason, err) => w.logger?.warn({ probe: name, reason, ...(err ? { err } : {}) }, 'not ready'),
  });
};

const pendingText = (n: number): string | null => (n === 0 ? null : `${n} pending`);

const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

const send = (req: IncomingMessage, res: ServerResponse, status: number, body: object): void => {
  const json = JSON.stringify(body);
  res.writeHead(status, { ...HEADERS, 'content-length': Buffer.byteLength(json) });
  res.end(req.method === 'HEAD' ? undefined : json);
};

/** Whether the request target is `path`, with or without a query (`/readyz?verbose` is `/readyz`). */
const targets = (url: string, path: string): boolean =>
  url.startsWith(path) && (url.length === path.length || url.charCodeAt(path.length) === 63); /* ? */

/** The database probe every readiness has: one trivial statement. */
export const databaseAnswers = async (db: Db): Promise<null> => {
  await sql`select 1`.execute(db);
  return null;
};

export const createHealthPaths =
  (readiness: () => Promise<Readiness>): FastPath =>
  (req, res) => {
    // Every request passes here first: two character checks rule out nearly all of them.
    const url = req.url ?? '';
    if (url.charCodeAt(1) !== 104 && url.charCodeAt(1) !== 114) return false; // h, r
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (targets(url, '/healthz')) {
      send(req, res, 200, { status: 'ok' });
      return true;
    }
    if (!targets(url, '/readyz')) return false;
    readiness().then(
      (r) => send(req, res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', checks: r.checks }),
      () => send(req, res, 503, { status: 'not ready', checks: {} }),
    );
    return true;
  };
