import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { createRequestLog } from '../../src/server/request-log.js';
import { createFastPages } from '../../src/server/fast-pages.js';
import { createResponseCache, makeEntry } from '../../src/server/page-cache.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { headerOf, listenAsTwins, send, type FastPathTwins } from '../support/fast-path-twins.js';

/**
 * Pages from memory sent before Fastify (src/server/fast-pages.ts) against the routes' own answers: the same
 * requests go over real sockets to two workers built alike, one listening as `dateline serve` does and one whose
 * every request goes to Fastify's handler. Both are warmed with the same requests first; from then on their
 * answers must be the same byte for byte (the Date header aside), and the fast worker's Fastify must not see the
 * requests the fast path took.
 */

const sqliteContent = BACKENDS.find((b) => b.name === 'sqlite')!;

describe.skipIf(sqliteContent.skipReason !== null)('pages from memory before Fastify', () => {
  let content: TestStorage;
  let ids: FixtureIds;
  const now = FIXTURE_NOW;
  const dirs: string[] = [];
  let fast: Worker;
  let twins: FastPathTwins | undefined;
  let fastPort: number;
  let plainPort: number;
  /** Requests Fastify's hooks saw on the fast worker. */
  const seenByFastify: string[] = [];
  const reference = () => `/politics/defense-security/20260121-${ids.reference}/`;

  const worker = async (): Promise<Worker> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-fast-pages-'));
    dirs.push(dataDir);
    const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' });
    return composeWorker(config, { db: content.db, clock: () => now, logger: null, timers: false });
  };

  beforeAll(async () => {
    content = await sqliteContent.open();
    ids = await loadNewsroomFixture(content.db);
    fast = await worker();
    twins = await listenAsTwins(fast, await worker(), (req) => seenByFastify.push(`${req.method} ${req.url}`));
    ({ fastPort, plainPort } = twins);
  });
  afterAll(async () => {
    await twins?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await content?.destroy();
  });

  const both = async (path: string, method = 'GET', headers: Record<string, string> = {}) => ({
    viaFast: await send(fastPort, path, method, headers),
    viaFastify: await send(plainPort, path, method, headers),
  });

  /** Every kind of address the page cache keeps, each as its route keeps it. */
  const kept = () => [
    '/',
    reference(),
    '/politics/',
    '/politics/defense-security/',
    '/politics',
    '/tag/test/',
    '/author/mei-aoki/',
    '/corrections/',
    '/feed/',
    '/feed/atom/',
    '/politics/feed/',
    '/robots.txt',
    '/sitemap.xml',
    '/sitemaps/news.xml',
    '/sitemaps/pages.xml',
  ];

  it('sends every kept address as its route does, in every way a client asks, without Fastify', async () => {
    for (const path of kept()) await both(path);
    seenByFastify.length = 0;
    for (const path of kept()) {
      const first = await both(path);
      expect(first.viaFast.status, path).toBeLessThan(400);
      expect(headerOf(first.viaFast, 'x-cache'), path).toBe('HIT');
      expect(first.viaFast, path).toEqual(first.viaFastify);
      const etag = headerOf(first.viaFast, 'etag')!;
      const lastModified = headerOf(first.viaFast, 'last-modified');
      const ways: [string, Record<string, string>][] = [
        ['GET', { 'accept-encoding': 'gzip, deflate, br' }],
        ['GET', { 'accept-encoding': 'br' }],
        ['GET', { 'accept-encoding': 'gzip' }],
        ['GET', { 'accept-encoding': 'gzip;q=1, br;q=0.5' }],
        ['GET', { 'accept-encoding': 'br;q=0, gzip;q=0' }],
        ['HEAD', {}],
        ['HEAD', { 'accept-encoding': 'gzip' }],
        ['HEAD', { 'accept-encoding': 'gzip, deflate, br' }],
        ['GET', { 'accept-encoding': 'br', 'if-none-match': etag }],
        ['GET', { 'if-none-match': etag }],
        ['GET', { 'if-none-match': `"other", W/${etag}` }],
        ['GET', { 'if-none-match': '"stale"' }],
        ...(lastModified
          ? ([
              ['GET', { 'if-modified-since': lastModified }],
              ['GET', { 'if-modified-since': 'Thu, 01 Jan 1998 00:00:00 GMT' }],
              ['GET', { 'if-modified-since': 'not a date' }],
            ] as [string, Record<string, string>][])
          : []),
      ];
      for (const [method, headers] of ways) {
        const { viaFast, viaFastify } = await both(path, method, headers);
        expect(viaFast, `${method} ${path} ${JSON.stringify(headers)}`).toEqual(viaFastify);
      }
    }
    expect(seenByFastify).toEqual([]);
  });

  it('sends gzip only to clients that take it, and a 304 only for a copy still good', async () => {
    const path = reference();
    const zipped = await send(fastPort, path, 'GET', { 'accept-encoding': 'gzip' });
    const plainText = await send(fastPort, path);
    expect(headerOf(zipped, 'content-encoding')).toBe('gzip');
    expect(gunzipSync(zipped.body).equals(plainText.body)).toBe(true);
    expect(headerOf(plainText, 'content-encoding')).toBeUndefined();
    expect(plainText.body.toString()).toContain('<h1');
    const etag = headerOf(plainText, 'etag')!;
    const again = await send(fastPort, path, 'GET', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(headerOf(again, 'content-security-policy')).toContain("default-src 'self'");
    const head = await send(fastPort, path, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(headerOf(head, 'content-length')).toBe(String(plainText.body.length));
  });

  it('sends Brotli to clients that prefer it: a page, a feed, a sitemap and a static file, alike both ways', async () => {
    const home = await send(fastPort, '/');
    const stylesheet = /\/static\/site\.[0-9a-f]{10}\.css/.exec(home.body.toString())![0];
    for (const path of [reference(), '/feed/', '/sitemaps/news.xml', stylesheet]) {
      const plainText = await send(fastPort, path);
      const { viaFast, viaFastify } = await both(path, 'GET', { 'accept-encoding': 'gzip, deflate, br' });
      expect(viaFast, path).toEqual(viaFastify);
      expect(headerOf(viaFast, 'content-encoding'), path).toBe('br');
      expect(headerOf(viaFast, 'vary'), path).toBe('Accept-Encoding');
      expect(headerOf(viaFast, 'content-length'), path).toBe(String(viaFast.body.length));
      expect(brotliDecompressSync(viaFast.body).equals(plainText.body), path).toBe(true);
      expect(viaFast.body.length, path).toBeLessThan(plainText.body.length);
      // A HEAD says what the GET would send, without it.
      const head = await send(fastPort, path, 'HEAD', { 'accept-encoding': 'br' });
      expect([head.status, headerOf(head, 'content-encoding'), head.body.length], path).toEqual([200, 'br', 0]);
    }
  });

  it('leaves to Fastify what is not kept: query strings, other methods, misses, errors, the newsroom', async () => {
    for (const path of kept()) await send(fastPort, path);
    seenByFastify.length = 0;
    const left = [
      ['GET', `${reference()}?utm_source=share`],
      ['GET', '/politics/?page=2'],
      ['POST', '/'],
      ['GET', '/no-such-section/'],
      ['GET', '/ranking/'],
      ['OPTIONS', '/'],
    ] as const;
    for (const [method, path] of left) {
      const { viaFast, viaFastify } = await both(path, method);
      expect(viaFast, `${method} ${path}`).toEqual(viaFastify);
    }
    // The newsroom's answers carry a fresh form token each time: only who answered is compared.
    expect((await send(fastPort, '/newsroom/')).status).toBeLessThan(500);
    expect(seenByFastify).toEqual([...left.map(([m, p]) => `${m} ${p}`), 'GET /newsroom/']);
    // An error is never kept, so asking again still goes to Fastify.
    seenByFastify.length = 0;
    expect((await send(fastPort, '/no-such-section/')).status).toBe(404);
    expect(seenByFastify).toEqual(['GET /no-such-section/']);
  });

  it('stops sending a page once a content change empties the cache', async () => {
    await send(fastPort, '/');
    expect(fast.pageCache.get('/', now.getTime())).toBeDefined();
    fast.pageCache.clear();
    seenByFastify.length = 0;
    const after = await send(fastPort, '/');
    expect(headerOf(after, 'x-cache')).toBe('MISS');
    expect(seenByFastify).toEqual(['GET /']);
  });
});

describe('the fast page path on its own', () => {
  it("counts each answer as a hit in the request log's summary", () => {
    const pageCache = createResponseCache(1024 * 1024);
    const at = new Date('2026-01-21T04:01:00Z');
    pageCache.set(
      '/kept/',
      makeEntry('<p>kept</p>', {
        contentType: 'text/html; charset=utf-8',
        cacheControl: 'public, max-age=60',
        expiresAt: at.getTime() + 60_000,
      }),
    );
    const log = createRequestLog({ slowMs: 0, accessLog: false });
    const take = createFastPages({ pageCache, clock: () => at, onAnswer: log.countAnswer });
    const written: unknown[] = [];
    const res = {
      writeHead: (status: number, headers: string[]) => written.push(status, headers.length),
      end: () => written.push('end'),
    } as never;
    expect(take({ method: 'GET', url: '/kept/', headers: {} } as never, res)).toBe(true);
    expect(take({ method: 'GET', url: '/kept/?x=1', headers: {} } as never, res)).toBe(false);
    expect(take({ method: 'GET', url: '/other/', headers: {} } as never, res)).toBe(false);
    expect(take({ method: 'DELETE', url: '/kept/', headers: {} } as never, res)).toBe(false);
    expect(written[0]).toBe(200);
    expect(log.takeSummary()).toMatchObject({ requests: 1, status: { '2xx': 1 }, cache: { hits: 1, misses: 0 } });
  });
});
