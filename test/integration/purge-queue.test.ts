import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { parsePurgeTarget, type PurgeTarget } from '../../src/domain/purge-target.js';
import { authorFormValuesOf } from '../../src/services/author-form.js';
import { loadAuthor, updateAuthor } from '../../src/services/authors.js';
import { createPurgeDelivery, keysOf } from '../../src/services/purge-delivery.js';
import { createPurger } from '../../src/services/purgers.js';
import { saveArticle } from '../../src/services/save-article.js';
import { savePublisherImage } from '../../src/services/site-admin.js';
import { queuePurge } from '../../src/storage/repositories/purge.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/** A stand-in for Varnish, Fastly's API or Cloudflare's: records each request and answers `status`. */
const standIn = async () => {
  const calls: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: status === 200 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    answer: (s: number) => (status = s),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};

const target = (spec: string, api?: string): PurgeTarget => {
  const parsed = parsePurgeTarget(spec, 'secret-token', api);
  if (!parsed.ok || !parsed.target) throw new Error(`bad test target ${spec}`);
  return parsed.target;
};

/**
 * Purge on change (issue 18; docs/architecture/0026-purge-on-change.md): every reader-visible change queues the
 * surrogate keys it made stale in its own transaction, and the serving processes with a purger send them.
 */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the purge queue on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
    });
    afterAll(async () => {
      await storage?.destroy();
    });
    beforeEach(async () => {
      await storage.db.deleteFrom('purge_request').execute();
    });

    const queued = async () =>
      (await storage.db.selectFrom('purge_request').select('keys').orderBy('id').execute()).flatMap((r) =>
        r.keys.split(' '),
      );
    const story = (status: 'draft' | 'published') => ({
      slug: `harbour-crane-${status}`,
      headline: 'Harbour Crane Returns to Service',
      standfirst: null,
      body: [paragraph('The crane lifted its first container in a month.')],
      sectionId: ids.sections.politics,
      authorIds: [ids.authors.aoki],
      tags: [],
      photo: null,
      status,
      publishedAt: status === 'published' ? FIXTURE_NOW : null,
      updatedAt: null,
    });

    it('queues the article’s own key and the lists when a live article is saved; nothing for a draft', async () => {
      await saveArticle(storage.db, null, story('draft'), FIXTURE_NOW);
      expect(await queued()).toEqual([]);
      const id = await saveArticle(storage.db, null, story('published'), FIXTURE_NOW);
      expect((await queued()).sort()).toEqual([`article-${id}`, 'lists'].sort());
    });

    it('queues the pages of an author’s articles when the profile changes, and `site` for a change every page shows', async () => {
      const author = await loadAuthor(storage.db, ids.authors.baker);
      const bylined = await storage.db
        .selectFrom('article_author')
        .select('article_id')
        .where('author_id', '=', author.id)
        .execute();
      expect(bylined.length).toBeGreaterThan(0);
      await updateAuthor(storage.db, author.id, { ...authorFormValuesOf(author, null), jobTitle: 'Harbour reporter' });
      expect((await queued()).sort()).toEqual(['lists', ...bylined.map((r) => `article-${r.article_id}`)].sort());
      await storage.db.deleteFrom('purge_request').execute();
      await savePublisherImage(storage.db, 'logo', null);
      expect(await queued()).toEqual(['site']);
    });

    it('sends due keys once through Varnish, retries a refusal with backoff, and two processes never both send a row', async () => {
      const varnish = await standIn();
      try {
        let now = FIXTURE_NOW.getTime();
        const delivery = (purger = createPurger(target(`varnish:${varnish.base}`))) =>
          createPurgeDelivery({ db: storage.db, clock: () => new Date(now), purger, pollMs: 1000, settleMs: 700 });
        await queuePurge(storage.db, ['article-1', 'lists'], now);
        await queuePurge(storage.db, ['lists', 'article-2'], now);
        // Not before every node's page cache has had time to drop the pages (settleMs).
        expect(await delivery().runOnce()).toBe(0);
        expect(varnish.calls).toEqual([]);
        now += 700;
        varnish.answer(503);
        expect(await delivery().runOnce()).toBe(0);
        const failed = await storage.db.selectFrom('purge_request').selectAll().execute();
        expect(failed.map((r) => [r.attempts, r.next_attempt_at, r.sent_at])).toEqual([
          [1, now + 1000, null],
          [1, now + 1000, null],
        ]);
        expect(failed[0]!.last_error).toMatch(/answered 503/);
        // Not due yet: nothing is sent.
        varnish.answer(200);
        expect(await delivery().runOnce()).toBe(0);
        now += 1000;
        const [a, b] = await Promise.all([delivery().runOnce(), delivery().runOnce()]);
        expect(a + b).toBe(2);
        const sent = varnish.calls.filter((c) => c.headers['xkey-purge'] !== undefined);
        expect(sent.map((c) => [c.method, c.url])).toContainEqual(['PURGE', '/']);
        // The failed try, then one successful purge of both rows' keys together.
        expect(sent.slice(-1).map((c) => String(c.headers['xkey-purge']).split(' ').sort())).toEqual([
          ['article-1', 'article-2', 'lists'],
        ]);
        expect(await delivery().runOnce()).toBe(0);
        // Once more two seconds later, for a node slow to drop its copy; then never again.
        now += 2000;
        expect(await delivery().runOnce()).toBe(2);
        now += 60_000;
        expect(await delivery().runOnce()).toBe(0);
        expect(varnish.calls.filter((c) => c.headers['xkey-purge'] !== undefined)).toHaveLength(3);
      } finally {
        await varnish.close();
      }
    });

    it('prunes rows queued over a day ago, whether or not a purger sent them', async () => {
      const now = FIXTURE_NOW.getTime();
      await queuePurge(storage.db, ['lists'], now - 25 * 3600_000);
      await queuePurge(storage.db, ['lists'], now - 3600_000);
      await createPurgeDelivery({
        db: storage.db,
        clock: () => new Date(now),
        purger: null,
        pollMs: 1000,
        settleMs: 0,
      }).runOnce();
      expect(await storage.db.selectFrom('purge_request').select('created_at').execute()).toEqual([
        { created_at: now - 3600_000 },
      ]);
    });
  });
}

describe('purgers', () => {
  it('asks Fastly to purge by surrogate key, 256 keys a request, with the API token', async () => {
    const api = await standIn();
    try {
      const keys = Array.from({ length: 300 }, (_, i) => `article-${i}`);
      await createPurger(target('fastly:SVC123', api.base))(keys);
      expect(api.calls.map((c) => [c.method, c.url, c.headers['fastly-key']])).toEqual([
        ['POST', '/service/SVC123/purge', 'secret-token'],
        ['POST', '/service/SVC123/purge', 'secret-token'],
      ]);
      expect(api.calls.map((c) => String(c.headers['surrogate-key']).split(' ').length)).toEqual([256, 44]);
    } finally {
      await api.close();
    }
  });

  it('asks Cloudflare to purge cache tags, 30 a call, and fails when it does not confirm', async () => {
    const api = await standIn();
    try {
      await createPurger(target('cloudflare:zone9', api.base))(Array.from({ length: 31 }, (_, i) => `t${i}`));
      expect(api.calls.map((c) => [c.method, c.url, c.headers.authorization])).toEqual([
        ['POST', '/client/v4/zones/zone9/purge_cache', 'Bearer secret-token'],
        ['POST', '/client/v4/zones/zone9/purge_cache', 'Bearer secret-token'],
      ]);
      expect(JSON.parse(api.calls[1]!.body)).toEqual({ tags: ['t30'] });
      api.answer(403);
      await expect(createPurger(target('cloudflare:zone9', api.base))(['lists'])).rejects.toThrow(
        /Cloudflare answered 403/,
      );
    } finally {
      await api.close();
    }
  });

  it('sends `site` alone when a batch holds it, since it covers every other key', () => {
    expect(keysOf([{ keys: 'article-1 lists' }, { keys: 'site' }])).toEqual(['site']);
    expect(keysOf([{ keys: 'article-1 lists' }, { keys: 'lists author-3' }])).toEqual([
      'article-1',
      'lists',
      'author-3',
    ]);
  });

  it('refuses settings that cannot purge anything, saying what is missing', () => {
    expect(parsePurgeTarget('varnish:', undefined, undefined)).toMatchObject({ ok: false });
    expect(parsePurgeTarget('fastly:SVC', undefined, undefined)).toEqual({
      ok: false,
      message: 'fastly purging needs DATELINE_PURGE_TOKEN (an API token)',
    });
    expect(parsePurgeTarget('none', undefined, undefined)).toEqual({ ok: true, target: null });
  });
});
