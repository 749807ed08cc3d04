import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createRequestLog } from './request-log.js';

/** A bare Fastify app with the request log's hooks: `/wait/:ms` answers after that long, `/boom` fails. */
const appWith = (log: ReturnType<typeof createRequestLog>) => {
  const app = Fastify({ logger: false });
  log.register(app);
  app.get<{ Params: { ms: string } }>('/wait/:ms', async (req) => {
    await new Promise((r) => setTimeout(r, Number(req.params.ms)));
    return 'ok';
  });
  app.get('/boom', async () => {
    throw new Error('boom');
  });
  return app;
};

describe('the request summary', () => {
  it('is null when no request came in', () => {
    expect(createRequestLog({ slowMs: 0, accessLog: false }).takeSummary()).toBeNull();
  });

  it('gives percentiles from its histogram, counts by class, and starts afresh once taken', async () => {
    const log = createRequestLog({ slowMs: 0, accessLog: false });
    const app = appWith(log);
    for (let i = 0; i < 18; i++) await app.inject('/wait/0');
    await app.inject('/wait/60');
    await app.inject('/boom');
    const summary = log.takeSummary()!;
    expect(summary.requests).toBe(20);
    expect(summary.status).toEqual({ '2xx': 19, '5xx': 1 });
    expect(summary.p50Ms).toBeLessThan(30);
    // The slowest of twenty is the 99th percentile; a bucket bound is at most 10% above the time, capped at the max.
    expect(summary.p99Ms).toBeGreaterThanOrEqual(59);
    expect(summary.p99Ms).toBeLessThanOrEqual(summary.maxMs);
    expect(summary.cache).toEqual({ hits: 0, misses: 0 });
    expect(log.takeSummary()).toBeNull();
    await app.close();
  });
});
