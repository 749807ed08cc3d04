import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, trackFolder } from './processes.js';

/** Runs Debian's wrk (one thread) with bench/wrk-paths.lua and reads the JSON line its done() prints. */

const SCRIPT = fileURLToPath(new URL('./wrk-paths.lua', import.meta.url));

/** True when a `wrk` binary answers on PATH (`wrk -v` prints its version and exits 1, which is fine). */
export const wrkAvailable = (): boolean => {
  const r = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  return r.error === undefined && /wrk/i.test(`${r.stdout}${r.stderr}`);
};

export interface WrkFigures {
  requests: number;
  durationUs: number;
  bytes: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  timeouts: number;
  /** Answers with a status of 400 or more (wrk counts 2xx and 3xx as fine). */
  statusErrors: number;
  /** CPU seconds wrk itself used, sampled every 100 ms (the last sample's worth is missed); null without /proc. */
  cpuSeconds: number | null;
}

export interface WrkRun {
  port: number;
  connections: number;
  durationS: number;
  /** Header lines, "Name: value", sent with every request. */
  headers: readonly string[];
  /** The file the script cycles: one path a line, or one beacon body a line in mode "beacons". */
  file: string;
  /** Script arguments after the file: the mode and its settings. */
  scriptArgs?: readonly string[];
  /** Each connection waits this long before every request (a rough rate limit); unset: none. */
  delayMs?: number;
}

let scratch: string | null = null;
/** Writes lines to a new file in a temp folder removed with the bench's others; returns its path. */
export const writeLines = (name: string, lines: readonly string[]): string => {
  if (scratch === null) {
    scratch = mkdtempSync(join(tmpdir(), 'dateline-wrk-'));
    trackFolder(scratch);
  }
  for (const line of lines) if (/[\r\n]/.test(line)) throw new Error(`a wrk input line holds a line break: ${line}`);
  const file = join(scratch, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

export const runWrk = (run: WrkRun): Promise<WrkFigures> =>
  new Promise((resolve, reject) => {
    const args = [
      '-t1',
      `-c${run.connections}`,
      `-d${run.durationS}s`,
      '--latency',
      '--timeout',
      '10s',
      ...run.headers.flatMap((h) => ['-H', h]),
      '-s',
      SCRIPT,
      `http://127.0.0.1:${run.port}`,
      '--',
      run.file,
      ...(run.scriptArgs ?? []),
    ];
    const env = { ...process.env, ...(run.delayMs ? { WRK_DELAY_MS: String(run.delayMs) } : {}) };
    const child = spawn('wrk', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Node reaps the child at once, so its CPU time can only be read while it runs.
    let cpu: number | null = null;
    const sampler = setInterval(() => (cpu = cpuSeconds(child.pid!) ?? cpu), 100);
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', (error) => {
      clearInterval(sampler);
      reject(error);
    });
    child.once('close', (code) => {
      clearInterval(sampler);
      const line = out.split('\n').find((l) => l.startsWith('wrk-json '));
      if (!line) {
        reject(new Error(`wrk exited with ${code} and printed no figures:\n${out}${err}`));
        return;
      }
      resolve({ ...(JSON.parse(line.slice('wrk-json '.length)) as Omit<WrkFigures, 'cpuSeconds'>), cpuSeconds: cpu });
    });
  });
