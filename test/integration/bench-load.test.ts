import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGenerator, measure, type LoadPlan } from '../../bench/load.js';
import { httpGet, startRawServer, writeRawPages, replayableHeaders } from '../../bench/processes.js';
import { wrkAvailable } from '../../bench/wrk.js';

// The benchmark's load driver (wrk with bench/wrk-paths.lua, or the autocannon fallback) and its raw baseline.
// wrk is not installed in CI: there the same sequences run through autocannon, which must agree.

interface Seen {
  method: string;
  path: string;
  encoding: string;
  forwardedFor: string;
  body: string;
}

let server: Server;
let port = 0;
let seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        path: req.url ?? '',
        encoding: String(req.headers['accept-encoding'] ?? ''),
        forwardedFor: String(req.headers['x-forwarded-for'] ?? ''),
        body,
      });
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  port = address && typeof address === 'object' ? address.port : 0;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const settings = { connections: 4, durationS: 1, warmupS: 0 };

describe(`bench load driver (${loadGenerator})`, () => {
  it('reports wrk as the generator when it is installed', () => {
    expect(loadGenerator).toBe(wrkAvailable() ? 'wrk' : 'autocannon');
  });

  it('cycles the paths evenly with the plan headers and counts answers of 400 or more as failures', async () => {
    seen = [];
    const plan: LoadPlan = { kind: 'paths', paths: ['/a', '/b', '/missing'], headers: { 'Accept-Encoding': 'gzip' } };
    const r = await measure(port, process.pid, plan, settings);
    expect(r.requests).toBeGreaterThan(30);
    expect(Math.abs(seen.length - r.requests)).toBeLessThanOrEqual(settings.connections);
    expect(seen.every((s) => s.method === 'GET' && s.encoding === 'gzip')).toBe(true);
    const count = (p: string) => seen.filter((s) => s.path === p).length;
    for (const p of ['/a', '/b']) expect(Math.abs(count(p) - seen.length / 3)).toBeLessThanOrEqual(2);
    expect(Math.abs(r.failures - count('/missing'))).toBeLessThanOrEqual(settings.connections);
    expect(r.requestsPerSecond).toBeGreaterThan(0);
    expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms);
    // wrk runs in its own process, so its share of a core is known; autocannon's is this process's.
    if (loadGenerator === 'wrk') expect(r.generatorBusy).toBeGreaterThan(0);
    else expect(r.generatorBusy).toBeNull();
  });

  it('sends beacons that never repeat a visitor-article pair, carrying the sequence on from run to run', async () => {
    seen = [];
    const plan: LoadPlan = {
      kind: 'beacons',
      bodies: ['{"a":1}', '{"a":2}', '{"a":3}'],
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      visitors: 100_000,
      sent: 0,
    };
    // Only POSTs: a GET still in flight from the previous test may arrive late.
    const posts = () => seen.filter((s) => s.method === 'POST');
    await measure(port, process.pid, plan, settings);
    const firstRun = posts().length;
    await measure(port, process.pid, plan, settings);
    const beacons = posts();
    expect(firstRun).toBeGreaterThan(10);
    expect(beacons.length).toBeGreaterThan(firstRun);
    expect(beacons.every((s) => s.path === '/api/views')).toBe(true);
    expect(beacons.every((s) => /^10\.\d+\.\d+\.\d+$/.test(s.forwardedFor) && /^\{"a":\d\}$/.test(s.body))).toBe(true);
    const pairs = new Set(beacons.map((s) => `${s.forwardedFor} ${s.body}`));
    expect(pairs.size).toBe(beacons.length);
    expect(plan.sent).toBeGreaterThanOrEqual(beacons.length);
  });
});

describe('bench raw server', () => {
  let dir = '';
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'bench-raw-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays the captured headers and body of each path, identity or gzip as the request asks', async () => {
    const file = join(dir, 'pages.json');
    const captured = replayableHeaders({
      'content-type': 'text/html; charset=utf-8',
      'x-frame-options': 'DENY',
      date: 'Mon, 01 Jan 2024 00:00:00 GMT',
      connection: 'close',
      'content-length': '999',
    });
    expect(Object.keys(captured).sort()).toEqual(['content-type', 'x-frame-options']);
    writeRawPages(file, [
      { path: '/p', gzip: false, headers: { ...captured, vary: 'accept-encoding' }, body: Buffer.from('plain') },
      {
        path: '/p',
        gzip: true,
        headers: { ...captured, vary: 'accept-encoding', 'content-encoding': 'gzip' },
        body: Buffer.from('zipped'),
      },
    ]);
    const raw = await startRawServer(file);
    try {
      const plain = await httpGet(raw.port, '/p');
      expect(plain.body.toString()).toBe('plain');
      expect(plain.headers['x-frame-options']).toBe('DENY');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['content-length']).toBe('5');
      const zipped = await httpGet(raw.port, '/p', 5000, { 'accept-encoding': 'gzip, br' });
      expect(zipped.body.toString()).toBe('zipped');
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('accept-encoding');
    } finally {
      await raw.stop();
    }
  });

  it('answers 204 with the headers the server sent on its own 204', async () => {
    const raw = await startRawServer(null, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    try {
      const res = await httpGet(raw.port, '/api/views');
      expect(res.status).toBe(204);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await raw.stop();
    }
  });
});
