import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApiKeyService } from '../../src/services/api-keys.js';
import { saveArticle } from '../../src/services/save-article.js';
import { secretKeyOnce } from '../../src/services/secret-key.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { createContentApiAnswers } from '../../src/server/api/content-api-answers.js';
import { createContentApiKept } from '../../src/server/api/content-api-kept.js';
import { createFastContentApi } from '../../src/server/api/fast-content-api.js';
import { createResponseCache } from '../../src/server/page-cache.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { headerOf, listenAsTwins, send, type FastPathTwins } from '../support/fast-path-twins.js';

/**
 * The Content API's kept answers sent before Fastify (src/server/api/fast-content-api.ts) and its answers of posts
 * stitched from kept posts (content-api-kept.ts), against a worker whose every request goes to Fastify: the same
 * requests, the same bytes (Date aside), a revoked key refused and a changed site answered anew.
 */

const sqliteContent = BACKENDS.find((b) => b.name === 'sqlite')!;

interface Posts {
  posts: { id: string; title: string; html?: string; tags?: { slug: string }[] }[];
  meta: { pagination: { total: number; pages: number; page: number; limit: number } };
}

describe.skipIf(sqliteContent.skipReason !== null)('the Content API from memory, before Fastify and stitched', () => {
  let content: TestStorage;
  let ids: FixtureIds;
  const dirs: string[] = [];
  let twins: FastPathTwins | undefined;
  let fast: Worker;
  let plain: Worker;
  /** Both workers' clock: moved on by hand, so the key service's half-second reads are the test's to time. */
  let at = FIXTURE_NOW.getTime();
  const clock = () => new Date(at);
  let fastPort: number;
  let plainPort: number;
  let key: string;
  const keys = () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-fast-api-keys-'));
    dirs.push(dataDir);
    return createApiKeyService({
      db: content.db,
      clock: () => FIXTURE_NOW,
      secretKey: secretKeyOnce(content.db, dataDir),
    });
  };

  const worker = async (): Promise<Worker> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-fast-api-'));
    dirs.push(dataDir);
    const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' });
    return composeWorker(config, { db: content.db, clock, logger: null, timers: false });
  };

  beforeAll(async () => {
    content = await sqliteContent.open();
    ids = await loadNewsroomFixture(content.db);
    key = (await keys().createApiKey({ name: 'Front end', type: 'content' })).key;
    fast = await worker();
    plain = await worker();
    // Fastify's hooks on the root never see the Content API's scope; which requests the fast path takes is
    // src/server/api/fast-content-api.test.ts's to show, with a stand-in for Fastify.
    twins = await listenAsTwins(fast, plain, () => {});
    ({ fastPort, plainPort } = twins);
  });
  afterAll(async () => {
    await twins?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await content?.destroy();
  });

  const posts = (query: string) => `/ghost/api/content/posts/?key=${key}${query}`;
  const both = async (path: string, method = 'GET', headers: Record<string, string> = {}) => ({
    viaFast: await send(fastPort, path, method, headers),
    viaFastify: await send(plainPort, path, method, headers),
  });
  const json = async (path: string) => JSON.parse((await send(plainPort, path)).body.toString()) as Posts;

  it('answers a repeated request byte for byte as the route does, in every coding', async () => {
    const paths = [
      posts('&include=tags,authors'),
      posts('&limit=2&page=2&fields=title,slug'),
      posts('&formats=plaintext'),
    ];
    for (const path of paths) {
      const first = await both(path, 'GET', { 'accept-encoding': 'gzip' });
      expect(first.viaFast.status).toBe(200);
      expect(headerOf(first.viaFast, 'x-cache')).toBe('MISS');
      expect(first.viaFast).toEqual(first.viaFastify);
    }
    for (const path of paths) {
      const ways: Record<string, string>[] = [{ 'accept-encoding': 'gzip' }, {}, { 'accept-encoding': 'br' }];
      for (const headers of ways) {
        const { viaFast, viaFastify } = await both(path, 'GET', headers);
        expect(headerOf(viaFast, 'x-cache')).toBe('HIT');
        expect(viaFast, `${path} ${JSON.stringify(headers)}`).toEqual(viaFastify);
      }
      const etag = headerOf(await send(fastPort, path), 'etag')!;
      const notModified = await both(path, 'GET', { 'if-none-match': etag });
      expect(notModified.viaFast.status).toBe(304);
      expect(notModified.viaFast).toEqual(notModified.viaFastify);
      const head = await both(path, 'HEAD');
      expect(head.viaFast).toEqual(head.viaFastify);
    }
  });

  it('makes a posts browse nothing asked before as the route makes it, and keeps it the same way', async () => {
    // The key's first use goes through Fastify, whose hook reads it and records its use; then the key is held.
    await send(fastPort, posts('&limit=1&page=3'));
    const fresh = [
      posts('&limit=2&filter=featured:true'),
      posts('&order=title%20asc&limit=4&include=authors'),
      posts('&filter=id:-1&formats=html,plaintext&limit=5'),
    ];
    for (const path of fresh) {
      const { viaFast, viaFastify } = await both(path, 'GET', { 'accept-encoding': 'gzip' });
      expect(viaFast.status).toBe(200);
      expect(headerOf(viaFast, 'x-cache')).toBe('MISS');
      expect(viaFast, path).toEqual(viaFastify);
      // Kept as the route keeps it: the same address again is a hit.
      expect(headerOf(await send(fastPort, path), 'x-cache')).toBe('HIT');
    }
    // What the fast path leaves to Fastify is answered as before: a refused query, an unknown key.
    const bad = await both(posts('&filter=nonsense:%5B'));
    expect(bad.viaFast.status).toBe(400);
    expect(bad.viaFast).toEqual(bad.viaFastify);
    const unknown = await both('/ghost/api/content/posts/?key=0123456789abcdef0123456789&limit=2');
    expect(unknown.viaFast.status).toBe(403);
    expect(unknown.viaFast).toEqual(unknown.viaFastify);
  });

  it('makes those browses itself, in front of a stand-in for Fastify that takes everything else', async () => {
    const kept = createContentApiKept();
    const pageCache = createResponseCache(1024 * 1024);
    const take = createFastContentApi({
      kept,
      pageCache,
      clock,
      apiKeys: { contentKeyHeld: (k) => k === key },
      answers: createContentApiAnswers({ db: content.db, clock, site: fast.site, pageCache, kept }),
    });
    const toFastify: string[] = [];
    const server = createServer((req, res) => {
      if (take(req, res, () => res.writeHead(418).end())) return;
      toFastify.push(req.url!);
      res.writeHead(418).end();
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
    );
    try {
      const path = posts('&limit=3&filter=featured:false&include=tags');
      const made = await send(port, path);
      expect(made.status).toBe(200);
      expect(headerOf(made, 'x-cache')).toBe('MISS');
      expect(made.body.equals((await send(plainPort, path)).body)).toBe(true);
      expect(headerOf(await send(port, path), 'x-cache')).toBe('HIT');
      // Not a browse of posts, a query it refuses, a key it does not hold: the stand-in's.
      const others = [
        `/ghost/api/content/tags/?key=${key}`,
        posts('&filter=nonsense:%5B'),
        '/ghost/api/content/posts/?key=0123456789abcdef0123456789',
        `/ghost/api/content/posts/?key=${key}&key=${key}`,
      ];
      for (const other of others) expect((await send(port, other)).status).toBe(418);
      expect(toFastify).toEqual(others);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('stitches gzip that reads as the same JSON as the answer sent as it is', async () => {
    const path = posts('&include=tags,authors&limit=all');
    const zipped = await send(fastPort, path, 'GET', { 'accept-encoding': 'gzip' });
    const plain = await send(fastPort, path);
    expect(headerOf(zipped, 'content-encoding')).toBe('gzip');
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    const body = JSON.parse(plain.body.toString()) as Posts;
    expect(body.posts.length).toBe(body.meta.pagination.total);
    expect(body.posts.every((p) => typeof p.html === 'string' && Array.isArray(p.tags))).toBe(true);
  });

  it('counts filters of negations as every live post less those denied', async () => {
    const all = await json(posts('&limit=all&include=tags'));
    const total = all.meta.pagination.total;
    const [first, second] = all.posts;
    expect((await json(posts(`&filter=id:-${first!.id}`))).meta.pagination.total).toBe(total - 1);
    expect((await json(posts(`&filter=id:-[${first!.id},${second!.id}]`))).meta.pagination.total).toBe(total - 2);
    expect((await json(posts(`&filter=id:-${first!.id}%2Bid:-${second!.id}`))).meta.pagination.total).toBe(total - 2);
    expect((await json(posts('&filter=id:-999999'))).meta.pagination.total).toBe(total);
    const politics = all.posts.filter((p) => p.tags!.some((t) => t.slug === 'politics')).length;
    expect(politics).toBeGreaterThan(0);
    expect((await json(posts('&filter=tag:-politics'))).meta.pagination.total).toBe(total - politics);
  });

  it('sends a revoked key to Fastify, which refuses it, and a changed site a new answer', async () => {
    const path = posts('&limit=3');
    await send(fastPort, path);
    const before = JSON.parse((await send(fastPort, path)).body.toString()) as Posts;
    const service = keys();
    const own = await service.createApiKey({ name: 'Short-lived', type: 'content' });
    const ownPath = `/ghost/api/content/posts/?key=${own.key}&limit=3`;
    expect((await send(fastPort, ownPath)).status).toBe(200);
    expect((await send(fastPort, ownPath)).status).toBe(200);
    const listed = (await service.listApiKeys()).find((k) => k.name === 'Short-lived')!;
    await service.revokeApiKey(listed.id);
    // Once the key service's half second is over, the revoked key is refused: the kept answer is not sent to it.
    at += 600;
    expect((await send(fastPort, ownPath)).status).toBe(403);

    await saveArticle(content.db, null, {
      slug: 'late-edition-note',
      headline: 'Late edition note',
      standfirst: null,
      body: [{ type: 'paragraph', content: [{ text: 'Filed after the others.', marks: [] }] }],
      sectionId: ids.sections.business,
      authorIds: [],
      tags: [],
      photo: null,
      status: 'published',
      publishedAt: new Date(at - 1_000),
      updatedAt: null,
    });
    await fast.site.refresh();
    const after = JSON.parse((await send(fastPort, path)).body.toString()) as Posts;
    expect(after.posts[0]!.title).toBe('Late edition note');
    expect(after.meta.pagination.total).toBe(before.meta.pagination.total + 1);
  });
});
