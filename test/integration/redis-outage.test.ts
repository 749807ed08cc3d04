import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { signViewToken } from '../../src/domain/view-token.js';
import { dayOf } from '../../src/ranking/visitor-key.js';
import { openRedisClient } from '../../src/ranking/redis-client.js';
import { MAX_QUEUED } from '../../src/ranking/view-tracker.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { startRedis, stopRedis } from '../support/redis-server.js';
import { ensureBuilt, freePort } from '../support/server-process.js';
import { until } from '../support/wait.js';

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const skipReason = hasRedisServer ? null : 'the redis-server binary is not installed';
if (skipReason && process.env.CI === 'true') throw new Error(`${skipReason}; CI=true requires it`);
if (skipReason) console.warn(`skipping the Redis outage test: ${skipReason}`);

/** `dateline serve` from the sources, as test/integration/kill-9.test.ts runs it. */
const ROOT = new URL('../../', import.meta.url).pathname;

/** A flood as large as the tracker's queue bound. */
const FLOOD = MAX_QUEUED;

describe.skipIf(skipReason !== null)('a worker on Redis while Redis goes away and comes back', () => {
  let storage: TestStorage;
  let ids: FixtureIds;
  let dataDir: string;
  let port: number;
  let redis: ChildProcess;
  let worker: Worker;
  let base: string;
  /** What /readyz says (server/health.ts): its status code and the Redis probe's state. */
  const readiness = async () => {
    const res = await fetch(`${base}/readyz`);
    return `${res.status} ${((await res.json()) as { checks: { redis?: string } }).checks.redis}`;
  };
  const logged: { level: number; msg: string; err?: { message?: string } }[] = [];
  // The app's clock runs from the fixture's now, so cached answers age and tokens are fresh.
  const startedAt = Date.now();
  const clock = () => new Date(FIXTURE_NOW.getTime() + (Date.now() - startedAt));

  beforeAll(async () => {
    storage = await BACKENDS.find((b) => b.name === 'sqlite')!.open();
    ids = await loadNewsroomFixture(storage.db);
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-outage-'));
    port = await freePort();
    redis = await startRedis(port);
    const config = loadConfig({
      DATELINE_DATA: dataDir,
      DATELINE_DEMO: '0',
      REDIS_URL: `redis://127.0.0.1:${port}`,
      DATELINE_VIEW_FLUSH_MS: '100',
      LOG_LEVEL: 'info',
      PORT: String(await freePort()),
    });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    });
    worker = await composeWorker(config, { db: storage.db, clock, logger: pino({ level: 'info' }, sink) });
    await worker.start();
    base = await worker.listen();
  });
  afterAll(async () => {
    await worker?.close();
    if (redis) await stopRedis(redis);
    await storage?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const articlePath = () => `/politics/defense-security/20260121-${ids.reference}/`;
  const page = () => worker.app.inject({ method: 'GET', url: articlePath() });
  const ranking = () => worker.app.inject({ method: 'GET', url: '/api/ranking?window=24h' });
  const beacon = (reader: string) =>
    worker.app.inject({
      method: 'POST',
      url: '/api/views',
      remoteAddress: reader,
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
        'sec-fetch-site': 'same-origin',
      },
      payload: JSON.stringify({
        a: ids.reference,
        t: signViewToken(worker.views.tokenKey, ids.reference, clock().getTime()),
      }),
    });
  const viewsOfReference = () =>
    worker.views.tracker.top('24h', null, 50).find((e) => e.articleId === ids.reference)?.views ?? 0;
  const lines = (pattern: RegExp) => logged.filter((l) => pattern.test(`${l.msg} ${l.err?.message ?? ''}`));

  it(
    'serves pages and beacons throughout, and counts the views sent while Redis was away once it is back',
    { timeout: 120_000 },
    async () => {
      expect((await beacon('10.2.0.1')).statusCode).toBe(204);
      await until('the first view counted', async () => viewsOfReference() === 1);
      const chart = await worker.views.tracker.hourlyViews(ids.reference, 24);
      expect(chart.reduce((a, b) => a + b, 0)).toBe(1);

      expect(await readiness()).toBe('200 ok');
      await stopRedis(redis);
      await until('the worker noticing', async () => lines(/went away/).length > 0);
      // Not ready while Redis is away (a balancer may send readers elsewhere); pages are still served meanwhile.
      await until('readiness failing', async () => (await readiness()) === '503 failed');
      for (const reader of ['10.2.0.2', '10.2.0.3', '10.2.0.4']) {
        expect((await page()).statusCode).toBe(200);
        expect((await beacon(reader)).statusCode).toBe(204);
        // Several flushes fail meanwhile; the ranking keeps what it had.
        await new Promise((r) => setTimeout(r, 300));
        const answer = await ranking();
        expect(answer.statusCode).toBe(200);
        expect(viewsOfReference()).toBe(1);
      }
      expect(worker.views.tracker.pending).toBe(3);
      // A flood beyond the queue's bound while Redis is away: the excess is dropped, and said so in one line.
      for (let i = 0; i < FLOOD; i++) {
        worker.views.tracker.record({
          articleId: ids.updated,
          second: Math.floor(clock().getTime() / 1000),
          visitorKey: i,
          pairKey: i,
          addressKey: i,
          addressArticleKey: i,
        });
      }
      expect(worker.views.tracker.pending).toBe(MAX_QUEUED);
      await until('the drop reported', async () => lines(/views dropped/).length > 0);
      worker.views.tracker.record({
        articleId: ids.updated,
        second: 0,
        visitorKey: 0,
        pairKey: 0,
        addressKey: 0,
        addressArticleKey: 0,
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(lines(/views dropped/)).toHaveLength(1);
      // The chart keeps its last value; a day whose salt Redis never gave gets a stand-in at once, not a failure.
      expect(await worker.views.tracker.hourlyViews(ids.reference, 24)).toEqual(chart);
      const later = dayOf(clock().getTime() / 1000) + 3;
      expect(await worker.views.tracker.saltFor(later)).toHaveLength(32);

      redis = await startRedis(port);
      await until('ready again', async () => (await readiness()) === '200 ok', 30_000);
      // The flood is admitted too (400 script calls): allow for a busy machine.
      await until('the views sent during the outage counted', async () => viewsOfReference() === 4, 60_000);
      const api = await ranking();
      expect(api.statusCode).toBe(200);
      expect(api.body).toContain(`${ids.reference}`);
      // The restarted Redis kept nothing (--save ""): its chart holds the three views sent since, folded from its log.
      expect((await worker.views.tracker.hourlyViews(ids.reference, 24)).reduce((a, b) => a + b, 0)).toBe(3);
    },
  );

  it('says once that Redis went away and once that it came back, not at every retry', () => {
    expect(lines(/went away/)).toHaveLength(1);
    expect(lines(/is back after/)).toHaveLength(1);
    expect(lines(/went away/)[0]!.level).toBe(50);
  });
});

describe('a worker whose Redis cannot be reached at start', () => {
  // `serve` below runs the build; a run of this file alone after an edit builds first, outside the test's time.
  beforeAll(() => ensureBuilt(), 180_000);

  it('fails the start with one line naming the address, within the connect timeout', async () => {
    const port = await freePort();
    const started = Date.now();
    await expect(
      openRedisClient(`redis://user:secret@127.0.0.1:${port}`, null, { connectTimeoutMs: 1000 }),
    ).rejects.toThrow(
      new RegExp(
        `^Redis at 127\\.0\\.0\\.1:${port} is unreachable \\(.*\\); check REDIS_URL and that Redis is running$`,
      ),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  // A port that takes the connection and never answers, and another service's port (an HTTP server's answer is not
  // Redis's protocol): both once left the start waiting for ever, the process never listening.
  const listener = (onData: (socket: Socket) => void) =>
    new Promise<Server>((resolve) => {
      const server = createServer((socket) => {
        socket.on('error', () => undefined);
        socket.on('data', () => onData(socket));
      });
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  it.each([
    ['a port that never answers', () => undefined, /no Redis answer within 1000 ms; is another service on that port\?/],
    [
      'another service’s port',
      (s: Socket) => s.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n'),
      /Socket closed unexpectedly|no Redis answer/,
    ],
  ] as const)('fails the start within the connect timeout on %s', async (_name, onData, reason) => {
    const server = await listener(onData);
    try {
      const port = (server.address() as AddressInfo).port;
      const started = Date.now();
      const refusal = openRedisClient(`redis://127.0.0.1:${port}`, null, { connectTimeoutMs: 1000 });
      await expect(refusal).rejects.toThrow(/^Redis at 127\.0\.0\.1:\d+ is unreachable \(.+\); check REDIS_URL/);
      await expect(refusal).rejects.toThrow(reason);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      server.close();
    }
  });

  it('ends `serve` with DATELINE_WORKERS=2 with one line and no stack trace, instead of hanging', async () => {
    const server = await listener(() => undefined);
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-redis-start-'));
    try {
      // The build, as operators run it (built before the test, in its own time): the primary and each worker it starts
      // again after a failure load the bundle in a fraction of the time tsx takes to compile the sources for each.
      const child = spawn(process.execPath, ['bin/dateline.js', 'serve'], {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(await freePort()),
          DATELINE_DATA: dataDir,
          DATELINE_DEMO: '0',
          DATELINE_WORKERS: '2',
          REDIS_URL: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
          REDIS_CONNECT_TIMEOUT_MS: '500',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      expect(code, output).not.toBe(0);
      expect(output).toContain('is unreachable (no Redis answer within 500 ms');
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
