import { describe, expect, it } from 'vitest';
import { createReadiness, type Probe } from './health.js';

const never: Probe = () => new Promise(() => undefined);

describe('readiness', () => {
  it('is ready when every probe is, and names each probe’s state', async () => {
    const ready = createReadiness({ probes: { database: async () => null, started: async () => null } });
    expect(await ready()).toEqual({ ready: true, checks: { database: 'ok', started: 'ok' } });
  });

  it('is not ready when a probe gives a reason, throws, or takes longer than the timeout', async () => {
    const failures: string[] = [];
    const ready = createReadiness({
      probes: {
        migrations: async () => '2 pending',
        redis: () => Promise.reject(new Error('ECONNREFUSED 10.0.0.7:6379')),
        database: never,
        started: async () => null,
      },
      timeoutMs: 50,
      onFailure: (name, reason) => failures.push(`${name}: ${reason}`),
    });
    const started = Date.now();
    const r = await ready();
    expect(Date.now() - started).toBeLessThan(1000);
    // The reasons say what is wrong without the address behind it.
    expect(r).toEqual({
      ready: false,
      checks: { migrations: '2 pending', redis: 'failed', database: 'no answer within 50 ms', started: 'ok' },
    });
    expect(failures.sort()).toEqual(['database: no answer within 50 ms', 'migrations: 2 pending', 'redis: failed']);
  });

  it('keeps a result for cacheMs and shares a round of probes between callers', async () => {
    let runs = 0;
    let now = 0;
    const ready = createReadiness({
      probes: { database: async () => (runs++, null) },
      cacheMs: 1000,
      now: () => now,
    });
    await Promise.all([ready(), ready(), ready()]);
    expect(runs).toBe(1);
    now = 999;
    await ready();
    expect(runs).toBe(1);
    now = 1000;
    await ready();
    expect(runs).toBe(2);
  });

  it('tells of a failure when it starts or changes, not at every poll, and again after a recovery', async () => {
    let state: string | null = 'failed to answer';
    let now = 0;
    const told: string[] = [];
    const ready = createReadiness({
      probes: { redis: async () => state },
      cacheMs: 1,
      now: () => now,
      onFailure: (_name, reason) => told.push(reason),
    });
    for (const [at, next] of [
      [0, 'failed to answer'],
      [10, 'failed to answer'],
      [20, null],
      [30, 'failed to answer'],
    ] as const) {
      now = at;
      state = next;
      await ready();
    }
    expect(told).toEqual(['failed to answer', 'failed to answer']);
  });
});
