import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RankingWindow } from '../../src/domain/ranking-window.js';
import { signViewToken, VIEW_TOKEN_LIFETIME_SECONDS } from '../../src/domain/view-token.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';

/** A reader's browser; visitors differ by the Chrome version in it. */
const readerAgent = (version = 131) =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0.0.0 Safari/537.36`;

/** What navigator.sendBeacon sends with a string body from one of our pages. */
const BEACON_HEADERS = {
  'content-type': 'text/plain;charset=UTF-8',
  'user-agent': readerAgent(),
  'sec-fetch-site': 'same-origin',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const later = (ms: number): Date => new Date(FIXTURE_NOW.getTime() + ms);

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the views endpoint on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let tomorrowId: number;
    let t: TestApp;
    let now: Date;

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      tomorrowId = (
        await storage.db
          .selectFrom('article')
          .select('id')
          .where('headline', '=', 'Tomorrow story')
          .executeTakeFirstOrThrow()
      ).id;
    });
    afterAll(async () => {
      await storage?.destroy();
    });
    // Every test starts with no views counted: a fresh views file, the clock at the fixture's now.
    beforeEach(async () => {
      now = FIXTURE_NOW;
      t = await buildTestApp(storage.db, now);
    });
    afterEach(async () => {
      await t?.close();
    });

    const setNow = (date: Date) => {
      now = date;
      t.setNow(date);
    };
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const referencePath = () => `/politics/defense-security/20260121-${ids.reference}/`;
    const tokenFor = (id: number, at: Date = now) => signViewToken(t.views.tokenKey, id, at.getTime());
    const beaconBody = (id: number, token: string = tokenFor(id)) => JSON.stringify({ a: id, t: token });
    /**
     * Posts to the endpoint with a browser's beacon headers (a header given as undefined is left out), from
     * `remoteAddress` (light-my-request's own 127.0.0.1 unless given).
     */
    const postView = (payload: string, headers: Record<string, string | undefined> = {}, remoteAddress?: string) => {
      const merged = Object.entries({ ...BEACON_HEADERS, ...headers }).filter(
        (e): e is [string, string] => e[1] !== undefined,
      );
      return t.app.inject({
        method: 'POST',
        url: '/api/views',
        headers: Object.fromEntries(merged),
        payload,
        ...(remoteAddress ? { remoteAddress } : {}),
      });
    };
    const sendView = (id: number, headers: Record<string, string | undefined> = {}) =>
      postView(beaconBody(id), headers);
    /** Valid beacons for an article from `visitors` different readers. */
    const viewBy = async (id: number, visitors: number) => {
      for (let i = 0; i < visitors; i++)
        expect((await sendView(id, { 'user-agent': readerAgent(100 + i) })).statusCode).toBe(204);
    };
    /** Flushes what the endpoint queued, then reads the ranking as the site does. */
    const ranking = async (window: RankingWindow = '24h') => {
      await t.views.tracker.flush();
      return t.views.tracker.top(window, null, 100);
    };
    const countedViews = async (id: number, window: RankingWindow = '24h') =>
      (await ranking(window)).find((e) => e.articleId === id)?.views ?? 0;
    const expectJsonError = (res: LightMyRequestResponse, status: number) => {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toContain('application/json');
      // The one JSON error envelope: a code, a message and, for a request that did not fit its schema, the fields.
      const body = res.json<{ error: Record<string, unknown> }>();
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      expect(['code', 'message', 'fields']).toEqual(expect.arrayContaining(Object.keys(body.error)));
    };

    describe('a valid beacon', () => {
      it('is answered 204 with no body and counts one view', async () => {
        const token = dom((await get(referencePath())).body)
          .querySelector('script[data-token]')!
          .getAttribute('data-token')!;
        const res = await postView(beaconBody(ids.reference, token));
        expect(res.statusCode).toBe(204);
        expect(res.body).toBe('');
        expect(await countedViews(ids.reference)).toBe(1);
      });

      it('counts when sent as application/json too', async () => {
        expect((await sendView(ids.reference, { 'content-type': 'application/json' })).statusCode).toBe(204);
        expect(await countedViews(ids.reference)).toBe(1);
      });

      it('counts when its Origin is the site itself', async () => {
        const res = await sendView(ids.reference, {
          host: 'news.example',
          origin: 'https://news.example',
          'sec-fetch-site': undefined,
        });
        expect(res.statusCode).toBe(204);
        expect(await countedViews(ids.reference)).toBe(1);
      });

      it('counts when padded to exactly 1 KB', async () => {
        const body = beaconBody(ids.reference);
        expect((await postView(body.padEnd(1024, ' '))).statusCode).toBe(204);
        expect(await countedViews(ids.reference)).toBe(1);
      });

      it('counts with the token of a page served 29 minutes ago (from a cache)', async () => {
        const token = dom((await get(referencePath())).body)
          .querySelector('script[data-token]')!
          .getAttribute('data-token')!;
        setNow(later(29 * MINUTE));
        expect((await postView(beaconBody(ids.reference, token))).statusCode).toBe(204);
        expect(await countedViews(ids.reference)).toBe(1);
      });

      it('carries a token that outlives every copy a cache may serve of the page', async () => {
        const res = await get(referencePath());
        const cacheControl = res.headers['cache-control'] as string;
        const seconds = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(cacheControl)?.[1] ?? 0);
        // A CDN or browser keeps the page max-age, then serves it stale while revalidating; before that it sat
        // up to 30 s in the process's page cache, and the token's minute may be 59 s older than the render.
        const oldestCopy = 30 + 59 + seconds('max-age') + seconds('stale-while-revalidate');
        expect(seconds('max-age')).toBeGreaterThan(0);
        expect(oldestCopy).toBeLessThan(VIEW_TOKEN_LIFETIME_SECONDS);
      });

      it('counts a scheduled article once its publication time has come', async () => {
        setNow(later(HOUR + MINUTE));
        expect((await sendView(tomorrowId)).statusCode).toBe(204);
        expect(await countedViews(tomorrowId)).toBe(1);
      });
    });

    describe('views that do not count', () => {
      it('answers the same visitor again within 30 minutes with 204 and counts it once', async () => {
        await sendView(ids.reference);
        await t.views.tracker.flush();
        setNow(later(29 * MINUTE));
        const again = await sendView(ids.reference);
        expect(again.statusCode).toBe(204);
        expect(await countedViews(ids.reference)).toBe(1);
      });

      it.each([
        ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
        ['curl', 'curl/8.5.0'],
        ['an empty user agent', ''],
      ])('ignores %s', async (_name, userAgent) => {
        expect((await sendView(ids.reference, { 'user-agent': userAgent })).statusCode).toBe(204);
        expect(await countedViews(ids.reference)).toBe(0);
      });

      it.each([
        ['sec-purpose: prefetch', { 'sec-purpose': 'prefetch' }],
        ['sec-purpose: prefetch;prerender', { 'sec-purpose': 'prefetch;prerender' }],
        ['purpose: prefetch', { purpose: 'prefetch' }],
      ])('ignores a speculative load announced by %s', async (_name, headers) => {
        expect((await sendView(ids.reference, headers)).statusCode).toBe(204);
        expect(await countedViews(ids.reference)).toBe(0);
      });

      it.each([
        ['sec-fetch-site: cross-site', { 'sec-fetch-site': 'cross-site' }],
        ['sec-fetch-site: same-site', { 'sec-fetch-site': 'same-site' }],
        [
          'an Origin of another host and no sec-fetch-site',
          { 'sec-fetch-site': undefined, origin: 'https://elsewhere.example' },
        ],
      ])('ignores a beacon sent from another site (%s)', async (_name, headers) => {
        expect((await sendView(ids.reference, headers)).statusCode).toBe(204);
        expect(await countedViews(ids.reference)).toBe(0);
      });

      it.each([
        ['forged', () => `${Math.floor(now.getTime() / MINUTE).toString(36)}.${'A'.repeat(22)}`],
        ['signed for another article', () => tokenFor(ids.updated)],
        ['malformed', () => 'not-a-token'],
        ['issued in the future', () => tokenFor(ids.reference, later(5 * MINUTE))],
      ])('ignores a token that is %s', async (_name, token) => {
        expect((await postView(beaconBody(ids.reference, token()))).statusCode).toBe(204);
        expect(await countedViews(ids.reference)).toBe(0);
      });

      it('ignores a token that has expired, thirty minutes after the page was served', async () => {
        const token = tokenFor(ids.reference);
        setNow(later(VIEW_TOKEN_LIFETIME_SECONDS * 1000 + MINUTE + 1000));
        expect((await postView(beaconBody(ids.reference, token))).statusCode).toBe(204);
        expect(await countedViews(ids.reference)).toBe(0);
      });

      it('ignores a token 31 minutes old', async () => {
        const token = tokenFor(ids.reference);
        setNow(later(31 * MINUTE));
        expect((await postView(beaconBody(ids.reference, token))).statusCode).toBe(204);
        expect(await countedViews(ids.reference)).toBe(0);
      });

      it('ignores an article that does not exist', async () => {
        expect((await sendView(999_999)).statusCode).toBe(204);
        expect(await ranking()).toEqual([]);
      });

      it('ignores an article scheduled for later', async () => {
        expect((await sendView(tomorrowId)).statusCode).toBe(204);
        expect(await countedViews(tomorrowId)).toBe(0);
      });
    });

    describe('bodies that are not beacons', () => {
      it.each([
        ['malformed JSON', () => '{a:1,'],
        ['wrong types', () => '{"a":"1","t":5}'],
        ['an array', () => JSON.stringify([ids.reference, tokenFor(ids.reference)])],
        ['a negative id', () => beaconBody(-ids.reference, tokenFor(ids.reference))],
        ['a zero id', () => beaconBody(0, tokenFor(0))],
        ['a fractional id', () => JSON.stringify({ a: 1.5, t: tokenFor(ids.reference) })],
        ['an empty token', () => beaconBody(ids.reference, '')],
        ['a number', () => '42'],
        ['an empty body', () => ''],
      ])('answers %s with a 400 JSON error and counts nothing', async (_name, body) => {
        expectJsonError(await postView(body()), 400);
        expect(await ranking()).toEqual([]);
      });

      it('answers malformed JSON sent as application/json with a 400 JSON error', async () => {
        expectJsonError(await postView('{a:1,', { 'content-type': 'application/json' }), 400);
      });

      it('answers a body over 1 KB with a 413 JSON error and counts nothing', async () => {
        expectJsonError(await postView(beaconBody(ids.reference).padEnd(1025, ' ')), 413);
        expect(await ranking()).toEqual([]);
      });

      it.each(['application/xml', 'application/x-www-form-urlencoded'])(
        'answers content type %s with a 415 JSON error',
        async (contentType) => {
          expectJsonError(await postView(beaconBody(ids.reference), { 'content-type': contentType }), 415);
          expect(await ranking()).toEqual([]);
        },
      );

      it('never fails with a 500 and counts only valid beacons, whatever the body', async () => {
        const token = tokenFor(ids.reference);
        const isValidBeacon = (body: string): boolean => {
          if (Buffer.byteLength(body) > 1024) return false;
          try {
            const v = JSON.parse(body) as unknown;
            return (
              typeof v === 'object' &&
              v !== null &&
              !Array.isArray(v) &&
              (v as { a?: unknown }).a === ids.reference &&
              (v as { t?: unknown }).t === token
            );
          } catch {
            return false;
          }
        };
        const body = fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.json(),
          fc.string({ minLength: 1000, maxLength: 1400 }),
          fc
            .record({
              a: fc.oneof(fc.constant(ids.reference), fc.integer(), fc.double(), fc.string()),
              t: fc.oneof(fc.constant(token), fc.string({ maxLength: 80 }), fc.integer()),
            })
            .map((v) => JSON.stringify(v)),
          fc.constant(beaconBody(ids.reference, token)),
        );
        const contentType = fc.constantFrom(
          'text/plain;charset=UTF-8',
          'text/plain',
          'application/json',
          'application/json; charset=utf-8',
        );
        let visitor = 0;
        let expected = 0;
        await fc.assert(
          fc.asyncProperty(body, contentType, async (payload, type) => {
            // Each run is a different reader at a different address, so valid beacons are never deduplicated
            // against each other nor held to one address's budget.
            visitor++;
            const res = await postView(
              payload,
              { 'content-type': type, 'user-agent': readerAgent(1000 + visitor) },
              `10.9.${visitor >> 8}.${visitor & 255}`,
            );
            // Every content type sent here is accepted: too big is 413, a valid beacon 204, anything else 204 or 400.
            const valid = isValidBeacon(payload);
            const allowed = Buffer.byteLength(payload) > 1024 ? [413] : valid ? [204] : [204, 400];
            expect(allowed).toContain(res.statusCode);
            if (valid) expected++;
            const counted = await ranking();
            expect(counted).toEqual(expected === 0 ? [] : [{ articleId: ids.reference, views: expected }]);
          }),
          { numRuns: 150 },
        );
      });
    });

    describe('the article page boxes', () => {
      it('ranks the most-read articles first in the numbered DN ACCESS RANKING box of five', async () => {
        await viewBy(ids.business[0]!, 3);
        await viewBy(ids.politics[0]!, 2);
        await t.views.tracker.flush();
        setNow(now);
        const box = dom((await get(referencePath())).body).querySelectorAll('.article-aside .headline-box')[1]!;
        expect(box.querySelector('h2')!.text).toBe('DN ACCESS RANKING');
        const hrefs = box.querySelectorAll('ol li a').map((a) => a.getAttribute('href')!);
        expect(hrefs).toHaveLength(5);
        expect(hrefs.slice(0, 2)).toEqual([
          expect.stringContaining(`-${ids.business[0]}/`),
          expect.stringContaining(`-${ids.politics[0]}/`),
        ]);
      });

      it('puts the pinned article first in Top Articles, then the most read in the section', async () => {
        await viewBy(ids.politics[1]!, 3);
        await viewBy(ids.business[0]!, 5);
        await viewBy(ids.reference, 4);
        await t.views.tracker.flush();
        setNow(now);
        const box = dom((await get(referencePath())).body).querySelectorAll('.article-aside .headline-box')[0]!;
        expect(box.querySelector('h2')!.text).toBe('Top Articles in Politics');
        const hrefs = box.querySelectorAll('a').map((a) => a.getAttribute('href')!);
        expect(hrefs).toHaveLength(5);
        expect(hrefs.slice(0, 2)).toEqual([
          expect.stringContaining(`-${ids.pinned}/`),
          expect.stringContaining(`-${ids.politics[1]}/`),
        ]);
        expect(hrefs.some((h) => h.endsWith(`-${ids.reference}/`) || h.startsWith('/business/'))).toBe(false);
      });
    });

    describe('the /ranking/ page', () => {
      it('shows the last hour, 24 hours and 7 days, each with its counts', async () => {
        await viewBy(ids.business[0]!, 2);
        await t.views.tracker.flush();
        const page = dom((await get('/ranking/')).body);
        const boxes = page.querySelectorAll('.ranking-lists .headline-box');
        expect(boxes.map((b) => b.querySelector('h2')!.text)).toEqual(['Last hour', 'Last 24 hours', 'Last 7 days']);
        for (const box of boxes) {
          expect(box.querySelector('ol li a')!.text).toBe('Business story 1');
          expect(box.querySelector('ol li .ranking-views')!.text.trim()).toBe('2 views');
        }
      });

      it("ranks only one section's articles, subsections included, at ?section=politics", async () => {
        await viewBy(ids.business[0]!, 3);
        await viewBy(ids.reference, 1);
        await t.views.tracker.flush();
        const page = dom((await get('/ranking/?section=politics')).body);
        expect(page.querySelector('h1')!.text).toBe('Most read in Politics');
        const hrefs = page
          .querySelectorAll('.ranking-lists .headline-box')[1]!
          .querySelectorAll('li a')
          .map((a) => a.getAttribute('href'));
        expect(hrefs).toEqual([referencePath()]);
      });

      it('says so when no views have been counted', async () => {
        const empty = dom((await get('/ranking/')).body)
          .querySelectorAll('.ranking-lists .empty')
          .map((p) => p.text);
        expect(empty).toEqual(Array(3).fill('No views counted in this period yet.'));
      });

      it.each(['/ranking/', '/ranking/?section=politics'])('is valid HTML at %s', async (url) => {
        await viewBy(ids.reference, 2);
        await t.views.tracker.flush();
        const res = await get(url);
        expect(res.statusCode).toBe(200);
        expect(await htmlProblems(res.body)).toEqual([]);
      });

      it.each(['nope', 'defense-security'])('answers ?section=%s with 404', async (slug) => {
        expect((await get(`/ranking/?section=${slug}`)).statusCode).toBe(404);
      });
    });

    describe('/api/ranking', () => {
      it('returns the ranked articles with their views as JSON', async () => {
        await viewBy(ids.business[0]!, 2);
        await viewBy(ids.reference, 1);
        await t.views.tracker.flush();
        const res = await get('/api/ranking');
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body).toEqual({
          window: '24h',
          section: null,
          generatedAt: FIXTURE_NOW.toISOString(),
          articles: [
            {
              rank: 1,
              id: ids.business[0],
              headline: 'Business story 1',
              url: expect.any(String),
              path: expect.stringMatching(new RegExp(`^/business/\\d{8}-${ids.business[0]}/$`)),
              section: 'Business',
              views: 2,
              publishedAt: expect.any(String),
            },
            {
              rank: 2,
              id: ids.reference,
              headline: 'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties',
              url: expect.any(String),
              path: referencePath(),
              section: 'Defense & Security',
              views: 1,
              publishedAt: '2026-01-21T04:01:00.000Z',
            },
          ],
        });
        expect(new URL(body.articles[1].url).pathname).toBe(referencePath());
      });

      it('honours window, section and limit', async () => {
        await viewBy(ids.business[0]!, 3);
        await viewBy(ids.reference, 2);
        await viewBy(ids.updated, 1);
        await t.views.tracker.flush();
        const body = (await get('/api/ranking?window=1h&section=politics&limit=1')).json();
        expect(body.window).toBe('1h');
        expect(body.section).toEqual({ slug: 'politics', name: 'Politics' });
        expect(body.articles.map((a: { id: number }) => a.id)).toEqual([ids.reference]);
      });

      it.each([
        'window=2h',
        'window=',
        'window=1h&window=24h',
        'limit=0',
        'limit=51',
        'limit=abc',
        'limit=1.5',
        'limit=-1',
      ])('answers ?%s with a 400 JSON error', async (query) => {
        const res = await get(`/api/ranking?${query}`);
        expectJsonError(res, 400);
        expect(res.json().error.code).toBe('invalid_ranking_query');
      });

      it.each(['nope', 'defense-security'])('answers ?section=%s with a 404 JSON error', async (slug) => {
        const res = await get(`/api/ranking?section=${slug}`);
        expectJsonError(res, 404);
        expect(res.json().error.code).toBe('section_not_found');
      });

      it('drops a view 24 hours and a second old from the 24-hour ranking but keeps it for 7 days', async () => {
        await viewBy(ids.reference, 1);
        await t.views.tracker.flush();
        setNow(later(24 * HOUR + 1000));
        // The server's flush loop syncs every second; here the test does it.
        await t.views.tracker.flush();
        expect((await get('/api/ranking?window=24h')).json().articles).toEqual([]);
        expect((await get('/api/ranking?window=7d')).json().articles.map((a: { id: number }) => a.id)).toEqual([
          ids.reference,
        ]);
      });
    });
  });
}
