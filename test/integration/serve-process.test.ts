import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../../src/cli/dateline.js';
import { unpackCounts } from '../../src/ranking/view-store.js';
import { openViewsDatabase } from '../../src/storage/views-database.js';
import { ensureBuilt, freePort } from '../support/server-process.js';
import { eventually } from '../support/wait.js';

const BIN = new URL('../../bin/dateline.js', import.meta.url).pathname;
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/** What navigator.sendBeacon sends from one of our pages. */
const beaconHeaders = (userAgent: string) => ({
  'content-type': 'text/plain;charset=UTF-8',
  'user-agent': userAgent,
  'sec-fetch-site': 'same-origin',
});

/** A data folder holding one article, imported the way a newsroom would; returns its folder and path. */
const folderWithArticle = async (): Promise<{ dir: string; path: string }> => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-serve-'));
  const page = join(dir, 'page.txt');
  writeFileSync(
    page,
    [
      'Harbour Ferry Adds a Late Sailing',
      '21:10 JST, March 2, 2026',
      'The ferry company will add a sailing after ten in the evening.',
      'Top Articles in Society',
    ].join('\n'),
  );
  const out: string[] = [];
  await runCli(['import-page', page], { env: { DATELINE_DATA: dir }, stdout: (l) => out.push(l), stderr: () => {} });
  return { dir, path: out.at(-1)! };
};

/** Total views in the durable log that every worker appends to. */
const countedViews = (dir: string): number => {
  const db = openViewsDatabase(dir);
  try {
    const rows = db.prepare('select counts from view_log').all() as { counts: Buffer }[];
    return rows.flatMap((r) => unpackCounts(r.counts)).reduce((n, c) => n + c.count, 0);
  } finally {
    db.close();
  }
};

/**
 * The server's log lines that matter here; pino puts the pid of the process that wrote it on every line, and the
 * access log (DATELINE_ACCESS_LOG=1) the path and the client's port on each request's line.
 */
const LogLine = z.object({
  pid: z.number(),
  msg: z.string(),
  url: z.string().optional(),
  remotePort: z.number().optional(),
});

const parseLogLine = (line: string): z.infer<typeof LogLine> | null => {
  try {
    const parsed = LogLine.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

describe('the server process', () => {
  // bin/dateline.js runs dist/: a source edited since the last build would otherwise be tested as it was.
  beforeAll(ensureBuilt, 180_000);
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Starts `dateline serve` with its access log on; its log (stdout) is collected line by line. */
  const start = async (workers: number) => {
    const article = await folderWithArticle();
    dir = article.dir;
    const port = await freePort();
    const env = { DATELINE_DATA: dir, PORT: String(port), DATELINE_DEMO: '0', DATELINE_WORKERS: String(workers) };
    child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, ...env, LOG_LEVEL: 'info', DATELINE_ACCESS_LOG: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const log: string[] = [];
    let partial = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      log.push(...lines);
    });
    const base = `http://127.0.0.1:${port}`;
    // Workers start slowly on a busy machine (migrations, the view log, the cluster gate).
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${base}${article.path}`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    // The first worker to listen answers at once; the others must be listening too before the test begins.
    await eventually(`${workers} workers listening`, () => {
      const listening = log.map(parseLogLine).filter((l) => l?.msg.startsWith('Server listening'));
      const pids = new Set(listening.map((l) => l!.pid));
      return pids.size === workers ? pids : undefined;
    });
    const html = await (await fetch(`${base}${article.path}`)).text();
    const id = Number(/data-article="(\d+)"/.exec(html)![1]);
    const token = /data-token="([^"]+)"/.exec(html)![1]!;
    const beacon = () =>
      fetch(`${base}/api/views`, {
        method: 'POST',
        headers: { ...beaconHeaders(CHROME), connection: 'close' },
        body: JSON.stringify({ a: id, t: token }),
      });
    /**
     * Sends a beacon on a connection of its own and finds, in the request log, the pid of the worker that took
     * it: the line whose remote port is this connection's local port.
     */
    const beaconToSomeWorker = async (userAgent: string): Promise<{ status: number; pid: number }> => {
      const { status, localPort } = await new Promise<{ status: number; localPort: number }>((resolve, reject) => {
        let localPort = 0;
        const options = { method: 'POST', agent: false, headers: beaconHeaders(userAgent) };
        const req = request(`${base}/api/views`, options, (res) => {
          res.resume().on('end', () => resolve({ status: res.statusCode ?? 0, localPort }));
        });
        req.on('socket', (socket) =>
          socket.once('connect', () => {
            localPort = socket.localPort ?? 0;
          }),
        );
        req.on('error', reject);
        req.end(JSON.stringify({ a: id, t: token }));
      });
      const pid = await eventually(
        `the log line of the request from port ${localPort}`,
        () => log.map(parseLogLine).find((l) => l?.url === '/api/views' && l.remotePort === localPort)?.pid,
      );
      return { status, pid };
    };
    const rankedViews = async (): Promise<number[]> => {
      const body: unknown = await (await fetch(`${base}/api/ranking?window=1h`)).json();
      return z
        .object({ articles: z.array(z.object({ views: z.number() })) })
        .parse(body)
        .articles.map((a) => a.views);
    };
    return { beacon, beaconToSomeWorker, rankedViews };
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
    const { beaconToSomeWorker, rankedViews } = await start(2);
    // The cluster hands connections to workers in turn: a few new connections reach both.
    const readerPids = new Set<number>();
    for (let i = 0; i < 20 && readerPids.size < 2; i++) {
      const { status, pid } = await beaconToSomeWorker(CHROME);
      expect(status).toBe(204);
      readerPids.add(pid);
    }
    expect(readerPids.size).toBe(2);
    // A worker hands its queue on in order, so once another reader's beacon sent to a worker afterwards is
    // counted, that worker has judged every beacon of the first reader. Each marker is a different reader.
    const markedPids = new Set<number>();
    let markers = 0;
    for (let i = 0; i < 20 && markedPids.size < readerPids.size; i++) {
      const { status, pid } = await beaconToSomeWorker(CHROME.replace('Chrome/131.0', `Chrome/${140 + ++markers}.0`));
      expect(status).toBe(204);
      markedPids.add(pid);
    }
    expect([...markedPids].sort((a, b) => a - b)).toEqual([...readerPids].sort((a, b) => a - b));
    const expected = 1 + markers;
    const logged = await eventually('every marker in the view log', () => {
      const n = countedViews(dir!);
      return n >= expected ? n : undefined;
    });
    expect(logged).toBe(expected);
    // Each worker reads the log back every second; the ranking a worker serves shows the same count.
    const ranked = await eventually('the ranking to show the markers', async () => {
      const views = await rankedViews();
      return (views[0] ?? 0) >= expected ? views : undefined;
    });
    expect(ranked).toEqual([expected]);
  });
});
