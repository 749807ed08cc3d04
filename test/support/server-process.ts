import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll } from 'vitest';

const BIN = new URL('../../bin/dateline.js', import.meta.url).pathname;

/** A port nobody listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface OwnProcess {
  child: ChildProcess;
  /** Everything it wrote so far, standard output and error interleaved as they came. */
  output(): string;
  exited: Promise<Exit>;
  /** SIGTERM to its whole process group (npm, its shell and node), then SIGKILL if it lingers. */
  stop(): Promise<Exit>;
}

/**
 * Starts a command in a process group of its own: `npm start` runs node under a shell, and a signal sent to npm
 * alone would leave the server behind.
 */
export const spawnOwnProcess = (
  command: string,
  args: string[],
  options: { cwd?: string; env: Record<string, string> },
): OwnProcess => {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone already
    }
  };
  const stop = async () => {
    signalGroup('SIGTERM');
    const late = setTimeout(() => signalGroup('SIGKILL'), 10_000);
    const exit = await exited;
    clearTimeout(late);
    // Workers or a shell may outlive the process we started; nothing of the group may stay behind.
    signalGroup('SIGKILL');
    return exit;
  };
  return { child, output: () => text, exited, stop };
};

/** Asks for `url` until it answers 200; gives the time that took and the page, or fails after `withinMs`. */
export const firstPage = async (url: string, withinMs: number): Promise<{ ms: number; html: string }> => {
  const started = performance.now();
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return { ms: performance.now() - started, html: await response.text() };
    } catch {
      // not listening yet
    }
    if (performance.now() - started > withinMs) throw new Error(`${url} did not answer within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * `bin/dateline.js` runs the build in dist/: a test that starts it builds first when a source changed since (the
 * state `npm ci` or the suite's pretest leaves is kept; a run of one file after an edit gets the edit).
 */
export const ensureBuilt = (): void => {
  const root = new URL('../../', import.meta.url).pathname;
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
};

/** What a test that starts the built server leaves for the clean-up after it: its server and its data folder. */
export interface OwnServerTest {
  server?: OwnProcess | undefined;
  dir?: string | undefined;
}

/**
 * For a describe whose tests start the built server (`bin/dateline.js serve`) in processes of their own: the build is
 * checked before them, and after each test the server it set in the returned object is stopped and its folder removed.
 */
export const ownServerTests = (): OwnServerTest => {
  const own: OwnServerTest = {};
  beforeAll(ensureBuilt, 180_000);
  afterEach(async () => {
    await own.server?.stop();
    own.server = undefined;
    if (own.dir) rmSync(own.dir, { recursive: true, force: true });
    own.dir = undefined;
  });
  return own;
};

/**
 * Sends SIGUSR2 to a server started with a probe (`NODE_OPTIONS=--require …`) and reads the line the probe writes in
 * answer, `{tag}: {json}`, as the JSON it holds.
 */
export const probeLine = async <T>(server: OwnProcess, tag: string): Promise<T> => {
  const mark = `${tag}: `;
  const before = server.output().split(mark).length;
  server.child.kill('SIGUSR2');
  for (let waited = 0; waited < 5_000; waited += 20) {
    const parts = server.output().split(mark);
    if (parts.length > before && parts.at(-1)!.includes('\n')) return JSON.parse(parts.at(-1)!.split('\n')[0]!) as T;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the server wrote no ${tag} line:\n${server.output()}`);
};

/** A server started by serveWithProbe, and the address it answers at (`http://127.0.0.1:{port}`). */
export interface ProbedServer {
  server: OwnProcess;
  base: string;
}

/**
 * Starts the built server (`bin/dateline.js serve`, one worker) with a probe of test/support/ loaded into it
 * (`NODE_OPTIONS=--require …`, read with probeLine), on the data folder in `own.dir` (made when unset), and waits for
 * its first page. The server is left in `own` for ownServerTests' clean-up. `nodeOptions` go after the probe; `nodeArgs`
 * on node's command line, for flags NODE_OPTIONS refuses; `bin` is another install's `bin/dateline.js`
 * (recording-bundle.ts).
 */
export const serveWithProbe = async (
  own: OwnServerTest,
  options: { probe: string; nodeOptions?: string; nodeArgs?: string[]; env?: Record<string, string>; bin?: string },
): Promise<ProbedServer> => {
  const dir = (own.dir ??= mkdtempSync(join(tmpdir(), 'dateline-probed-')));
  const port = await freePort();
  const probe = new URL(options.probe, import.meta.url).pathname;
  const server = (own.server = spawnOwnProcess(
    process.execPath,
    [...(options.nodeArgs ?? []), options.bin ?? BIN, 'serve'],
    {
      env: {
        DATELINE_DATA: dir,
        PORT: String(port),
        DATELINE_WORKERS: '1',
        LOG_LEVEL: 'warn',
        NODE_OPTIONS: `--require ${probe} ${options.nodeOptions ?? ''}`.trim(),
        ...options.env,
      },
    },
  ));
  const base = `http://127.0.0.1:${port}`;
  await firstPage(`${base}/`, 30_000);
  return { server, base };
};
