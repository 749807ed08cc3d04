import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pathOfUrl } from '../domain/reader-path.js';
import { wasHandedOver } from './hand-over.js';
import { cacheOutcomeOf, type CacheOutcome } from './send-cached.js';

/**
 * What the server says about the requests it answers. Two JSON lines per request (Fastify's default) cost about a
 * third of the throughput of a cached page, and access logs are usually the proxy's job; so by default only what
 * an operator must see is written: every answer >= 500 (error), every request slower than a threshold (warn), and
 * a summary per interval (info). The full access log, one line per request, is there on demand.
 *
 * Lines name the path only, never the query string: queries carry what readers searched for, sign-in `next`
 * addresses and one-time setup codes, none of which belongs in a log kept for weeks.
 */
export interface RequestLogOptions {
  /** Requests slower than this many milliseconds are logged at warn; 0: never. */
  slowMs: number;
  /** One line per request (at info; 5xx at error and slow ones at warn, never a second line for them). */
  accessLog: boolean;
}

/** Totals since the previous summary: what the summary line prints. */
export interface RequestSummary {
  requests: number;
  /** Count per status class, only the classes seen: `{ '2xx': 120, '5xx': 1 }`. */
  status: Record<string, number>;
  /** Durations from a fixed histogram: each figure is within 10% above the true one (see BUCKET_RATIO). */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers by their X-Cache header; answers without one (redirects made per request, errors) are in neither. */
  cache: { hits: number; misses: number };
}

export interface RequestLog {
  /** Adds the hooks; call before any route or plugin is registered so that every route gets them. */
  register(app: FastifyInstance): void;
  /** The totals since the last call, and a fresh start; null when no request came in meanwhile. */
  takeSummary(): RequestSummary | null;
  /** Writes the summary line when there was traffic; what the worker's timer calls. */
  logSummary(logger: FastifyBaseLogger): void;
  /** Counts, for the summary, an answer written before Fastify saw the request (fast-paths.ts). */
  countAnswer(status: number, ms: number, cache?: CacheOutcome): void;
  /** Whether every request gets a line: then every request must go through Fastify's hooks. */
  readonly linePerRequest: boolean;
}

// Durations go in buckets whose bounds grow by 10%: 150 counters cover 0.05 ms to about a minute, whatever the
// traffic, at the price of percentiles that are bucket bounds rather than exact figures.
const BUCKET_BASE_MS = 0.05;
const BUCKET_RATIO = 1.1;
const BUCKETS = 150;
const LOG_RATIO = Math.log(BUCKET_RATIO);

const bucketOf = (ms: number): number => {
  if (!(ms > BUCKET_BASE_MS)) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / BUCKET_BASE_MS) / LOG_RATIO));
};
const upperBoundOf = (bucket: number): number => BUCKET_BASE_MS * BUCKET_RATIO ** bucket;

const roundMs = (ms: number): number => Math.round(ms * 100) / 100;

/** The one line format of every per-request line, so that error, slow and access lines read alike. */
const lineOf = (req: FastifyRequest, reply: FastifyReply, ms: number, cache: unknown) => ({
  method: req.method,
  url: pathOfUrl(req.url),
  statusCode: reply.statusCode,
  responseTime: roundMs(ms),
  ...(typeof cache === 'string' ? { cache } : {}),
  remoteAddress: req.ip,
  remotePort: req.socket.remotePort,
});

export const createRequestLog = (options: RequestLogOptions): RequestLog => {
  const histogram = new Uint32Array(BUCKETS);
  const classes = new Uint32Array(6);
  let requests = 0;
  let maxMs = 0;
  let hits = 0;
  let misses = 0;
  /** The error an error handler answered, kept until the response is done so that its line can carry it. */
  const failures = new WeakMap<FastifyRequest, Error>();

  const percentile = (q: number): number => {
    const rank = Math.ceil(q * requests);
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += histogram[b]!;
      if (seen >= rank) return roundMs(Math.min(upperBoundOf(b), maxMs));
    }
    return roundMs(maxMs);
  };

  const countAnswer = (status: number, ms: number, cache?: CacheOutcome): void => {
    requests++;
    if (cache === 'HIT') hits++;
    else if (cache === 'MISS') misses++;
    histogram[bucketOf(ms)]!++;
    classes[Math.min(5, Math.floor(status / 100))]!++;
    if (ms > maxMs) maxMs = ms;
  };

  const onResponse = (req: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    // Answered, counted and logged by the app it was handed to: once is enough.
    if (wasHandedOver(req)) return done();
    const ms = reply.elapsedTime;
    const status = reply.statusCode;
    const cache = cacheOutcomeOf(reply);
    countAnswer(status, ms, cache);

    if (status >= 500) {
      const err = failures.get(req);
      req.log.error({ ...lineOf(req, reply, ms, cache), ...(err ? { err } : {}) }, 'request failed');
    } else if (options.slowMs > 0 && ms > options.slowMs) {
      req.log.warn(lineOf(req, reply, ms, cache), 'slow request');
    } else if (options.accessLog) {
      req.log.info(lineOf(req, reply, ms, cache), 'request');
    }
    done();
  };

  const takeSummary = (): RequestSummary | null => {
    if (requests === 0) return null;
    const status: Record<string, number> = {};
    classes.forEach((n, c) => {
      if (n) status[`${c}xx`] = n;
    });
    const summary = {
      requests,
      status,
      p50Ms: percentile(0.5),
      p99Ms: percentile(0.99),
      maxMs: roundMs(maxMs),
      cache: { hits, misses },
    };
    histogram.fill(0);
    classes.fill(0);
    requests = maxMs = hits = misses = 0;
    return summary;
  };

  return {
    register(app) {
      // Runs before the error handler: the handler answers, the response line says what went wrong.
      app.addHook('onError', (req, _reply, error, done) => {
        failures.set(req, error);
        done();
      });
      app.addHook('onResponse', onResponse);
    },
    takeSummary,
    countAnswer,
    linePerRequest: options.accessLog,
    logSummary(logger) {
      const summary = takeSummary();
      if (summary) logger.info(summary, 'requests since the last summary');
    },
  };
};
