import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../src/config.js';
import { composeWorker } from '../src/server/compose-worker.js';
import { brotli } from '../src/server/page-cache.js';
import { generateArticles } from './generate-articles.js';
import { fmt, log, pad } from './report.js';

/**
 * `node --import tsx bench/compression-cost.ts`: what compressing one cached answer costs, gzip level 6 (what the
 * page cache has always used) beside Brotli at qualities 4 to 11, on an article page, the home page, the site feed,
 * a month of the sitemap and the stylesheet, each compressed as the page cache
 * does (brotli() in page-cache.ts). The figures behind docs/architecture/0013-brotli.md; not part of
 * `npm test` or `npm run bench`.
 */

const ARTICLES = Number(process.env.BENCH_COMPRESSION_ARTICLES ?? 10_000);
/** Each figure is the median of this many batches. */
const RUNS = Number(process.env.BENCH_COMPRESSION_RUNS ?? 7);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * CPU time per run (this thread's user + system time; the compressors run synchronously on it), the median of RUNS
 * batches each long enough (20 ms) for the clock's grain: on a machine shared with other work, wall time also counts
 * the waits for a core, CPU time does not.
 */
const timeIt = (f: () => Buffer): { ms: number; bytes: number } => {
  const bytes = f().byteLength;
  let batch = 1;
  for (let took = 0; took < 20; batch *= 2) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) f();
    took = performance.now() - t;
  }
  const perRun: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const cpu = process.cpuUsage();
    for (let i = 0; i < batch; i++) f();
    const used = process.cpuUsage(cpu);
    perRun.push((used.user + used.system) / 1000 / batch);
  }
  return { ms: median(perRun), bytes };
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-compression-'));
  try {
    const dataDir = join(dir, 'data');
    log(`generating ${fmt(ARTICLES)} articles…`);
    const site = await generateArticles({
      dataDir,
      count: ARTICLES,
      now: new Date(),
      hotSetSize: 10,
      archiveSampleSize: 10,
    });
    const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' });
    const worker = await composeWorker(config, { logger: null, timers: false });
    await worker.start();
    try {
      const get = async (url: string) => {
        const res = await worker.app.inject({ method: 'GET', url });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
        return res.rawPayload;
      };
      const index = (await get('/sitemap.xml')).toString();
      // The month files of the index: the largest stands for a busy month of a daily paper.
      const months = [...index.matchAll(/<loc>[^<]*?(\/sitemaps\/[^<]+\.xml)<\/loc>/g)].map((m) => m[1]!);
      const monthBodies = await Promise.all(months.filter((m) => /\d{4}-\d{2}/.test(m)).map(get));
      const sitemap = monthBodies.reduce((a, b) => (b.byteLength > a.byteLength ? b : a));
      const css = (await worker.app.inject({ method: 'GET', url: '/' })).payload.match(
        /\/static\/site\.[0-9a-f]+\.css/,
      )![0];
      const samples: [string, Buffer][] = [
        ['article page', await get(site.newest[0]!.path)],
        ['home page', await get('/')],
        ['site feed', await get('/feed/')],
        ['sitemap month', sitemap],
        ['site.css', await get(css)],
      ];
      // For scale: what making the article page costs as a whole (render and both compressions), from an empty cache.
      const misses: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        worker.pageCache.clear();
        const cpu = process.cpuUsage();
        await get(site.newest[0]!.path);
        const used = process.cpuUsage(cpu);
        misses.push((used.user + used.system) / 1000);
      }
      log(`article page from an empty cache: ${median(misses).toFixed(1)} cpu ms (median of ${RUNS})`);
      for (const [name, body] of samples) {
        log(`\n${name}: ${fmt(body.byteLength)} bytes`);
        log(`  ${pad('way', 12)}${pad('cpu ms', 9, true)}${pad('bytes', 10, true)}${pad('of gzip', 10, true)}`);
        const gz = timeIt(() => gzipSync(body, { level: 6 }));
        const row = (way: string, r: { ms: number; bytes: number }) =>
          log(
            `  ${pad(way, 12)}${pad(r.ms.toFixed(3), 9, true)}${pad(fmt(r.bytes), 10, true)}${pad(`${((100 * r.bytes) / gz.bytes).toFixed(0)}%`, 10, true)}`,
          );
        row('gzip 6', gz);
        for (let q = 4; q <= 11; q++)
          row(
            `br ${q}`,
            timeIt(() => brotli(body, q)),
          );
      }
    } finally {
      await worker.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

await main();
