import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LONGEST_WINDOW_SECONDS,
  RANKING_WINDOWS,
  WINDOW_SECONDS,
  WindowedCounts,
  type RankingWindow,
  type ViewCount,
} from './ranking-window.js';

const HOUR = 3_600;
const DAY = 86_400;
/** January 2026: real clock values, well inside what the ring's 32-bit seconds hold. */
const START = 1_769_000_000;
/** The ring's first size; it holds one triple fewer, so more live triples than this force it to grow. */
const FIRST_SLOTS = 1024;

interface ModelEvent {
  second: number;
  articleId: number;
  count: number;
  /** Windows the event has left; it never comes back to one, even when the clock is set back. */
  left: Set<RankingWindow>;
}

/**
 * The window's contract read plainly, as a list of events: a view belongs to a window until the clock reaches
 * its second plus the window's length. A view already older than the longest window is ignored; one older than
 * the newest accepted view is counted at that newer second.
 */
class ModelCounts {
  private events: ModelEvent[] = [];
  private newest = 0;

  add(views: readonly ViewCount[], now: number): void {
    for (const v of views) {
      if (v.count <= 0 || v.second <= now - LONGEST_WINDOW_SECONDS) continue;
      this.newest = Math.max(this.newest, v.second);
      this.events.push({ second: this.newest, articleId: v.articleId, count: v.count, left: new Set() });
    }
    this.advance(now);
  }

  advance(now: number): void {
    for (const e of this.events) {
      for (const w of RANKING_WINDOWS) if (e.second <= now - WINDOW_SECONDS[w]) e.left.add(w);
    }
    // An event out of every window can never count again: forgetting it keeps the model small.
    this.events = this.events.filter((e) => e.left.size < RANKING_WINDOWS.length);
  }

  totalsOf(w: RankingWindow): [number, number][] {
    const totals = new Map<number, number>();
    for (const e of this.events) {
      if (!e.left.has(w)) totals.set(e.articleId, (totals.get(e.articleId) ?? 0) + e.count);
    }
    return sorted(totals);
  }

  /** Events still in the longest window: the most triples the ring may hold for them. */
  get liveEvents(): number {
    return this.events.length;
  }

  /** Distinct (second, article) pairs still in the longest window: the fewest triples that can hold them. */
  get liveTriples(): number {
    return new Set(this.events.map((e) => `${e.second}:${e.articleId}`)).size;
  }
}

const sameTotals = (a: [number, number][], b: [number, number][]): boolean =>
  a.length === b.length && a.every(([id, n], i) => b[i]![0] === id && b[i]![1] === n);

const sorted = (totals: ReadonlyMap<number, number>): [number, number][] => [...totals].sort((a, b) => a[0] - b[0]);

/** Every window's totals, and the ring's size, agree with the model. */
const expectSame = (real: WindowedCounts, model: ModelCounts): void => {
  for (const w of RANKING_WINDOWS) expect(sorted(real.totalsOf(w)), w).toEqual(model.totalsOf(w));
  expect(real.storedTriples).toBeGreaterThanOrEqual(model.liveTriples);
  expect(real.storedTriples).toBeLessThanOrEqual(model.liveEvents);
};

/** `size` views of alternating articles, one per second, ending at `end`: no two can share a triple. */
const burst = (size: number, end: number, firstArticle = 1): ViewCount[] =>
  Array.from({ length: size }, (_, i) => ({ second: end - size + 1 + i, articleId: firstArticle + (i % 2), count: 1 }));

type Step =
  | { kind: 'add'; views: { offset: number; articleId: number; count: number }[] }
  | { kind: 'burst'; size: number; firstArticle: number }
  | { kind: 'move'; seconds: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    views: fc.array(
      fc.record({
        // Seconds from now: this second, minutes ago, days ago (some beyond the longest window), a little ahead.
        offset: fc.oneof(
          fc.integer({ min: -120, max: 0 }),
          fc.integer({ min: -8 * DAY, max: -HOUR }),
          fc.integer({ min: 1, max: 90 }),
        ),
        articleId: fc.integer({ min: 1, max: 5 }),
        count: fc.integer({ min: 0, max: 3 }),
      }),
      { maxLength: 8 },
    ),
  }),
  fc.record({
    kind: fc.constant('burst' as const),
    size: fc.integer({ min: 100, max: 1_400 }),
    firstArticle: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    seconds: fc.oneof(
      fc.integer({ min: 0, max: 5 }),
      // Exactly a window's length, so views of one second sit on its edge.
      fc.constantFrom(HOUR - 1, HOUR, DAY, 7 * DAY),
      fc.integer({ min: 60, max: 2 * HOUR }),
      fc.integer({ min: 20 * HOUR, max: 3 * DAY }),
      // Gaps longer than the longest window: everything held leaves at once.
      fc.integer({ min: 7 * DAY, max: 20 * DAY }),
      // The clock set back.
      fc.integer({ min: -2 * DAY, max: -1 }),
    ),
  }),
);

describe('WindowedCounts', () => {
  it('counts the same as a plain list of events after any sequence of views and clock moves', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const real = new WindowedCounts();
        const model = new ModelCounts();
        let now = START;
        for (const s of steps) {
          const before = RANKING_WINDOWS.map((w) => model.totalsOf(w));
          const version = real.version;
          if (s.kind === 'move') {
            now += s.seconds;
            real.advance(now);
            model.advance(now);
          } else {
            const views =
              s.kind === 'burst'
                ? burst(s.size, now, s.firstArticle)
                : s.views.map((v) => ({ second: now + v.offset, articleId: v.articleId, count: v.count }));
            real.add(views, now);
            model.add(views, now);
          }
          expectSame(real, model);
          // Callers cache rankings by version: any change of totals must move it.
          const changed = RANKING_WINDOWS.some((w, i) => !sameTotals(model.totalsOf(w), before[i]!));
          expect(changed && real.version === version, 'totals changed, version did not').toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('grows beyond its first slots and still counts every view', () => {
    const real = new WindowedCounts();
    const model = new ModelCounts();
    const views = burst(3 * FIRST_SLOTS, START);
    real.add(views, START);
    model.add(views, START);
    expect(real.storedTriples).toBe(3 * FIRST_SLOTS);
    expectSame(real, model);
    // The first hour's views leave the 1-hour window one second at a time, across the grown ring.
    for (const now of [START + 1, START + HOUR - 1, START + HOUR, START + HOUR + 500, START + 7 * DAY]) {
      real.advance(now);
      model.advance(now);
      expectSame(real, model);
    }
    expect(real.storedTriples).toBe(0);
  });

  it('reuses the slots at the start of its ring once old views have left, wrapping around the end', () => {
    const real = new WindowedCounts();
    const model = new ModelCounts();
    // Fill most of the ring, let it all age out, then write past the ring's end into the freed start.
    let now = START;
    for (const size of [FIRST_SLOTS - 200, FIRST_SLOTS - 200, FIRST_SLOTS - 200]) {
      const views = burst(size, now);
      real.add(views, now);
      model.add(views, now);
      expectSame(real, model);
      // Step out of the windows in uneven strides, so the cursors stop on both sides of the ring's end.
      for (const stride of [HOUR - 300, 400, 23 * HOUR, 6 * DAY]) {
        now += stride;
        real.advance(now);
        model.advance(now);
        expectSame(real, model);
      }
    }
    expect(real.storedTriples).toBe(0);
  });

  it('grows while its contents wrap around the end of the ring, keeping their order', () => {
    const real = new WindowedCounts();
    const model = new ModelCounts();
    let now = START;
    const first = burst(FIRST_SLOTS - 100, now);
    real.add(first, now);
    model.add(first, now);
    now += 8 * DAY;
    real.advance(now);
    model.advance(now);
    // Starts near the ring's end, wraps to its start, and outgrows it: the copy must unroll the wrap. Two hours
    // between bursts move the 1-hour cursor past the ring's end while the others stay before it.
    for (const size of [300, 600, 500]) {
      now += 2 * HOUR;
      const views = burst(size, now, 3);
      real.add(views, now);
      model.add(views, now);
      expectSame(real, model);
    }
    expect(real.storedTriples).toBe(1_400);
    for (const stride of [HOUR - 1_000, 300, 301, 2 * HOUR, 24 * HOUR, 7 * DAY]) {
      now += stride;
      real.advance(now);
      model.advance(now);
      expectSame(real, model);
    }
  });

  it('does not bring a view back into a window it has left when the clock is set back', () => {
    const real = new WindowedCounts();
    real.add([{ second: START, articleId: 1, count: 1 }], START);
    real.advance(START + HOUR);
    real.advance(START + HOUR - 10);
    expect(sorted(real.totalsOf('1h'))).toEqual([]);
    expect(sorted(real.totalsOf('24h'))).toEqual([[1, 1]]);
  });
});
