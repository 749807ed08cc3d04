import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage } from '../src/storage/database.js';
import { compareArchives } from './archive-compare.js';
import { moveArchiveToPostgres } from './archive-move.js';
import { generateArticles } from './generate-articles.js';
import { removeFolder, runBench, trackFolder } from './processes.js';
import {
  POSTGRES_URL,
  closeReaderSchema,
  dropReaderSchemas,
  openReaderSchema,
  vacuumAnalyze,
} from './reader-postgres.js';
import { fmt, log } from './report.js';

/**
 * The PostgreSQL archive of `npm run bench` alone, timed: BENCH_ARTICLES (100,000) generated into SQLite as the
 * bench does, moved into a PostgreSQL schema of its own (bench/archive-move.ts: `dateline export`, then
 * `dateline import site`), checked to hold the same rows, and analysed; each step's time and articles per second
 * are printed. `node --import tsx bench/archive-move.bench.ts`; BENCH_DATABASE_URL as for the bench.
 */

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const seconds = (ms: number) => `${fmt(ms / 1000, 1)} s`;
const perSecond = (ms: number) => `${fmt(ARTICLES / (ms / 1000))} articles/s`;

const main = async () => {
  log(
    `Archive move: ${fmt(ARTICLES)} articles, SQLite → ${POSTGRES_URL}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-move-'));
  trackFolder(dir);
  const { name, url } = await openReaderSchema('bench_move');
  try {
    const sqliteDir = join(dir, 'generated');
    const quarter = Math.max(1000, Math.ceil(ARTICLES / 4 / 1000) * 1000);
    const site = await generateArticles({
      dataDir: sqliteDir,
      count: ARTICLES,
      now: new Date(),
      hotSetSize: 200,
      archiveSampleSize: 0,
      onProgress: (done) => {
        if (done % quarter === 0 && done < ARTICLES) log(`  generating… ${fmt(done)}`);
      },
    });
    log(`SQLite generation: ${seconds(site.ms)} (${perSecond(site.ms)})`);

    const postgres = { url, schema: name };
    const dataDir = join(dir, 'postgres-data');
    let started = performance.now();
    const move = await moveArchiveToPostgres({
      sqliteDir,
      workDir: dir,
      dataDir,
      postgres,
      onLine: (line) => log(`  ${line}`),
    });
    const moveMs = performance.now() - started;
    started = performance.now();
    await vacuumAnalyze(name);
    const analyzeMs = performance.now() - started;
    log(`\nMove into PostgreSQL: ${seconds(moveMs)} (${perSecond(moveMs)}), then VACUUM ANALYZE ${seconds(analyzeMs)}`);
    log(`  export (dateline export): ${seconds(move.exportMs)}, archive ${fmt(move.archiveMb)} MB`);
    log(`  import site: ${seconds(move.importMs)}: file checked ${seconds(move.checkMs)}`);
    for (const t of move.tables.filter((t) => t.rows > 0))
      log(`    ${t.name.padEnd(18)} ${fmt(t.rows).padStart(9)} rows ${seconds(t.ms).padStart(8)}`);
    log(`    ${'search index'.padEnd(18)} ${''.padStart(14)} ${seconds(move.searchIndexMs).padStart(8)}`);
    log(`  queue tables (purge_request, content_state): ${seconds(move.queueMs)}`);
    log(
      `SQLite generation + move + analyse: ${seconds(site.ms + moveMs + analyzeMs)}; ` +
        `the move alone: ${perSecond(moveMs + analyzeMs)}`,
    );

    started = performance.now();
    const from = createStorage({ dataDir: sqliteDir, databaseUrl: null });
    const to = createStorage({ dataDir, databaseUrl: url, postgresSchema: name });
    try {
      const checks = await compareArchives(from.db, to.db);
      log(`\nSame rows? (${seconds(performance.now() - started)})`);
      for (const c of checks)
        log(
          `  ${c.name.padEnd(20)} sqlite ${fmt(c.sqlite).padStart(9)}  postgres ${fmt(c.postgres).padStart(9)}  ` +
            `compared ${fmt(c.sampled).padStart(4)}  ${c.difference ?? 'same'}`,
        );
      if (checks.some((c) => c.difference !== null)) process.exitCode = 1;
    } finally {
      await from.close();
      await to.close();
    }
  } finally {
    await closeReaderSchema(name);
    removeFolder(dir);
  }
};

await runBench('archive move', main, dropReaderSchemas);
