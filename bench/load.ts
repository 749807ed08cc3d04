import autocannon from 'autocannon';
import { cpuSeconds } from './processes.js';
import { runWrk, wrkAvailable, writeLines } from './wrk.js';

export interface LoadSettings {
  connections: number;
  durationS: number;
  warmupS: number;
  /**
   * Requests per second over all connections, roughly; unset: as fast as the server answers. wrk has no
   * fixed-rate mode, so each connection waits connections ÷ rate before every request: the rate reached is
   * somewhat below this (the answer's own time adds to the wait), and the report prints the rate reached.
   */
  overallRate?: number;
  /**
   * Paths the warm-up asks for instead of the plan's (a paths plan only): the archive walk warms the server's code
   * up on other uncached pages than those it measures, which a warm-up over its own would cache.
   */
  warmupPaths?: readonly string[];
}

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  requests: number;
  /** Answers of 400 or more, plus connection errors and timeouts: a valid run has none. */
  failures: number;
  /**
   * CPU time the serving process spent per request. Unlike req/s it does not depend on whether the server or
   * the load generator ran out of CPU first, nor much on other work on the machine. Null without /proc.
   */
  cpuUsPerRequest: number | null;
  /** Share of one core the load generator used, in percent: near 100 means it, not the server, set the pace. */
  generatorBusy: number | null;
}

/**
 * What to send. "paths": GETs cycling through the paths, each connection taking the next, with the same
 * headers on every request. "beacons": view beacons (POST /api/views), the n-th from fake visitor n mod
 * `visitors` for body (7·visitor + n div visitors) mod bodies; `sent` carries the sequence on from one run to
 * the next, so no visitor-article pair repeats across the runs of one plan.
 */
export type LoadPlan =
  | { kind: 'paths'; paths: readonly string[]; headers?: Readonly<Record<string, string>> }
  | {
      kind: 'beacons';
      bodies: readonly string[];
      headers: Readonly<Record<string, string>>;
      visitors: number;
      sent: number;
    };

/** Which load generator drives the runs: wrk when installed (see bench/README.md), else autocannon. */
export const loadGenerator: 'wrk' | 'autocannon' = wrkAvailable() ? 'wrk' : 'autocannon';

/** The loud warning a run without wrk prints first: its ratios say more about autocannon than the server. */
export const generatorWarning = (): string | null =>
  loadGenerator === 'wrk'
    ? null
    : [
        '',
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        '!! wrk is not installed (apt-get install wrk): falling back to autocannon in this process.        !!',
        '!! autocannon spends more CPU per request than the server, so it sets the pace and every server   !!',
        '!! looks close to raw. These ratios are client-bound; compare CPU per request, not req/s.         !!',
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        '',
      ].join('\n');

const ipOf = (v: number) => `10.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;

interface RequestShape {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The same sequences as bench/wrk-paths.lua, for autocannon. */
const sequence = (plan: LoadPlan): (() => RequestShape) => {
  if (plan.kind === 'paths') {
    let i = 0;
    const headers = { ...plan.headers };
    return () => ({ method: 'GET', path: plan.paths[i++ % plan.paths.length]!, headers, body: '' });
  }
  return () => {
    const n = ++plan.sent;
    const v = n % plan.visitors;
    const k = Math.floor(n / plan.visitors);
    return {
      method: 'POST',
      path: '/api/views',
      headers: { ...plan.headers, 'x-forwarded-for': ipOf(v) },
      body: plan.bodies[(v * 7 + k) % plan.bodies.length]!,
    };
  };
};

interface Counted {
  requests: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
  /** CPU seconds of the load generator; null when it runs in this process (autocannon) or without /proc. */
  generatorCpuS: number | null;
}

const autocannonRun = async (port: number, plan: LoadPlan, s: LoadSettings, durationS: number): Promise<Counted> => {
  const next = sequence(plan);
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: s.connections,
    pipelining: 1,
    duration: durationS,
    ...(s.overallRate ? { overallRate: s.overallRate } : {}),
    requests: [
      {
        setupRequest: (req) => {
          const r = next();
          return { ...req, ...r, headers: { ...req.headers, ...r.headers } };
        },
      },
    ],
  });
  const failures = r.errors + r.timeouts + r['4xx'] + r['5xx'];
  return {
    requests: r.requests.total,
    seconds: durationS,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    failures,
    generatorCpuS: null,
  };
};

const plannedFiles = new WeakMap<LoadPlan, string>();
let fileCount = 0;

const wrkRun = async (port: number, plan: LoadPlan, s: LoadSettings, durationS: number): Promise<Counted> => {
  let file = plannedFiles.get(plan);
  if (file === undefined) {
    file = writeLines(`plan-${++fileCount}.txt`, plan.kind === 'paths' ? plan.paths : plan.bodies);
    plannedFiles.set(plan, file);
  }
  const r = await runWrk({
    port,
    connections: s.connections,
    durationS,
    headers: Object.entries(plan.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    file,
    scriptArgs: plan.kind === 'beacons' ? ['beacons', String(plan.visitors), String(plan.sent)] : [],
    ...(s.overallRate ? { delayMs: Math.max(1, Math.round((s.connections * 1000) / s.overallRate)) } : {}),
  });
  // Requests still in flight when wrk stopped were built too: skip past them.
  if (plan.kind === 'beacons') plan.sent += r.requests + s.connections;
  return {
    requests: r.requests,
    seconds: r.durationUs / 1e6,
    p50Ms: r.p50Us / 1000,
    p99Ms: r.p99Us / 1000,
    failures: r.statusErrors + r.connectErrors + r.readErrors + r.writeErrors + r.timeouts,
    generatorCpuS: r.cpuSeconds,
  };
};

/**
 * Loads one server: a warm-up that is thrown away, then the measured run, with the serving process's CPU
 * read from /proc around the measured run. Every target, the raw baseline included, is loaded the same way.
 */
export const measure = async (port: number, pid: number, plan: LoadPlan, s: LoadSettings): Promise<LoadResult> => {
  const run = loadGenerator === 'wrk' ? wrkRun : autocannonRun;
  if (s.warmupS > 0)
    await run(port, s.warmupPaths && plan.kind === 'paths' ? { ...plan, paths: s.warmupPaths } : plan, s, s.warmupS);
  const cpuBefore = cpuSeconds(pid);
  const r = await run(port, plan, s, s.durationS);
  const cpuAfter = cpuSeconds(pid);
  return {
    cpuUsPerRequest:
      cpuBefore === null || cpuAfter === null || r.requests === 0 ? null : ((cpuAfter - cpuBefore) * 1e6) / r.requests,
    requestsPerSecond: r.requests / r.seconds,
    p99Ms: r.p99Ms,
    p50Ms: r.p50Ms,
    requests: r.requests,
    failures: r.failures,
    generatorBusy: r.generatorCpuS === null ? null : (r.generatorCpuS / r.seconds) * 100,
  };
};
