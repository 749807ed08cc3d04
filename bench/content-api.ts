import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, type LoadResult, type LoadSettings } from './load.js';
import { busyShare, fmt, log, pad, passFail, percent, us } from './report.js';
import {
  httpGet,
  replayableHeaders,
  startRawServer,
  writeRawPages,
  type RawPage,
  type ServerProcess,
} from './processes.js';

/**
 * The Content API's posts browse (issue 16, "Quality"), measured inside `npm run bench` as the reader pages are:
 * wrk against the real server, then against a raw node:http server replaying the same bytes and headers, in
 * rounds. "cached" asks one query again and again (Ghost's client's default browse with tags and authors): the page
 * cache answers, target ≥ 0.8× raw. "uncached" asks a query nothing asked before on every request (a page of
 * 15 with `filter=id:-N`, N counting up, pages 1–20 in turn), so each one is a cache miss read from the database
 * and drawn (html included): target ≥ 2,000 req/s. See bench/README.md.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GZIP = { 'Accept-Encoding': 'gzip' } as const;
export const CONTENT_API_TARGETS = { cachedRatio: 0.8, uncachedRps: 2000 } as const;
/** Distinct uncached queries written for wrk; a run asking more than this repeats them, and the report says so. */
const UNCACHED_QUERIES = 200_000;
/** How many of the uncached answers the raw server replays in turn (real answers' bytes; their sizes vary little). */
const RAW_SAMPLE = 50;

interface ApiRound {
  raw: LoadResult;
  result: LoadResult;
}
export interface ContentApiRun {
  cached: ApiRound[];
  uncached: ApiRound[];
  /** The uncached run asked more queries than there were distinct ones: the figure then includes cache hits. */
  uncachedRepeated: boolean;
  answerBytes: number;
}

/** A content key made as an operator makes one (`dateline api-key add`, the key its last line), for this data folder. */
export const addContentKey = (dataDir: string): string => {
  const out = execFileSync(
    process.execPath,
    ['bin/dateline.js', 'api-key', 'add', '--name', 'Benchmark', '--type', 'content'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATELINE_DATA: dataDir, DATELINE_DEMO: '0' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const key = out.trim().split('\n').at(-1) ?? '';
  if (!/^[0-9a-f]{26}$/.test(key)) throw new Error(`dateline api-key add printed no content key: ${out}`);
  return key;
};

const cachedPath = (key: string) => `/ghost/api/content/posts/?key=${key}&include=tags,authors`;
const uncachedPaths = (key: string): string[] =>
  Array.from(
    { length: UNCACHED_QUERIES },
    (_, n) => `/ghost/api/content/posts/?key=${key}&limit=15&page=${(n % 20) + 1}&filter=id:-${n + 1}`,
  );

/** What the server answered for each path, for the raw server to replay; every answer must be a 200. */
const captured = async (port: number, paths: readonly string[]): Promise<RawPage[]> => {
  const pages: RawPage[] = [];
  for (const path of paths) {
    const res = await httpGet(port, path, 10_000, GZIP);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}, expected 200`);
    pages.push({ path, gzip: true, headers: replayableHeaders(res.headers), body: res.body });
  }
  return pages;
};

const roundsOf = async (
  server: ServerProcess,
  rawPages: RawPage[],
  pagesFile: string,
  paths: readonly string[],
  rounds: number,
  settings: LoadSettings,
): Promise<ApiRound[]> => {
  writeRawPages(pagesFile, rawPages);
  // The raw server keys answers by path without the query: every request here gets the captured answers in turn.
  const raw = await startRawServer(pagesFile);
  try {
    const plan = { kind: 'paths', paths, headers: GZIP } as const;
    const out: ApiRound[] = [];
    for (let i = 0; i < rounds; i++) {
      const rawResult = await measure(raw.port, raw.pid, plan, settings);
      out.push({ raw: rawResult, result: await measure(server.port, server.pid, plan, settings) });
    }
    return out;
  } finally {
    await raw.stop();
  }
};

/**
 * Measures both targets against a running server whose folder is `dataDir` (`scratchDir` takes the raw server's
 * pages). The uncached target has no warm-up, which would use up queries, and its paths skip the few the check asked.
 */
export const measureContentApi = async (opts: {
  server: ServerProcess;
  dataDir: string;
  scratchDir: string;
  rounds: number;
  settings: LoadSettings;
}): Promise<ContentApiRun> => {
  const key = addContentKey(opts.dataDir);
  const cached = cachedPath(key);
  const [page] = await captured(opts.server.port, [cached]);
  const uncached = uncachedPaths(key);
  const sample = await captured(opts.server.port, uncached.slice(-RAW_SAMPLE));
  const fresh = uncached.slice(0, -RAW_SAMPLE);
  const file = join(opts.scratchDir, 'content-api-pages.json');
  log(`  content API posts: ${opts.rounds} rounds cached, ${opts.rounds} uncached, raw node:http then the server …`);
  const cachedRounds = await roundsOf(opts.server, [page!], file, [cached], opts.rounds, opts.settings);
  const uncachedRounds: ApiRound[] = [];
  let asked = 0;
  for (let i = 0; i < opts.rounds; i++) {
    // Each round goes on where the last stopped: the server never saw these queries.
    const paths = fresh.slice(asked % fresh.length).concat(fresh.slice(0, asked % fresh.length));
    const [round] = await roundsOf(opts.server, sample, file, paths, 1, { ...opts.settings, warmupS: 0 });
    uncachedRounds.push(round!);
    asked += round!.result.requests;
  }
  return {
    cached: cachedRounds,
    uncached: uncachedRounds,
    uncachedRepeated: asked > fresh.length,
    answerBytes: page!.body.byteLength,
  };
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const medianOrNull = (values: (number | null)[]): number | null =>
  values.some((v) => v === null) ? null : median(values as number[]);

/** The two rows, each figure the median over its rounds; the ratio the median of each round's server ÷ raw. */
export const printContentApi = (run: ContentApiRun): boolean => {
  log(
    `Content API posts (issue 16), gzip, answer ${fmt(run.answerBytes)} bytes compressed; ratio = server ÷ raw node:http replaying the same bytes and headers`,
  );
  log(
    `${pad('target', 22)} ${pad('req/s', 7, true)} ${pad('p50 ms', 6, true)} ${pad('p99 ms', 6, true)} ${pad('raw req/s', 9, true)} ` +
      `${pad('ratio', 5, true)}  ${pad('cpu µs', 8, true)} ${pad('busy', 5, true)} ${pad('failed', 6, true)}  target`,
  );
  let valid = true;
  for (const [name, rounds] of [
    ['posts browse, cached', run.cached],
    ['posts browse, uncached', run.uncached],
  ] as const) {
    const rps = median(rounds.map((r) => r.result.requestsPerSecond));
    const ratio = median(rounds.map((r) => r.result.requestsPerSecond / r.raw.requestsPerSecond));
    const failures = rounds.reduce((n, r) => n + r.result.failures + r.raw.failures, 0);
    if (failures > 0) valid = false;
    const check =
      name === 'posts browse, cached'
        ? `${passFail(ratio >= CONTENT_API_TARGETS.cachedRatio && failures === 0)} ratio ≥${CONTENT_API_TARGETS.cachedRatio}`
        : `${passFail(rps >= CONTENT_API_TARGETS.uncachedRps && failures === 0)} ≥${fmt(CONTENT_API_TARGETS.uncachedRps)} req/s` +
          (run.uncachedRepeated ? ' (ran past the distinct queries: includes cache hits)' : '');
    log(
      `${pad(name, 22)} ${pad(fmt(rps), 7, true)} ${pad(fmt(median(rounds.map((r) => r.result.p50Ms)), 1), 6, true)} ` +
        `${pad(fmt(median(rounds.map((r) => r.result.p99Ms)), 1), 6, true)} ${pad(fmt(median(rounds.map((r) => r.raw.requestsPerSecond))), 9, true)} ` +
        `${pad(fmt(ratio, 2), 5, true)}  ${pad(us(medianOrNull(rounds.map((r) => r.result.cpuUsPerRequest))), 8, true)} ` +
        `${pad(percent(medianOrNull(rounds.map((r) => busyShare(r.result)))), 5, true)} ${pad(fmt(failures), 6, true)}  ${check}`,
    );
  }
  return valid;
};
