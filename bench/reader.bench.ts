import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const URL_CHECK_TIMEOUT_MS = 60_000;

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

type TargetName = 'raw node:http' | 'article page' | 'section front' | 'home page' | 'archive article';
interface Row {
  target: TargetName;
  detail: string;
  result: LoadResult;
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
    if (performance.now() > deadline) throw new Error('checking the benchmark URLs took longer than 60 s');
    const res = await httpGet(port, path);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}, expected 200`);
  }
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
    log(`  generated ${fmt(site.count)} articles in ${fmt(site.ms / 1000, 1)} s (${fmt(site.count / (site.ms / 1000))}/s), database ${fmt(databaseMb)} MB`);

    const server = await startServer({
      dataDir,
      ...(cpuProfDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=server-${articles}.cpuprofile`] } : {}),
    });
    try {
      log(`  cold start (spawn → first 200 on /): ${fmt(server.coldStartMs)} ms`);
      const hotPaths = site.newest.map((a) => a.path);
      const archivePaths = site.archiveSample.map((a) => a.path);
      // The section with the most traffic on a regional paper; it has a subsection, so its front queries a family.
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
        log('  measuring raw node:http …');
        rows.push({ target: 'raw node:http', detail: 'same bytes as one article page', result: await measure(raw.port, hotPaths, settings) });
      } finally {
        await raw.stop();
      }
      const targets: { target: TargetName; detail: string; paths: readonly string[] }[] = [
        { target: 'article page', detail: `${hotPaths.length} newest articles, cycled`, paths: hotPaths },
        { target: 'section front', detail: sectionPath, paths: [sectionPath] },
        { target: 'home page', detail: '/', paths: ['/'] },
        { target: 'archive article', detail: `${fmt(archivePaths.length)} random of all ${fmt(articles)}`, paths: archivePaths },
      ];
      for (const t of targets) {
        log(`  measuring ${t.target} …`);
        rows.push({ target: t.target, detail: t.detail, result: await measure(server.port, t.paths, settings) });
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

const printRun = (run: SizeRun): boolean => {
  const raw = run.rows.find((r) => r.target === 'raw node:http')!.result;
  log(`\nResults, ${fmt(run.articles)} articles — ${settings.connections} connections, pipelining 1, ${settings.durationS} s after ${settings.warmupS} s warm-up, loopback`);
  log(`${pad('target', 17)} ${pad('req/s', 9, true)} ${pad('p50 ms', 7, true)} ${pad('p99 ms', 7, true)} ${pad('ratio', 6, true)}  ${pad(`p99<${P99_TARGET_MS}`, 7)} ${pad(`ratio≥${ARTICLE_RATIO_TARGET}`, 9)} ${pad('failed', 6, true)}  what`);
  let valid = true;
  for (const row of run.rows) {
    const r = row.result;
    const ratio = r.requestsPerSecond / raw.requestsPerSecond;
    const isRaw = row.target === 'raw node:http';
    const informational = row.target === 'archive article';
    if (r.failures > 0) valid = false;
    log(
      `${pad(row.target, 17)} ${pad(fmt(r.requestsPerSecond), 9, true)} ${pad(fmt(r.p50Ms, 1), 7, true)} ${pad(fmt(r.p99Ms, 1), 7, true)} ` +
        `${pad(isRaw ? '1.00' : fmt(ratio, 2), 6, true)}  ${pad(isRaw || informational ? '' : passFail(r.p99Ms < P99_TARGET_MS), 7)} ` +
        `${pad(row.target === 'article page' ? passFail(ratio >= ARTICLE_RATIO_TARGET) : '', 9)} ${pad(fmt(r.failures), 6, true)}  ${row.detail}`,
    );
  }
  log(`cold start ${fmt(run.coldStartMs)} ms; server RSS after the run ${run.rssMb === null ? 'n/a' : `${fmt(run.rssMb)} MB`}; ` +
    `generation ${fmt(run.generationMs / 1000, 1)} s; database ${fmt(run.databaseMb)} MB`);
  return valid;
};

const printScaling = (small: SizeRun, large: SizeRun): void => {
  const ratios = (run: SizeRun) => {
    const raw = run.rows.find((r) => r.target === 'raw node:http')!.result.requestsPerSecond;
    return new Map(run.rows.filter((r) => r.target !== 'raw node:http').map((r) => [r.target, r.result.requestsPerSecond / raw]));
  };
  const a = ratios(small);
  const b = ratios(large);
  log(`\nScaling: ratio to raw at ${fmt(small.articles)} vs ${fmt(large.articles)} articles (target: within ${SCALE_TOLERANCE * 100}%)`);
  log(`${pad('target', 17)} ${pad(fmt(small.articles), 8, true)} ${pad(fmt(large.articles), 8, true)} ${pad('change', 8, true)}  within`);
  for (const [target, r1] of a) {
    const r2 = b.get(target);
    if (r2 === undefined) continue;
    const change = r2 / r1 - 1;
    const note = target === 'archive article' ? '(informational)' : passFail(Math.abs(change) <= SCALE_TOLERANCE);
    log(`${pad(target, 17)} ${pad(fmt(r1, 2), 8, true)} ${pad(fmt(r2, 2), 8, true)} ${pad(`${change >= 0 ? '+' : ''}${fmt(change * 100, 1)}%`, 8, true)}  ${note}`);
  }
};

const main = async (): Promise<void> => {
  log(`Dateline reader benchmark — node ${process.version}; SQLite; one server process (DATELINE_WORKERS=1); autocannon in this process`);
  log(`The article page cycles the ${HOT_SET} newest articles: a newsroom's traffic concentrates on recent stories. ` +
    '"archive article" spreads requests over the whole archive (mostly page-cache misses); it has no target.');
  const runs: SizeRun[] = [];
  for (const n of sizes) runs.push(await runSize(n));
  let valid = true;
  for (const run of runs) valid = printRun(run) && valid;
  if (runs.length === 2) printScaling(runs[0]!, runs[1]!);
  if (!valid) {
    log('\nSome requests failed (non-2xx, errors or timeouts): the figures above are not valid.');
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
