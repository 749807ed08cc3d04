import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { signViewToken, VIEW_TOKEN_LIFETIME_SECONDS } from '../../src/domain/view-token.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { listenAsTwins, type FastPathTwins } from '../support/fast-path-twins.js';
import { VIEW_BACKENDS, type TestViewStore } from '../support/view-backends.js';

/**
 * The beacon fast path (src/server/fast-beacons.ts) against Fastify's route (src/server/api/views-route.ts):
 * the same requests go over real sockets to two workers built alike, one listening as `dateline serve` does
 * (sendBeacon's beacons answered before Fastify) and one whose every request goes to Fastify's handler. Their
 * answers must be the same byte for byte (the Date header aside), and so must what each counted.
 */

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SEND_BEACON = {
  'content-type': 'text/plain;charset=UTF-8',
  'user-agent': CHROME,
  'sec-fetch-site': 'same-origin',
};
const MINUTE = 60_000;
const sqliteContent = BACKENDS.find((b) => b.name === 'sqlite')!;

interface Answer {
  status: number;
  /** Raw header lines in the order sent, less Date (the one that differs by the second). */
  headers: [string, string][];
  body: string;
}

/** One request as a client sends it: headers given as undefined are left out; `body` is bytes or text. */
interface Beacon {
  name: string;
  headers?: Record<string, string | undefined>;
  body: string | Buffer;
  path?: string;
  method?: string;
  /** Sent chunked, without a Content-Length. */
  chunked?: boolean;
}

const send = (port: number, b: Beacon): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const headers = Object.fromEntries(
      Object.entries({ ...SEND_BEACON, ...b.headers }).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const body = typeof b.body === 'string' ? Buffer.from(b.body) : b.body;
    if (!b.chunked) headers['content-length'] = String(body.length);
    const req = request(
      { host: '127.0.0.1', port, path: b.path ?? '/api/views', method: b.method ?? 'POST', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const lines: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            if (res.rawHeaders[i]!.toLowerCase() !== 'date') lines.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          }
          resolve({ status: res.statusCode!, headers: lines, body: Buffer.concat(chunks).toString() });
        });
      },
    );
    req.on('error', reject);
    if (b.chunked) req.write(body);
    req.end(b.chunked ? undefined : body);
  });

for (const backend of VIEW_BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the beacon fast path on ${backend.name}`, () => {
    let content: TestStorage;
    let ids: FixtureIds;
    let tomorrowId: number;
    const now = FIXTURE_NOW;
    const stores: TestViewStore[] = [];
    const dirs: string[] = [];
    let fast: Worker;
    let plain: Worker;
    let fastPort: number;
    let plainPort: number;
    let twins: FastPathTwins | undefined;
    /** Requests Fastify's hooks saw on the fast worker, by path. */
    const seenByFastify: string[] = [];

    /** A worker as `dateline serve` composes it, behind one trusted proxy (as the bench runs it). */
    const worker = async (): Promise<Worker> => {
      const views = await backend.open();
      stores.push(views);
      const dataDir = mkdtempSync(join(tmpdir(), 'dateline-fast-beacons-'));
      dirs.push(dataDir);
      const config = loadConfig({
        DATELINE_DATA: dataDir,
        DATELINE_DEMO: '0',
        LOG_LEVEL: 'silent',
        DATELINE_TRUST_PROXY: '1',
      });
      return composeWorker(config, {
        db: content.db,
        clock: () => now,
        logger: null,
        timers: false,
        viewStore: views.store,
      });
    };

    beforeAll(async () => {
      content = await sqliteContent.open();
      ids = await loadNewsroomFixture(content.db);
      tomorrowId = (
        await content.db
          .selectFrom('article')
          .select('id')
          .where('headline', '=', 'Tomorrow story')
          .executeTakeFirstOrThrow()
      ).id;
      fast = await worker();
      plain = await worker();
      twins = await listenAsTwins(fast, plain, (req) => seenByFastify.push(req.url));
      ({ fastPort, plainPort } = twins);
    });
    afterAll(async () => {
      await twins?.close();
      for (const s of stores) await s.destroy();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
      await content?.destroy();
    });

    const token = (id: number, at = now) => signViewToken(fast.views.tokenKey, id, at.getTime());
    const plainToken = (id: number, at = now) => signViewToken(plain.views.tokenKey, id, at.getTime());
    /** The body for each worker: each signs its tokens with its own key. */
    const beacon = (id: number, tokenOf: (key: 'fast' | 'plain') => string) => ({
      fast: JSON.stringify({ a: id, t: tokenOf('fast') }),
      plain: JSON.stringify({ a: id, t: tokenOf('plain') }),
    });
    const valid = (id: number, at = now) => beacon(id, (k) => (k === 'fast' ? token(id, at) : plainToken(id, at)));

    /** Sends a request to both workers; returns both answers. */
    const both = async (b: Omit<Beacon, 'body'> & { body: string | Buffer | { fast: string; plain: string } }) => {
      const bodyFor = (k: 'fast' | 'plain') =>
        typeof b.body === 'string' || Buffer.isBuffer(b.body) ? b.body : b.body[k];
      const viaFast = await send(fastPort, { ...b, body: bodyFor('fast') });
      const viaFastify = await send(plainPort, { ...b, body: bodyFor('plain') });
      return { viaFast, viaFastify };
    };
    const rankings = async () => {
      await fast.views.tracker.flush();
      await plain.views.tracker.flush();
      return {
        fast: fast.views.tracker.top('24h', null, 100),
        plain: plain.views.tracker.top('24h', null, 100),
      };
    };
    const headerOf = (a: Answer, name: string) => a.headers.find(([n]) => n.toLowerCase() === name)?.[1];

    it('gives every kind of beacon the same answer as the Fastify route, and counts exactly the same views', async () => {
      const xff = (ip: string) => ({ 'x-forwarded-for': ip });
      const cases = [
        { name: 'a valid beacon', headers: xff('198.51.100.1'), body: valid(ids.reference) },
        { name: 'the same reader again (a repeat)', headers: xff('198.51.100.1'), body: valid(ids.reference) },
        { name: 'another reader behind the proxy', headers: xff('198.51.100.2'), body: valid(ids.reference) },
        {
          name: 'a reader named through a proxy chain',
          headers: xff('203.0.113.9, 198.51.100.3'),
          body: valid(ids.reference),
        },
        { name: 'the same reader on another article', headers: xff('198.51.100.1'), body: valid(ids.updated) },
        {
          name: 'a valid beacon padded to exactly 1 KB',
          headers: xff('198.51.100.4'),
          body: { fast: valid(ids.updated).fast.padEnd(1024, ' '), plain: valid(ids.updated).plain.padEnd(1024, ' ') },
        },
        {
          name: 'Googlebot',
          headers: { ...xff('198.51.100.5'), 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1)' },
          body: valid(ids.reference),
        },
        { name: 'curl', headers: { ...xff('198.51.100.6'), 'user-agent': 'curl/8.5.0' }, body: valid(ids.reference) },
        {
          name: 'no user agent',
          headers: { ...xff('198.51.100.7'), 'user-agent': undefined },
          body: valid(ids.reference),
        },
        {
          name: 'a prefetch',
          headers: { ...xff('198.51.100.8'), 'sec-purpose': 'prefetch' },
          body: valid(ids.reference),
        },
        {
          name: 'another site',
          headers: { ...xff('198.51.100.9'), 'sec-fetch-site': 'cross-site' },
          body: valid(ids.reference),
        },
        {
          name: "another site's Origin without Sec-Fetch-Site",
          headers: { ...xff('198.51.100.10'), 'sec-fetch-site': undefined, origin: 'https://elsewhere.example' },
          body: valid(ids.reference),
        },
        {
          name: 'a forged token',
          headers: xff('198.51.100.11'),
          body: beacon(ids.reference, () => `${Math.floor(now.getTime() / MINUTE).toString(36)}.${'A'.repeat(22)}`),
        },
        {
          name: "another article's token",
          headers: xff('198.51.100.12'),
          body: beacon(ids.reference, (k) => (k === 'fast' ? token(ids.updated) : plainToken(ids.updated))),
        },
        {
          name: 'an expired token',
          headers: xff('198.51.100.13'),
          body: valid(ids.reference, new Date(now.getTime() - (VIEW_TOKEN_LIFETIME_SECONDS + 120) * 1000)),
        },
        {
          name: 'a token from the future',
          headers: xff('198.51.100.14'),
          body: valid(ids.reference, new Date(now.getTime() + 5 * MINUTE)),
        },
        { name: 'an article that does not exist', headers: xff('198.51.100.15'), body: valid(999_999) },
        { name: 'an article scheduled for later', headers: xff('198.51.100.16'), body: valid(tomorrowId) },
        { name: 'malformed JSON', headers: xff('198.51.100.17'), body: '{a:1,' },
        { name: 'wrong types', headers: xff('198.51.100.18'), body: '{"a":"1","t":5}' },
        { name: 'an array', headers: xff('198.51.100.19'), body: '[1,"x"]' },
        { name: 'a fractional id', headers: xff('198.51.100.20'), body: '{"a":1.5,"t":"x.y"}' },
        { name: 'an empty body', headers: xff('198.51.100.21'), body: '' },
        { name: 'bytes that are not UTF-8', headers: xff('198.51.100.22'), body: Buffer.from([0x7b, 0xff, 0xfe]) },
        {
          name: 'a body over 1 KB',
          headers: xff('198.51.100.23'),
          body: { fast: valid(ids.reference).fast.padEnd(1025, ' '), plain: valid(ids.reference).plain.padEnd(1025) },
        },
        {
          name: 'application/json (left to Fastify)',
          headers: { ...xff('198.51.100.24'), 'content-type': 'application/json' },
          body: valid(ids.reference),
        },
        {
          name: 'a chunked body (left to Fastify)',
          headers: xff('198.51.100.25'),
          chunked: true,
          body: valid(ids.reference),
        },
        {
          name: 'a query string (left to Fastify)',
          headers: xff('198.51.100.26'),
          path: '/api/views?utm_source=x',
          body: valid(ids.reference),
        },
        { name: 'another content type', headers: { 'content-type': 'application/xml' }, body: '<a/>' },
      ];
      for (const c of cases) {
        const { viaFast, viaFastify } = await both(c);
        expect(viaFast, c.name).toEqual(viaFastify);
      }
      const { fast: counted, plain: countedByFastify } = await rankings();
      expect(counted).toEqual(countedByFastify);
      // Reference: three readers (the repeat not counted) and the proxy chain's reader; the updated story: two
      // (the first reader on a second article, and the padded beacon), then the two left to Fastify by type and
      // framing and the one with a query string, which count there as on any other path.
      expect(counted).toEqual([
        { articleId: ids.reference, views: 6 },
        { articleId: ids.updated, views: 2 },
      ]);
    });

    it('answers 204 with the security headers and no-store, and a 400 in the JSON error envelope', async () => {
      const ok = await send(fastPort, {
        name: 'valid',
        headers: { 'x-forwarded-for': '192.0.2.50' },
        body: valid(ids.updated).fast,
      });
      expect(ok.status).toBe(204);
      expect(ok.body).toBe('');
      expect(headerOf(ok, 'cache-control')).toBe('no-store');
      expect(headerOf(ok, 'content-security-policy')).toContain("default-src 'self'");
      expect(headerOf(ok, 'x-frame-options')).toBe('DENY');
      const bad = await send(fastPort, { name: 'bad', body: '{' });
      expect(bad.status).toBe(400);
      expect(headerOf(bad, 'content-type')).toBe('application/json; charset=utf-8');
      expect(JSON.parse(bad.body)).toEqual({
        error: { code: 'invalid_view_beacon', message: 'Send {"a": <article id>, "t": "<token>"} as JSON.' },
      });
    });

    it("answers sendBeacon's beacons before Fastify, and leaves every other request to it", async () => {
      seenByFastify.length = 0;
      await send(fastPort, { name: 'sendBeacon', body: valid(ids.reference).fast });
      await send(fastPort, { name: 'bot', headers: { 'user-agent': 'curl/8.5.0' }, body: valid(ids.reference).fast });
      await send(fastPort, { name: 'not a beacon', body: 'nope' });
      expect(seenByFastify).toEqual([]);
      await send(fastPort, { name: 'json', headers: { 'content-type': 'application/json' }, body: '{}' });
      await send(fastPort, { name: 'chunked', chunked: true, body: valid(ids.reference).fast });
      await send(fastPort, { name: 'query', path: '/api/views?x=1', body: valid(ids.reference).fast });
      await send(fastPort, { name: 'too big', body: 'x'.repeat(1025) });
      await send(fastPort, { name: 'GET', method: 'GET', body: '' });
      expect(seenByFastify).toEqual(['/api/views', '/api/views', '/api/views?x=1', '/api/views', '/api/views']);
    });
  });
}
