import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createResponseCache, makeEntry } from '../page-cache.js';
import { createContentApiKept } from './content-api-kept.js';
import { createFastContentApi } from './fast-content-api.js';

/** The fast path alone, in front of a stand-in for Fastify that answers 418 and notes what it was handed. */
describe('createFastContentApi', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const setUp = async (held: (key: string) => boolean) => {
    const kept = createContentApiKept();
    const pageCache = createResponseCache(1024 * 1024);
    let now = 1_000_000;
    const toFastify: string[] = [];
    const take = createFastContentApi({
      kept,
      pageCache,
      clock: () => new Date(now),
      apiKeys: { contentKeyHeld: (key) => held(key) },
    });
    server = createServer((req, res) => {
      if (take(req, res)) return;
      toFastify.push(`${req.method} ${req.url}`);
      res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const get = (path: string, method = 'GET') =>
      new Promise<{ status: number; body: string; cache: string | undefined }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body, cache: res.headers['x-cache'] as string }));
        })
          .on('error', reject)
          .end();
      });
    const entry = makeEntry('{"posts":[]}', {
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'public, max-age=60',
      expiresAt: now + 30_000,
    });
    return { kept, pageCache, entry, get, toFastify, later: (ms: number) => (now += ms) };
  };

  const PATH = '/ghost/api/content/posts/?key=aaaaaaaaaaaaaaaaaaaaaaaaaa&limit=3';

  it('answers an address remembered with a kept answer and a key held good, and hands over everything else', async () => {
    const t = await setUp((key) => key === 'aaaaaaaaaaaaaaaaaaaaaaaaaa');
    // Not remembered yet: Fastify's.
    expect((await t.get(PATH)).status).toBe(418);
    t.pageCache.set('content-api:posts:q', t.entry);
    t.kept.rememberAddress(PATH, { cacheKey: 'content-api:posts:q', apiKey: 'aaaaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(await t.get(PATH)).toEqual({ status: 200, body: '{"posts":[]}', cache: 'HIT' });
    expect(await t.get(PATH, 'HEAD')).toEqual({ status: 200, body: '', cache: 'HIT' });
    // Another method, another spelling of the address: Fastify's.
    expect((await t.get(PATH, 'POST')).status).toBe(418);
    expect((await t.get(`${PATH}&page=1`)).status).toBe(418);
    // The kept answer expired: Fastify's, which makes it again.
    t.later(31_000);
    expect((await t.get(PATH)).status).toBe(418);
    expect(t.toFastify).toEqual([`GET ${PATH}`, `POST ${PATH}`, `GET ${PATH}&page=1`, `GET ${PATH}`]);
  });

  it('hands a request over whenever the key service does not hold its key good', async () => {
    const t = await setUp(() => false);
    t.pageCache.set('content-api:posts:q', t.entry);
    t.kept.rememberAddress(PATH, { cacheKey: 'content-api:posts:q', apiKey: 'aaaaaaaaaaaaaaaaaaaaaaaaaa' });
    expect((await t.get(PATH)).status).toBe(418);
    expect(t.toFastify).toEqual([`GET ${PATH}`]);
  });
});
