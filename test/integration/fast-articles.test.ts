import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { findArticleRenderRow } from '../../src/storage/repositories/article-render.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { headerOf, listenAsTwins, send, type FastPathTwins } from '../support/fast-path-twins.js';
import { eventually } from '../support/wait.js';

/**
 * Article pages kept in the database, answered before Fastify (src/server/reader/fast-articles.ts), against the
 * reader route's own answer from the same kept row: two workers over one database, one listening as `dateline
 * serve` does and one whose every request goes to Fastify. With both page caches empty, each request must get the
 * same bytes both ways (the Date header aside); what the fast path cannot answer (a page not kept, another
 * spelling, an article that is not there) reaches Fastify and is answered as before.
 */

const sqliteContent = BACKENDS.find((b) => b.name === 'sqlite')!;

describe.skipIf(sqliteContent.skipReason !== null)('kept article pages before Fastify', () => {
  let content: TestStorage;
  let ids: FixtureIds;
  const dirs: string[] = [];
  let fast: Worker;
  let plain: Worker;
  let twins: FastPathTwins | undefined;
  const seenByFastify: string[] = [];
  const path = (id: number) => `/politics/20260121-${id}/`;
  const reference = () => `/politics/defense-security/20260121-${ids.reference}/`;

  const worker = async (): Promise<Worker> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-fast-articles-'));
    dirs.push(dataDir);
    const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' });
    return composeWorker(config, { db: content.db, clock: () => FIXTURE_NOW, logger: null, timers: false });
  };
  const both = async (url: string, method = 'GET', headers: Record<string, string> = {}) => {
    fast.pageCache.clear();
    plain.pageCache.clear();
    return {
      viaFast: await send(twins!.fastPort, url, method, headers),
      viaFastify: await send(twins!.plainPort, url, method, headers),
    };
  };

  beforeAll(async () => {
    content = await sqliteContent.open();
    ids = await loadNewsroomFixture(content.db);
    fast = await worker();
    plain = await worker();
    twins = await listenAsTwins(fast, plain, (req) => seenByFastify.push(`${req.method} ${req.url}`));
  });
  afterAll(async () => {
    await twins?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await content?.destroy();
  });

  it('sends a kept page as the route sends it from the same row, in every way a client asks, without Fastify', async () => {
    const url = reference();
    // Rendered whole once (through Fastify: nothing is kept yet), then kept under the workers' stamp.
    const first = await send(twins!.fastPort, url);
    expect(first.status).toBe(200);
    expect(seenByFastify).toContain(`GET ${url}`);
    await eventually('the page being kept', async () => {
      const row = await findArticleRenderRow(content.db, ids.reference);
      return row?.site_stamp === fast.articleStamp() ? row : undefined;
    });
    seenByFastify.length = 0;
    const ways: [string, Record<string, string>][] = [
      ['GET', {}],
      ['GET', { 'accept-encoding': 'gzip' }],
      ['GET', { 'accept-encoding': 'gzip, deflate, br' }],
      ['HEAD', { 'accept-encoding': 'gzip' }],
      ['HEAD', {}],
    ];
    for (const [method, headers] of ways) {
      const { viaFast, viaFastify } = await both(url, method, headers);
      expect(viaFast.status).toBe(200);
      expect(headerOf(viaFast, 'x-cache')).toBe('MISS');
      expect(viaFast, `${method} ${JSON.stringify(headers)}`).toEqual(viaFastify);
    }
    const zipped = (await both(url, 'GET', { 'accept-encoding': 'gzip' })).viaFast;
    const etag = headerOf(zipped, 'etag')!;
    const conditional = await both(url, 'GET', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(conditional.viaFast.status).toBe(304);
    expect(conditional.viaFast).toEqual(conditional.viaFastify);
    expect(gunzipSync(zipped.body).toString()).toContain('<h1');
    expect(seenByFastify).toEqual([]);
    // What it answered, it kept in the page cache under the address: the next request is a hit.
    expect(headerOf(await send(twins!.fastPort, url), 'x-cache')).toBe('HIT');
  });

  it('hands Fastify what it cannot answer: a page not kept, another spelling, no such article, a query string', async () => {
    const notKept = path(ids.politics[0]!);
    const misses = [
      notKept,
      reference().slice(0, -1),
      `/politics/20260121-${ids.reference}/`,
      '/politics/20260121-999999/',
      `${reference()}?utm_source=x`,
    ];
    seenByFastify.length = 0;
    for (const url of misses) {
      const { viaFast, viaFastify } = await both(url);
      expect(viaFast, url).toEqual(viaFastify);
    }
    expect(seenByFastify).toEqual(misses.map((u) => `GET ${u}`));
  });
});
