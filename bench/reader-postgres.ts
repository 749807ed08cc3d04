import { join } from 'node:path';
import pg from 'pg';
import { createStorage } from '../src/storage/database.js';
import { storeArticleRenderRows } from '../src/storage/repositories/article-render.repository.js';
import { readContentVersion } from '../src/storage/repositories/site.repository.js';
import { expectSameArchive } from './archive-compare.js';
import { moveArchiveToPostgres, type ArchiveMove } from './archive-move.js';
import { splitArchiveSample, type GeneratedSite } from './generate-articles.js';
import { measure, type LoadResult, type LoadSettings } from './load.js';
import { fmt, log } from './report.js';
import {
  cpuSeconds,
  httpGet,
  keepArticlePages,
  replayableHeaders,
  startRawServer,
  startServer,
  writeRawPages,
  type RawPage,
} from './processes.js';

/**
 * The archive walk of `npm run bench` on PostgreSQL (issue 18, "Renders that do not wait on round trips"): the
 * generated SQLite archive moved into a schema of its own as an operator moves a site (bench/archive-move.ts),
 * checked to hold the same rows, its pages kept with `dateline pages render`, the
 * built server started with DATABASE_URL, and the walk measured beside a raw node:http server replaying pages
 * of the same walk, as on SQLite. PostgreSQL runs on the same machine, so its backends' CPU per answer is read
 * too (from /proc, through pg_stat_activity's pids): a statement saved is CPU the server's machine gets back.
 */

export const POSTGRES_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const GZIP = { 'Accept-Encoding': 'gzip' } as const;
/** Pages the raw server replays in turn, taken from the end of the sample, which the walk does not reach. */
const RAW_SAMPLE = 20;

export interface WalkRound {
  raw: LoadResult;
  result: LoadResult;
  /** CPU µs PostgreSQL's backends for the server spent per answer; null without /proc. */
  databaseCpuUs: number | null;
}

export type PostgresWalk =
  | { skipped: string }
  | {
      skipped: null;
      /** How the archive came: moved from the generated SQLite one. */
      move: ArchiveMove;
      moveMs: number;
      keepMs: number;
      keepLine: string;
      /** Kept pages copied from the SQLite archive before `pages render` (0: none could be). */
      copied: number;
      round: WalkRound;
      /** Distinct addresses in the walk's sample. */
      sample: number;
    };

/** Null when PostgreSQL answers; else why the PostgreSQL walk is skipped, in one line. */
const unreachable = async (): Promise<string | null> => {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return `PostgreSQL at ${POSTGRES_URL} is unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
};

const asAdmin = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    return (await admin.query<T>(text, values)).rows;
  } finally {
    await admin.end();
  }
};

/** Schemas (and roles) made and not dropped yet: dropped on the way out, whatever happens. */
const openSchemas = new Set<string>();

/**
 * A schema and a login role of the same name, owned by it, for one run; `url` connects as that role, whose
 * default search_path ("$user", public) finds its own schema first, so a server started with it needs no setting.
 */
export const openReaderSchema = async (prefix = 'bench_reader'): Promise<{ name: string; url: string }> => {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  await asAdmin(`create role ${name} login; create schema ${name} authorization ${name}`);
  openSchemas.add(name);
  const url = new URL(POSTGRES_URL);
  url.username = name;
  url.password = '';
  return { name, url: url.toString() };
};

export const closeReaderSchema = async (name: string): Promise<void> => {
  await asAdmin(`drop schema if exists ${name} cascade; drop role if exists ${name}`).catch(() => {});
  openSchemas.delete(name);
};

export const dropReaderSchemas = async (): Promise<void> => {
  for (const name of openSchemas) await closeReaderSchema(name);
};

/** What autovacuum would do soon after a bulk load: statistics for the planner, the visibility map for index-only scans. */
export const vacuumAnalyze = async (schema: string): Promise<void> => {
  const tables = await asAdmin<{ tablename: string }>('select tablename from pg_tables where schemaname = $1', [
    schema,
  ]);
  for (const { tablename } of tables) await asAdmin(`vacuum analyze ${schema}.${tablename}`);
};

/**
 * The schema's tables and indexes (their TOAST tables too, where the kept pages' pieces live) read once through the
 * kernel's file cache with pg_prewarm's `read` mode, as bench/file-cache.ts reads SQLite's files: the walk then
 * measures the server and PostgreSQL, not the disk. pg_prewarm ships with PostgreSQL (contrib); when it is not there
 * the walk goes on cold and says so. Made in the run's schema when no database has it, so it goes with the schema.
 */
const prewarmSchema = async (schema: string): Promise<string> => {
  const started = performance.now();
  const found = await asAdmin<{ nspname: string }>(
    `select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_prewarm'`,
  );
  let home = found[0]?.nspname;
  if (!home) {
    try {
      await asAdmin(`create extension pg_prewarm schema ${schema}`);
      home = schema;
    } catch (error) {
      return `not read first: pg_prewarm is not available (${(error as Error).message})`;
    }
  }
  const [row] = await asAdmin<{ blocks: string }>(
    `with rels as (
       select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and c.relkind in ('r', 'i', 'm')
       union all
       select c.reltoastrelid from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and c.reltoastrelid <> 0
       union all
       select i.indexrelid from pg_class c join pg_namespace n on n.oid = c.relnamespace
         join pg_index i on i.indrelid = c.reltoastrelid
        where n.nspname = $1 and c.reltoastrelid <> 0
     )
     select coalesce(sum(${home}.pg_prewarm(oid, 'read')), 0) as blocks from rels`,
    [schema],
  );
  const mb = (Number(row?.blocks ?? 0) * 8192) / (1024 * 1024);
  return `read ${fmt(mb)} MB of its tables and indexes first (${fmt((performance.now() - started) / 1000, 1)} s, pg_prewarm)`;
};

/** CPU seconds of each backend the role has open now, by pid. */
const backendCpu = async (role: string): Promise<Map<number, number>> => {
  const rows = await asAdmin<{ pid: number }>('select pid from pg_stat_activity where usename = $1', [role]);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const s = cpuSeconds(pid);
    if (s !== null) cpu.set(pid, s);
  }
  return cpu;
};

/** CPU the role's backends used between two readings; a backend opened meanwhile counts from zero. */
const cpuBetween = (before: Map<number, number>, after: Map<number, number>): number | null => {
  if (after.size === 0) return null;
  let sum = 0;
  for (const [pid, s] of after) sum += s - (before.get(pid) ?? 0);
  return sum;
};

/** Kept rows copied a statement at a time; each a few KB. */
const COPY_BATCH = 1_000;

/**
 * The kept article pages of the SQLite archive, written into the PostgreSQL one: the same generator made both, so
 * the same articles have the same ids and pages, and a kept page is kept under a site stamp that does not depend on
 * the backend (server/reader/site-stamp.ts). `pages render` then renders only what this did not bring (a stamp that
 * differs, a page the SQLite run never kept), so the walk reads kept pages either way; rendering a 100,000-article
 * archive on PostgreSQL one page at a time takes the better part of an hour on this machine.
 */
const copyKeptPages = async (sqliteDataDir: string, dataDir: string, postgres: { url: string; schema: string }) => {
  const from = createStorage({ dataDir: sqliteDataDir, databaseUrl: null });
  const to = createStorage({ dataDir, databaseUrl: postgres.url, postgresSchema: postgres.schema });
  try {
    const version = await readContentVersion(to.db);
    let copied = 0;
    let after = 0;
    for (;;) {
      const rows = await from.db
        .selectFrom('article_render')
        .select(['article_id', 'site_stamp', 'made_at', 'meta', 'pieces'])
        .where('article_id', '>', after)
        .orderBy('article_id')
        .limit(COPY_BATCH)
        .execute();
      if (rows.length === 0) return copied;
      copied += await storeArticleRenderRows(to.db, rows, version);
      after = rows[rows.length - 1]!.article_id;
    }
  } finally {
    await from.close();
    await to.close();
  }
};

/**
 * Moves the generated SQLite archive into the schema and checks that both hold the same rows (counts of every
 * table, a sample of rows compared), throwing when they differ: the two walks must read the same site.
 */
const moveAndCheck = async (generatedDir: string, scratchDir: string, dataDir: string, postgres: PostgresTarget) => {
  const move = await moveArchiveToPostgres({
    sqliteDir: generatedDir,
    workDir: scratchDir,
    dataDir,
    postgres,
    onLine: (line) => log(`    ${line}`),
  });
  const checks = await expectSameArchive(generatedDir, { ...postgres, dataDir });
  const rows = checks.reduce((sum, c) => sum + c.sqlite, 0);
  const sampled = checks.reduce((sum, c) => sum + c.sampled, 0);
  log(
    `  PostgreSQL: same rows as SQLite in ${checks.length} tables (${fmt(rows)} rows counted, ${fmt(sampled)} compared)`,
  );
  return move;
};

type PostgresTarget = { url: string; schema: string };

/**
 * The walk on PostgreSQL at this archive size: the SQLite run's generated archive moved in, kept, and walked for
 * one round (no warm-up), the raw server measured just before. Skipped with its reason when PostgreSQL is not there.
 */
export const measurePostgresWalk = async (opts: {
  articles: number;
  scratchDir: string;
  settings: LoadSettings;
  /**
   * The SQLite run: its archive as generated (`generatedDir`, a copy taken before any server opened it, which is
   * moved), and its data folder, whose kept pages are copied unless `keepPages` is false (BENCH_KEEP_PAGES=0,
   * which leaves the archive unkept on both backends: the walk renders from the database).
   */
  sqlite: { site: GeneratedSite; dataDir: string; generatedDir: string; keepPages: boolean };
}): Promise<PostgresWalk> => {
  const reason = await unreachable();
  if (reason) return { skipped: reason };
  const { name, url } = await openReaderSchema();
  try {
    const env = { DATABASE_URL: url };
    const dataDir = join(opts.scratchDir, 'postgres-data');
    const site = opts.sqlite.site;
    log(
      `  PostgreSQL: moving the generated ${fmt(opts.articles)} articles into schema ${name} (export, import site) …`,
    );
    const postgres = { url, schema: name };
    const started = performance.now();
    const move = await moveAndCheck(opts.sqlite.generatedDir, opts.scratchDir, dataDir, postgres);
    const moveMs = performance.now() - started;
    log(
      `  PostgreSQL: moved in ${fmt(moveMs / 1000, 1)} s with the check (${fmt(site.count / (moveMs / 1000))} articles/s)`,
    );
    await vacuumAnalyze(name);
    // Migrations and the first start's work, as on SQLite, before the pages are kept.
    await (await startServer({ dataDir, env })).stop();
    let copied = 0;
    let kept = { ms: 0, line: 'not kept: BENCH_KEEP_PAGES=0' };
    if (opts.sqlite.keepPages) {
      copied = await copyKeptPages(opts.sqlite.dataDir, dataDir, postgres);
      log(`  PostgreSQL: copied ${fmt(copied)} kept pages from the SQLite archive`);
      kept = keepArticlePages(dataDir, env);
      log(`  PostgreSQL: dateline pages render: ${kept.line} (${fmt(kept.ms / 1000, 1)} s with start-up)`);
    }
    await vacuumAnalyze(name);
    const server = await startServer({ dataDir, env });
    try {
      const paths = site.archiveSample.map((a) => a.path);
      const pages: RawPage[] = [];
      for (const path of paths.slice(-RAW_SAMPLE)) {
        const res = await httpGet(server.port, path, 10_000, GZIP);
        if (res.status !== 200) throw new Error(`PostgreSQL: GET ${path} answered ${res.status}, expected 200`);
        pages.push({ path, gzip: true, headers: replayableHeaders(res.headers), body: res.body });
      }
      const pagesFile = join(opts.scratchDir, 'raw-pages-postgres.json');
      writeRawPages(pagesFile, pages);
      const raw = await startRawServer(pagesFile);
      const walk = splitArchiveSample(paths);
      const plan = { kind: 'paths', paths: walk.walk, headers: GZIP } as const;
      const settings = { ...opts.settings, warmupPaths: walk.warmup };
      try {
        log('  PostgreSQL archive walk: raw node:http, then the server …');
        const rawResult = await measure(raw.port, raw.pid, plan, settings);
        log(`  PostgreSQL: file cache: ${await prewarmSchema(name)}`);
        const before = await backendCpu(name);
        const result = await measure(server.port, server.pid, plan, settings);
        const used = cpuBetween(before, await backendCpu(name));
        return {
          skipped: null,
          move,
          moveMs,
          keepMs: kept.ms,
          keepLine: kept.line,
          copied,
          round: {
            raw: rawResult,
            result,
            databaseCpuUs: used === null || result.requests === 0 ? null : (used * 1e6) / result.requests,
          },
          sample: walk.walk.length,
        };
      } finally {
        await raw.stop();
      }
    } finally {
      await server.stop();
    }
  } finally {
    await closeReaderSchema(name);
  }
};

const ARCHIVE_RATIO_TARGET = { sqlite: 0.1, postgres: 0.05 } as const;
const ARCHIVE_P99_TARGET_MS = 50;

const cell = (s: string, n: number) => s.padStart(n);

/**
 * The archive walk on both backends side by side (issue 18's targets: ≥ 0.1× raw on SQLite, ≥ 0.05× on
 * PostgreSQL, p99 < 50 ms), each against the raw server measured just before it.
 */
export const printArchiveSideBySide = (
  articles: number,
  sqlite: { raw: LoadResult; result: LoadResult; detail: string } | null,
  postgres: PostgresWalk | null,
): void => {
  log(
    `\nArchive walk (uncached article pages, gzip), ${fmt(articles)} articles: SQLite and PostgreSQL side by side; ` +
      'ratio = req/s ÷ the raw server measured just before; db cpu µs = PostgreSQL backends per answer (SQLite runs inside the server)',
  );
  log(
    `${'backend'.padEnd(10)} ${cell('req/s', 7)} ${cell('p50 ms', 7)} ${cell('p99 ms', 7)} ${cell('raw req/s', 9)} ` +
      `${cell('ratio', 6)} ${cell('cpu µs', 7)} ${cell('db cpu µs', 9)}  ${'ratio target'.padEnd(12)} ${'p99 target'.padEnd(11)} failed`,
  );
  const line = (backend: 'sqlite' | 'postgres', raw: LoadResult, result: LoadResult, dbCpu: number | null) => {
    const ratio = result.requestsPerSecond / raw.requestsPerSecond;
    const target = ARCHIVE_RATIO_TARGET[backend];
    const ok = (b: boolean) => (b ? 'PASS' : 'FAIL');
    log(
      `${(backend === 'sqlite' ? 'SQLite' : 'PostgreSQL').padEnd(10)} ${cell(fmt(result.requestsPerSecond), 7)} ` +
        `${cell(fmt(result.p50Ms, 1), 7)} ${cell(fmt(result.p99Ms, 1), 7)} ${cell(fmt(raw.requestsPerSecond), 9)} ` +
        `${cell(fmt(ratio, 3), 6)} ${cell(result.cpuUsPerRequest === null ? 'n/a' : fmt(result.cpuUsPerRequest), 7)} ` +
        `${cell(backend === 'sqlite' ? '(in cpu)' : dbCpu === null ? 'n/a' : fmt(dbCpu), 9)}  ` +
        `${`${ok(ratio >= target)} ≥${target}`.padEnd(12)} ${`${ok(result.p99Ms < ARCHIVE_P99_TARGET_MS)} <${ARCHIVE_P99_TARGET_MS}`.padEnd(11)} ` +
        `${fmt(result.failures + raw.failures)}`,
    );
  };
  if (sqlite) line('sqlite', sqlite.raw, sqlite.result, null);
  else log('SQLite     (not measured)');
  if (sqlite) log(`  SQLite: ${sqlite.detail}`);
  if (postgres === null) log('PostgreSQL skipped: BENCH_POSTGRES=0');
  else if (postgres.skipped !== null) log(`PostgreSQL skipped: ${postgres.skipped}`);
  else {
    const { raw, result, databaseCpuUs } = postgres.round;
    line('postgres', raw, result, databaseCpuUs);
    if (result.requests > postgres.sample)
      log(
        `  PostgreSQL: ${fmt(result.requests)} requests for ${fmt(postgres.sample)} pages: ${fmt(result.requests - postgres.sample)} ran past the sample, and the figure includes those cached answers`,
      );
    log(
      `  PostgreSQL: moved from SQLite in ${fmt(postgres.moveMs / 1000, 1)} s (export ${fmt(postgres.move.exportMs / 1000, 1)} s, ` +
        `import site ${fmt(postgres.move.importMs / 1000, 1)} s, of which search index ${fmt(postgres.move.searchIndexMs / 1000, 1)} s); ` +
        `${fmt(postgres.copied)} kept pages copied from SQLite, ` +
        `then pages render ${fmt(postgres.keepMs / 1000, 1)} s (${postgres.keepLine})`,
    );
  }
};
