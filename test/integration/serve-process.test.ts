import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { unpackCounts } from '../../src/ranking/view-store.js';
import { openViewsDatabase } from '../../src/storage/views-database.js';

const BIN = new URL('../../bin/dateline.js', import.meta.url).pathname;
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** A data folder holding one article, imported the way a newsroom would; returns its folder and path. */
const folderWithArticle = async (): Promise<{ dir: string; path: string }> => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-serve-'));
  const page = join(dir, 'page.txt');
  writeFileSync(page, ['Harbour Ferry Adds a Late Sailing', '21:10 JST, March 2, 2026',
    'The ferry company will add a sailing after ten in the evening.', 'Top Articles in Society'].join('\n'));
  const out: string[] = [];
  await runCli(['import-page', page], { env: { DATELINE_DATA: dir }, stdout: (l) => out.push(l), stderr: () => {} });
  return { dir, path: out.at(-1)! };
};

const countedViews = (dir: string): number => {
  const db = openViewsDatabase(dir);
  try {
    const rows = db.prepare('select counts from view_log').all() as { counts: Buffer }[];
    return rows.flatMap((r) => unpackCounts(r.counts)).reduce((n, c) => n + c.count, 0);
  } finally {
    db.close();
  }
};

describe('the server process', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const start = async (workers: number) => {
    const article = await folderWithArticle();
    dir = article.dir;
    const port = await freePort();
    child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, DATELINE_DATA: dir, PORT: String(port), DATELINE_DEMO: '0', LOG_LEVEL: 'warn', DATELINE_WORKERS: String(workers) },
      stdio: 'ignore',
    });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        if ((await fetch(`${base}${article.path}`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const html = await (await fetch(`${base}${article.path}`)).text();
    const id = Number(/data-article="(\d+)"/.exec(html)![1]);
    const token = /data-token="([^"]+)"/.exec(html)![1]!;
    const beacon = () =>
      fetch(`${base}/api/views`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME, 'sec-fetch-site': 'same-origin', connection: 'close' },
        body: JSON.stringify({ a: id, t: token }),
      });
    return { base, beacon };
  };

  it('flushes acknowledged views when stopped with SIGTERM', async () => {
    const { beacon } = await start(1);
    expect((await beacon()).status).toBe(204);
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGTERM');
    await exited;
    expect(countedViews(dir!)).toBe(1);
  });

  it('counts a reader once even when their beacons reach different workers', async () => {
    const { base, beacon } = await start(2);
    for (let i = 0; i < 8; i++) expect((await beacon()).status).toBe(204);
    await new Promise((r) => setTimeout(r, 2500));
    const ranking = (await (await fetch(`${base}/api/ranking?window=1h`)).json()) as { articles: { views: number }[] };
    expect(ranking.articles.map((a) => a.views)).toEqual([1]);
  });
});
