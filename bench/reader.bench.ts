import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateArticles, type GeneratedSite } from './generate-articles.js';
import { measure, type LoadResult, type LoadSettings } from './load.js';
import {
  cleanUpEverything, httpGet, removeFolder, residentMemoryMb, startRawServer, startServer, trackFolder,
} from './processes.js';

/**
 * `npm run bench`: the reader site on SQLite under autocannon, beside a raw node:http server sending the
 * same article bytes, measured in the same run and printed as ratios. See bench/README.md.
 */

const P99_TARGET_MS = 25;
const ARTICLE_RATIO_TARGET = 0.7;
const SCALE_TOLERANCE = 0.2;
const HOT_SET = 200;
const ARCHIVE_SAMPLE = 5000;
const URL_CHECK_TIMEOUT_MS = 180_000;

const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return n;
};

const settings: LoadSettings = {
  connections: envNumber('BENCH_CONNECTIONS', 50),
  durationS: envNumber('BENCH_DURATION', 10),
  warmupS: envNumber('BENCH_WARMUP', 2),
};
const sizes = [
  envNumber('BENCH_ARTICLES', 10_000),
  ...(process.env.BENCH_LARGE === '0' ? [] : [envNumber('BENCH_LARGE_ARTICLES', 100_000)]),
];
/** BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server child there (open it in Chrome DevTools). */
const cpuProfDir = process.env.BENCH_CPU_PROF;

type TargetName = 'article page' | 'section front' | 'home page' | 'archive article';
interface Row {
  target: TargetName;
  detail: string;
  result: LoadResult;
  /** The raw server, measured just before this target: machine noise hits both sides of the ratio alike. */
  raw: LoadResult;
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

const log = (line = '') => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const folderMb = (dir: string): number =>
  readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0) / (1024 * 1024);

/** Every URL must answer 200 itself: a 301 would measure the redirect, not the page. */
const checkAll200 = async (port: number, paths: readonly string[]): Promise<void> => {
  const deadline = performance.now() + URL_CHECK_TIMEOUT_MS;
  for (const path of paths) {
    if (performance.now() > deadline) throw new Error('checking the benchmark URLs took longer than ${URL_CHECK_TIMEOUT_MS / 1000} s');
    const res = await httpGet(port, path);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}, expected 200`);
  }
};

const ratioOf = (row: Row) => row.result.requestsPerSecond / row.raw.requestsPerSecond;
/** raw CPU per request ÷ server CPU per request: the same ratio, independent of which side ran out of CPU. */
const cpuRatioOf = (row: Row): number | null =>
  row.result.cpuUsPerRequest && row.raw.cpuUsPerRequest ? row.raw.cpuUsPerRequest / row.result.cpuUsPerRequest : null;

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
    log(`  generated ${fmt(site.count)} articles in ${fmt(site.ms / 1000, 1)} s (${fmt(site.count / (site.ms / 1000))}/s), database ${fmt(databaseMb)} MB`);

    const server = await startServer({
      dataDir,
      ...(cpuProfDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=server-${articles}.cpuprofile`] } : {}),
    });
    try {
      log(`  cold start (spawn → first 200 on /): ${fmt(server.coldStartMs)} ms`);
      const hotPaths = site.newest.map((a) => a.path);
      const archivePaths = site.archiveSample.map((a) => a.path);
      // A top-level section with a subsection, so its front gathers a section family as most fronts do.
      const sectionPath = '/national/';
      await checkAll200(server.port, [...hotPaths, ...archivePaths.slice(0, 50), sectionPath, '/']);

      const page = await httpGet(server.port, hotPaths[0]!);
      const contentType = String(page.headers['content-type']);
      const bodyFile = join(dir, 'article.html');
      writeFileSync(bodyFile, page.body);
      log(`  article page: ${fmt(page.body.byteLength)} bytes, ${contentType}`);

      const rows: Row[] = [];
      const raw = await startRawServer(bodyFile, contentType);
      try {
        const check = await httpGet(raw.port, '/');
        if (!check.body.equals(page.body)) throw new Error('the raw server does not send the article bytes');
        const targets: { target: TargetName; detail: string; paths: readonly string[] }[] = [
          { target: 'article page', detail: `${hotPaths.length} newest articles, cycled`, paths: hotPaths },
          { target: 'section front', detail: sectionPath, paths: [sectionPath] },
          { target: 'home page', detail: '/', paths: ['/'] },
          { target: 'archive article', detail: `${fmt(archivePaths.length)} random of all ${fmt(articles)}`, paths: archivePaths },
        ];
        for (const t of targets) {
          log(`  measuring raw node:http, then ${t.target} …`);
          // Same paths for the raw server (it ignores them): the load generator does the same work per request.
          const rawResult = await measure(raw.port, raw.pid, t.paths, settings);
          rows.push({ target: t.target, detail: t.detail, raw: rawResult, result: await measure(server.port, server.pid, t.paths, settings) });
        }
      } finally {
        await raw.stop();
      }
      const rssMb = residentMemoryMb(server.pid);
      return { articles, generationMs: site.ms, databaseMb, coldStartMs: server.coldStartMs, rssMb, pageBytes: page.body.byteLength, rows };
    } finally {
      await server.stop();
    }
  } finally {
    removeFolder(dir);
  }
};

const pad = (s: string, n: number, right = false) => (right ? s.padStart(n) : s.padEnd(n));
const passFail = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const us = (v: number | null) => (v === null ? 'n/a' : fmt(v, 1));
/** Share of one core the serving process used during the run. */
const busy = (r: LoadResult) => (r.cpuUsPerRequest === null ? 'n/a' : `${fmt((r.cpuUsPerRequest * r.requestsPerSecond) / 1e4)}%`);

const printRun = (run: SizeRun): boolean => {
  log(`\nResults, ${fmt(run.articles)} articles — ${settings.connections} connections, pipelining 1, ${settings.durationS} s after ${settings.warmupS} s warm-up, loopback`);
  log('ratio = req/s ÷ req/s of the raw node:http server (same article bytes) measured just before it;');
  log('cpu µs = CPU time of the serving process per request; busy = share of one core it used (under ~90%: the load generator set the pace);');
  log('cpu ratio = raw cpu µs ÷ cpu µs, the same comparison when the load generator, not the server, is the bottleneck');
  log(
    `${pad('target', 16)} ${pad('req/s', 7, true)} ${pad('p50 ms', 6, true)} ${pad('p99 ms', 6, true)} ` +
      `${pad('raw req/s', 9, true)} ${pad('raw p99', 7, true)} ${pad('ratio', 5, true)}  ${pad('cpu µs', 9, true)} ${pad('raw µs', 6, true)} ` +
      `${pad('busy', 5, true)} ${pad('raw busy', 8, true)} ${pad('cpu ratio', 9, true)}  ` +
      `${pad(`p99<${P99_TARGET_MS}ms`, 8)} ${pad(`ratio≥${ARTICLE_RATIO_TARGET}`, 9)} ${pad('failed', 6, true)}  what`,
  );
  let valid = true;
  for (const row of run.rows) {
    const r = row.result;
    const informational = row.target === 'archive article';
    const cpuRatio = cpuRatioOf(row);
    if (!informational && (r.failures > 0 || row.raw.failures > 0)) valid = false;
    log(
      `${pad(row.target, 16)} ${pad(fmt(r.requestsPerSecond), 7, true)} ${pad(fmt(r.p50Ms, 1), 6, true)} ${pad(fmt(r.p99Ms, 1), 6, true)} ` +
        `${pad(fmt(row.raw.requestsPerSecond), 9, true)} ${pad(fmt(row.raw.p99Ms, 1), 7, true)} ${pad(fmt(ratioOf(row), 2), 5, true)}  ` +
        `${pad(us(r.cpuUsPerRequest), 9, true)} ${pad(us(row.raw.cpuUsPerRequest), 6, true)} ` +
        `${pad(busy(r), 5, true)} ${pad(busy(row.raw), 8, true)} ${pad(cpuRatio === null ? 'n/a' : fmt(cpuRatio, 2), 9, true)}  ` +
        `${pad(informational ? '(info)' : passFail(r.p99Ms < P99_TARGET_MS && r.failures === 0), 8)} ` +
        `${pad(row.target === 'article page' ? passFail(ratioOf(row) >= ARTICLE_RATIO_TARGET) : '', 9)} ` +
        `${pad(fmt(r.failures + row.raw.failures), 6, true)}  ${row.detail}`,
    );
  }
  log(`cold start ${fmt(run.coldStartMs)} ms; server RSS after the run ${run.rssMb === null ? 'n/a' : `${fmt(run.rssMb)} MB`}; ` +
    `generation ${fmt(run.generationMs / 1000, 1)} s; database ${fmt(run.databaseMb)} MB; article page ${fmt(run.pageBytes)} bytes`);
  return valid;
};

const printScaling = (small: SizeRun, large: SizeRun): void => {
  const ratios = (run: SizeRun) => new Map(run.rows.map((r) => [r.target, { ratio: ratioOf(r), cpu: cpuRatioOf(r) }]));
  const a = ratios(small);
  const b = ratios(large);
  const cpuChange = (x: number | null, y: number | null) =>
    x === null || y === null ? 'n/a' : `${y / x - 1 >= 0 ? '+' : ''}${fmt((y / x - 1) * 100, 1)}%`;
  log(`\nScaling: ratio to raw at ${fmt(small.articles)} vs ${fmt(large.articles)} articles (target: within ${SCALE_TOLERANCE * 100}%)`);
  log(`${pad('target', 16)} ${pad(fmt(small.articles), 8, true)} ${pad(fmt(large.articles), 8, true)} ${pad('change', 8, true)}  ${pad('within', 6)}  cpu ratio change`);
  for (const [target, x] of a) {
    const y = b.get(target);
    if (y === undefined) continue;
    const change = y.ratio / x.ratio - 1;
    const note = target === 'archive article' ? '(info)' : passFail(Math.abs(change) <= SCALE_TOLERANCE);
    log(
      `${pad(target, 16)} ${pad(fmt(x.ratio, 2), 8, true)} ${pad(fmt(y.ratio, 2), 8, true)} ` +
        `${pad(`${change >= 0 ? '+' : ''}${fmt(change * 100, 1)}%`, 8, true)}  ${pad(note, 6)}  ${cpuChange(x.cpu, y.cpu)}`,
    );
  }
};

const main = async (): Promise<void> => {
  log(`Dateline reader benchmark — node ${process.version}; SQLite; one server process (DATELINE_WORKERS=1); autocannon in this process`);
  const [load1] = loadavg();
  if (load1 !== undefined && load1 > 0.5) {
    log(`Note: load average is ${fmt(load1, 2)} before starting on ${availableParallelism()} CPUs; other work on this machine makes the figures noisy.`);
  }
  log(`The article page cycles the ${HOT_SET} newest articles: a newsroom's traffic concentrates on recent stories. ` +
    '"archive article" spreads requests over the whole archive (mostly page-cache misses); it has no target.');
  const runs: SizeRun[] = [];
  for (const n of sizes) runs.push(await runSize(n));
  let valid = true;
  for (const run of runs) valid = printRun(run) && valid;
  if (runs.length === 2) printScaling(runs[0]!, runs[1]!);
  if (!valid) {
    log('\nSome requests of a measured target failed, got a non-2xx answer or none within autocannon\'s 10 s timeout (see "failed").');
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
