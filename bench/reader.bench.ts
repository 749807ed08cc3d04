import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { measureContentApi, printContentApi, type ContentApiRun } from './content-api.js';
import { snapshotArchive } from './archive-move.js';
import { generateArticles, splitArchiveSample, type GeneratedSite } from './generate-articles.js';
import { readThroughFolder } from './file-cache.js';
import { generatorWarning, loadGenerator, measure, type LoadResult, type LoadSettings } from './load.js';
import {
  dropReaderSchemas,
  measurePostgresWalk,
  printArchiveSideBySide,
  POSTGRES_URL,
  type PostgresWalk,
} from './reader-postgres.js';
import { busyShare, envNumber, fmt, log, pad, passFail, percent, us } from './report.js';
import {
  runBench,
  httpGet,
  removeFolder,
  replayableHeaders,
  residentMemory,
  startRawServer,
  keepArticlePages,
  startServer,
  trackFolder,
  writeRawPages,
  type RawPage,
} from './processes.js';
import { describeServiceLaunch } from './service-launch.js';

/**
 * `npm run bench`: the reader site on SQLite under wrk, beside a raw node:http server replaying the same
 * answers (bodies and headers, identity and gzip), measured in alternating rounds and printed as median
 * ratios against the targets of issue 10. See bench/README.md.
 */

/** Targets for pages served from the page cache, and for the archive walk (mostly uncached renders). */
const CACHED = { ratio: 0.7, p99Ms: 10 };
const ARCHIVE = { ratio: 0.1, p99Ms: 50 };
/** The open-web issue's targets: the site feed and the news sitemap from cache, and built from scratch. */
const OPEN_WEB = { ratio: 0.8, p99Ms: 10 };
const FROM_SCRATCH_TARGET_MS = 50;
const FROM_SCRATCH_PATHS = ['/feed/', '/sitemaps/news.xml'] as const;
const FROM_SCRATCH_TRIES = 7;
/** The server polls the content version every 500 ms by default (DATELINE_CONTENT_POLL_MS). */
const CONTENT_POLL_WAIT_MS = 800;
const COLD_START_TARGET_MS = 500;
const COLD_START_SAMPLES = 3;
const RSS_TARGET_MB = 100;
/** The archive size the memory target is set for. */
const RSS_TARGET_ARTICLES = 10_000;
const GZIP = { 'Accept-Encoding': 'gzip' } as const;
const SCALE_TOLERANCE = 0.2;
const HOT_SET = 200;
const URL_CHECK_TIMEOUT_MS = 180_000;

const settings: LoadSettings = {
  connections: envNumber('BENCH_CONNECTIONS', 50),
  durationS: envNumber('BENCH_DURATION', 5),
  warmupS: envNumber('BENCH_WARMUP', 1),
};
/**
 * Raw, then server, this many times per target. On a shared 2-core machine one round's ratio can be off by a
 * third either way; the median of several, each pair measured back to back, much less so.
 */
const rounds = Math.max(1, Math.round(envNumber('BENCH_ROUNDS', 5)));
/**
 * The walk lasts 2 s where its sample holds this many pages, else 1 s: on an idle host the walk answered up to 6,300
 * pages a second, and the 8,250 pages a 10,000-article archive leaves to walk ran out within a 2 s run.
 */
const ARCHIVE_PAGES_FOR_TWO_SECONDS = 16_000;
/**
 * The archive walk warms up for a second on other uncached pages than those it measures (a warm-up over its own
 * would cache them): without it, the walk's first answers ran code not yet compiled for them, and its p99 measured
 * that (72 ms against 37 warm, in one run). Its run is short, so its requests stay within the sample of distinct
 * uncached articles; the report says when they did not.
 */
const archiveSettingsFor = (walkPages: number): LoadSettings => ({
  ...settings,
  warmupS: 1,
  durationS: envNumber('BENCH_ARCHIVE_DURATION', walkPages >= ARCHIVE_PAGES_FOR_TWO_SECONDS ? 2 : 1),
});
const sizes = [
  envNumber('BENCH_ARTICLES', 10_000),
  ...(process.env.BENCH_LARGE === '0' ? [] : [envNumber('BENCH_LARGE_ARTICLES', 100_000)]),
];
/** BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server child there (open it in Chrome DevTools). */
const cpuProfDir = process.env.BENCH_CPU_PROF;
/** BENCH_ARCHIVE_ONLY=1: only the archive walk (no cached pages, open-web documents or Content API), for a quick look. */
const archiveOnly = process.env.BENCH_ARCHIVE_ONLY === '1';
/** BENCH_POSTGRES=0: no archive walk on PostgreSQL. */
const withPostgres = process.env.BENCH_POSTGRES !== '0';

type TargetName =
  `${'article page' | 'section front' | 'home page' | 'archive article' | 'site feed' | 'news sitemap'}${'' | ', gzip'}`;
const isArchive = (t: TargetName) => t.startsWith('archive');
const isOpenWeb = (t: TargetName) => t.startsWith('site feed') || t.startsWith('news sitemap');
const targetOf = (t: TargetName) => (isArchive(t) ? ARCHIVE : isOpenWeb(t) ? OPEN_WEB : CACHED);
interface Round {
  /** The raw server, measured just before the server: machine noise hits both sides of the ratio alike. */
  raw: LoadResult;
  result: LoadResult;
}
interface Row {
  target: TargetName;
  detail: string;
  rounds: Round[];
}
/** A row's figures, each the median over its rounds; ratios are taken within each round, then their median. */
interface Summary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  rawRequestsPerSecond: number;
  rawP99Ms: number;
  ratio: number;
  cpuUs: number | null;
  rawCpuUs: number | null;
  busy: number | null;
  rawBusy: number | null;
  cpuRatio: number | null;
  /** Summed over all rounds, raw and server. */
  failures: number;
}
interface SizeRun {
  articles: number;
  generationMs: number;
  databaseMb: number;
  coldStartMs: number;
  /** The server's resident set after the run, and its split into mapped files' pages and the process's own memory. */
  rss: ReturnType<typeof residentMemory>;
  /** What the server wrote to stdout and stderr over the whole run (at the default log level). */
  logMb: number;
  pageBytes: number;
  rows: Row[];
  /** Median ms to build each open-web document with nothing cached, measured over HTTP (server + one round trip). */
  fromScratch: { path: string; ms: number; all: number[] }[];
  /** The Content API's posts browse (bench/content-api.ts); null with BENCH_CONTENT_API=0. */
  contentApi: ContentApiRun | null;
  /** The archive walk on PostgreSQL (bench/reader-postgres.ts); null with BENCH_POSTGRES=0. */
  postgres: PostgresWalk | null;
}

const folderMb = (dir: string): number =>
  readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0) / (1024 * 1024);

/** Every URL must answer 200 itself: a 301 would measure the redirect, not the page. */
const checkAll200 = async (port: number, paths: readonly string[]): Promise<void> => {
  const deadline = performance.now() + URL_CHECK_TIMEOUT_MS;
  for (const path of paths) {
    if (performance.now() > deadline)
      throw new Error(`checking the benchmark URLs took longer than ${URL_CHECK_TIMEOUT_MS / 1000} s`);
    const res = await httpGet(port, path);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}, expected 200`);
  }
};

/**
 * What the server sends for each path, without and with Accept-Encoding: gzip, for the raw server to replay:
 * the same body and the same headers (security headers, cache validators, content-encoding, vary), so the
 * ratio measures only the server's own work.
 */
const replayablePages = async (port: number, paths: readonly string[]): Promise<RawPage[]> => {
  const pages: RawPage[] = [];
  for (const gzip of [false, true]) {
    for (const path of paths) {
      const res = await httpGet(port, path, 5000, gzip ? GZIP : {});
      pages.push({ path, gzip, headers: replayableHeaders(res.headers), body: res.body });
    }
  }
  return pages;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
/** The median of the known values; null when a round has none (no /proc). */
const medianOrNull = (values: (number | null)[]): number | null =>
  values.some((v) => v === null) ? null : median(values as number[]);

const ratioOf = (round: Round) => round.result.requestsPerSecond / round.raw.requestsPerSecond;
/** raw CPU per request ÷ server CPU per request: the same ratio, independent of which side ran out of CPU. */
const cpuRatioOf = (round: Round): number | null =>
  round.result.cpuUsPerRequest && round.raw.cpuUsPerRequest
    ? round.raw.cpuUsPerRequest / round.result.cpuUsPerRequest
    : null;
/** Share of one core the serving process used during a run, in percent. */

const summarize = (row: Row): Summary => {
  const of = <T>(f: (round: Round) => T) => row.rounds.map(f);
  return {
    requestsPerSecond: median(of((r) => r.result.requestsPerSecond)),
    p50Ms: median(of((r) => r.result.p50Ms)),
    p99Ms: median(of((r) => r.result.p99Ms)),
    rawRequestsPerSecond: median(of((r) => r.raw.requestsPerSecond)),
    rawP99Ms: median(of((r) => r.raw.p99Ms)),
    ratio: median(of(ratioOf)),
    cpuUs: medianOrNull(of((r) => r.result.cpuUsPerRequest)),
    rawCpuUs: medianOrNull(of((r) => r.raw.cpuUsPerRequest)),
    busy: medianOrNull(of((r) => busyShare(r.result))),
    rawBusy: medianOrNull(of((r) => busyShare(r.raw))),
    cpuRatio: medianOrNull(of(cpuRatioOf)),
    failures: of((r) => r.result.failures + r.raw.failures).reduce((a, b) => a + b, 0),
  };
};

const runSize = async (articles: number): Promise<SizeRun> => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-'));
  trackFolder(dir);
  try {
    const dataDir = join(dir, 'data');
    log(`\n== ${fmt(articles)} articles ==`);
    const quarter = Math.max(1000, Math.ceil(articles / 4 / 1000) * 1000);
    const now = new Date();
    const site: GeneratedSite = await generateArticles({
      dataDir,
      count: articles,
      now,
      hotSetSize: HOT_SET,
      archiveSampleSize: articles,
      onProgress: (done) => {
        if (done % quarter === 0 && done < articles) log(`  generating… ${fmt(done)}`);
      },
    });
    const databaseMb = folderMb(dataDir);
    log(
      `  generated ${fmt(site.count)} articles in ${fmt(site.ms / 1000, 1)} s (${fmt(site.count / (site.ms / 1000))}/s), database ${fmt(databaseMb)} MB`,
    );
    // The PostgreSQL walk's archive is this one as generated, moved over after the SQLite server has stopped.
    const generatedDir = join(dir, 'generated');
    if (withPostgres) await snapshotArchive(dataDir, generatedDir);

    // Cold start counts a start with an existing database after a clean stop: the first start migrates and
    // prepares what a freshly generated folder lacks, which a restart in production never does again.
    await (await startServer({ dataDir })).stop();
    // BENCH_KEEP_PAGES=0 leaves the archive unkept: the walk then measures renders from the database.
    if (process.env.BENCH_KEEP_PAGES !== '0') {
      const kept = keepArticlePages(dataDir);
      log(
        `  dateline pages render: ${kept.line} (${fmt(kept.ms / 1000, 1)} s with start-up, ${fmt(folderMb(dataDir))} MB now)`,
      );
    }
    const archivePaths = site.archiveSample.map((a) => a.path);
    const archiveWalk = splitArchiveSample(archivePaths);
    // The same walk's length on both backends, so the PostgreSQL walk runs as long as the SQLite one.
    const archiveSettings = archiveSettingsFor(archiveWalk.walk.length);
    // Cold start is the median of three starts of the folder (each after a clean stop): on two cores a single
    // start moves by a third with whatever else the machine does for that half second.
    const coldStarts: number[] = [];
    for (let i = 0; i < COLD_START_SAMPLES - 1; i++) {
      const probe = await startServer({ dataDir });
      coldStarts.push(probe.coldStartMs);
      await probe.stop();
    }
    let run: SizeRun;
    const server = await startServer({
      dataDir,
      ...(cpuProfDir
        ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=server-${articles}.cpuprofile`] }
        : {}),
    });
    try {
      coldStarts.push(server.coldStartMs);
      log(
        `  cold start (spawn → first 200 on /, a start after a clean stop): median ${fmt(median(coldStarts))} ms of ${coldStarts.map((ms) => fmt(ms)).join(', ')}`,
      );
      const hotPaths = site.newest.map((a) => a.path);
      // A top-level section with a subsection, so its front gathers a section family as most fronts do.
      const sectionPath = '/national/';
      // The last archive paths, which the walk should not reach: checking caches them.
      await checkAll200(server.port, [
        ...hotPaths,
        ...archivePaths.slice(-50),
        sectionPath,
        '/',
        ...FROM_SCRATCH_PATHS,
      ]);

      const fromScratch = archiveOnly ? [] : await measureFromScratch(server.port, dataDir);
      for (const f of fromScratch) log(`  ${f.path} from scratch: median ${fmt(f.ms, 1)} ms`);
      const pages = await replayablePages(server.port, [...hotPaths, sectionPath, '/', ...FROM_SCRATCH_PATHS]);
      const page = pages[0]!;
      const gzipPage = pages.find((p) => p.gzip && p.path === page.path)!;
      log(
        `  article page: ${fmt(page.body.byteLength)} bytes (gzip ${fmt(gzipPage.body.byteLength)} bytes, ` +
          `content-encoding ${String(gzipPage.headers['content-encoding'] ?? 'none')}), ${Object.keys(page.headers).length} headers replayed`,
      );
      const pagesFile = join(dir, 'raw-pages.json');
      writeRawPages(pagesFile, pages);

      const rows: Row[] = [];
      const raw = await startRawServer(pagesFile);
      try {
        for (const p of [page, gzipPage, ...pages.slice(-2)]) {
          const check = await httpGet(raw.port, p.path, 5000, p.gzip ? GZIP : {});
          if (!check.body.equals(p.body)) throw new Error(`the raw server does not send the bytes of ${p.path}`);
        }
        type Target = {
          target: TargetName;
          detail: string;
          paths: readonly string[];
          headers: Record<string, string>;
          rounds: number;
          settings?: LoadSettings;
          /** Run before each of the server's rounds, after the raw server's. */
          beforeServer?: () => void;
        };
        const targets: Target[] = [];
        for (const headers of [{}, GZIP]) {
          const suffix = headers === GZIP ? ', gzip' : '';
          targets.push(
            {
              target: `article page${suffix}`,
              detail: `${hotPaths.length} newest, cycled`,
              paths: hotPaths,
              headers,
              rounds,
            },
            { target: `section front${suffix}`, detail: sectionPath, paths: [sectionPath], headers, rounds },
            { target: `home page${suffix}`, detail: '/', paths: ['/'], headers, rounds },
          );
        }
        // Feed readers and crawlers ask with gzip; identity adds nothing the pages above do not already show.
        targets.push(
          { target: 'site feed, gzip', detail: '/feed/', paths: ['/feed/'], headers: GZIP, rounds },
          {
            target: 'news sitemap, gzip',
            detail: '/sitemaps/news.xml',
            paths: ['/sitemaps/news.xml'],
            headers: GZIP,
            rounds,
          },
        );
        if (archiveOnly) targets.length = 0;
        // One round, with gzip as browsers ask: a second round would find the pages the first one cached.
        targets.push({
          target: 'archive article, gzip',
          detail: `${fmt(archiveWalk.walk.length)} distinct, not in the hot set, one ${archiveSettings.durationS} s round after ${archiveSettings.warmupS} s on ${fmt(archiveWalk.warmup.length)} others`,
          paths: archiveWalk.walk,
          headers: GZIP,
          rounds: 1,
          settings: { ...archiveSettings, warmupPaths: archiveWalk.warmup },
          beforeServer: () => {
            const read = readThroughFolder(dataDir);
            log(
              `  file cache: read ${fmt(read.mb)} MB of the data folder first (${fmt(read.ms / 1000, 1)} s; bench/file-cache.ts)`,
            );
          },
        });
        for (const t of targets) {
          log(`  ${t.target}: ${t.rounds} ${t.rounds === 1 ? 'round' : 'rounds'} of raw node:http, then the server …`);
          const measured: Round[] = [];
          const plan = { kind: 'paths', paths: t.paths, headers: t.headers } as const;
          for (let i = 0; i < t.rounds; i++) {
            // The same requests for the raw server: the load generator does the same work per request.
            const rawResult = await measure(raw.port, raw.pid, plan, t.settings ?? settings);
            t.beforeServer?.();
            measured.push({
              raw: rawResult,
              result: await measure(server.port, server.pid, plan, t.settings ?? settings),
            });
          }
          const served = measured[0]!.result.requests;
          const uncached =
            isArchive(t.target) && served > t.paths.length - 50
              ? `; ${fmt(served)} requests for ${fmt(t.paths.length)} pages: ${fmt(served - t.paths.length)} ran past the sample, and the figure includes those cached answers`
              : '';
          rows.push({ target: t.target, detail: `${t.detail}${uncached}`, rounds: measured });
        }
      } finally {
        await raw.stop();
      }
      // Before the Content API's run, whose many distinct answers fill the cache the reader pages' target is set for.
      const rss = residentMemory(server.pid);
      const contentApi =
        process.env.BENCH_CONTENT_API === '0' || archiveOnly
          ? null
          : await measureContentApi({ server, dataDir, scratchDir: dir, rounds, settings });
      run = {
        logMb: statSync(server.logFile).size / (1024 * 1024),
        articles,
        generationMs: site.ms,
        databaseMb,
        coldStartMs: median(coldStarts),
        rss,
        pageBytes: page.body.byteLength,
        rows,
        fromScratch,
        contentApi,
        postgres: null,
      };
    } finally {
      await server.stop();
    }
    // After the SQLite server has stopped: the two never share the machine's cores.
    if (withPostgres)
      run.postgres = await measurePostgresWalk({
        articles,
        scratchDir: dir,
        settings: archiveSettings,
        sqlite: { site, dataDir, generatedDir, keepPages: process.env.BENCH_KEEP_PAGES !== '0' },
      });
    return run;
  } finally {
    removeFolder(dir);
  }
};

/**
 * Builds each open-web document with nothing kept: the content version is moved in the database (as any edit
 * does), the server notices at its next poll and drops its copies, and the next GET renders. The figure includes
 * one local round trip, so it slightly overstates the build.
 */
const measureFromScratch = async (
  port: number,
  dataDir: string,
): Promise<{ path: string; ms: number; all: number[] }[]> => {
  const db = new SQLite(join(dataDir, 'content.db'));
  try {
    const results = [];
    for (const path of FROM_SCRATCH_PATHS) {
      const all: number[] = [];
      for (let i = 0; i < FROM_SCRATCH_TRIES; i++) {
        db.prepare('UPDATE content_state SET version = version + 1 WHERE id = 1').run();
        await new Promise((r) => setTimeout(r, CONTENT_POLL_WAIT_MS));
        const started = performance.now();
        const res = await httpGet(port, path, 10_000, GZIP);
        const ms = performance.now() - started;
        if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}, expected 200`);
        if (res.headers['x-cache'] !== 'MISS') throw new Error(`GET ${path} after a content change was not rendered`);
        all.push(ms);
      }
      results.push({ path, ms: median(all), all });
    }
    return results;
  } finally {
    db.close();
  }
};

const ratioText = (v: number | null) => (v === null ? 'n/a' : fmt(v, 2));
/** (max − min) ÷ median: how far apart the rounds were. */
const spreadOf = (values: number[]) => (Math.max(...values) - Math.min(...values)) / median(values);

const printRun = (run: SizeRun): boolean => {
  log(
    `\nResults, ${fmt(run.articles)} articles — ${loadGenerator}${loadGenerator === 'wrk' ? ' -t1' : ''}, ${settings.connections} connections, ${settings.durationS} s after ${settings.warmupS} s warm-up, loopback; ` +
      `${rounds} rounds per target, each the raw server then the server`,
  );
  log(
    "every figure is the median over the rounds; ratio = median of the rounds' req/s ÷ req/s of the raw node:http server measured just before (it replays the same bodies and headers);",
  );
  log(
    'cpu µs = CPU time of the serving process per request; busy = share of one core it used (under ~90%: the load generator set the pace);',
  );
  log(
    "cpu ratio = median of the rounds' raw cpu µs ÷ cpu µs, the same comparison when the load generator, not the server, is the bottleneck",
  );
  log(
    `${pad('target', 21)} ${pad('req/s', 7, true)} ${pad('p50 ms', 6, true)} ${pad('p99 ms', 6, true)} ` +
      `${pad('raw req/s', 9, true)} ${pad('raw p99', 7, true)} ${pad('ratio', 5, true)}  ${pad('cpu µs', 9, true)} ${pad('raw µs', 6, true)} ` +
      `${pad('busy', 5, true)} ${pad('raw busy', 8, true)} ${pad('cpu ratio', 9, true)}  ` +
      `${pad('p99 target', 11)} ${pad('ratio target', 12)} ${pad('failed', 6, true)}  what`,
  );
  let valid = true;
  for (const row of run.rows) {
    const m = summarize(row);
    const target = targetOf(row.target);
    if (m.failures > 0) valid = false;
    const p99Check = `${passFail(m.p99Ms < target.p99Ms && m.failures === 0)} <${target.p99Ms}`;
    const ratioCheck = `${passFail(m.ratio >= target.ratio)} ≥${target.ratio}`;
    log(
      `${pad(row.target, 21)} ${pad(fmt(m.requestsPerSecond), 7, true)} ${pad(fmt(m.p50Ms, 1), 6, true)} ${pad(fmt(m.p99Ms, 1), 6, true)} ` +
        `${pad(fmt(m.rawRequestsPerSecond), 9, true)} ${pad(fmt(m.rawP99Ms, 1), 7, true)} ${pad(fmt(m.ratio, 2), 5, true)}  ` +
        `${pad(us(m.cpuUs), 9, true)} ${pad(us(m.rawCpuUs), 6, true)} ` +
        `${pad(percent(m.busy), 5, true)} ${pad(percent(m.rawBusy), 8, true)} ${pad(ratioText(m.cpuRatio), 9, true)}  ` +
        `${pad(p99Check, 11)} ${pad(ratioCheck, 12)} ` +
        `${pad(fmt(m.failures), 6, true)}  ${row.detail}`,
    );
  }
  log(
    `per round, in order (ratio; cpu ratio; server p99 ms; share of a core ${loadGenerator} used against raw/server); ` +
      'spread = (max − min) ÷ median of the ratios:',
  );
  for (const row of run.rows) {
    const ratios = row.rounds.map(ratioOf);
    log(
      `  ${pad(row.target, 21)} ratio ${ratios.map((v) => fmt(v, 2)).join(' ')}; ` +
        `cpu ratio ${row.rounds.map((r) => ratioText(cpuRatioOf(r))).join(' ')}; ` +
        `p99 ${row.rounds.map((r) => fmt(r.result.p99Ms)).join(' ')}; ` +
        `${loadGenerator} busy ${row.rounds.map((r) => `${percent(r.raw.generatorBusy)}/${percent(r.result.generatorBusy)}`).join(' ')}` +
        `${ratios.length > 1 ? `; spread ${fmt(spreadOf(ratios) * 100)}%` : ''}`,
    );
  }
  if (run.contentApi) valid = printContentApi(run.contentApi) && valid;
  const walkRow = run.rows.find((r) => isArchive(r.target));
  const walk = walkRow?.rounds[0] ? { ...walkRow.rounds[0], detail: walkRow.detail } : null;
  printArchiveSideBySide(run.articles, walk, run.postgres);
  if (run.postgres && run.postgres.skipped === null) {
    const { raw, result } = run.postgres.round;
    if (raw.failures + result.failures > 0) valid = false;
  }
  const rssCheck =
    run.rss === null ? 'n/a' : run.articles === RSS_TARGET_ARTICLES ? passFail(run.rss.mb < RSS_TARGET_MB) : '(info)';
  log(
    `cold start ${fmt(run.coldStartMs)} ms (${passFail(run.coldStartMs < COLD_START_TARGET_MS)} <${COLD_START_TARGET_MS} ms, median of ${COLD_START_SAMPLES} starts of the same folder); ` +
      `server RSS after the run ${run.rss === null ? 'n/a' : `${fmt(run.rss.mb)} MB`} (${rssCheck} <${RSS_TARGET_MB} MB at ${fmt(RSS_TARGET_ARTICLES)} articles)` +
      (run.rss?.parts
        ? `: ${fmt(run.rss.parts.fileMb)} MB of mapped files' pages (node's binary with ICU's data, shared libraries), ${fmt(run.rss.parts.anonMb)} MB the process's own`
        : ''),
  );
  for (const f of run.fromScratch) {
    log(
      `${f.path} built from scratch: median ${fmt(f.ms, 1)} ms over ${f.all.length} content changes ` +
        `(${passFail(f.ms < FROM_SCRATCH_TARGET_MS)} <${FROM_SCRATCH_TARGET_MS} ms; each ${f.all.map((v) => fmt(v, 1)).join(' ')})`,
    );
  }
  log(
    `server output over the run ${fmt(run.logMb, 1)} MB; generation ${fmt(run.generationMs / 1000, 1)} s; database ${fmt(run.databaseMb)} MB; article page ${fmt(run.pageBytes)} bytes`,
  );
  return valid;
};

const printScaling = (small: SizeRun, large: SizeRun): void => {
  const summaries = (run: SizeRun) => new Map(run.rows.map((r) => [r.target, summarize(r)]));
  const a = summaries(small);
  const b = summaries(large);
  const change = (x: number | null, y: number | null) =>
    x === null || y === null ? 'n/a' : `${y / x - 1 >= 0 ? '+' : ''}${fmt((y / x - 1) * 100, 1)}%`;
  log(
    `\nScaling: median ratio to raw at ${fmt(small.articles)} vs ${fmt(large.articles)} articles (target: within ${SCALE_TOLERANCE * 100}%); ` +
      'the per-round spreads above show how much of a change is noise',
  );
  log(
    `${pad('target', 21)} ${pad(fmt(small.articles), 8, true)} ${pad(fmt(large.articles), 8, true)} ${pad('change', 8, true)}  ${pad('within', 6)}  ` +
      `${pad('cpu ratio', 9, true)} ${pad('', 9, true)} ${pad('change', 8, true)}`,
  );
  for (const [target, x] of a) {
    const y = b.get(target);
    if (y === undefined) continue;
    const ratioChange = y.ratio / x.ratio - 1;
    const note = isArchive(target) ? '(info)' : passFail(Math.abs(ratioChange) <= SCALE_TOLERANCE);
    log(
      `${pad(target, 21)} ${pad(fmt(x.ratio, 2), 8, true)} ${pad(fmt(y.ratio, 2), 8, true)} ${pad(change(x.ratio, y.ratio), 8, true)}  ${pad(note, 6)}  ` +
        `${pad(ratioText(x.cpuRatio), 9, true)} ${pad(ratioText(y.cpuRatio), 9, true)} ${pad(change(x.cpuRatio, y.cpuRatio), 8, true)}`,
    );
  }
};

const main = async (): Promise<void> => {
  log(
    `Dateline reader benchmark — node ${process.version}; SQLite (the archive walk also on PostgreSQL, ${withPostgres ? POSTGRES_URL : 'skipped: BENCH_POSTGRES=0'}); one server process (DATELINE_WORKERS=1), default configuration, ${describeServiceLaunch()}; load from ${loadGenerator === 'wrk' ? 'wrk -t1 (bench/wrk-paths.lua)' : 'autocannon in this process'}`,
  );
  const warning = generatorWarning();
  if (warning) log(warning);
  const [load1] = loadavg();
  if (load1 !== undefined && load1 > 0.5) {
    log(
      `Note: load average is ${fmt(load1, 2)} before starting on ${availableParallelism()} CPUs; other work on this machine makes the figures noisy.`,
    );
  } else log(`load average ${fmt(load1 ?? 0, 2)} before starting on ${availableParallelism()} CPUs`);
  log(
    `The article page cycles the ${HOT_SET} newest articles: a newsroom's traffic concentrates on recent stories. ` +
      '"archive article" spreads requests over the whole archive (mostly page-cache misses, rendered on demand).',
  );
  const runsPerSize = 6 * rounds + 1;
  log(
    `${rounds} rounds per target (one for the archive): about ${fmt((sizes.length * runsPerSize * 2 * (settings.warmupS + settings.durationS)) / 60, 1)} ` +
      'minutes of measuring, plus generation.',
  );
  // Each size's table is printed when its run ends: a later size that fails (a 100,000-article archive takes most
  // of an hour) does not take the figures of the earlier one with it.
  const runs: SizeRun[] = [];
  let valid = true;
  for (const n of sizes) {
    const run = await runSize(n);
    runs.push(run);
    valid = printRun(run) && valid;
  }
  if (runs.length === 2) printScaling(runs[0]!, runs[1]!);
  if (!valid) {
    log(
      '\nSome requests of a measured target failed, got an answer of 400 or more, or none within the 10 s timeout (see "failed").',
    );
    process.exitCode = 1;
  }
};

await runBench('bench', main, dropReaderSchemas);
