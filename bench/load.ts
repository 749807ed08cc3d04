import autocannon from 'autocannon';
import { cpuSeconds } from './processes.js';

export interface LoadSettings {
  connections: number;
  durationS: number;
  warmupS: number;
  /** Requests per second over all connections (autocannon's overallRate); unset: as fast as the server answers. */
  overallRate?: number;
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

/** The fields of one request autocannon may change per request. */
export interface RequestShape {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

const run = (port: number, next: () => RequestShape, connections: number, durationS: number, overallRate?: number) =>
  autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    pipelining: 1,
    duration: durationS,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        setupRequest: (req) => {
          const r = next();
          return {
            ...req,
            method: r.method ?? 'GET',
            path: r.path,
            headers: { ...req.headers, ...r.headers },
            body: r.body ?? '',
          };
        },
      },
    ],
  });

/**
 * Loads one server with autocannon from this process: a warm-up that is thrown away, then the measured run.
 * `next` is called once per request, from one shared sequence for all connections. Every target, the raw
 * baseline included, goes through the same request-building code so the load generator costs the same per request.
 */
export const measureRequests = async (
  port: number,
  pid: number,
  next: () => RequestShape,
  s: LoadSettings,
): Promise<LoadResult> => {
  if (s.warmupS > 0) await run(port, next, s.connections, s.warmupS, s.overallRate);
  const cpuBefore = cpuSeconds(pid);
  const r = await run(port, next, s.connections, s.durationS, s.overallRate);
  const cpuAfter = cpuSeconds(pid);
  return {
    cpuUsPerRequest:
      cpuBefore === null || cpuAfter === null || r.requests.total === 0
        ? null
        : ((cpuAfter - cpuBefore) * 1e6) / r.requests.total,
    requestsPerSecond: r.requests.average,
    p99Ms: r.latency.p99,
    p50Ms: r.latency.p50,
    requests: r.requests.total,
    failures: r.non2xx + r.errors + r.timeouts,
  };
};

/** GETs cycling through `paths`: the connections walk the list together, so each path gets an even share. */
export const measure = (port: number, pid: number, paths: readonly string[], s: LoadSettings): Promise<LoadResult> => {
  let i = 0;
  return measureRequests(port, pid, () => ({ path: paths[i++ % paths.length]! }), s);
};
