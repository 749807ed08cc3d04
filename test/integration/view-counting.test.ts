import fc from 'fast-check';
import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { RankingWindow } from '../../src/domain/ranking-window.js';
import { createViewCounting, type ViewCounting } from '../../src/ranking/create-view-counting.js';
import {
  ADDRESS_ARTICLE_HOURLY_CAP,
  ADDRESS_HOURLY_CAP,
  DEDUPE_SECONDS,
  VISITOR_HOURLY_CAP,
  type ViewCandidate,
} from '../../src/ranking/view-candidate.js';
import { dayOf, viewCandidateOf } from '../../src/ranking/visitor-key.js';
import type { ViewStore } from '../../src/ranking/view-store.js';
import { loadSiteContext } from '../../src/services/site-context.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { VIEW_BACKENDS, type TestViewStore } from '../support/view-backends.js';

const HOUR = 3600;
const DAY = 86_400;
/** Where each backend keeps a day's salt besides the processes' memory. */
const SALT_COPY = { sqlite: 'none', redis: 'expires within two days' } as const;
const describeSaltCopy = (ttl: number | null): string =>
  ttl === null ? 'none' : ttl > 0 && ttl <= 2 * DAY ? 'expires within two days' : `kept ${ttl} s`;
const sqliteContent = BACKENDS.find((b) => b.name === 'sqlite')!;

for (const backend of VIEW_BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`view counting on ${backend.name}`, () => {
    let content: TestStorage;
    let ids: FixtureIds;
    let views: TestViewStore;
    let now: number; // seconds
    const trackers: ViewCounting[] = [];

    beforeAll(async () => {
      content = await sqliteContent.open();
      ids = await loadNewsroomFixture(content.db);
    });
    afterAll(async () => {
      await content.destroy();
    });
    beforeEach(async () => {
      views = await backend.open();
      now = FIXTURE_NOW.getTime() / 1000;
    });
    afterEach(async () => {
      trackers.length = 0;
      await views.destroy();
    });

    const counting = async (store: ViewStore = views.store): Promise<ViewCounting> => {
      const ctx = await loadSiteContext(content.db);
      const c = await createViewCounting({
        db: content.db,
        store,
        sections: ctx.sections,
        clock: () => now * 1000,
        onError: (e) => {
          throw e;
        },
      });
      await c.tracker.sync();
      trackers.push(c);
      return c;
    };

    /** Records a view by a visitor (ip + user agent) the way the endpoint does, at the current time. */
    const view = async (c: ViewCounting, articleId: number, visitor = 'a') => {
      const salt = await c.tracker.saltFor(dayOf(now));
      const ip = `10.0.0.${visitor.length}`;
      const ua = `Mozilla/5.0 reader-${visitor}`;
      c.tracker.record(viewCandidateOf(salt, ip, ua, articleId, now));
    };
    const viewsOf = (c: ViewCounting, articleId: number, window: RankingWindow = '24h') =>
      c.tracker.top(window, null, 100).find((e) => e.articleId === articleId)?.views ?? 0;

    it('counts a view once per visitor per article per 30 minutes', async () => {
      const c = await counting();
      await view(c, ids.reference);
      now += 10 * 60;
      await view(c, ids.reference);
      now += DEDUPE_SECONDS - 10 * 60 - 1;
      await view(c, ids.reference);
      await c.tracker.flush();
      expect(viewsOf(c, ids.reference)).toBe(1);
      now += 1;
      await view(c, ids.reference);
      await c.tracker.flush();
      expect(viewsOf(c, ids.reference)).toBe(2);
    });

    it('counts different visitors and different articles separately', async () => {
      const c = await counting();
      await view(c, ids.reference, 'a');
      await view(c, ids.reference, 'bb');
      await view(c, ids.updated, 'a');
      await c.tracker.flush();
      expect(viewsOf(c, ids.reference)).toBe(2);
      expect(viewsOf(c, ids.updated)).toBe(1);
    });

    /** A candidate as the endpoint builds it, at second `at`, straight to the store's verdict. */
    const candidate = async (ip: string, ua: string, articleId: number, at = now): Promise<ViewCandidate> =>
      viewCandidateOf(await views.store.saltFor(dayOf(at)), ip, ua, articleId, at);
    /** Candidates by `n` readers behind one address, each with their own browser, at consecutive seconds. */
    const readersBehind = (ip: string, n: number, articleId: (i: number) => number, from = 0) =>
      Promise.all(
        Array.from({ length: n }, (_, i) => candidate(ip, `Mozilla/5.0 r${from + i}`, articleId(i), now + i)),
      );

    it("dedupes a reader across an hour's edge, whichever of the two views reaches the store first", async () => {
      const edge = Math.floor(now / HOUR) * HOUR + HOUR;
      const at = (ua: string, second: number) => candidate('10.6.6.6', ua, ids.reference, second);
      // In order: ten minutes before the hour, ten after (a repeat), then thirty after the first (counts again).
      const before = await at('Mozilla/5.0 edge', edge - 600);
      expect(await views.store.admit([before], edge - 600)).toEqual([before]);
      expect(await views.store.admit([await at('Mozilla/5.0 edge', edge + 600)], edge + 600)).toEqual([]);
      const later = await at('Mozilla/5.0 edge', edge - 600 + DEDUPE_SECONDS);
      expect(await views.store.admit([later], edge + 1200)).toEqual([later]);
      // Late: a view from five minutes before the hour arrives after one from five minutes past it.
      const first = await at('Mozilla/5.0 late', edge + 300);
      expect(await views.store.admit([first], edge + 300)).toEqual([first]);
      expect(await views.store.admit([await at('Mozilla/5.0 late', edge - 300)], edge + 301)).toEqual([]);
    });

    it('admits one call of candidates spread over several hours, more than the Redis store sends at a time', async () => {
      const start = Math.floor(now / HOUR) * HOUR;
      // 1,200 readers, each behind an address of their own, reader i at `start + 18 i`: six hours.
      const readerAt = (i: number, second: number) =>
        candidate(`10.7.${i >> 8}.${i & 255}`, 'Mozilla/5.0 spread', ids.reference, second);
      const readers = await Promise.all(Array.from({ length: 1200 }, (_, i) => readerAt(i, start + 18 * i)));
      const end = start + 18 * 1200;
      expect(await views.store.admit(readers, end)).toHaveLength(1200);
      // The last half hour's readers again, a minute after each of their views: repeats, none counts.
      const again = await Promise.all(
        Array.from({ length: 100 }, (_, k) => readerAt(1100 + k, start + 18 * (1100 + k) + 60)),
      );
      expect(await views.store.admit(again, end + 60)).toEqual([]);
    });

    it('stops counting a visitor after the hourly cap and resumes the next hour', async () => {
      const start = Math.floor(now / HOUR) * HOUR;
      now = start;
      // A visitor reading more distinct articles in an hour than the cap allows: the store's verdict decides.
      const read = (i: number, at: number) => candidate('10.1.1.1', 'Mozilla/5.0 heavy', 1000 + i, at);
      const candidates = await Promise.all(Array.from({ length: VISITOR_HOURLY_CAP + 5 }, (_, i) => read(i, now + i)));
      expect(await views.store.admit(candidates, now + 100)).toHaveLength(VISITOR_HOURLY_CAP);
      const nextHour = start + HOUR;
      expect(await views.store.admit([await read(0, nextHour)], nextHour)).toHaveLength(1);
    });

    it('counts at most 20 views of one article per address per hour, whatever the user agents, then resumes', async () => {
      const start = Math.floor(now / HOUR) * HOUR;
      now = start;
      const readers = await readersBehind('10.2.2.2', 300, () => ids.reference);
      expect(await views.store.admit(readers, now + 300)).toHaveLength(ADDRESS_ARTICLE_HOURLY_CAP);
      // Another article from the same address, and the same article from another address, still count.
      expect(await views.store.admit([await candidate('10.2.2.2', 'Mozilla/5.0 r0', ids.updated)], now)).toHaveLength(
        1,
      );
      expect(await views.store.admit([await candidate('10.2.2.3', 'Mozilla/5.0 r0', ids.reference)], now)).toHaveLength(
        1,
      );
      now = start + HOUR;
      const nextHour = await readersBehind('10.2.2.2', 30, () => ids.reference, 300);
      expect(await views.store.admit(nextHour, now + 30)).toHaveLength(ADDRESS_ARTICLE_HOURLY_CAP);
    });

    it('counts at most 120 views of the whole site per address per hour', async () => {
      now = Math.floor(now / HOUR) * HOUR;
      // Ten articles read by twenty readers each: 200 views that the per-article budget alone would all count.
      const readers = await readersBehind('10.3.3.3', 200, (i) => 1000 + (i % 10));
      expect(await views.store.admit(readers, now + 200)).toHaveLength(ADDRESS_HOURLY_CAP);
    });

    it('lets a view refused by one rule use up nothing of the others', async () => {
      const start = Math.floor(now / HOUR) * HOUR;
      now = start + HOUR - 60;
      const ip = '10.4.4.4';
      expect(await views.store.admit(await readersBehind(ip, 20, () => ids.reference), now + 20)).toHaveLength(20);
      // Thirty more readers of that article are refused by its budget: they take nothing from the site budget ...
      expect(await views.store.admit(await readersBehind(ip, 30, () => ids.reference, 20), now + 50)).toEqual([]);
      const others = await readersBehind(ip, ADDRESS_HOURLY_CAP - 20, (i) => 1000 + i, 50);
      expect(await views.store.admit(others, now + 50)).toHaveLength(ADDRESS_HOURLY_CAP - 20);
      // ... and their pair is not marked seen: in the next hour, seconds later, the same reader counts.
      const again = await candidate(ip, 'Mozilla/5.0 r20', ids.reference, start + HOUR + 1);
      expect(await views.store.admit([again], start + HOUR + 1)).toEqual([again]);
    });

    it('gives each address its own budget', async () => {
      now = Math.floor(now / HOUR) * HOUR;
      const a = await readersBehind('10.5.5.5', 30, () => ids.reference);
      const b = await readersBehind('2001:db8:5:5::1', 30, () => ids.reference);
      expect(await views.store.admit([...a, ...b], now + 30)).toHaveLength(2 * ADDRESS_ARTICLE_HOURLY_CAP);
    });

    it('keeps a view 24 hours minus a second old in the 24-hour window, and drops one 24 hours and a second old', async () => {
      const c = await counting();
      const t0 = now;
      await view(c, ids.reference);
      await c.tracker.flush();
      now = t0 + 24 * HOUR - 1;
      await c.tracker.sync();
      expect(viewsOf(c, ids.reference, '24h')).toBe(1);
      now = t0 + 24 * HOUR + 1;
      await c.tracker.sync();
      expect(viewsOf(c, ids.reference, '24h')).toBe(0);
      expect(viewsOf(c, ids.reference, '7d')).toBe(1);
      expect(viewsOf(c, ids.reference, '1h')).toBe(0);
    });

    it('drops views from the 1-hour and 7-day windows at their edges', async () => {
      const c = await counting();
      const t0 = now;
      await view(c, ids.reference);
      await c.tracker.flush();
      now = t0 + HOUR;
      await c.tracker.sync();
      expect(viewsOf(c, ids.reference, '1h')).toBe(0);
      now = t0 + 7 * 24 * HOUR - 1;
      await c.tracker.sync();
      expect(viewsOf(c, ids.reference, '7d')).toBe(1);
      now = t0 + 7 * 24 * HOUR;
      await c.tracker.sync();
      expect(viewsOf(c, ids.reference, '7d')).toBe(0);
    });

    it('shares one ranking between processes', async () => {
      const a = await counting();
      const b = await counting(await views.peer());
      await view(a, ids.reference, 'a');
      await view(b, ids.updated, 'bb');
      await a.tracker.flush();
      await b.tracker.flush();
      await a.tracker.sync();
      // Equal views: the reference article was published later than the updated one.
      const both = [
        { articleId: ids.reference, views: 1 },
        { articleId: ids.updated, views: 1 },
      ];
      expect(a.tracker.top('24h', null, 10)).toEqual(both);
      expect(b.tracker.top('24h', null, 10)).toEqual(both);
    });

    it('counts a visitor once when their views of an article reach two processes', async () => {
      const a = await counting();
      const b = await counting(await views.peer());
      await view(a, ids.reference, 'a');
      await view(b, ids.reference, 'a');
      await a.tracker.flush();
      await b.tracker.flush();
      await a.tracker.sync();
      expect(viewsOf(a, ids.reference)).toBe(1);
      expect(viewsOf(b, ids.reference)).toBe(1);
    });

    it('flushes queued views when stopped, so a restarted process finds them', async () => {
      const c = await counting();
      await view(c, ids.reference);
      await c.tracker.stop();
      const restarted = await counting(await views.peer());
      expect(viewsOf(restarted, ids.reference)).toBe(1);
    });

    it('loads the last seven days exactly on start', async () => {
      const c = await counting();
      const t0 = now;
      await view(c, ids.reference);
      await c.tracker.flush();
      now = t0 + 3 * 24 * HOUR;
      await view(c, ids.updated);
      await c.tracker.flush();
      now = t0 + 7 * 24 * HOUR + 10;
      const fresh = await counting(await views.peer());
      expect(viewsOf(fresh, ids.reference, '7d')).toBe(0);
      expect(viewsOf(fresh, ids.updated, '7d')).toBe(1);
    });

    it('breaks ties by the more recent publication', async () => {
      const c = await counting();
      await view(c, ids.politics[0]!, 'a');
      await view(c, ids.reference, 'bb');
      await c.tracker.flush();
      // Equal views: the reference article was published later than politics story 1.
      expect(c.tracker.top('24h', null, 2).map((e) => e.articleId)).toEqual([ids.reference, ids.politics[0]]);
    });

    it('ranks within a top-level section, subsections included', async () => {
      const c = await counting();
      await view(c, ids.reference, 'a');
      await view(c, ids.business[0]!, 'a');
      await c.tracker.flush();
      expect(c.tracker.top('24h', ids.sections.politics, 10).map((e) => e.articleId)).toEqual([ids.reference]);
      expect(c.tracker.top('24h', ids.sections.business, 10).map((e) => e.articleId)).toEqual([ids.business[0]]);
    });

    it('gives each day its own salt, the same on every call', async () => {
      const day = dayOf(now);
      const today = await views.store.saltFor(day);
      expect(today).toHaveLength(32);
      expect(await views.store.saltFor(day)).toEqual(today);
      expect(await views.store.saltFor(day + 1)).not.toEqual(today);
    });

    it('gives every process the same salt for a day, whichever asks first', async () => {
      const day = dayOf(now);
      const peer = await views.peer();
      const today = await views.store.saltFor(day);
      expect(await peer.saltFor(day)).toEqual(today);
      const tomorrow = await peer.saltFor(day + 1);
      expect(await views.store.saltFor(day + 1)).toEqual(tomorrow);
    });

    it("forgets a past day's salt: each process at a later day's upkeep, the store within two days", async () => {
      const day = dayOf(now);
      const salt = await views.store.saltFor(day);
      const copy = await views.saltTimeToLive(day);
      expect(describeSaltCopy(copy)).toBe(SALT_COPY[backend.name]);
      await views.store.maintain(now + DAY);
      // Asked again, a process gets the shared copy while it lasts, and otherwise a new salt.
      expect((await views.store.saltFor(day)).equals(salt)).toBe(copy !== null);
    });

    it('keeps hourly buckets for charts', async () => {
      const c = await counting();
      await view(c, ids.reference, 'a');
      await view(c, ids.reference, 'bb');
      await c.tracker.flush();
      await c.tracker.stop();
      const series = await c.tracker.hourlyViews(ids.reference, 24);
      expect(series).toHaveLength(24);
      expect(series[23]).toBe(2);
      expect(series.slice(0, 23).every((n) => n === 0)).toBe(true);
    });

    it('matches a straightforward recount for any sequence of views', async () => {
      const articles = [ids.reference, ids.updated, ids.pinned, ...ids.business];
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              visitor: fc.integer({ min: 0, max: 4 }),
              article: fc.integer({ min: 0, max: articles.length - 1 }),
              // Seconds since the previous view: bursts, minutes, hours, days.
              gap: fc.oneof(
                fc.integer({ min: 0, max: 5 }),
                fc.integer({ min: 60, max: 3 * 3600 }),
                fc.integer({ min: 20 * 3600, max: 3 * 86400 }),
              ),
            }),
            { maxLength: 40 },
          ),
          fc.integer({ min: 0, max: 2 * 86400 }),
          async (seq, tail) => {
            const store = await backend.open();
            try {
              now = FIXTURE_NOW.getTime() / 1000;
              const c = await counting(store.store);
              const history: { visitor: number; article: number; second: number }[] = [];
              for (const v of seq) {
                now += v.gap;
                history.push({ visitor: v.visitor, article: articles[v.article]!, second: now });
                await view(c, articles[v.article]!, 'v'.repeat(v.visitor + 1));
                await c.tracker.flush();
              }
              now += tail;
              await c.tracker.sync();
              // The recount: a view counts unless the same visitor's view of that article counted less than
              // 30 minutes before on the same day (salts change daily); the hourly cap is not reached here.
              const last = new Map<string, number>();
              const counted: typeof history = [];
              for (const h of history) {
                const key = `${h.visitor}:${h.article}:${dayOf(h.second)}`;
                const prev = last.get(key);
                if (prev !== undefined && h.second - prev < DEDUPE_SECONDS) continue;
                last.set(key, h.second);
                counted.push(h);
              }
              for (const [w, span] of [
                ['1h', 3600],
                ['24h', 86400],
                ['7d', 604800],
              ] as const) {
                const expected = new Map<number, number>();
                for (const h of counted)
                  if (h.second > now - span) expected.set(h.article, (expected.get(h.article) ?? 0) + 1);
                const actual = new Map(c.tracker.top(w, null, 100).map((e) => [e.articleId, e.views]));
                expect(actual).toEqual(expected);
              }
            } finally {
              await store.destroy();
            }
          },
        ),
        { numRuns: backend.name === 'sqlite' ? 60 : 15 },
      );
    });
  });
}
