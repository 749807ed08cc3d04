import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { keptRow } from '../support/kept-pages.js';
import { queryWatcher } from '../support/query-watcher.js';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`reader cache scope on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    const watcher = queryWatcher();
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const referencePath = () => `/politics/defense-security/20260121-${ids.reference}/`;
    const politicsPath = (i: number) => `/politics/20260121-${ids.politics[i]}/`;

    beforeAll(async () => {
      storage = await backend.open({ log: watcher.log });
      ids = await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db.withPlugin(watcher.plugin), FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });
    beforeEach(() => {
      t.setNow(FIXTURE_NOW);
      watcher.reset();
    });

    it('serves tracking and unknown parameters from the bare address, without rendering again', async () => {
      const bare = await get(referencePath());
      expect(bare.statusCode).toBe(200);
      watcher.reset();
      for (const query of [
        '?utm_source=x&utm_medium=social',
        '?fbclid=abc',
        '?gclid=1&ref=home',
        '?page=2',
        '?page=x',
      ]) {
        const res = await get(`${referencePath()}${query}`);
        expect(res.statusCode, query).toBe(200);
        expect(res.headers['x-cache'], query).toBe('HIT');
        expect(res.body).toBe(bare.body);
      }
      expect((await get('/?utm_campaign=daily')).headers['x-cache']).toBe('MISS');
      expect((await get('/?page=3&utm_campaign=weekly')).headers['x-cache']).toBe('HIT');
      expect(watcher.seen.queries).toBeGreaterThan(0);
      const afterHome = watcher.seen.queries;
      // A thousand spellings of tracking parameters render nothing and store nothing more.
      const before = t.pageCache.size;
      for (let i = 0; i < 1000; i++) await get(`${referencePath()}?utm_source=${i}&x${i}=${i}`);
      expect(t.pageCache.size).toBe(before);
      expect(watcher.seen.queries).toBe(afterHome);
    });

    it('counts the page number on section fronts only, the first page being the bare address', async () => {
      expect((await get('/politics/')).headers['x-cache']).toBe('MISS');
      expect((await get('/politics/?page=1')).headers['x-cache']).toBe('HIT');
      expect((await get('/politics/?page=1&utm_source=x')).headers['x-cache']).toBe('HIT');
      // The fixture's Politics fits on one page: page 2 is its own address, so not the bare copy but a 404.
      const second = await get('/politics/?page=2&utm_source=x');
      expect([second.statusCode, second.headers['x-cache']]).toEqual([404, undefined]);
      expect((await get('/politics/?page=abc')).statusCode).toBe(400);
    });

    it('renders a page once for concurrent misses', async () => {
      const path = politicsPath(0);
      // Reads only: a rendered page is kept by a write after its answer has gone, which may land in either count.
      const reads = () => watcher.seen.sql.filter((q) => !/\b(?:insert|update|delete)\b/i.test(q)).length;
      const alone = await get(path);
      expect(alone.statusCode).toBe(200);
      const oneRender = reads();
      expect(oneRender).toBeGreaterThan(0);
      t.setNow(FIXTURE_NOW);
      watcher.reset();
      const answers = await Promise.all(Array.from({ length: 20 }, () => get(path)));
      expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
      expect(new Set(answers.map((r) => r.body)).size).toBe(1);
      // Twenty concurrent misses cost no more reads than one render (twenty renders would cost twenty times as many);
      // fewer when a list the first render read is still shared in this second.
      expect(reads()).toBeLessThanOrEqual(oneRender);
    });

    it('loads an article page in two rounds of queries', async () => {
      // A second no other test renders in: nothing is shared from an earlier page (see below).
      t.setNow(new Date(FIXTURE_NOW.getTime() + 41_000));
      watcher.reset();
      const res = await get(referencePath());
      expect(res.statusCode).toBe(200);
      expect(watcher.seen.rounds).toBeLessThanOrEqual(2);
      expect(watcher.seen.queries).toBeGreaterThanOrEqual(7);
    });

    it('computes the boxes and lists every article page of a section shows once a second, not per page', async () => {
      // Seconds no other test renders in, so no list is shared from an earlier page.
      const at = (seconds: number) => new Date(FIXTURE_NOW.getTime() + seconds * 1000);
      const queriesOf = async (path: string) => {
        watcher.reset();
        expect((await get(path)).statusCode).toBe(200);
        return watcher.seen.queries;
      };
      // Both pages kept first: a page rendered whole is kept by writes made after its answer, which would land in
      // whichever count runs then.
      t.setNow(at(4));
      for (const i of [0, 2]) {
        expect((await get(politicsPath(i))).statusCode).toBe(200);
        await keptRow(storage.db, t.worker, ids.politics[i]!);
      }
      t.setNow(at(5));
      const first = await queriesOf(politicsPath(0));
      // Another article of the section in the same second asks only for what is its own.
      const sameSecond = await queriesOf(politicsPath(2));
      expect(sameSecond).toBeLessThan(first);
      // The site-wide ranking box (one query while nothing has been read), the section's box (pinned and latest)
      // and the section family's newest (one query a section) are all among what was shared.
      expect(first - sameSecond).toBeGreaterThanOrEqual(4);
      // In the next second the shared lists are asked again, once, by the first page; the Related stories' rows are
      // kept per content version, so each page then reads only its kept row.
      t.setNow(at(6));
      const nextFirst = await queriesOf(politicsPath(2));
      const nextSame = await queriesOf(politicsPath(0));
      expect(nextFirst - nextSame).toBeGreaterThanOrEqual(4);
      expect(nextSame).toBe(1);
    });
    it('sends a hit with the same headers as the miss that made it, whichever way it is asked for', async () => {
      const sameHeaders = (a: Record<string, unknown>, b: Record<string, unknown>) => {
        const drop = ({
          date: _d,
          'x-cache': _x,
          connection: _c,
          'keep-alive': _k,
          ...rest
        }: Record<string, unknown>) => rest;
        expect(drop(a)).toEqual(drop(b));
      };
      for (const headers of [{}, { 'accept-encoding': 'gzip, br' }]) {
        t.setNow(FIXTURE_NOW);
        const miss = await t.app.inject({ method: 'GET', url: referencePath(), headers });
        const hit = await t.app.inject({ method: 'GET', url: referencePath(), headers });
        expect([miss.headers['x-cache'], hit.headers['x-cache']]).toEqual(['MISS', 'HIT']);
        sameHeaders(miss.headers, hit.headers);
        expect(hit.rawPayload.equals(miss.rawPayload)).toBe(true);
        expect(Number(hit.headers['content-length'])).toBe(hit.rawPayload.byteLength);
        expect(hit.headers['content-security-policy']).toContain("default-src 'self'");
        const head = await t.app.inject({ method: 'HEAD', url: referencePath(), headers });
        expect([head.statusCode, head.headers['x-cache'], head.body]).toEqual([200, 'HIT', '']);
        const etag = String(hit.headers.etag);
        const notModified = await t.app.inject({
          method: 'GET',
          url: referencePath(),
          headers: { ...headers, 'if-none-match': etag },
        });
        expect([notModified.statusCode, notModified.body, notModified.headers.etag]).toEqual([304, '', etag]);
        expect(notModified.headers['x-frame-options']).toBe('DENY');
      }
    });
  });
}
