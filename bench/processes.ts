import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serviceLaunch } from './service-launch.js';

/** Child processes and temp folders of a bench run, and the one place that removes them. */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const children = new Set<ChildProcess>();
const folders = new Set<string>();

export const trackFolder = (dir: string): void => void folders.add(dir);

export const removeFolder = (dir: string): void => {
  rmSync(dir, { recursive: true, force: true });
  folders.delete(dir);
};

/** Synchronous, so it also works from an 'exit' handler. */
export const cleanUpEverything = (): void => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  folders.clear();
};

/**
 * Runs a bench script's main: its servers and folders (and whatever `cleanUp` adds, such as PostgreSQL schemas) are
 * removed however it ends, by an error, Ctrl-C or SIGTERM; an error is one message and exit code 1.
 */
export const runBench = async (
  name: string,
  main: () => Promise<void>,
  cleanUp: () => Promise<void> = async () => {},
): Promise<void> => {
  process.on('exit', cleanUpEverything);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanUpEverything();
      // The servers are gone, so what they used (a schema) can be dropped.
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    await main();
  } catch (error) {
    process.stderr.write(
      `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    cleanUpEverything();
    await cleanUp();
  }
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      s.close(() => resolve(port));
    });
  });

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One GET without keep-alive or a shared agent, bounded by `timeoutMs`. */
export const httpGet = (
  port: number,
  path: string,
  timeoutMs = 5000,
  headers: Record<string, string> = {},
): Promise<HttpResult> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stopChild = async (child: ChildProcess, graceMs = 5000): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  children.delete(child);
};

/** The sizes in kB that /proc/PID/status lists (VmRSS, RssAnon, …) of a live process (Linux); null elsewhere. */
const statusSizesKb = (pid: number): Map<string, number> | null => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return new Map([...status.matchAll(/^(\w+):\s+(\d+)\s+kB$/gm)].map((m) => [m[1]!, Number(m[2])]));
  } catch {
    return null;
  }
};

/**
 * A live process's resident set and what it is made of, from one reading of /proc (Linux); null elsewhere. `fileMb`:
 * pages of mapped files (node's binary, ICU's data in it, shared libraries), which every node process on the host
 * shares and the kernel can read again; `anonMb`: the process's own memory (V8's heap, malloc's arenas, stacks); null
 * when the kernel does not list them.
 */
export const residentMemory = (
  pid: number,
): { mb: number; parts: { fileMb: number; anonMb: number } | null } | null => {
  const sizes = statusSizesKb(pid);
  const rss = sizes?.get('VmRSS');
  if (rss === undefined) return null;
  const [anon, file, shmem] = ['RssAnon', 'RssFile', 'RssShmem'].map((field) => sizes!.get(field));
  const parts =
    anon === undefined || file === undefined || shmem === undefined
      ? null
      : { fileMb: (file + shmem) / 1024, anonMb: anon / 1024 };
  return { mb: rss / 1024, parts };
};

/** Resident set size of a live process, from /proc (Linux); null elsewhere. */
export const residentMemoryMb = (pid: number): number | null => residentMemory(pid)?.mb ?? null;

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds a live process has used, from /proc (Linux); null elsewhere. */
export const cpuSeconds = (pid: number): number | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces: state is [0], utime [11], stime [12].
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return null;
  }
};

export interface ServerProcess {
  pid: number;
  port: number;
  /** Spawn to the first 200 on GET /. */
  coldStartMs: number;
  /** Where its stdout and stderr go. */
  logFile: string;
  stop(): Promise<void>;
}

/**
 * `dateline pages render` over the folder, as an operator runs it after an import or an upgrade: every live article's
 * page rendered and kept (record 0009), so the archive walk reads kept pages. Returns its time and its last line.
 */
/**
 * The public origin the server and `pages render` both run with, as a deployed site has one: pages print it in every
 * canonical link, so a page kept under one origin is not served under another (the site stamp, record 0009).
 */
const BASE_URL = 'https://news.example.com';

export const keepArticlePages = (
  dataDir: string,
  /** Extra environment, as startServer takes it (DATABASE_URL for a PostgreSQL archive). */
  env: Record<string, string> = {},
): { ms: number; line: string } => {
  const started = performance.now();
  let out: string;
  try {
    out = execFileSync(process.execPath, ['bin/dateline.js', 'pages', 'render'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATELINE_DATA: dataDir,
        DATELINE_DEMO: '0',
        DATELINE_BASE_URL: BASE_URL,
        ...env,
      },
      encoding: 'utf8',
      // Its progress lines go to stderr: kept, so that a failure says why.
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').slice(-4000);
    throw new Error(`dateline pages render failed; the end of its stderr:\n${stderr}`, { cause: error });
  }
  return { ms: performance.now() - started, line: out.trim().split('\n').at(-1) ?? '' };
};

/**
 * Starts the built server exactly as an operator would: `node bin/dateline.js serve` with the launch settings of
 * docs/deploy/dateline.service (node flags, `Environment=`), one process, with the default configuration (no
 * LOG_LEVEL or other tuning), and polls GET / every 10 ms until it answers 200.
 * Its output goes to a file beside the data folder, as a service manager's journal would take it: read by
 * the bench through a pipe, the access log at info would cost the bench CPU it shares with the server.
 */
export const startServer = async (opts: {
  dataDir: string;
  nodeArgs?: string[];
  timeoutMs?: number;
  /** Extra environment, e.g. REDIS_URL or DATELINE_TRUST_PROXY; wins over the defaults below. */
  env?: Record<string, string>;
}): Promise<ServerProcess> => {
  const port = await freePort();
  const logFile = `${opts.dataDir}.log`;
  const fd = openSync(logFile, 'a');
  const started = performance.now();
  const launch = serviceLaunch();
  const nodeArgs = [...launch.nodeArgs, ...(opts.nodeArgs ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, 'bin/dateline.js', 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATELINE_DATA: opts.dataDir,
      // The generated archive is the content; demo articles would only add to it.
      DATELINE_DEMO: '0',
      DATELINE_WORKERS: '1',
      DATELINE_BASE_URL: BASE_URL,
      ...launch.env,
      ...opts.env,
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  children.add(child);

  const deadline = started + (opts.timeoutMs ?? 60_000);
  let coldStartMs: number | null = null;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const res = await httpGet(port, '/', 2000);
      if (res.status === 200) {
        coldStartMs = performance.now() - started;
        break;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(10);
  }
  if (coldStartMs === null) {
    await stopChild(child);
    const output = readFileSync(logFile, 'utf8').slice(-8000);
    throw new Error(`the server did not answer 200 on / in time; the end of its output:\n${output}`);
  }
  return { pid: child.pid!, port, coldStartMs, logFile, stop: () => stopChild(child) };
};

export interface RawServerProcess {
  pid: number;
  port: number;
  stop(): Promise<void>;
}

/**
 * A response for the raw server to replay: what the real server sent for `path`, headers included, for a
 * request with (`gzip`) or without Accept-Encoding: gzip.
 */
export interface RawPage {
  path: string;
  gzip: boolean;
  headers: Record<string, string | string[]>;
  body: Buffer;
}
/** How writeRawPages stores pages for bench/raw-server.ts. */
export type RawPagesFile = (Omit<RawPage, 'body'> & { body: string })[];

/**
 * Headers node:http writes by itself on every answer (or that depend on the connection): the raw server's
 * own node:http adds its own, so replaying the captured ones would send them twice.
 */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** The headers of a captured answer worth replaying, as one string each. */
export const replayableHeaders = (headers: HttpResult['headers']): Record<string, string | string[]> => {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !PER_CONNECTION.has(name)) kept[name] = value;
  return kept;
};

export const writeRawPages = (file: string, pages: readonly RawPage[]): void => {
  const stored: RawPagesFile = pages.map((p) => ({ ...p, body: p.body.toString('base64') }));
  writeFileSync(file, JSON.stringify(stored));
};

/**
 * Starts bench/raw-server.ts in its own process, replaying the pages in `pagesFile` (see writeRawPages); or,
 * with `pagesFile` null, answering every request with an empty 204 (the view beacon's answer) carrying
 * `noContentHeaders` (the headers the server's own 204 carried).
 */
export const startRawServer = async (
  pagesFile: string | null,
  noContentHeaders: Record<string, string | string[]> = {},
): Promise<RawServerProcess> => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/raw-server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(pagesFile === null
        ? { RAW_STATUS: '204', RAW_HEADERS: JSON.stringify(noContentHeaders) }
        : { RAW_PAGES_FILE: pagesFile }),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the raw server did not start within 20 s')), 20_000);
      child.once('message', (m: { port?: number }) => {
        clearTimeout(timer);
        if (typeof m.port === 'number') resolve(m.port);
        else reject(new Error('the raw server sent no port'));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the raw server exited with ${code}`));
      });
    });
    return { pid: child.pid!, port, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
};

/**
 * Runs a bench script (TypeScript, through tsx) in a child process and resolves with the first message it
 * sends over IPC; the child is tracked, so it is killed with everything else on exit, error or Ctrl-C.
 */
export const runScript = async <T>(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  timeoutMs = 30 * 60_000,
): Promise<T> => {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script} did not answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      child.once('message', (m) => {
        clearTimeout(timer);
        resolve(m as T);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited with ${code ?? signal} before answering`));
      });
    });
  } finally {
    // The script exits by itself once its answer is sent; give it a moment, then make sure.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    children.delete(child);
  }
};
