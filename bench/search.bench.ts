import { availableParallelism, loadavg } from 'node:os';
import { searchIndexOf } from '../src/storage/search/search-indexing.js';
import { generatorWarning, loadGenerator, type LoadSettings } from './load.js';
import { cleanUpEverything } from './processes.js';
import { envNumber, fmt, log, pad, passFail, us } from './report.js';
import { createCorpus, type Corpus } from './search-corpus.js';
import {
  SEARCH_CACHE_DIR,
  buildIndex,
  cacheFolderOf,
  dropLeftoverSchemas,
  openPostgresArchive,
  openSqliteArchive,
  postgresUnreachable,
  type BenchDatabase,
} from './search-database.js';
import { measureSearchPage, type PageRound, type SearchPageRun } from './search-page.js';
import { LIKE_KINDS, QUERY_KINDS, buildQueryMix, type QueryKind } from './search-queries.js';
import { percentile, runIndexQueries, runLikeScans, type Timed } from './search-timing.js';

/**
 * `npm run bench:search` (issue 15): full-text search over generated English and Japanese archives of 10,000
 * and 100,000 articles (1,000,000 when asked), on SQLite and PostgreSQL: index build time and size, the reader's
 * query mix timed per kind against the targets, a LIKE scan over the same data for the ratio, and the search page
 * from the page cache beside a raw node:http server. See bench/README.md.
 */

/** Issue 15: p95 of the whole query mix on SQLite, by archive size. */
const SQLITE_P95_TARGET_MS: ReadonlyMap<number, number> = new Map([
  [100_000, 20],
  [1_000_000, 50],
]);
const PAGE_RATIO_TARGET = 0.8;
const LIKE_KINDS_SET = new Set<QueryKind>(LIKE_KINDS);
const BACKENDS = ['sqlite', 'postgres'] as const;
type Backend = (typeof BACKENDS)[number];

const sizes = (process.env.BENCH_SEARCH_SIZES || '10000,100000').split(',').map((s) => {
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n < 100) throw new Error(`BENCH_SEARCH_SIZES: ${s} is not a size of at least 100`);
  return n;
});
const backends = (process.env.BENCH_SEARCH_BACKENDS || BACKENDS.join(',')).split(',').map((s) => {
  const b = BACKENDS.find((name) => name === s.trim());
  if (!b) throw new Error(`BENCH_SEARCH_BACKENDS: ${s} is neither sqlite nor postgres`);
  return b;
});
const perKind = Math.max(1, Math.round(envNumber('BENCH_SEARCH_QUERIES', 200)));
const seed = Math.round(envNumber('BENCH_SEARCH_SEED', 1));
/** Untimed queries first (another draw of the same mix), as a running site has served some before. */
const WARMUP_QUERIES = 100;
const likeBudgetMs = envNumber('BENCH_SEARCH_LIKE_BUDGET_S', 20) * 1000;
const LIKE_MINIMUM = 10;
const pageSettings: LoadSettings = {
  connections: envNumber('BENCH_CONNECTIONS', 50),
  durationS: envNumber('BENCH_DURATION', 5),
  warmupS: envNumber('BENCH_WARMUP', 1),
};
const pageRounds = Math.max(1, Math.round(envNumber('BENCH_ROUNDS', 3)));
const PAGE_ARCHIVE = 10_000;
const pagePath = `/search?q=${encodeURIComponent(process.env.BENCH_SEARCH_PAGE_QUERY || 'council')}`;

interface Run {
  articles: number;
  backend: Backend;
  origin: string;
  generationMs: number | null;
  buildMs: number;
  indexBytes: number;
  databaseBytes: number;
  timed: Timed[];
  like: Timed[];
}

const mb = (bytes: number) => `${fmt(bytes / (1024 * 1024))} MB`;
const ms = (v: number) => (Number.isNaN(v) ? 'n/a' : fmt(v, v < 10 ? 2 : 1));

const runOne = async (corpus: Corpus, articles: number, backend: Backend): Promise<Run> => {
  log(`\n== ${fmt(articles)} articles, ${backend} ==`);
  const bench: BenchDatabase =
    backend === 'sqlite'
      ? await openSqliteArchive(corpus, articles, seed, log)
      : await openPostgresArchive(corpus, articles, seed, log);
  try {
    if (bench.generationMs !== null)
      log(`  generated ${fmt(articles)} articles in ${fmt(bench.generationMs / 1000, 1)} s; ${bench.origin}`);
    // BENCH_SEARCH_REBUILD=0 keeps a cached SQLite archive's index (a code change in the queries only): a million
    // articles take ten minutes to index.
    let buildMs = Number.NaN;
    if (process.env.BENCH_SEARCH_REBUILD === '0' && backend === 'sqlite' && bench.generationMs === null) {
      log('  index kept from the cached archive (BENCH_SEARCH_REBUILD=0): no build time this run');
    } else {
      const tenth = Math.max(500, Math.ceil(articles / 10 / 500) * 500);
      const build = await buildIndex(bench, (done, total) => {
        if (done % tenth === 0 && done < total) log(`  indexing… ${fmt(done)} of ${fmt(total)}`);
      });
      log(
        `  index built in ${fmt(build.ms / 1000, 1)} s (${fmt(articles / (build.ms / 1000))} articles/s; ` +
          `emptying the previous one first took ${fmt(build.clearMs / 1000, 1)} s, untimed)`,
      );
      buildMs = build.ms;
    }
    const indexBytes = await searchIndexOf(bench.db).sizeBytes(bench.db);
    const databaseBytes = await bench.databaseBytes();
    log(`  index ${mb(indexBytes)}, database ${mb(databaseBytes)} (index included)`);

    await runIndexQueries(
      bench,
      buildQueryMix(corpus, bench.plan, Math.ceil(WARMUP_QUERIES / QUERY_KINDS.length), seed + 1),
    );
    const queries = buildQueryMix(corpus, bench.plan, perKind, seed);
    log(`  ${fmt(queries.length)} queries (${perKind} of each of ${QUERY_KINDS.length} kinds), shuffled …`);
    const timed = await runIndexQueries(bench, queries);
    log(`  LIKE scans for ${LIKE_KINDS.join(', ')} (up to ${fmt(likeBudgetMs / 1000)} s a kind) …`);
    const like = await runLikeScans(
      bench,
      queries.filter((q) => LIKE_KINDS_SET.has(q.kind)),
      likeBudgetMs,
      LIKE_MINIMUM,
    );
    return {
      articles,
      backend,
      origin: bench.origin,
      generationMs: bench.generationMs,
      buildMs,
      indexBytes,
      databaseBytes,
      timed,
      like,
    };
  } finally {
    await bench.close();
  }
};

const ofKind = (timed: readonly Timed[], kind: QueryKind) => timed.filter((t) => t.kind === kind);

const printRun = (run: Run): void => {
  log(
    `\nResults, ${fmt(run.articles)} articles, ${run.backend} — the reader's request (live now, one edition, 20 a page), ` +
      'in this process, one query at a time; matches = median total (counted up to 1,000)',
  );
  log(
    `${pad('kind', 15)} ${pad('queries', 7, true)} ${pad('p50 ms', 7, true)} ${pad('p95 ms', 7, true)} ${pad('p99 ms', 7, true)} ` +
      `${pad('matches', 7, true)}   ${pad('LIKE n', 6, true)} ${pad('p50 ms', 8, true)} ${pad('p95 ms', 8, true)} ` +
      `${pad('× p50', 7, true)} ${pad('× p95', 7, true)}`,
  );
  for (const kind of QUERY_KINDS) {
    const rows = ofKind(run.timed, kind);
    const times = rows.map((t) => t.ms);
    const [p50, p95] = [percentile(times, 0.5), percentile(times, 0.95)];
    const like = ofKind(run.like, kind).map((t) => t.ms);
    const [l50, l95] = [percentile(like, 0.5), percentile(like, 0.95)];
    const likeCells =
      like.length === 0
        ? ''
        : `   ${pad(fmt(like.length), 6, true)} ${pad(ms(l50), 8, true)} ${pad(ms(l95), 8, true)} ` +
          `${pad(fmt(l50 / p50, 1), 7, true)} ${pad(fmt(l95 / p95, 1), 7, true)}`;
    log(
      `${pad(kind, 15)} ${pad(fmt(rows.length), 7, true)} ${pad(ms(p50), 7, true)} ${pad(ms(p95), 7, true)} ` +
        `${pad(ms(percentile(times, 0.99)), 7, true)} ${pad(
          fmt(
            percentile(
              rows.map((t) => t.found),
              0.5,
            ),
          ),
          7,
          true,
        )}${likeCells}`,
    );
  }
  const all = run.timed.map((t) => t.ms);
  const p95 = percentile(all, 0.95);
  const target = run.backend === 'sqlite' ? SQLITE_P95_TARGET_MS.get(run.articles) : undefined;
  const slowest = [...QUERY_KINDS].sort(
    (a, b) =>
      percentile(
        ofKind(run.timed, b).map((t) => t.ms),
        0.95,
      ) -
      percentile(
        ofKind(run.timed, a).map((t) => t.ms),
        0.95,
      ),
  );
  log(
    `overall: p50 ${ms(percentile(all, 0.5))} ms, p95 ${ms(p95)} ms, p99 ${ms(percentile(all, 0.99))} ms — ` +
      (target === undefined
        ? `no target for ${run.backend} at ${fmt(run.articles)}`
        : `${passFail(p95 < target)} p95 < ${target} ms`) +
      `; slowest kinds by p95: ${slowest.slice(0, 3).join(', ')}`,
  );
  log(
    '× = LIKE ÷ index at the same percentile (above 1: the index is faster). LIKE stops at 20 rows newest first, ' +
      'so a word on most pages is found in the first few rows; a rare one reads the whole edition.',
  );
};

const medianOf = (values: number[]) => percentile(values, 0.5);

const printPage = (page: SearchPageRun): void => {
  log(
    `\nSearch page from cache, ${fmt(PAGE_ARCHIVE)} articles, SQLite — GET ${page.path} (X-Cache: ${page.xCache}; ` +
      `${fmt(page.identityBytes)} bytes, gzip ${fmt(page.gzipBytes)}); ${loadGenerator}, ${pageSettings.connections} connections, ` +
      `${pageSettings.durationS} s after ${pageSettings.warmupS} s warm-up, ${pageRounds} rounds, each raw then the server; medians`,
  );
  log(
    `${pad('target', 17)} ${pad('req/s', 7, true)} ${pad('p99 ms', 7, true)} ${pad('raw req/s', 9, true)} ${pad('raw p99', 7, true)} ` +
      `${pad('ratio', 5, true)} ${pad('cpu µs', 7, true)} ${pad('raw µs', 6, true)} ${pad('failed', 6, true)}  ratio per round`,
  );
  for (const row of page.rows) {
    const of = (f: (r: PageRound) => number) => medianOf(row.rounds.map(f));
    const ratios = row.rounds.map((r) => r.result.requestsPerSecond / r.raw.requestsPerSecond);
    const ratio = medianOf(ratios);
    const failed = row.rounds.reduce((n, r) => n + r.result.failures + r.raw.failures, 0);
    const cpu = row.rounds.every((r) => r.result.cpuUsPerRequest !== null)
      ? of((r) => r.result.cpuUsPerRequest!)
      : null;
    const rawCpu = row.rounds.every((r) => r.raw.cpuUsPerRequest !== null) ? of((r) => r.raw.cpuUsPerRequest!) : null;
    log(
      `${pad(row.target, 17)} ${pad(fmt(of((r) => r.result.requestsPerSecond)), 7, true)} ${pad(
        fmt(
          of((r) => r.result.p99Ms),
          1,
        ),
        7,
        true,
      )} ` +
        `${pad(fmt(of((r) => r.raw.requestsPerSecond)), 9, true)} ${pad(
          fmt(
            of((r) => r.raw.p99Ms),
            1,
          ),
          7,
          true,
        )} ` +
        `${pad(fmt(ratio, 3), 5, true)} ${pad(us(cpu), 7, true)} ${pad(us(rawCpu), 6, true)} ${pad(fmt(failed), 6, true)}  ` +
        `${ratios.map((v) => fmt(v, 2)).join(' ')}  ${passFail(ratio >= PAGE_RATIO_TARGET && failed === 0)} ≥${PAGE_RATIO_TARGET}`,
    );
  }
};

const printSummary = (runs: readonly Run[]): void => {
  log('\nSummary');
  log(
    `${pad('articles', 10, true)} ${pad('backend', 8)} ${pad('generation', 10, true)} ${pad('index build', 11, true)} ` +
      `${pad('index', 9, true)} ${pad('database', 9, true)} ${pad('p95 ms', 7, true)}  target`,
  );
  for (const run of runs) {
    const p95 = percentile(
      run.timed.map((t) => t.ms),
      0.95,
    );
    const target = run.backend === 'sqlite' ? SQLITE_P95_TARGET_MS.get(run.articles) : undefined;
    log(
      `${pad(fmt(run.articles), 10, true)} ${pad(run.backend, 8)} ` +
        `${pad(run.generationMs === null ? 'cached' : `${fmt(run.generationMs / 1000, 1)} s`, 10, true)} ` +
        `${pad(`${fmt(run.buildMs / 1000, 1)} s`, 11, true)} ${pad(mb(run.indexBytes), 9, true)} ${pad(mb(run.databaseBytes), 9, true)} ` +
        `${pad(ms(p95), 7, true)}  ${target === undefined ? '(none)' : `${passFail(p95 < target)} < ${target} ms`}`,
    );
  }
};

const main = async (): Promise<void> => {
  log(
    `Dateline search benchmark — node ${process.version}; sizes ${sizes.map((n) => fmt(n)).join(', ')}; ` +
      `backends ${backends.join(', ')}; ${perKind} queries of each kind; seed ${seed}; SQLite archives cached in ${SEARCH_CACHE_DIR}`,
  );
  const [load1] = loadavg();
  log(
    `load average ${fmt(load1 ?? 0, 2)} on ${availableParallelism()} CPUs before starting` +
      ((load1 ?? 0) > 0.5 ? ': other work on this machine makes the figures noisy' : ''),
  );
  let postgresSkip: string | null = null;
  if (backends.includes('postgres')) {
    postgresSkip = await postgresUnreachable();
    if (postgresSkip) log(`skipping PostgreSQL: ${postgresSkip}`);
  }
  const corpus = createCorpus();
  const runs: Run[] = [];
  const indexedSqlite = new Set<number>();
  for (const articles of sizes) {
    for (const backend of backends) {
      if (backend === 'postgres' && postgresSkip) continue;
      const run = await runOne(corpus, articles, backend);
      if (backend === 'sqlite') indexedSqlite.add(articles);
      printRun(run);
      runs.push(run);
    }
  }

  if (process.env.BENCH_SEARCH_PAGE !== '0') {
    log(`\n== search page from cache, ${fmt(PAGE_ARCHIVE)} articles, SQLite ==`);
    const warning = generatorWarning();
    if (warning) log(warning);
    if (!indexedSqlite.has(PAGE_ARCHIVE)) {
      const bench = await openSqliteArchive(corpus, PAGE_ARCHIVE, seed, log);
      try {
        await buildIndex(bench, () => {});
      } finally {
        await bench.close();
      }
    }
    printPage(
      await measureSearchPage({
        archiveDir: cacheFolderOf(PAGE_ARCHIVE, seed),
        path: pagePath,
        settings: pageSettings,
        rounds: pageRounds,
        log,
      }),
    );
  }
  printSummary(runs);
  log(
    '\nFigures from a shared or busy machine are rough: compare runs on an idle one. ' +
      `Load average now ${fmt(loadavg()[0] ?? 0, 2)}.`,
  );
};

process.on('exit', cleanUpEverything);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void dropLeftoverSchemas().finally(() => {
      cleanUpEverything();
      process.exit(130);
    });
  });
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await dropLeftoverSchemas();
  cleanUpEverything();
}
