import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { KyselyPlugin, PluginTransformResultArgs } from 'kysely';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;

interface Line {
  level: number;
  msg: string;
  url?: string;
  statusCode?: number;
  responseTime?: number;
  remotePort?: number;
  /** X-Cache on a request's line; hits and misses on a summary. */
  cache?: string | { hits: number; misses: number };
  err?: { message?: string };
}

type SummaryLine = Line & { requests: number; status: Record<string, number>; cache: { hits: number; misses: number } };

/**
 * Faults on demand in the real database: `failing` makes every query throw (a database gone bad), `delayMs`
 * holds every answer back (a slow disk), so a request fails or crawls through the app's own code paths.
 */
const faults = { failing: false, delayMs: 0 };
const faultPlugin: KyselyPlugin = {
  transformQuery(args) {
    if (faults.failing) throw new Error('the database went away');
    return args.node;
  },
  async transformResult(args: PluginTransformResultArgs) {
    if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
    return args.result;
  },
};

describe('request logging', () => {
  let storage: TestStorage;
  let ids: FixtureIds;
  const running: { worker: Worker; dir: string }[] = [];

  beforeAll(async () => {
    storage = await sqlite.open();
    ids = await loadNewsroomFixture(storage.db);
  });
  afterEach(async () => {
    faults.failing = false;
    faults.delayMs = 0;
    for (const { worker, dir } of running.splice(0)) {
      await worker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await storage?.destroy();
  });

  /** The real worker with its configuration from `env`, logging at info into `lines`. */
  const start = async (env: Record<string, string> = {}, summaryMs: number | null = null) => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-request-log-'));
    const lines: Line[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Line);
        done();
      },
    });
    const config = loadConfig({ DATELINE_DATA: dir, DATELINE_DEMO: '0', LOG_LEVEL: 'info', ...env });
    const worker = await composeWorker(config, {
      db: storage.db.withPlugin(faultPlugin),
      clock: () => FIXTURE_NOW,
      logger: pino({ level: 'info' }, sink),
      timers: false,
      summaryMs,
    });
    running.push({ worker, dir });
    await worker.start();
    const get = (url: string) => worker.app.inject({ method: 'GET', url });
    return { lines, get, worker };
  };
  /** A published article's own address; each worker has a cache of its own, so it starts as a miss. */
  const articlePath = () => `/politics/defense-security/20260121-${ids.reference}/`;
  /** pino writes through a stream: a line logged during a request is in `lines` a tick later. */
  const settle = () => new Promise((r) => setImmediate(r));

  it('writes no line for a cached page at the default configuration', async () => {
    const { lines, get } = await start();
    expect((await get(articlePath())).statusCode).toBe(200);
    await settle();
    const before = lines.length;
    const hit = await get(articlePath());
    expect(hit.headers['x-cache']).toBe('HIT');
    await settle();
    expect(lines.slice(before)).toEqual([]);
  });

  it('writes one error line for a 500, with the path, status, time and the error', async () => {
    const { lines, get } = await start();
    faults.failing = true;
    const response = await get(`${articlePath()}?utm_source=someone@example.com`);
    expect(response.statusCode).toBe(500);
    await settle();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'request failed',
      url: articlePath(),
      statusCode: 500,
      err: { message: 'the database went away' },
    });
    expect(lines[0]!.responseTime).toBeGreaterThanOrEqual(0);
  });

  it('writes one warn line for a request slower than DATELINE_SLOW_REQUEST_MS', async () => {
    const { lines, get } = await start({ DATELINE_SLOW_REQUEST_MS: '20' });
    faults.delayMs = 30;
    expect((await get(articlePath())).statusCode).toBe(200);
    await settle();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'slow request', url: articlePath(), statusCode: 200 });
    expect(lines[0]!.responseTime).toBeGreaterThan(20);
  });

  it('writes no slow line when DATELINE_SLOW_REQUEST_MS is 0', async () => {
    const { lines, get } = await start({ DATELINE_SLOW_REQUEST_MS: '0' });
    faults.delayMs = 30;
    expect((await get(articlePath())).statusCode).toBe(200);
    await settle();
    expect(lines).toEqual([]);
  });

  it('writes one line per request with DATELINE_ACCESS_LOG=1, without the query string', async () => {
    const { lines, get } = await start({ DATELINE_ACCESS_LOG: '1' });
    await get(articlePath());
    await get(`${articlePath()}?ref=newsletter`);
    await get('/no-such-page');
    await settle();
    expect(lines.map((l) => [l.msg, l.url, l.statusCode, l.cache])).toEqual([
      ['request', articlePath(), 200, 'MISS'],
      ['request', articlePath(), 200, 'HIT'],
      ['request', '/no-such-page', 404, undefined],
    ]);
  });

  // The newsroom and the Admin API are answered by an app built at their first request (hand-over.ts): its lines
  // are written there, once, and a failure there is logged with its error like any other.
  it('writes one line per newsroom and Admin API request, and their failures with the error', async () => {
    const { lines, get, worker } = await start({ DATELINE_ACCESS_LOG: '1' });
    await get('/newsroom/login?next=/newsroom/articles');
    await get('/ghost/api/admin/posts/');
    await get('/ghost/api/v4/admin/posts/');
    await settle();
    expect(lines.map((l) => [l.msg, l.url, l.statusCode])).toEqual([
      ['request', '/newsroom/login', 200],
      ['request', '/ghost/api/admin/posts/', 401],
      ['request', '/ghost/api/admin/posts/', 401],
    ]);
    lines.length = 0;
    faults.failing = true;
    // A session cookie is looked up in the database, which has gone away.
    const desk = await worker.app.inject({
      url: '/newsroom/articles',
      headers: { cookie: `dl_session=${'a'.repeat(43)}` },
    });
    expect(desk.statusCode).toBe(500);
    await settle();
    expect(lines.map((l) => [l.msg, l.url, l.statusCode, l.err?.message])).toEqual([
      ['request failed', '/newsroom/articles', 500, 'the database went away'],
    ]);
  });

  it('reads X-Cache and the client port of answers sent over a real socket, hits included', async () => {
    const { lines, worker } = await start({ DATELINE_ACCESS_LOG: '1', PORT: '0' });
    const base = await worker.listen();
    expect((await fetch(`${base}${articlePath()}`)).headers.get('x-cache')).toBe('MISS');
    expect((await fetch(`${base}${articlePath()}`)).headers.get('x-cache')).toBe('HIT');
    await settle();
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.map((l) => l.cache)).toEqual(['MISS', 'HIT']);
    expect(requests.every((l) => typeof l.remotePort === 'number')).toBe(true);
  });

  it('sums requests by status class and cache outcome once per interval, and is quiet when idle', async () => {
    const summaryMs = 100;
    const { lines, get } = await start({}, summaryMs);
    await get(articlePath());
    await get(articlePath());
    await get('/no-such-page');
    const summaries = () => lines.filter((l) => l.msg === 'requests since the last summary') as SummaryLine[];
    const deadline = Date.now() + 5_000;
    while (summaries().reduce((n, l) => n + l.requests, 0) < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    // A summary may have fallen between two requests: the figures are the sum of what was printed.
    const total = { requests: 0, '2xx': 0, '4xx': 0, hits: 0, misses: 0 };
    for (const s of summaries()) {
      total.requests += s.requests;
      total['2xx'] += s.status['2xx'] ?? 0;
      total['4xx'] += s.status['4xx'] ?? 0;
      total.hits += s.cache.hits;
      total.misses += s.cache.misses;
    }
    expect(total).toEqual({ requests: 3, '2xx': 2, '4xx': 1, hits: 1, misses: 1 });
    const printed = summaries().length;
    await new Promise((r) => setTimeout(r, summaryMs * 4));
    expect(summaries()).toHaveLength(printed);
  });
});
