import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { unpackCounts } from '../../src/ranking/view-store.js';
import { openViewsDatabase } from '../../src/storage/views-database.js';
import { freePort } from '../support/server-process.js';
import { until } from '../support/wait.js';

const SERVE = new URL('../support/serve-from-source.ts', import.meta.url).pathname;

/** What views.db holds: the views in its log, and the views in its hourly totals (the newsroom's chart). */
const viewsFile = (dir: string): { logged: number; charted: number } => {
  const db = openViewsDatabase(dir);
  try {
    const rows = db.prepare('select counts from view_log').all() as { counts: Buffer }[];
    const logged = rows.flatMap((r) => unpackCounts(r.counts)).reduce((n, c) => n + c.count, 0);
    const charted = (db.prepare('select coalesce(sum(views), 0) as n from view_hour').get() as { n: number }).n;
    return { logged, charted };
  } finally {
    db.close();
  }
};

describe('a server killed with SIGKILL', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  // Wait for each child to be gone before removing its folder: a dying server may still hold the files.
  afterEach(async () => {
    await Promise.all(
      children.map((child) =>
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGKILL')),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts `dateline serve` (one process) on the folder; resolves once it answers the article. */
  const serve = async (path: string) => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', SERVE], {
      env: { ...process.env, DATELINE_DATA: dir, PORT: String(port), DATELINE_DEMO: '0', LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    children.push(child);
    const base = `http://127.0.0.1:${port}`;
    await until(
      'the server answering',
      async () => (await fetch(`${base}${path}`).catch(() => null))?.ok === true,
      30_000,
    );
    return { child, base };
  };

  it('shows on the chart after its restart every view its log holds', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-kill-'));
    const page = join(dir, 'page.txt');
    writeFileSync(
      page,
      'Tram Line Reopens\n08:30 JST, March 3, 2026\nThe tram line reopened.\nTop Articles in Society\n',
    );
    const out: string[] = [];
    await runCli(['import-page', page], { env: { DATELINE_DATA: dir }, stdout: (l) => out.push(l), stderr: () => {} });
    const path = out.at(-1)!;

    const first = await serve(path);
    const html = await (await fetch(`${first.base}${path}`)).text();
    const beacon = JSON.stringify({
      a: Number(/data-article="(\d+)"/.exec(html)![1]),
      t: /data-token="([^"]+)"/.exec(html)![1],
    });
    for (const version of [131, 132, 133]) {
      const res = await fetch(`${first.base}/api/views`, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain;charset=UTF-8',
          'user-agent': `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0 Safari/537.36`,
          'sec-fetch-site': 'same-origin',
        },
        body: beacon,
      });
      expect(res.status).toBe(204);
    }
    await until('the three views in the log', () => viewsFile(dir).logged === 3, 30_000);

    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
    await serve(path);
    expect(viewsFile(dir)).toEqual({ logged: 3, charted: 3 });
  });
});
