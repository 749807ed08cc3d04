import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { createClient } from 'redis';
import { signViewToken } from '../src/domain/view-token.js';
import { unpackCounts } from '../src/ranking/view-store.js';
import { generateArticles } from './generate-articles.js';
import { generatorWarning, loadGenerator, measure, type LoadPlan, type LoadResult, type LoadSettings } from './load.js';
import { busyShare, envNumber, fmt, log, pad, passFail, percent, us } from './report.js';
import {
  cleanUpEverything,
  httpGet,
  removeFolder,
  replayableHeaders,
  residentMemoryMb,
  runScript,
  startRawServer,
  startServer,
  trackFolder,
  type HttpResult,
} from './processes.js';
import { describeServiceLaunch } from './service-launch.js';

/**
 * `npm run bench:views`: the view beacon (POST /api/views) under wrk on one server process, once per
 * view backend (SQLite, Redis), beside a raw node:http server answering 204; the views each run really
 * counted, read from the store; ranking read latency over HTTP and in process; and the memory one process
 * needs for a week of views. See bench/README.md.
 */

const COUNTED_TARGET = 5000;
const BEACON_P99_TARGET_MS = 5;
const RANKING_P99_TARGET_MS = 1;
const MEMORY_TARGET_MB = 64;
/** Beacons at full speed against a raw node:http server answering 204 to the same requests (issue 10). */
const BEACON_RATIO_TARGET = 0.5;
/** Time for the server's one-second flush to reach the store. */
const SETTLE_MS = 2000;
/** Fake client addresses (x-forwarded-for values, never contacted): 10.x.y.z. */
const VISITOR_POOL = 200_000;
const REDIS_PREFIX = 'dateline:';
const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

const throughput: LoadSettings = {
  connections: envNumber('BENCH_CONNECTIONS', 50),
  durationS: envNumber('BENCH_DURATION', 10),
  warmupS: envNumber('BENCH_WARMUP', 2),
};
const rated: LoadSettings = {
  connections: envNumber('BENCH_VIEW_RATE_CONNECTIONS', 10),
  durationS: throughput.durationS,
  warmupS: 0,
  overallRate: envNumber('BENCH_VIEW_RATE', COUNTED_TARGET),
};
const rankingLoad: LoadSettings = {
  connections: envNumber('BENCH_RANKING_CONNECTIONS', 1),
  durationS: Math.min(throughput.durationS, 5),
  warmupS: 1,
};
/** Full-speed rounds per backend, each the raw server then the server, back to back; figures are their medians. */
const ROUNDS = envNumber('BENCH_ROUNDS', 3);
const ARTICLES = envNumber('BENCH_ARTICLES', 10_000);
const MEMORY_VIEWS = envNumber('BENCH_MEMORY_VIEWS', 1_000_000);
const MEMORY_VISITORS = envNumber('BENCH_MEMORY_VISITORS', 200_000);
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
const WITH_REDIS = process.env.BENCH_REDIS !== '0';
/** BENCH_SQLITE=0 measures only Redis; BENCH_MEMORY_VIEWS=0 leaves out the memory run (for quicker runs while tuning). */
const WITH_SQLITE = process.env.BENCH_SQLITE !== '0';
/** BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server child there (open it in Chrome DevTools). */
const cpuProfDir = process.env.BENCH_CPU_PROF;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Backend = 'sqlite' | 'redis';

/** A phase of load on one server, with the views the store gained during it. */
interface Phase {
  result: LoadResult;
  counted: number;
}
interface BackendRun {
  backend: Backend;
  /** CPU the Redis server spent per beacon of the full-speed run (INFO cpu), for the Redis backend. */
  redisCpuUsPerRequest: number | null;
  /** The full-speed figures: each the median over the rounds (counted: the total over them). */
  raw: LoadResult;
  throughput: Phase;
  /** Each round's raw and server runs, in order, for the per-round ratios. */
  rounds: { raw: LoadResult; server: LoadResult }[];
  rated: Phase;
  ranking: LoadResult;
  sanity: string;
  rssMb: number | null;
  coldStartMs: number;
}
interface MemoryReport {
  ok: boolean;
  error?: string;
  views: number;
  visitors: number;
  days: number;
  articles: number;
  counted: number;
  triples: number;
  directorySize: number;
  articlesIn24h: number;
  feedMs: number;
  before: MemoryFigures;
  tenth: MemoryFigures & { views: number };
  after: MemoryFigures;
  reads: Record<'site' | 'section', ReadStats & { name?: string }>;
}
interface MemoryFigures {
  rssMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}
interface Percentiles {
  calls: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
}
interface ReadStats {
  cached: Percentiles;
  recomputed: Percentiles;
}

// ---------------------------------------------------------------------------------------------------------
// Beacons

/**
 * The n-th beacon goes from visitor n mod POOL to article (7·visitor + n div POOL) mod articles (the load
 * generator builds each one: bench/wrk-paths.lua, or load.ts for autocannon): consecutive beacons spread
 * over all articles, and no visitor-article pair repeats (nor does a visitor near the hourly cap) until
 * POOL × articles beacons, so every beacon of a run should count. One plan carries its place in the
 * sequence from run to run.
 */
const beaconPlan = (bodies: readonly string[], origin: string): Extract<LoadPlan, { kind: 'beacons' }> => ({
  kind: 'beacons',
  bodies,
  visitors: VISITOR_POOL,
  sent: 0,
  headers: {
    'content-type': 'text/plain;charset=UTF-8',
    'user-agent': CHROME_UA,
    origin,
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'no-cors',
    'sec-fetch-dest': 'empty',
  },
});

const post = (port: number, headers: Record<string, string>, body: string): Promise<HttpResult> =>
  new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/views', method: 'POST', headers, agent: false, timeout: 5000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('POST /api/views timed out')));
    req.on('error', reject);
    req.end(body);
  });

/** The view-token key the server created at start, as it stores it: a JSON string of base64 bytes. */
const readTokenKey = (dataDir: string): Buffer => {
  const db = new SQLite(join(dataDir, 'content.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("select value from setting where key = 'secret.view-token'").get() as
      { value: string } | undefined;
    if (!row) throw new Error('the server did not create secret.view-token');
    return Buffer.from(JSON.parse(row.value) as string, 'base64');
  } finally {
    db.close();
  }
};

// ---------------------------------------------------------------------------------------------------------
// Counted views, read from the store itself

interface CountReader {
  total(): Promise<number>;
  close(): Promise<void>;
}

const sumPacked = (buf: Uint8Array) => unpackCounts(buf).reduce((s, c) => s + c.count, 0);

const sqliteCounter = (dataDir: string): CountReader => {
  const db = new SQLite(join(dataDir, 'views.db'), { readonly: true, fileMustExist: true });
  const rows = db.prepare('select counts from view_log');
  return {
    total: async () => (rows.all() as { counts: Buffer }[]).reduce((s, r) => s + sumPacked(r.counts), 0),
    close: async () => void db.close(),
  };
};

/** What the bench needs of a Redis client: raw commands, and closing it. */
interface Redis {
  sendCommand(args: string[]): Promise<unknown>;
  quit(): Promise<unknown>;
}

const connectRedis = async (): Promise<Redis> => {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  await client.connect();
  return { sendCommand: (args) => client.sendCommand(args), quit: () => client.quit() };
};

/** Deletes the keys of the Redis view store (prefix dateline:) and nothing else: SCAN + DEL, never FLUSHALL. */
const deleteDatelineKeys = async (redis: Redis): Promise<number> => {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = (await redis.sendCommand(['SCAN', cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', '1000'])) as [
      string,
      string[],
    ];
    cursor = next;
    if (keys.length > 0) deleted += Number(await redis.sendCommand(['DEL', ...keys]));
  } while (cursor !== '0');
  return deleted;
};

/** User + system CPU seconds the Redis server has used, from INFO cpu (the settle time after a run included). */
const redisCpuSeconds = async (redis: Redis): Promise<number> => {
  const info = String(await redis.sendCommand(['INFO', 'cpu']));
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
};

const redisCounter = (redis: Redis): CountReader => ({
  async total() {
    let from = '-';
    let sum = 0;
    for (;;) {
      const entries = (await redis.sendCommand(['XRANGE', `${REDIS_PREFIX}views:log`, from, '+', 'COUNT', '1000'])) as [
        string,
        string[],
      ][];
      for (const [id, fields] of entries) {
        from = `(${id}`;
        const i = fields.indexOf('c');
        if (i >= 0 && fields[i + 1]) sum += sumPacked(Buffer.from(fields[i + 1]!, 'base64'));
      }
      if (entries.length < 1000) return sum;
    }
  },
  close: async () => {},
});

// ---------------------------------------------------------------------------------------------------------

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const medianOrNull = (values: (number | null)[]): number | null =>
  values.some((v) => v === null) ? null : median(values as number[]);
const sumOf = <T>(items: T[], f: (item: T) => number): number => items.reduce((s, i) => s + f(i), 0);

/** Each figure the median over the runs, failures and requests summed. */
const medianResult = (runs: LoadResult[]): LoadResult => ({
  requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
  p50Ms: median(runs.map((r) => r.p50Ms)),
  p99Ms: median(runs.map((r) => r.p99Ms)),
  requests: sumOf(runs, (r) => r.requests),
  failures: sumOf(runs, (r) => r.failures),
  cpuUsPerRequest: medianOrNull(runs.map((r) => r.cpuUsPerRequest)),
  generatorBusy: medianOrNull(runs.map((r) => r.generatorBusy)),
});

const runBackend = async (
  backend: Backend,
  dataDir: string,
  articleIds: readonly number[],
  redis: Redis | null,
): Promise<BackendRun> => {
  log(`\n== ${backend} ==`);
  const server = await startServer({
    dataDir,
    env: { DATELINE_TRUST_PROXY: '1', ...(backend === 'redis' ? { REDIS_URL } : {}) },
    ...(cpuProfDir
      ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=views-${backend}.cpuprofile`] }
      : {}),
  });
  let counter: CountReader | null = null;
  try {
    log(`  cold start (spawn → first 200 on /): ${fmt(server.coldStartMs)} ms`);
    const key = readTokenKey(dataDir);
    const now = Date.now();
    const bodies = articleIds.map((id) => JSON.stringify({ a: id, t: signViewToken(key, id, now) }));
    const origin = `http://127.0.0.1:${server.port}`;
    counter = backend === 'sqlite' ? sqliteCounter(dataDir) : redisCounter(redis!);
    const counted = async (phase: () => Promise<LoadResult>): Promise<Phase> => {
      const before = await counter!.total();
      const result = await phase();
      await sleep(SETTLE_MS);
      return { result, counted: (await counter!.total()) - before };
    };

    // Sanity: two visitors read one article, the first twice: two views count (the proxy header names the
    // visitor; the repeat is deduplicated), and a beacon from another site counts nothing.
    const sanityHeaders = (ip: string, site = 'same-origin') => ({
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': CHROME_UA,
      'sec-fetch-site': site,
      'x-forwarded-for': ip,
    });
    let answer: HttpResult | null = null;
    const sanity = await counted(async () => {
      for (const [ip, site] of [['192.0.2.1'], ['192.0.2.1'], ['192.0.2.2'], ['192.0.2.3', 'cross-site']] as const) {
        answer = await post(server.port, sanityHeaders(ip, site), bodies[0]!);
        if (answer.status !== 204) throw new Error(`a beacon answered ${answer.status}, expected 204`);
      }
      return {
        requestsPerSecond: 0,
        p50Ms: 0,
        p99Ms: 0,
        requests: 4,
        failures: 0,
        cpuUsPerRequest: null,
        generatorBusy: null,
      };
    });
    if (sanity.counted !== 2)
      throw new Error(
        `sanity check: 4 beacons (2 visitors, 1 repeat, 1 cross-site) counted ${sanity.counted}, expected 2`,
      );

    const next = beaconPlan(bodies, origin);
    log(`  warm-up ${throughput.warmupS} s, then raw node:http and ${backend} at full speed …`);
    // Warm-up on its own, so the counted views of the measured run can be read apart from it; and until every
    // article had a beacon. A running site's article directory holds the articles with views in the last 7 days
    // from its start, while the generated archive has none: without this the first round measured one database
    // lookup per beacon (the n-th beacon names article 7n mod 10,000) and ran at a third of the later rounds.
    for (let warm = throughput.warmupS > 0; warm;) {
      const run = await measure(server.port, server.pid, next, {
        ...throughput,
        durationS: throughput.warmupS,
        warmupS: 0,
      });
      warm = next.sent < bodies.length && run.requests > 0;
    }
    // The raw 204 sends the headers the server's 204 carried, so only the server's own work differs. On two
    // shared cores one run can be off by a third from the next: rounds of raw-then-server, and their medians.
    const rawServer = await startRawServer(null, replayableHeaders(answer!.headers));
    const rawPlan = beaconPlan(bodies, origin);
    const rounds: { raw: LoadResult; server: LoadResult }[] = [];
    let countedViews = 0;
    let redisCpu = 0;
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        const raw = await measure(rawServer.port, rawServer.pid, rawPlan, throughput);
        await sleep(SETTLE_MS);
        const redisCpuBefore = redis ? await redisCpuSeconds(redis) : 0;
        const full = await counted(() => measure(server.port, server.pid, next, { ...throughput, warmupS: 0 }));
        redisCpu += redis ? (await redisCpuSeconds(redis)) - redisCpuBefore : 0;
        countedViews += full.counted;
        rounds.push({ raw, server: full.result });
        log(
          `  round ${round}/${ROUNDS}: raw ${fmt(raw.requestsPerSecond)} req/s, ${backend} ${fmt(full.result.requestsPerSecond)} req/s (${fmt(full.result.requestsPerSecond / raw.requestsPerSecond, 2)}×)`,
        );
      }
    } finally {
      await rawServer.stop();
    }
    const serverRuns = rounds.map((r) => r.server);
    log(`  ${fmt(rated.overallRate!)} beacons/s offered …`);
    const rate = await counted(() => measure(server.port, server.pid, next, rated));

    log('  ranking API …');
    const rankingPath = '/api/ranking?window=24h&limit=5';
    const check = await httpGet(server.port, rankingPath);
    const listed = (JSON.parse(check.body.toString()) as { articles: unknown[] }).articles.length;
    if (check.status !== 200 || listed !== 5)
      throw new Error(`GET ${rankingPath} answered ${check.status} with ${listed} articles, expected 200 with 5`);
    const ranking = await measure(server.port, server.pid, { kind: 'paths', paths: [rankingPath] }, rankingLoad);
    return {
      backend,
      redisCpuUsPerRequest: redis
        ? (redisCpu * 1e6) /
          Math.max(
            1,
            sumOf(serverRuns, (r) => r.requests),
          )
        : null,
      raw: medianResult(rounds.map((r) => r.raw)),
      // counted: the views of all rounds, against the requests of all rounds (medianResult sums those).
      throughput: { result: medianResult(serverRuns), counted: countedViews },
      rounds,
      rated: rate,
      ranking,
      sanity: 'ok',
      rssMb: residentMemoryMb(server.pid),
      coldStartMs: server.coldStartMs,
    };
  } finally {
    await counter?.close();
    await server.stop();
  }
};

const printBackends = (runs: BackendRun[]): boolean => {
  log(
    `\nBeacons, POST /api/views — full speed: ${throughput.connections} connections, pipelining 1, ${ROUNDS} rounds of ${throughput.durationS} s (raw, then the server; medians) after ${throughput.warmupS} s warm-up; ` +
      `rated: about ${fmt(rated.overallRate!)} req/s offered over ${rated.connections} connections (${loadGenerator === 'wrk' ? 'each connection waits connections ÷ rate before every request, so the rate reached is a little lower: see req/s' : "autocannon sends each connection's share in a burst at the start of every second"}), ${rated.durationS} s`,
  );
  log('counted/s = views the store gained during the run ÷ its duration; counted% = of the requests sent;');
  log(
    'ratio = req/s ÷ req/s of a raw node:http server answering 204 to the same requests, measured just before; cpu µs = server CPU per request;',
  );
  log(
    'busy = share of one core the server used (under ~90%: the load generator set the pace); cpu ratio = raw cpu µs ÷ cpu µs',
  );
  log(
    `${pad('backend', 7)} ${pad('run', 10)} ${pad('req/s', 7, true)} ${pad('p50 ms', 6, true)} ${pad('p99 ms', 6, true)} ` +
      `${pad('counted/s', 9, true)} ${pad('counted%', 8, true)} ${pad(`ratio ≥${BEACON_RATIO_TARGET}`, 10, true)} ${pad('cpu µs', 7, true)} ${pad('busy', 5, true)} ${pad('cpu ratio', 9, true)}  ` +
      `${pad(`counted≥${fmt(COUNTED_TARGET)}/s`, 15)} ${pad(`p99<${BEACON_P99_TARGET_MS}ms`, 8)} ${pad('failed', 6, true)}`,
  );
  let valid = true;
  const row = (
    backend: string,
    run: string,
    r: LoadResult,
    counted: number | null,
    /** Seconds the counted views were gathered over. */
    seconds: number,
    raw: LoadResult | null,
    /** The median of the rounds' server ÷ raw req/s. */
    medianRatio: number | null,
    target: string,
    p99: string,
  ) => {
    const cps = counted === null ? null : counted / seconds;
    const ratio = medianRatio === null ? '' : `${fmt(medianRatio, 2)} ${passFail(medianRatio >= BEACON_RATIO_TARGET)}`;
    const cpuRatio =
      raw && r.cpuUsPerRequest && raw.cpuUsPerRequest ? fmt(raw.cpuUsPerRequest / r.cpuUsPerRequest, 2) : '';
    if (r.failures > 0) valid = false;
    log(
      `${pad(backend, 7)} ${pad(run, 10)} ${pad(fmt(r.requestsPerSecond), 7, true)} ${pad(fmt(r.p50Ms, 1), 6, true)} ${pad(fmt(r.p99Ms, 1), 6, true)} ` +
        `${pad(cps === null ? '' : fmt(cps), 9, true)} ${pad(counted === null ? '' : `${fmt((counted / Math.max(1, r.requests)) * 100, 1)}%`, 8, true)} ` +
        `${pad(ratio, 10, true)} ${pad(us(r.cpuUsPerRequest), 7, true)} ${pad(percent(busyShare(r)), 5, true)} ${pad(cpuRatio, 9, true)}  ` +
        `${pad(target, 15)} ${pad(p99, 8)} ${pad(fmt(r.failures), 6, true)}`,
    );
  };
  for (const run of runs) {
    const fullSeconds = throughput.durationS * run.rounds.length;
    const ratio = median(run.rounds.map((r) => r.server.requestsPerSecond / r.raw.requestsPerSecond));
    row('raw', 'full speed', run.raw, null, fullSeconds, null, null, '', '');
    row(
      run.backend,
      'full speed',
      run.throughput.result,
      run.throughput.counted,
      fullSeconds,
      run.raw,
      ratio,
      passFail(run.throughput.counted / fullSeconds >= COUNTED_TARGET && run.throughput.result.failures === 0),
      '(info)',
    );
    row(
      run.backend,
      'rated',
      run.rated.result,
      run.rated.counted,
      rated.durationS,
      null,
      null,
      '(info)',
      passFail(run.rated.result.p99Ms < BEACON_P99_TARGET_MS && run.rated.result.failures === 0),
    );
  }
  for (const run of runs) {
    const ratios = run.rounds.map((r) => fmt(r.server.requestsPerSecond / r.raw.requestsPerSecond, 2));
    const cpuRatios = run.rounds.map((r) =>
      r.server.cpuUsPerRequest && r.raw.cpuUsPerRequest
        ? fmt(r.raw.cpuUsPerRequest / r.server.cpuUsPerRequest, 2)
        : 'n/a',
    );
    log(
      `${run.backend}: per-round ratio ${ratios.join(', ')}; cpu ratio ${cpuRatios.join(', ')}; p99 ms ${run.rounds.map((r) => fmt(r.server.p99Ms, 1)).join(', ')} (raw ${run.rounds.map((r) => fmt(r.raw.p99Ms, 1)).join(', ')})`,
    );
  }
  for (const run of runs) {
    if (run.redisCpuUsPerRequest !== null) {
      log(
        `redis-server used ${fmt(run.redisCpuUsPerRequest, 1)} µs CPU per beacon of the full-speed run (it shares this machine's cores with the server and the load generator)`,
      );
    }
  }
  log(
    `\nRanking API, GET /api/ranking?window=24h&limit=5 — ${rankingLoad.connections} connection(s), ${rankingLoad.durationS} s, after the beacon runs${loadGenerator === 'wrk' ? '' : ' (autocannon latencies are whole ms)'}`,
  );
  for (const run of runs) {
    const r = run.ranking;
    if (r.failures > 0) valid = false;
    log(
      `  ${pad(run.backend, 7)} ${fmt(r.requestsPerSecond)} req/s, p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms, cpu ${us(r.cpuUsPerRequest)} µs/request, failed ${r.failures}` +
        `; server RSS after all runs ${run.rssMb === null ? 'n/a' : `${fmt(run.rssMb)} MB`}; cold start ${fmt(run.coldStartMs)} ms`,
    );
  }
  return valid;
};

const printMemory = (m: MemoryReport): void => {
  log(
    `\nIn-process ranking reads, tracker.top('24h', …, 5), on the state below (${fmt(m.articlesIn24h)} articles with views in 24 h); ` +
      'a view is added before every 100th call, so that call recomputes the ranking and the rest hit the cache',
  );
  log(
    `${pad('scope', 18)} ${pad('cached p50', 10, true)} ${pad('p99 µs', 7, true)} ${pad('recomputed p50', 14, true)} ${pad('p99 µs', 7, true)} ${pad('max µs', 7, true)}  p99<${RANKING_P99_TARGET_MS}ms (both)`,
  );
  for (const [scope, r] of [
    ['site-wide', m.reads.site],
    [`section ${m.reads.section.name ?? ''}`, m.reads.section],
  ] as const) {
    log(
      `${pad(scope, 18)} ${pad(fmt(r.cached.p50Us, 2), 10, true)} ${pad(fmt(r.cached.p99Us, 2), 7, true)} ` +
        `${pad(fmt(r.recomputed.p50Us, 1), 14, true)} ${pad(fmt(r.recomputed.p99Us, 1), 7, true)} ${pad(fmt(r.recomputed.maxUs, 0), 7, true)}  ` +
        `${passFail(r.cached.p99Us < RANKING_P99_TARGET_MS * 1000 && r.recomputed.p99Us < RANKING_P99_TARGET_MS * 1000)}`,
    );
  }
  const growth = m.after.rssMb - m.before.rssMb;
  log(
    `\nMemory: ${fmt(m.views)} candidate views from ${fmt(m.visitors)} visitors over ${fmt(m.articles)} articles in ${m.days} simulated days ` +
      `(real tracker, SQLite view store, article directory; flushed every simulated minute), after forced GC`,
  );
  log(
    `  counted ${fmt(m.counted)} (in the 7-day window); ${fmt(m.triples)} stored triples; ${fmt(m.directorySize)} articles in the directory; fed in ${fmt(m.feedMs / 1000, 1)} s`,
  );
  log(
    `  RSS ${fmt(m.before.rssMb, 1)} → ${fmt(m.after.rssMb, 1)} MB (growth ${fmt(growth, 1)} MB, target < ${MEMORY_TARGET_MB} MB: ${passFail(growth < MEMORY_TARGET_MB)}); ` +
      `heap used ${fmt(m.before.heapUsedMb, 1)} → ${fmt(m.after.heapUsedMb, 1)} MB (${fmt(m.after.heapUsedMb - m.before.heapUsedMb, 1)}), ` +
      `heap reserved ${fmt(m.before.heapTotalMb, 1)} → ${fmt(m.after.heapTotalMb, 1)} MB; ` +
      `array buffers ${fmt(m.before.arrayBuffersMb, 1)} → ${fmt(m.after.arrayBuffersMb, 1)} MB`,
  );
  log(
    `  after the first ${fmt(m.tenth.views)} views: RSS growth ${fmt(m.tenth.rssMb - m.before.rssMb, 1)} MB, heap used ${fmt(m.tenth.heapUsedMb - m.before.heapUsedMb, 1)} MB, ` +
      `array buffers ${fmt(m.tenth.arrayBuffersMb - m.before.arrayBuffersMb, 1)} MB (what does not grow with views is gained early)`,
  );
};

const main = async (): Promise<void> => {
  log(
    `Dateline view-counting benchmark — node ${process.version}; one server process (DATELINE_WORKERS=1), default configuration, ${describeServiceLaunch()}; load from ${loadGenerator === 'wrk' ? 'wrk -t1 (bench/wrk-paths.lua)' : 'autocannon in this process'}`,
  );
  const warning = generatorWarning();
  if (warning) log(warning);
  const [load1] = loadavg();
  if (load1 !== undefined && load1 > 0.5) {
    log(
      `Note: load average is ${fmt(load1, 2)} before starting on ${availableParallelism()} CPUs; other work on this machine makes the figures noisy.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'dateline-views-bench-'));
  trackFolder(dir);
  let redis: Redis | null = null;
  try {
    const dataDir = join(dir, 'data');
    const site = await generateArticles({
      dataDir,
      count: ARTICLES,
      now: new Date(),
      hotSetSize: ARTICLES,
      archiveSampleSize: 0,
    });
    log(`generated ${fmt(site.count)} articles in ${fmt(site.ms / 1000, 1)} s`);
    const articleIds = site.newest.map((a) => a.id);

    // The memory run first, on an idle machine and before the servers add views to the content folder's views.db.
    let memory: MemoryReport | null = null;
    if (MEMORY_VIEWS > 0) {
      log(`memory and in-process ranking: ${fmt(MEMORY_VIEWS)} views in a child process …`);
      const report = await runScript<MemoryReport>(
        'bench/views-memory.ts',
        {
          VIEWS_CONTENT_DIR: dataDir,
          VIEWS_DIR: join(dir, 'memory-views'),
          VIEWS_TOTAL: String(MEMORY_VIEWS),
          VIEWS_VISITORS: String(MEMORY_VISITORS),
        },
        ['--expose-gc'],
      );
      if (!report.ok) throw new Error(`the memory run failed: ${report.error}`);
      memory = report;
    } else log('memory and in-process ranking: left out (BENCH_MEMORY_VIEWS=0)');

    const backends: Backend[] = WITH_SQLITE ? ['sqlite'] : [];
    if (WITH_REDIS) {
      try {
        redis = await connectRedis();
        backends.push('redis');
      } catch (error) {
        log(
          `Redis at ${REDIS_URL} is not reachable (${error instanceof Error ? error.message : String(error)}); its run is skipped (BENCH_REDIS=0 to skip on purpose).`,
        );
        redis = null;
      }
    }
    const runs: BackendRun[] = [];
    for (const backend of backends) {
      if (backend === 'redis') {
        const deleted = await deleteDatelineKeys(redis!);
        if (deleted > 0) log(`  deleted ${fmt(deleted)} leftover ${REDIS_PREFIX}* keys`);
      }
      try {
        runs.push(await runBackend(backend, dataDir, articleIds, backend === 'redis' ? redis : null));
      } finally {
        if (backend === 'redis') await deleteDatelineKeys(redis!);
      }
    }

    const valid = printBackends(runs);
    if (memory) printMemory(memory);
    if (!valid) {
      log('\nSome requests failed, got an answer of 400 or more, or none within the 10 s timeout (see "failed").');
      process.exitCode = 1;
    }
  } finally {
    if (redis) await redis.quit().catch(() => {});
    removeFolder(dir);
  }
};

process.on('exit', cleanUpEverything);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUpEverything();
    process.exit(130);
  });
}

try {
  await main();
} catch (error) {
  process.stderr.write(
    `bench:views failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  cleanUpEverything();
}
