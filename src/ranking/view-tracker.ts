import { rankArticles, type RankedEntry } from '../domain/ranking.js';
import { WindowedCounts, type RankingWindow, type ViewCount } from '../domain/ranking-window.js';
import type { ArticleDirectory } from './article-directory.js';
import type { ViewCandidate } from './view-candidate.js';
import { countCandidates, type ViewStore } from './view-store.js';

/** The flush interval unless the caller sets one (config: DATELINE_VIEW_FLUSH_MS). */
const FLUSH_MS = 1000;
/** The store's upkeep (folding the hourly totals, dropping old data) runs this often. */
const UPKEEP_MS = 60_000;
/** While the store is unreachable, candidates wait up to this many; beyond it the newest are dropped. */
const MAX_QUEUED = 200_000;
/** Rankings are computed this deep and cached; deeper requests compute again. */
const RANKING_DEPTH = 50;

/**
 * One per process: buffers candidate views from the endpoint, hands them to the store every second
 * (dedupe, cap, durable log), reads back what every process counted into exact in-memory windows, and
 * answers ranking queries from memory.
 */
export interface ViewTracker {
  /** Queues a candidate; never blocks, never fails. */
  record(candidate: ViewCandidate): void;
  /** Sends queued candidates to the store now. */
  flush(): Promise<void>;
  /** Reads views counted by any process since the last sync, and moves the windows to now. */
  sync(): Promise<void>;
  /** Most-read articles of a window, site-wide (sectionId null) or of one top-level section. */
  top(window: RankingWindow, sectionId: number | null, limit: number): RankedEntry[];
  hourlyViews(articleId: number, hours: number): Promise<number[]>;
  saltFor(day: number): Promise<Buffer>;
  /** Loads the last 7 days, then starts the flush/sync loop (unless flushMs is null). */
  start(): Promise<void>;
  /** Flushes what is queued, then stops. Called on graceful shutdown. */
  stop(): Promise<void>;
  readonly pending: number;
  readonly counts: WindowedCounts;
}

export const createViewTracker = (deps: {
  store: ViewStore;
  directory: ArticleDirectory;
  clock: () => number;
  onError: (error: unknown) => void;
  /** How often queued views are flushed and rankings read back (1 s by default); null: only on flush(). */
  flushMs?: number | null;
}): ViewTracker => {
  const { store, directory, clock } = deps;
  const counts = new WindowedCounts();
  let queue: ViewCandidate[] = [];
  let timer: NodeJS.Timeout | null = null;
  let upkeepTimer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const cache = new Map<
    string,
    {
      countsVersion: number;
      directoryVersion: number;
      second: number;
      entries: RankedEntry[];
      complete: boolean;
    }
  >();
  const nowSecond = () => Math.floor(clock() / 1000);

  const flushOnce = async () => {
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    let counted: ViewCount[];
    try {
      counted = countCandidates(await store.admit(batch, nowSecond()));
    } catch (error) {
      // Nothing was counted: the batch goes back to the front of the queue for the next tick.
      queue = [...batch, ...queue].slice(0, MAX_QUEUED);
      throw error;
    }
    await store.append(counted);
  };
  const tick = async () => {
    // One flush at a time: a slow store must not reorder or double-send batches.
    while (running) await running;
    running = flushOnce()
      .then(() => tracker.sync())
      .catch(deps.onError);
    await running;
    running = null;
  };

  const tracker: ViewTracker = {
    record(candidate) {
      if (queue.length < MAX_QUEUED) queue.push(candidate);
    },
    flush: () => tick(),
    async sync() {
      const now = nowSecond();
      counts.add(await store.readNew(now), now);
      // Ranking reads the directory synchronously: make sure every counted article is in it.
      await directory.ensure(counts.totalsOf('7d').keys());
      // Rank here, once a second, so that page requests read rankings from memory and never compute them.
      for (const key of cache.keys()) {
        const [w, scope] = key.split(':') as [RankingWindow, string];
        tracker.top(w, scope === 'all' ? null : Number(scope), 1);
      }
    },
    top(window, sectionId, limit) {
      const key = `${window}:${sectionId ?? 'all'}`;
      const second = nowSecond();
      const hit = cache.get(key);
      // Scheduled articles become visible with time, so a cached ranking lives at most one second.
      if (
        hit &&
        hit.countsVersion === counts.version &&
        hit.directoryVersion === directory.version &&
        hit.second === second &&
        limit <= hit.entries.length + (hit.complete ? Infinity : 0)
      ) {
        return hit.entries.slice(0, limit);
      }
      const nowMs = clock();
      const depth = Math.max(limit, RANKING_DEPTH);
      const entries = rankArticles(counts.totalsOf(window), (id) => directory.visible(id, nowMs), sectionId, depth);
      cache.set(key, {
        countsVersion: counts.version,
        directoryVersion: directory.version,
        second,
        entries,
        complete: entries.length < depth,
      });
      return entries.slice(0, limit);
    },
    hourlyViews: (articleId, hours) => store.hourlyViews(articleId, nowSecond(), hours),
    saltFor: (day) => store.saltFor(day),
    async start() {
      await tracker.sync();
      await store.maintain(nowSecond());
      const flushMs = deps.flushMs === undefined ? FLUSH_MS : deps.flushMs;
      // Without a flush loop the caller flushes; the minute job would otherwise move data behind its back.
      if (flushMs === null) return;
      timer = setInterval(() => void tick(), flushMs);
      timer.unref();
      upkeepTimer = setInterval(() => {
        store.maintain(nowSecond()).catch(deps.onError);
      }, UPKEEP_MS);
      upkeepTimer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      if (upkeepTimer) clearInterval(upkeepTimer);
      timer = upkeepTimer = null;
      await tick();
    },
    get pending() {
      return queue.length;
    },
    counts,
  };
  return tracker;
};
