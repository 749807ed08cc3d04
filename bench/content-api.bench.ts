import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureContentApi, printContentApi } from './content-api.js';
import { generateArticles } from './generate-articles.js';
import { generatorWarning, loadGenerator } from './load.js';
import { envNumber, fmt, log } from './report.js';
import { cleanUpEverything, removeFolder, startServer, trackFolder } from './processes.js';

/**
 * The Content API's part of `npm run bench` alone (bench/content-api.ts), on its own generated archive: for a quick
 * look after a change to the API, with the same settings as the whole bench (BENCH_ARTICLES, BENCH_ROUNDS,
 * BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_CPU_PROF). `node --import tsx bench/content-api.bench.ts` after a build.
 */
const main = async (): Promise<void> => {
  const articles = envNumber('BENCH_ARTICLES', 10_000);
  const rounds = Math.max(1, Math.round(envNumber('BENCH_ROUNDS', 5)));
  const settings = {
    connections: envNumber('BENCH_CONNECTIONS', 50),
    durationS: envNumber('BENCH_DURATION', 5),
    warmupS: envNumber('BENCH_WARMUP', 1),
  };
  log(
    `Dateline Content API benchmark — node ${process.version}; SQLite; one server process; load from ${loadGenerator}`,
  );
  const warning = generatorWarning();
  if (warning) log(warning);
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-api-'));
  trackFolder(dir);
  try {
    const dataDir = join(dir, 'data');
    const site = await generateArticles({
      dataDir,
      count: articles,
      now: new Date(),
      hotSetSize: 200,
      archiveSampleSize: 0,
    });
    log(`  generated ${fmt(site.count)} articles in ${fmt(site.ms / 1000, 1)} s`);
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server, as in bench/reader.bench.ts.
    const cpuProfDir = process.env.BENCH_CPU_PROF;
    const server = await startServer({
      dataDir,
      ...(cpuProfDir
        ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, '--cpu-prof-name=content-api.cpuprofile'] }
        : {}),
    });
    try {
      printContentApi(await measureContentApi({ server, dataDir, scratchDir: dir, rounds, settings }));
    } finally {
      await server.stop();
    }
  } finally {
    removeFolder(dir);
  }
};

process.on('exit', cleanUpEverything);
try {
  await main();
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  cleanUpEverything();
}
