import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, type LoadResult, type LoadSettings } from './load.js';
import {
  httpGet,
  removeFolder,
  replayableHeaders,
  startRawServer,
  startServer,
  trackFolder,
  writeRawPages,
  type RawPage,
} from './processes.js';

/**
 * The search page from the page cache (issue 15's "≥ 0.8× the raw server"): the real server, built, default
 * configuration, one process, over a copy of a generated archive, asked for one search it has already answered;
 * beside it a raw node:http server sending the bytes and headers that search got, identity and gzip, in rounds.
 */

export interface PageRound {
  raw: LoadResult;
  result: LoadResult;
}

export interface SearchPageRun {
  path: string;
  /** The X-Cache header of the answer replayed: HIT when the page came from the cache. */
  xCache: string;
  identityBytes: number;
  gzipBytes: number;
  rows: { target: string; rounds: PageRound[] }[];
}

const GZIP = { 'Accept-Encoding': 'gzip' } as const;

export const measureSearchPage = async (opts: {
  /** A data folder holding content.db (closed): copied, so the server's own files never land in the cache. */
  archiveDir: string;
  path: string;
  settings: LoadSettings;
  rounds: number;
  log: (line: string) => void;
}): Promise<SearchPageRun> => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-search-page-'));
  trackFolder(dir);
  try {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    for (const name of ['content.db', 'content.db-wal'])
      if (existsSync(join(opts.archiveDir, name))) copyFileSync(join(opts.archiveDir, name), join(dataDir, name));
    const server = await startServer({ dataDir });
    try {
      const pages: RawPage[] = [];
      let xCache = '';
      for (const gzip of [false, true]) {
        const headers = gzip ? GZIP : {};
        // The first answer renders and keeps the page; the second, replayed, is the cached one.
        const first = await httpGet(server.port, opts.path, 30_000, headers);
        if (first.status !== 200) throw new Error(`GET ${opts.path} answered ${first.status}, expected 200`);
        const res = await httpGet(server.port, opts.path, 30_000, headers);
        xCache ||= String(res.headers['x-cache'] ?? 'none');
        // The raw server looks pages up by path without the query string.
        pages.push({ path: '/search', gzip, headers: replayableHeaders(res.headers), body: res.body });
      }
      const pagesFile = join(dir, 'raw-pages.json');
      writeRawPages(pagesFile, pages);
      const raw = await startRawServer(pagesFile);
      try {
        for (const p of pages) {
          const check = await httpGet(raw.port, opts.path, 5000, p.gzip ? GZIP : {});
          if (!check.body.equals(p.body)) throw new Error(`the raw server does not send the bytes of ${opts.path}`);
        }
        const rows: SearchPageRun['rows'] = [];
        for (const gzip of [false, true]) {
          const target = `search page${gzip ? ', gzip' : ''}`;
          opts.log(`  ${target}: ${opts.rounds} rounds of raw node:http, then the server …`);
          const plan = { kind: 'paths', paths: [opts.path], headers: gzip ? GZIP : {} } as const;
          const rounds: PageRound[] = [];
          for (let i = 0; i < opts.rounds; i++) {
            // Raw just before the server: noise on the shared machine hits both sides of a round's ratio alike.
            const rawResult = await measure(raw.port, raw.pid, plan, opts.settings);
            rounds.push({ raw: rawResult, result: await measure(server.port, server.pid, plan, opts.settings) });
          }
          rows.push({ target, rounds });
        }
        return {
          path: opts.path,
          xCache,
          identityBytes: pages[0]!.body.byteLength,
          gzipBytes: pages[1]!.body.byteLength,
          rows,
        };
      } finally {
        await raw.stop();
      }
    } finally {
      await server.stop();
    }
  } finally {
    removeFolder(dir);
  }
};
