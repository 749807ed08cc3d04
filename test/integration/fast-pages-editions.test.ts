import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { loadEditionsFixture, type EditionsFixture } from '../fixtures/editions.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { headerOf, listenAsTwins, send, type FastPathTwins } from '../support/fast-path-twins.js';

/**
 * The fast path (src/server/fast-pages.ts) on another edition's addresses (issue 13): a site with /ja/ and /ko/
 * editions and translation groups, asked over real sockets of two workers built alike, one with the fast paths in
 * front and one whose every request reaches Fastify. Once both are warm, every kept /ja/ address must come back
 * byte for byte the same (the Date header aside) without the fast worker's Fastify seeing it.
 */

const sqliteContent = BACKENDS.find((b) => b.name === 'sqlite')!;

describe.skipIf(sqliteContent.skipReason !== null)('another edition’s pages from memory before Fastify', () => {
  let content: TestStorage;
  let f: EditionsFixture;
  const dirs: string[] = [];
  let twins: FastPathTwins | undefined;
  const seenByFastify: string[] = [];

  const worker = async (): Promise<Worker> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-fast-editions-'));
    dirs.push(dataDir);
    const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' });
    return composeWorker(config, { db: content.db, clock: () => FIXTURE_NOW, logger: null, timers: false });
  };
  const both = async (path: string, method = 'GET', headers: Record<string, string> = {}) => ({
    viaFast: await send(twins!.fastPort, path, method, headers),
    viaFastify: await send(twins!.plainPort, path, method, headers),
  });

  beforeAll(async () => {
    content = await sqliteContent.open();
    f = await loadEditionsFixture(content.db, await loadNewsroomFixture(content.db));
    twins = await listenAsTwins(await worker(), await worker(), (req) =>
      seenByFastify.push(`${req.method} ${req.originalUrl}`),
    );
  });
  afterAll(async () => {
    await twins?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await content?.destroy();
  });

  it('sends the Japanese home, fronts, articles with their links, feeds and news file as Fastify does', async () => {
    const kept = [
      '/ja/',
      '/ja/seiji/',
      '/ja/seiji/boei/',
      `/ja/seiji/boei/20260121-${f.reference.ja}/`,
      `/politics/defense-security/20260121-${f.reference.en}/`,
      `/ko/politics/defense-security/20260121-${f.reference.ko}/`,
      // Under the wrong slug: the kept answer is the move to its address.
      `/ja/politics/defense-security/20260121-${f.reference.ja}/`,
      '/ja/corrections/',
      '/ja/feed/',
      '/ja/feed/atom/',
      '/ja/sitemaps/news.xml',
      '/ko/',
    ];
    for (const path of kept) await both(path);
    seenByFastify.length = 0;
    for (const path of kept) {
      const first = await both(path);
      expect([path, first.viaFast.status < 400, headerOf(first.viaFast, 'x-cache')]).toEqual([path, true, 'HIT']);
      expect(first.viaFast, path).toEqual(first.viaFastify);
      const etag = headerOf(first.viaFast, 'etag')!;
      const ways: Record<string, string>[] = [
        { 'accept-encoding': 'gzip, deflate, br' },
        { 'accept-encoding': 'gzip' },
        { 'if-none-match': etag },
      ];
      for (const headers of ways) {
        const { viaFast, viaFastify } = await both(path, 'GET', headers);
        expect(viaFast, `${path} ${JSON.stringify(headers)}`).toEqual(viaFastify);
      }
      const head = await both(path, 'HEAD');
      expect(head.viaFast, `HEAD ${path}`).toEqual(head.viaFastify);
    }
    expect(seenByFastify).toEqual([]);
    // The article kept is the one with its language switch.
    const article = await send(twins!.fastPort, kept[3]!);
    expect(article.body.toString()).toContain('class="language-switch"');
  });

  it('leaves to Fastify what is not kept under a prefix: /ja, errors and the ranking page', async () => {
    for (const path of ['/ja', '/ja/no-such-section/', '/ja/ranking/']) await both(path);
    seenByFastify.length = 0;
    for (const path of ['/ja', '/ja/no-such-section/', '/ja/ranking/']) {
      const { viaFast, viaFastify } = await both(path);
      expect(viaFast, path).toEqual(viaFastify);
    }
    expect(seenByFastify).toEqual(['GET /ja', 'GET /ja/no-such-section/', 'GET /ja/ranking/']);
  });
});
