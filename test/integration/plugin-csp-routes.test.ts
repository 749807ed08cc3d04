import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { definePlugin } from '../../src/plugins/contract.js';
import { createPluginRegistry, type PluginRegistry } from '../../src/plugins/registry.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { headerOf, send } from '../support/fast-path-twins.js';

/**
 * A plugin's CSP sources in the reader pages' policy (and nowhere else), and its routes under /plugins/{name}/.
 * Neither touches stored content beyond rendering pages, so SQLite serves for both.
 */

/** Today's policy, written out: every answer of a site without plugins must carry exactly this. */
const BASE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** The same with the ads plugin's sources merged in. */
const READER_POLICY =
  "default-src 'self'; script-src 'self' https://ads.example https://cdn.ads.example; " +
  "style-src 'self' https://ads.example; img-src 'self' data: https://*.adimg.example; font-src 'self'; " +
  "connect-src 'self' https://collect.ads.example; frame-src 'self' https://frames.ads.example; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const adsPlugin = definePlugin({
  name: 'ads',
  version: '1.2.0',
  csp: {
    scriptSrc: ['https://ads.example', 'https://cdn.ads.example'],
    styleSrc: ['https://ads.example'],
    imgSrc: ['https://*.adimg.example'],
    connectSrc: ['https://collect.ads.example'],
    frameSrc: ['https://frames.ads.example'],
  },
  routes: (app: FastifyInstance) => {
    app.get('/hello', async () => ({ hello: 'from ads' }));
    app.get('/boom', async () => {
      throw new Error('ads lost its secret table at /srv/ads/index.mjs:12');
    });
    // Addresses that look like the site's own land under the plugin's prefix.
    app.get('/ranking/', async () => 'the plugin, not the ranking');
    app.get('/outside', async () => 'inside after all');
  },
});
/** A second plugin asking for a source the first already asked for: each source is named once. */
const pixelPlugin = definePlugin({ name: 'pixel', version: '0.1.0', csp: { scriptSrc: ['https://ads.example'] } });

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;

describe.skipIf(sqlite.skipReason !== null)('plugins: CSP sources and routes', () => {
  let storage: TestStorage;
  let ids: FixtureIds;
  const dirs: string[] = [];
  const workers: Worker[] = [];
  const logLines: { msg?: string; err?: { message?: string }; statusCode?: number }[] = [];

  const article = () => `/politics/defense-security/20260121-${ids.reference}/`;

  /** A worker as `dateline serve` builds it (fast paths included), listening on a free loopback port. */
  const serve = async (plugins?: PluginRegistry): Promise<{ worker: Worker; port: number }> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-plugin-csp-'));
    dirs.push(dataDir);
    const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'error', PORT: '0' });
    const logger = pino({ level: 'error' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
    const worker = await composeWorker(config, {
      db: storage.db,
      clock: () => FIXTURE_NOW,
      logger,
      timers: false,
      ...(plugins ? { plugins } : {}),
    });
    workers.push(worker);
    await worker.start();
    await worker.app.listen({ host: '127.0.0.1', port: 0 });
    const address = worker.app.server.address();
    return { worker, port: typeof address === 'object' && address ? address.port : 0 };
  };

  let withAds: { worker: Worker; port: number };
  let without: { worker: Worker; port: number };

  beforeAll(async () => {
    storage = await sqlite.open();
    ids = await loadNewsroomFixture(storage.db);
    withAds = await serve(createPluginRegistry([adsPlugin, pixelPlugin]));
    without = await serve();
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await storage?.destroy();
  });

  describe('the Content-Security-Policy', () => {
    it("gives a reader page the plugins' sources on its first render (MISS) and from memory (HIT), through Fastify", async () => {
      withAds.worker.pageCache.clear();
      const miss = await withAds.worker.app.inject({ method: 'GET', url: article() });
      const hit = await withAds.worker.app.inject({ method: 'GET', url: article() });
      expect([miss.statusCode, miss.headers['x-cache']]).toEqual([200, 'MISS']);
      expect([hit.statusCode, hit.headers['x-cache']]).toEqual([200, 'HIT']);
      expect(miss.headers['content-security-policy']).toBe(READER_POLICY);
      expect(hit.headers['content-security-policy']).toBe(READER_POLICY);
    });

    it('sends the same policy from the fast path before Fastify, in every coding and on a 304', async () => {
      withAds.worker.pageCache.clear();
      const miss = await send(withAds.port, '/');
      const hit = await send(withAds.port, '/');
      const brotli = await send(withAds.port, '/', 'GET', { 'accept-encoding': 'br' });
      const notModified = await send(withAds.port, '/', 'GET', { 'if-none-match': headerOf(hit, 'etag')! });
      expect([miss.status, headerOf(miss, 'x-cache')]).toEqual([200, 'MISS']);
      expect([hit.status, headerOf(hit, 'x-cache')]).toEqual([200, 'HIT']);
      expect(notModified.status).toBe(304);
      for (const answer of [miss, hit, brotli, notModified])
        expect(headerOf(answer, 'content-security-policy')).toBe(READER_POLICY);
    });

    it('gives the section front, the ranking page and a reader 404 page the merged policy too', async () => {
      for (const path of ['/politics/', '/ranking/', '/no-such-section/']) {
        const res = await send(withAds.port, path);
        expect([path, headerOf(res, 'content-security-policy')]).toEqual([path, READER_POLICY]);
      }
    });

    it("never changes the newsroom's policy", async () => {
      for (const path of ['/newsroom/login', '/newsroom', '/newsroom/no-such-page']) {
        const res = await send(withAds.port, path);
        expect([path, headerOf(res, 'content-security-policy')]).toEqual([path, BASE_POLICY]);
      }
    });

    it('keeps every header of a site without plugins byte for byte as before', async () => {
      without.worker.pageCache.clear();
      for (const path of ['/', '/', article(), '/politics/', '/ranking/', '/newsroom/login', '/feed/', '/nope/']) {
        const res = await send(without.port, path);
        expect([path, headerOf(res, 'content-security-policy')]).toEqual([path, BASE_POLICY]);
      }
      // The names, values and order of a cached page's headers are a plugin-free site's own (the Date aside).
      const a = await send(without.port, article());
      expect(a.headers.map(([name]) => name.toLowerCase())).toEqual([
        'x-cache',
        'content-security-policy',
        'x-content-type-options',
        'x-frame-options',
        'referrer-policy',
        'cross-origin-opener-policy',
        'cross-origin-resource-policy',
        'permissions-policy',
        'cache-control',
        'etag',
        'last-modified',
        'vary',
        // What a cache in front files the page under and how long it keeps it (issue 18, wire-headers.ts).
        'surrogate-key',
        'xkey',
        'cache-tag',
        'surrogate-control',
        'cdn-cache-control',
        'content-type',
        'content-length',
        'connection',
      ]);
    });
  });

  describe("a plugin's routes", () => {
    it('answer under /plugins/{name}/ with the security headers and the merged policy', async () => {
      const res = await withAds.worker.app.inject({ method: 'GET', url: '/plugins/ads/hello' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ hello: 'from ads' });
      expect(res.headers['content-security-policy']).toBe(READER_POLICY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
    });

    it("give a throwing route the app's 500 page, with no stack trace, and log the error", async () => {
      logLines.length = 0;
      const res = await withAds.worker.app.inject({ method: 'GET', url: '/plugins/ads/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).not.toContain('secret table');
      expect(res.body).not.toContain('index.mjs');
      expect(res.body).toContain('<h1');
      const json = await withAds.worker.app.inject({
        method: 'GET',
        url: '/plugins/ads/boom',
        headers: { accept: 'application/json' },
      });
      expect(json.statusCode).toBe(500);
      expect(json.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
      expect(json.body).not.toContain('secret table');
      const logged = logLines.filter((l) => l.err?.message?.includes('ads lost its secret table'));
      expect(logged).toHaveLength(2);
    });

    it('cannot answer outside its prefix', async () => {
      const outside = await withAds.worker.app.inject({ method: 'GET', url: '/outside' });
      expect(outside.statusCode).toBe(404);
      const inside = await withAds.worker.app.inject({ method: 'GET', url: '/plugins/ads/outside' });
      expect([inside.statusCode, inside.body]).toEqual([200, 'inside after all']);
      // Its "/ranking/" is its own; the site's ranking page is still the site's.
      const ranking = await withAds.worker.app.inject({ method: 'GET', url: '/ranking/' });
      expect(ranking.statusCode).toBe(200);
      expect(ranking.body).not.toContain('the plugin, not the ranking');
      const mine = await withAds.worker.app.inject({ method: 'GET', url: '/plugins/ads/ranking/' });
      expect(mine.body).toBe('the plugin, not the ranking');
      // Another plugin's folder is not its.
      const other = await withAds.worker.app.inject({ method: 'GET', url: '/plugins/pixel/hello' });
      expect(other.statusCode).toBe(404);
    });
  });
});
