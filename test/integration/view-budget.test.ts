import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signViewToken } from '../../src/domain/view-token.js';
import { ADDRESS_ARTICLE_HOURLY_CAP, ADDRESS_HOURLY_CAP } from '../../src/ranking/view-candidate.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { VIEW_BACKENDS, type TestViewStore } from '../support/view-backends.js';

/** A reader's browser; an attacker rotating user agents changes the version on every beacon. */
const readerAgent = (version: number) =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0.0.0 Safari/537.36`;
const sqliteContent = BACKENDS.find((b) => b.name === 'sqlite')!;

// Real beacons through the real app, counted by each view backend: the budget is the same on both.
for (const backend of VIEW_BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the address budget on ${backend.name}`, () => {
    let content: TestStorage;
    let ids: FixtureIds;
    let views: TestViewStore;
    let t: TestApp;

    beforeAll(async () => {
      content = await sqliteContent.open();
      ids = await loadNewsroomFixture(content.db);
    });
    afterAll(async () => {
      await content?.destroy();
    });
    beforeEach(async () => {
      views = await backend.open();
      t = await buildTestApp(content.db, FIXTURE_NOW, { viewStore: views.store });
    });
    afterEach(async () => {
      await t?.close();
      await views?.destroy();
    });

    let agent = 0;
    /** Beacons for an article, each with a user agent never used before, from one address. */
    const beacons = async (articleId: number, count: number, remoteAddress: string) => {
      for (let i = 0; i < count; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/views',
          remoteAddress,
          headers: {
            'content-type': 'text/plain;charset=UTF-8',
            'user-agent': readerAgent(++agent),
            'sec-fetch-site': 'same-origin',
          },
          payload: JSON.stringify({
            a: articleId,
            t: signViewToken(t.views.tokenKey, articleId, FIXTURE_NOW.getTime()),
          }),
        });
        expect(res.statusCode).toBe(204);
      }
    };
    /** Counted views per article, as /api/ranking shows them after a flush. */
    const ranking = async (): Promise<Map<number, number>> => {
      await t.views.tracker.flush();
      // The API's answer is cached like a page for a while; the same clock, set again, drops the cached copy.
      t.setNow(FIXTURE_NOW);
      const res = await t.app.inject({ method: 'GET', url: '/api/ranking?window=1h&limit=50' });
      expect(res.statusCode).toBe(200);
      const { articles } = res.json<{ articles: { id: number; views: number }[] }>();
      return new Map(articles.map((a) => [a.id, a.views]));
    };

    it('counts 20 of 300 beacons with 300 user agents from one address, and other addresses as usual', async () => {
      await beacons(ids.reference, 300, '198.51.100.7');
      expect((await ranking()).get(ids.reference)).toBe(ADDRESS_ARTICLE_HOURLY_CAP);
      await beacons(ids.reference, 3, '198.51.100.8');
      expect((await ranking()).get(ids.reference)).toBe(ADDRESS_ARTICLE_HOURLY_CAP + 3);
    });

    it("counts one address's views of other articles until its site budget of 120 is spent", async () => {
      const articles = [...new Set([ids.reference, ids.updated, ids.pinned, ...ids.politics, ...ids.business])];
      const perArticle = ADDRESS_HOURLY_CAP / ADDRESS_ARTICLE_HOURLY_CAP;
      expect(articles.length).toBeGreaterThan(perArticle);
      for (const id of articles) await beacons(id, 25, '198.51.100.9');
      const counted = await ranking();
      expect(articles.map((id) => counted.get(id) ?? 0)).toEqual(
        articles.map((_, i) => (i < perArticle ? ADDRESS_ARTICLE_HOURLY_CAP : 0)),
      );
    });

    it('shares a budget between the addresses of one IPv6 /64, and gives the next /64 its own', async () => {
      for (let i = 1; i <= 15; i++) await beacons(ids.reference, 2, `2001:db8:a:1::${i.toString(16)}`);
      expect((await ranking()).get(ids.reference)).toBe(ADDRESS_ARTICLE_HOURLY_CAP);
      await beacons(ids.reference, 5, '2001:db8:a:2::1');
      expect((await ranking()).get(ids.reference)).toBe(ADDRESS_ARTICLE_HOURLY_CAP + 5);
    });

    it('holds an IPv4 address to one budget whether it arrives as IPv4 or IPv4-mapped IPv6', async () => {
      await beacons(ids.reference, 15, '198.51.100.10');
      await beacons(ids.reference, 15, '::ffff:198.51.100.10');
      expect((await ranking()).get(ids.reference)).toBe(ADDRESS_ARTICLE_HOURLY_CAP);
    });
  });
}
