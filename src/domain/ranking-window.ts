/** The ranking windows, as readers see them. */
export const RANKING_WINDOWS = ['1h', '24h', '7d'] as const;
export type RankingWindow = (typeof RANKING_WINDOWS)[number];

export const WINDOW_SECONDS: Record<RankingWindow, number> = { '1h': 3_600, '24h': 86_400, '7d': 604_800 };
export const LONGEST_WINDOW_SECONDS = WINDOW_SECONDS['7d'];
export const DEFAULT_WINDOW: RankingWindow = '24h';

export const isRankingWindow = (v: unknown): v is RankingWindow =>
  typeof v === 'string' && (RANKING_WINDOWS as readonly string[]).includes(v);

/** Counted views of one article in one second. Batches of these are what backends store and exchange. */
export interface ViewCount {
  second: number;
  articleId: number;
  count: number;
}

/**
 * Exact sliding-window view counts. Every counted view enters once, with its second, into a ring of
 * (second, article, count) triples kept in time order. Each window has a cursor into the ring and its own
 * per-article totals; moving time forward subtracts whatever its cursor passes. So a view at
 * `now - 24h - 1s` is out of the 24-hour window and one at `now - 24h + 1s` is in. Memory is 12 bytes per
 * triple, and views of one article in the same second share a triple.
 *
 * Triples are expected in non-decreasing second order. A late one (from a slow node) is placed at the
 * newest second seen, which keeps the ring sorted and errs towards keeping a view a little longer.
 */
export class WindowedCounts {
  private seconds = new Uint32Array(1024);
  private articles = new Uint32Array(1024);
  private counts = new Uint32Array(1024);
  /** Oldest triple still inside the longest window. */
  private head = 0;
  /** Next free slot. One slot always stays free, so head === tail means empty and nothing else. */
  private tail = 0;
  private readonly cursors: Record<RankingWindow, number> = { '1h': 0, '24h': 0, '7d': 0 };
  private readonly totals: Record<RankingWindow, Map<number, number>> = {
    '1h': new Map(),
    '24h': new Map(),
    '7d': new Map(),
  };
  private newestSecond = 0;
  /** Moves whenever any total changes, so callers can cache what they derive from the totals. */
  version = 0;

  /**
   * Adds counted views, then moves every window to `nowSecond`. A triple is added to every window's totals
   * and, if it is already outside a shorter window, taken out again by that window's cursor at once.
   */
  add(views: Iterable<ViewCount>, nowSecond: number): void {
    for (const v of views) {
      if (v.count <= 0 || v.second <= nowSecond - LONGEST_WINDOW_SECONDS) continue;
      const second = Math.max(v.second, this.newestSecond);
      this.newestSecond = second;
      this.push(second, v.articleId, v.count);
      for (const w of RANKING_WINDOWS) bump(this.totals[w], v.articleId, v.count);
      this.version++;
    }
    this.advance(nowSecond);
  }

  /** Drops from each window what has left it by `nowSecond`. */
  advance(nowSecond: number): void {
    const n = this.seconds.length;
    for (const w of RANKING_WINDOWS) {
      const edge = nowSecond - WINDOW_SECONDS[w];
      let i = this.cursors[w];
      while (i !== this.tail && this.seconds[i]! <= edge) {
        bump(this.totals[w], this.articles[i]!, -this.counts[i]!);
        i = (i + 1) % n;
        this.version++;
      }
      this.cursors[w] = i;
    }
    // Shorter windows' cursors are never behind the longest one's, so the ring can drop up to it.
    this.head = this.cursors['7d'];
  }

  /** Per-article totals of a window, as of the last add or advance. */
  totalsOf(window: RankingWindow): ReadonlyMap<number, number> {
    return this.totals[window];
  }

  /** Triples held, for memory accounting and tests. */
  get storedTriples(): number {
    return (this.tail - this.head + this.seconds.length) % this.seconds.length;
  }

  private push(second: number, articleId: number, count: number): void {
    const n = this.seconds.length;
    const last = (this.tail - 1 + n) % n;
    // Merging into the newest triple is safe only while every window still holds it.
    const lastIsLive = this.tail !== this.head && RANKING_WINDOWS.every((w) => this.cursors[w] !== this.tail);
    if (lastIsLive && this.seconds[last] === second && this.articles[last] === articleId) {
      this.counts[last] = this.counts[last]! + count;
      return;
    }
    if (this.storedTriples === n - 1) this.grow();
    this.seconds[this.tail] = second;
    this.articles[this.tail] = articleId;
    this.counts[this.tail] = count;
    this.tail = (this.tail + 1) % this.seconds.length;
  }

  private grow(): void {
    const n = this.seconds.length;
    const size = this.storedTriples;
    const copy = (arr: Uint32Array) => {
      const out = new Uint32Array(n * 2);
      for (let i = 0; i < size; i++) out[i] = arr[(this.head + i) % n]!;
      return out;
    };
    for (const w of RANKING_WINDOWS) this.cursors[w] = (this.cursors[w] - this.head + n) % n;
    this.seconds = copy(this.seconds);
    this.articles = copy(this.articles);
    this.counts = copy(this.counts);
    this.head = 0;
    this.tail = size;
  }
}

const bump = (map: Map<number, number>, key: number, delta: number): void => {
  const n = (map.get(key) ?? 0) + delta;
  if (n > 0) map.set(key, n);
  else map.delete(key);
};
