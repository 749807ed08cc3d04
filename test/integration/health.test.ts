import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { createStorage } from '../../src/storage/database.js';
import { freePort } from '../support/server-process.js';
import { until } from '../support/wait.js';

/**
 * `/healthz` and `/readyz` on a real serving process (issue 18), here the embedded default with its access log on:
 * cheap JSON, never cached, never a line in the log, and readiness that notices a migration the database lacks.
 */
describe('health endpoints', () => {
  let dataDir: string;
  let worker: Worker;
  let base: string;
  const logged: { msg: string; url?: string; probe?: string }[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-health-'));
    const config = loadConfig({
      DATELINE_DATA: dataDir,
      DATELINE_DEMO: '0',
      PORT: String(await freePort()),
      DATELINE_ACCESS_LOG: '1',
      LOG_LEVEL: 'info',
    });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    });
    worker = await composeWorker(config, { logger: pino({ level: 'info' }, sink), summaryMs: null });
    await worker.start();
    base = await worker.listen();
  });
  afterAll(async () => {
    await worker?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz with 200 JSON, uncached, for GET and HEAD, with or without a query', async () => {
    for (const url of ['/healthz', '/healthz?from=lb']) {
      const res = await fetch(`${base}${url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ status: 'ok' });
    }
    const head = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers /readyz with each probe’s state once the worker has started', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', started: 'ok' },
    });
  });

  it('leaves other methods and look-alike paths to the site', async () => {
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/healthzz`)).status).toBe(404);
    expect((await fetch(`${base}/readyz/`)).status).toBe(404);
  });

  it('writes no access-log line for probes, while a page still gets one', async () => {
    const before = logged.length;
    await fetch(`${base}/healthz`);
    await fetch(`${base}/readyz`);
    await fetch(`${base}/no-such-page/`);
    await until('the page’s line', async () => logged.slice(before).some((l) => l.url === '/no-such-page/'));
    expect(logged.slice(before).filter((l) => /healthz|readyz/.test(l.url ?? ''))).toEqual([]);
  });

  it('is not ready, with 503 and the number pending, when the database lacks a migration this build has', async () => {
    const storage = createStorage({ dataDir, databaseUrl: null });
    try {
      const [last] = await storage.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .orderBy('name' as never, 'desc')
        .limit(1)
        .execute();
      await storage.db
        .deleteFrom('kysely_migration' as never)
        .where('name' as never, '=', (last as { name: string }).name as never)
        .execute();
      await until('readiness noticing', async () => (await fetch(`${base}/readyz`)).status === 503);
      expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({
        status: 'not ready',
        checks: { database: 'ok', migrations: '1 pending' },
      });
      // Said once in the log, not at every poll.
      await fetch(`${base}/readyz`);
      expect(logged.filter((l) => l.probe === 'migrations')).toHaveLength(1);
    } finally {
      await storage.close();
    }
  });
});
