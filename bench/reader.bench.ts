import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateArticles, type GeneratedSite } from './generate-articles.js';
import { measure, type LoadResult, type LoadSettings } from './load.js';
import { busyShare, envNumber, fmt, log, pad, passFail, percent, us } from './report.js';
import {
  cleanUpEverything,
  httpGet,
  removeFolder,
  residentMemoryMb,
  startRawServer,
  startServer,
  trackFolder,
  writeRawPages,
  type RawPage,
} from './processes.js';

/**
 * `npm run bench`: the reader site on SQLite under autocannon, beside a raw node:http server replaying the
 * same pages, measured in alternating rounds and printed as median ratios. See bench/README.md.
 */

const P99_TARGET_MS = 25;
const ARTICLE_RATIO_TARGET = 0.7;
const SCALE_TOLERANCE = 0.2;
const HOT_SET = 200;
const ARCHIVE_SAMPLE = 5000;
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
const sizes = [
  envNumber('BENCH_ARTICLES', 10_000),
  ...(process.env.BENCH_LARGE === '0' ? [] : [envNumber('BENCH_LARGE_ARTICLES', 100_000)]),
];
/** BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server child there (open it in Chrome DevTools). */
const cpuProfDir = process.env.BENCH_CPU_PROF;

type TargetName = 'article page' | 'section front' | 'home page' | 'archive article';
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
  rssMb: number | null;
  pageBytes: number;
  rows: Row[];
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
 * What the server sends for each path, for the raw server to replay. The load generator turns every body
 * into a string, and its cost depends on the bytes: a page with a non-ASCII character early (a subsection's
 * › breadcrumb) takes it 7 µs to decode where an all-ASCII one takes 1 µs. When one article's page stood
 * in for all, which article happened to be the newest moved the ratio by a quarter between archive sizes.
 */
const replayablePages = async (port: number, paths: readonly string[]): Promise<RawPage[]> => {
  const pages: RawPage[] = [];
  for (const path of paths) {
    const res = await httpGet(port, path);
    pages.push({ path, contentType: String(res.headers['content-type']), body: res.body });
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
    const site: GeneratedSite = await generateArticles({
      dataDir,
      count: articles,
      now: new Date(),
      hotSetSize: HOT_SET,
      archiveSampleSize: ARCHIVE_SAMPLE,
      onProgress: (done) => {
        if (done % quarter === 0 && done < articles) log(`  generating… ${fmt(done)}`);
      },
    });
    const databaseMb = folderMb(dataDir);
    log(
      `  generated ${fmt(site.count)} articles in ${fmt(site.ms / 1000, 1)} s (${fmt(site.count / (site.ms / 1000))}/s), database ${fmt(databaseMb)} MB`,
    );

    const server = await startServer({
      dataDir,
      ...(cpuProfDir
        ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=server-${articles}.cpuprofile`] }
        : {}),
    });
    try {
      log(`  cold start (spawn → first 200 on /): ${fmt(server.coldStartMs)} ms`);
      const hotPaths = site.newest.map((a) => a.path);
      const archivePaths = site.archiveSample.map((a) => a.path);
      // A top-level section with a subsection, so its front gathers a section family as most fronts do.
      const sectionPath = '/national/';
      await checkAll200(server.port, [...hotPaths, ...archivePaths.slice(0, 50), sectionPath, '/']);

      const pages = await replayablePages(server.port, [...hotPaths, sectionPath, '/']);
      const page = pages[0]!;
      log(`  article page: ${fmt(page.body.byteLength)} bytes, ${page.contentType}`);
      const pagesFile = join(dir, 'raw-pages.json');
      writeRawPages(pagesFile, pages);

      const rows: Row[] = [];
      const raw = await startRawServer(pagesFile);
      try {
        for (const p of [page, ...pages.slice(-2)]) {
          const check = await httpGet(raw.port, p.path);
          if (!check.body.equals(p.body)) throw new Error(`the raw server does not send the bytes of ${p.path}`);
        }
        const targets: { target: TargetName; detail: string; paths: readonly string[]; rounds: number }[] = [
          { target: 'article page', detail: `${hotPaths.length} newest articles, cycled`, paths: hotPaths, rounds },
          { target: 'section front', detail: sectionPath, paths: [sectionPath], rounds },
          { target: 'home page', detail: '/', paths: ['/'], rounds },
          // One round: a second would find the pages the first one cached.
          {
            target: 'archive article',
            detail: `${fmt(archivePaths.length)} random of all ${fmt(articles)}, one round`,
            paths: archivePaths,
            rounds: 1,
          },
        ];
        for (const t of targets) {
          log(`  ${t.target}: ${t.rounds} ${t.rounds === 1 ? 'round' : 'rounds'} of raw node:http, then the server …`);
          const measured: Round[] = [];
          for (let i = 0; i < t.rounds; i++) {
            // Same paths for the raw server (it ignores them): the load generator does the same work per request.
            const rawResult = await measure(raw.port, raw.pid, t.paths, settings);
            measured.push({ raw: rawResult, result: await measure(server.port, server.pid, t.paths, settings) });
          }
          rows.push({ target: t.target, detail: t.detail, rounds: measured });
        }
      } finally {
        await raw.stop();
      }
      const rssMb = residentMemoryMb(server.pid);
      return {
        articles,
        generationMs: site.ms,
        databaseMb,
        coldStartMs: server.coldStartMs,
        rssMb,
        pageBytes: page.body.byteLength,
        rows,
      };
    } finally {
      await server.stop();
    }
  } finally {
    removeFolder(dir);
  }
};

const ratioText = (v: number | null) => (v === null ? 'n/a' : fmt(v, 2));
/** (max − min) ÷ median: how far apart the rounds were. */
const spreadOf = (values: number[]) => (Math.max(...values) - Math.min(...values)) / median(values);

const printRun = (run: SizeRun): boolean => {
  log(
    `\nResults, ${fmt(run.articles)} articles — ${settings.connections} connections, pipelining 1, ${settings.durationS} s after ${settings.warmupS} s warm-up, loopback; ` +
      `${rounds} rounds per target, each the raw server then the server`,
  );
  log(
    "every figure is the median over the rounds; ratio = median of the rounds' req/s ÷ req/s of the raw node:http server measured just before (it replays the same bodies);",
  );
  log(
    'cpu µs = CPU time of the serving process per request; busy = share of one core it used (under ~90%: the load generator set the pace);',
  );
  log(
    "cpu ratio = median of the rounds' raw cpu µs ÷ cpu µs, the same comparison when the load generator, not the server, is the bottleneck",
  );
  log(
    `${pad('target', 16)} ${pad('req/s', 7, true)} ${pad('p50 ms', 6, true)} ${pad('p99 ms', 6, true)} ` +
      `${pad('raw req/s', 9, true)} ${pad('raw p99', 7, true)} ${pad('ratio', 5, true)}  ${pad('cpu µs', 9, true)} ${pad('raw µs', 6, true)} ` +
      `${pad('busy', 5, true)} ${pad('raw busy', 8, true)} ${pad('cpu ratio', 9, true)}  ` +
      `${pad(`p99<${P99_TARGET_MS}ms`, 8)} ${pad(`ratio≥${ARTICLE_RATIO_TARGET}`, 9)} ${pad('failed', 6, true)}  what`,
  );
  let valid = true;
  for (const row of run.rows) {
    const m = summarize(row);
    const informational = row.target === 'archive article';
    if (!informational && m.failures > 0) valid = false;
    log(
      `${pad(row.target, 16)} ${pad(fmt(m.requestsPerSecond), 7, true)} ${pad(fmt(m.p50Ms, 1), 6, true)} ${pad(fmt(m.p99Ms, 1), 6, true)} ` +
        `${pad(fmt(m.rawRequestsPerSecond), 9, true)} ${pad(fmt(m.rawP99Ms, 1), 7, true)} ${pad(fmt(m.ratio, 2), 5, true)}  ` +
        `${pad(us(m.cpuUs), 9, true)} ${pad(us(m.rawCpuUs), 6, true)} ` +
        `${pad(percent(m.busy), 5, true)} ${pad(percent(m.rawBusy), 8, true)} ${pad(ratioText(m.cpuRatio), 9, true)}  ` +
        `${pad(informational ? '(info)' : passFail(m.p99Ms < P99_TARGET_MS && m.failures === 0), 8)} ` +
        `${pad(row.target === 'article page' ? passFail(m.ratio >= ARTICLE_RATIO_TARGET) : '', 9)} ` +
        `${pad(fmt(m.failures), 6, true)}  ${row.detail}`,
    );
  }
  log('per round, in order (ratio; cpu ratio; server p99 ms); spread = (max − min) ÷ median of the ratios:');
  for (const row of run.rows) {
    const ratios = row.rounds.map(ratioOf);
    log(
      `  ${pad(row.target, 16)} ratio ${ratios.map((v) => fmt(v, 2)).join(' ')}; ` +
        `cpu ratio ${row.rounds.map((r) => ratioText(cpuRatioOf(r))).join(' ')}; ` +
        `p99 ${row.rounds.map((r) => fmt(r.result.p99Ms)).join(' ')}` +
        `${ratios.length > 1 ? `; spread ${fmt(spreadOf(ratios) * 100)}%` : ''}`,
    );
  }
  log(
    `cold start ${fmt(run.coldStartMs)} ms; server RSS after the run ${run.rssMb === null ? 'n/a' : `${fmt(run.rssMb)} MB`}; ` +
      `generation ${fmt(run.generationMs / 1000, 1)} s; database ${fmt(run.databaseMb)} MB; article page ${fmt(run.pageBytes)} bytes`,
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
    `${pad('target', 16)} ${pad(fmt(small.articles), 8, true)} ${pad(fmt(large.articles), 8, true)} ${pad('change', 8, true)}  ${pad('within', 6)}  ` +
      `${pad('cpu ratio', 9, true)} ${pad('', 9, true)} ${pad('change', 8, true)}`,
  );
  for (const [target, x] of a) {
    const y = b.get(target);
    if (y === undefined) continue;
    const ratioChange = y.ratio / x.ratio - 1;
    const note = target === 'archive article' ? '(info)' : passFail(Math.abs(ratioChange) <= SCALE_TOLERANCE);
    log(
      `${pad(target, 16)} ${pad(fmt(x.ratio, 2), 8, true)} ${pad(fmt(y.ratio, 2), 8, true)} ${pad(change(x.ratio, y.ratio), 8, true)}  ${pad(note, 6)}  ` +
        `${pad(ratioText(x.cpuRatio), 9, true)} ${pad(ratioText(y.cpuRatio), 9, true)} ${pad(change(x.cpuRatio, y.cpuRatio), 8, true)}`,
    );
  }
};

const main = async (): Promise<void> => {
  log(
    `Dateline reader benchmark — node ${process.version}; SQLite; one server process (DATELINE_WORKERS=1); autocannon in this process`,
  );
  const [load1] = loadavg();
  if (load1 !== undefined && load1 > 0.5) {
    log(
      `Note: load average is ${fmt(load1, 2)} before starting on ${availableParallelism()} CPUs; other work on this machine makes the figures noisy.`,
    );
  }
  log(
    `The article page cycles the ${HOT_SET} newest articles: a newsroom's traffic concentrates on recent stories. ` +
      '"archive article" spreads requests over the whole archive (mostly page-cache misses); it has no target.',
  );
  const runsPerSize = 3 * rounds + 1;
  log(
    `${rounds} rounds per target (one for the archive): about ${fmt((sizes.length * runsPerSize * 2 * (settings.warmupS + settings.durationS)) / 60, 1)} ` +
      'minutes of measuring, plus generation.',
  );
  const runs: SizeRun[] = [];
  for (const n of sizes) runs.push(await runSize(n));
  let valid = true;
  for (const run of runs) valid = printRun(run) && valid;
  if (runs.length === 2) printScaling(runs[0]!, runs[1]!);
  if (!valid) {
    log(
      '\nSome requests of a measured target failed, got a non-2xx answer or none within autocannon\'s 10 s timeout (see "failed").',
    );
    process.exitCode = 1;
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
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  cleanUpEverything();
}
