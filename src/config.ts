import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parsePublicOrigin } from './domain/public-origin.js';
import { parsePurgeTarget, type PurgeTarget } from './domain/purge-target.js';

/** The environment, parsed once at start into a typed Config. Everything else takes Config, never process.env. */
export interface Config {
  host: string;
  port: number;
  /**
   * DATELINE_BASE_URL: the public origin (https://news.example.com) of every canonical link, feed, sitemap and API
   * URL. It wins over the newsroom's Base URL setting; null: that setting, else the server's own HOST and PORT.
   */
  baseUrl: string | null;
  dataDir: string;
  /** postgres://… switches content storage to PostgreSQL; absent means SQLite under dataDir. */
  databaseUrl: string | null;
  /** PostgreSQL connections per process (DATABASE_POOL_MAX): N nodes × workers × this must fit max_connections. */
  databasePoolMax: number;
  /** PostgreSQL statements running longer are cancelled (DATABASE_STATEMENT_TIMEOUT_MS); 0: no limit. */
  databaseStatementTimeoutMs: number;
  /**
   * PostgreSQL: the reader's hot statements are prepared once per connection (DATABASE_PREPARED_STATEMENTS, on unless
   * 0): off behind a pooler that cannot keep them (PgBouncer in transaction mode before 1.21).
   */
  databasePreparedStatements: boolean;
  /** How long a Redis connection may take at start before the process stops with a message (REDIS_CONNECT_TIMEOUT_MS). */
  redisConnectTimeoutMs: number;
  /** redis://… counts views and serves rankings through Redis (several nodes); absent means SQLite. */
  redisUrl: string | null;
  /** Trust X-Forwarded-For from this many proxies (0: use the socket address), for visitor recognition. */
  trustProxyHops: number;
  /** Worker processes for `serve`; 1 means no cluster. */
  workers: number;
  /**
   * Load demo content when the database has no articles (DATELINE_DEMO). On by default for the embedded SQLite site;
   * with DATABASE_URL, only when asked: a production database must not fill itself with demo articles.
   */
  demoContent: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Requests slower than this are logged at warn; 0: none are. */
  /** V8's young generation in a serving process, set by bin/dateline.js (DATELINE_YOUNG_GENERATION_MB). */
  youngGenerationMb: number;
  /** Memory for rendered pages, per process (DATELINE_PAGE_CACHE_MB). */
  pageCacheMb: number;
  /**
   * How long one turn of the event loop answers before requests wait for the next turns; 0: no bound
   * (server/turn-budget.ts). 1.5 ms on SQLite, none on PostgreSQL unless set.
   */
  turnBudgetMs: number;
  slowRequestMs: number;
  /** One log line per request (the access log); otherwise only errors, slow requests and a summary a minute. */
  accessLog: boolean;
  /** How often scheduled articles are looked for: they go live at most this long after their time. */
  schedulerMs: number;
  /** How often each process checks whether content changed elsewhere (importer, another node). */
  contentPollMs: number;
  /** How often counted views go to the store and rankings are read back. */
  viewFlushMs: number;
  /** How often SQLite's planner statistics are topped up as the archive grows. */
  statisticsMs: number;
  /** How often the newsroom editor autosaves a draft with changes (the browser reads it from the form). */
  autosaveMs: number;
  /** How often each process looks for webhook deliveries to send (DATELINE_WEBHOOK_POLL_MS): the first goes out within it. */
  webhookPollMs: number;
  /** DATELINE_WEBHOOKS_ALLOW_PRIVATE=1: webhooks may go to loopback and private addresses (tests, an intranet). */
  webhooksAllowPrivate: boolean;
  /** Where purges of the cache in front go (DATELINE_PURGE, DATELINE_PURGE_TOKEN, DATELINE_PURGE_API); null: none here. */
  purge: PurgeTarget | null;
  /** How often the purge queue is looked at (DATELINE_PURGE_POLL_MS): a change reaches the cache within it. */
  purgePollMs: number;
  /** Plugin modules to load, as written: file paths (relative to the working folder) or package names (DATELINE_PLUGINS). */
  plugins: string[];
  /** A theme folder or package (DATELINE_THEME); null: the default design. */
  theme: string | null;
  /**
   * A folder keeping the demo's prepared illustrations between seeds (DATELINE_DEMO_PHOTO_CACHE), for development
   * and the test suite, which seeds the demo many times; null: each seed prepares them (demo/demo-photo-cache.ts).
   */
  demoPhotoCache: string | null;
}

const SECOND = 1000;
const HOUR = 3600 * SECOND;

/**
 * An interval in whole milliseconds within [min, max]. The bounds keep a typo from turning a job into a busy
 * loop (0) or into one that never runs in practice (a year).
 */
const milliseconds = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(min, `must be at least ${min} (milliseconds)`)
    .max(max, `must be at most ${max} (milliseconds)`)
    .default(fallback);

const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATELINE_BASE_URL: z
    .string()
    .transform((raw, ctx) => {
      const parsed = parsePublicOrigin(raw);
      if (parsed.ok) return parsed.origin;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    })
    .optional(),
  DATELINE_DATA: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave it unset for the embedded SQLite default)')
    .optional(),
  DATABASE_POOL_MAX: z.coerce
    .number({ error: 'must be a number of connections' })
    .int('must be a whole number of connections')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(10),
  // 0 turns the limit off, which is why this bound starts at 0.
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(30 * SECOND, 0, HOUR),
  DATABASE_PREPARED_STATEMENTS: z.enum(['0', '1'], 'must be 1 (prepare) or 0 (do not)').default('1'),
  REDIS_CONNECT_TIMEOUT_MS: milliseconds(5 * SECOND, 100, 10 * 60 * SECOND),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  DATELINE_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  DATELINE_WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  DATELINE_DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // 0 turns the slow-request line off, which is why this bound starts at 0 unlike the intervals below.
  DATELINE_PAGE_CACHE_MB: z.coerce
    .number({ error: 'must be a number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(1, 'must be at least 1 (MB)')
    .max(4096, 'must be at most 4096 (MB)')
    .default(8),
  // Read by bin/dateline.js before the bundle loads (node's young generation cannot wait for the config); checked
  // here so that a bad value is refused with the other settings.
  DATELINE_YOUNG_GENERATION_MB: z.coerce
    .number({ error: 'must be a number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(2, 'must be at least 2 (MB)')
    .max(64, 'must be at most 64 (MB)')
    .default(4),
  DATELINE_SLOW_REQUEST_MS: milliseconds(SECOND, 0, HOUR),
  // Fractions allowed: the archive walk's p99 was best at 1-2 ms on SQLite (record 0031); the default is below.
  DATELINE_TURN_BUDGET_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .min(0, 'must be 0 (no bound) or more')
    .max(100, 'must be at most 100 (ms)')
    .optional(),
  DATELINE_ACCESS_LOG: z.enum(['0', '1', 'true', 'false']).default('0'),
  DATELINE_SCHEDULER_MS: milliseconds(15 * SECOND, 10, HOUR),
  DATELINE_CONTENT_POLL_MS: milliseconds(500, 10, HOUR),
  DATELINE_VIEW_FLUSH_MS: milliseconds(SECOND, 10, 60 * SECOND),
  DATELINE_STATISTICS_MS: milliseconds(HOUR, SECOND, 24 * HOUR),
  DATELINE_AUTOSAVE_MS: milliseconds(15 * SECOND, 100, HOUR),
  DATELINE_WEBHOOK_POLL_MS: milliseconds(250, 10, 60 * SECOND),
  DATELINE_WEBHOOKS_ALLOW_PRIVATE: z.enum(['0', '1', 'true', 'false']).default('0'),
  // Checked together with its token and API address when the config is built (purgeTargetOf).
  DATELINE_PURGE: z.string().optional(),
  DATELINE_PURGE_TOKEN: z.string().optional(),
  DATELINE_PURGE_API: z.string().optional(),
  DATELINE_PURGE_POLL_MS: milliseconds(200, 10, 60 * SECOND),
  DATELINE_PLUGINS: z.string().max(4000).optional(),
  DATELINE_THEME: z.string().min(1).max(1000).optional(),
  DATELINE_DEMO_PHOTO_CACHE: z.string().min(1).optional(),
});

export class ConfigError extends Error {}

/** The purge target from its three variables; a setting that does not make one stops the start, naming it. */
const purgeTargetOf = (spec?: string, token?: string, api?: string): PurgeTarget | null => {
  const parsed = parsePurgeTarget(spec, token, api);
  if (parsed.ok) return parsed.target;
  throw new ConfigError(`Invalid environment:\n  DATELINE_PURGE: ${parsed.message}`);
};

export const loadConfig = (env: Record<string, string | undefined>): Config => {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    baseUrl: e.DATELINE_BASE_URL ?? null,
    dataDir: resolve(e.DATELINE_DATA),
    databaseUrl: e.DATABASE_URL ?? null,
    databasePoolMax: e.DATABASE_POOL_MAX,
    databaseStatementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS === '1',
    redisConnectTimeoutMs: e.REDIS_CONNECT_TIMEOUT_MS,
    redisUrl: e.REDIS_URL ?? null,
    trustProxyHops: e.DATELINE_TRUST_PROXY,
    workers: e.DATELINE_WORKERS === 'auto' ? availableParallelism() : e.DATELINE_WORKERS,
    demoContent:
      e.DATELINE_DEMO === undefined ? !e.DATABASE_URL : e.DATELINE_DEMO === '1' || e.DATELINE_DEMO === 'true',
    logLevel: e.LOG_LEVEL,
    pageCacheMb: e.DATELINE_PAGE_CACHE_MB,
    youngGenerationMb: e.DATELINE_YOUNG_GENERATION_MB,
    slowRequestMs: e.DATELINE_SLOW_REQUEST_MS,
    // On PostgreSQL an answer's work comes back in later turns and the kept pages a turn asks for are read together
    // (kept-article.repository.ts): holding requests back split those reads and cost more than it spared (record 0031).
    turnBudgetMs: e.DATELINE_TURN_BUDGET_MS ?? (e.DATABASE_URL ? 0 : 1.5),
    accessLog: e.DATELINE_ACCESS_LOG === '1' || e.DATELINE_ACCESS_LOG === 'true',
    schedulerMs: e.DATELINE_SCHEDULER_MS,
    contentPollMs: e.DATELINE_CONTENT_POLL_MS,
    viewFlushMs: e.DATELINE_VIEW_FLUSH_MS,
    statisticsMs: e.DATELINE_STATISTICS_MS,
    autosaveMs: e.DATELINE_AUTOSAVE_MS,
    webhookPollMs: e.DATELINE_WEBHOOK_POLL_MS,
    webhooksAllowPrivate: e.DATELINE_WEBHOOKS_ALLOW_PRIVATE === '1' || e.DATELINE_WEBHOOKS_ALLOW_PRIVATE === 'true',
    purge: purgeTargetOf(e.DATELINE_PURGE, e.DATELINE_PURGE_TOKEN, e.DATELINE_PURGE_API),
    purgePollMs: e.DATELINE_PURGE_POLL_MS,
    plugins: (e.DATELINE_PLUGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    theme: e.DATELINE_THEME ?? null,
    demoPhotoCache: e.DATELINE_DEMO_PHOTO_CACHE ? resolve(e.DATELINE_DEMO_PHOTO_CACHE) : null,
  };
};
