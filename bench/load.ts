import autocannon from 'autocannon';
import { cpuSeconds } from './processes.js';

export interface LoadSettings {
  connections: number;
  durationS: number;
  warmupS: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  requests: number;
  /** Anything but a 2xx, plus connection errors and timeouts: a valid run has none. */
  failures: number;
  /**
   * CPU time the serving process spent per request. Unlike req/s it does not depend on whether the server or
   * the load generator ran out of CPU first, nor much on other work on the machine. Null without /proc.
   */
  cpuUsPerRequest: number | null;
}

const run = (port: number, paths: readonly string[], connections: number, durationS: number) => {
  let next = 0;
  // One shared counter: the connections walk the path list together, so each path gets an even share.
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    pipelining: 1,
    duration: durationS,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }],
  });
};

/**
 * Loads one server with autocannon from this process: a warm-up that is thrown away, then the measured run.
 * Every target, the raw baseline included, goes through the same path-cycling code so the load generator
 * costs the same per request.
 */
export const measure = async (
  port: number, pid: number, paths: readonly string[], s: LoadSettings,
): Promise<LoadResult> => {
  if (s.warmupS > 0) await run(port, paths, s.connections, s.warmupS);
  const cpuBefore = cpuSeconds(pid);
  const r = await run(port, paths, s.connections, s.durationS);
  const cpuAfter = cpuSeconds(pid);
  return {
    cpuUsPerRequest: cpuBefore === null || cpuAfter === null || r.requests.total === 0
      ? null
      : ((cpuAfter - cpuBefore) * 1e6) / r.requests.total,
    requestsPerSecond: r.requests.average,
    p99Ms: r.latency.p99,
    p50Ms: r.latency.p50,
    requests: r.requests.total,
    failures: r.non2xx + r.errors + r.timeouts,
  };
};
