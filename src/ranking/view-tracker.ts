import { setImmediate as turnOfTheLoop } from 'node:timers/promises';
import { rankArticles, type RankedEntry } from '../domain/ranking.js';
import { WindowedCounts, type RankingWindow, type ViewCount } from '../domain/ranking-window.js';
import type { ArticleDirectory } from './article-directory.js';
import { createOutageReport } from './outage-report.js';
import type { ViewCandidate } from './view-candidate.js';
import { countCandidates, type ViewStore } from './view-store.js';
import { createMemorySaltSource, dayOf } from './visitor-key.js';

/** The flush interval unless the caller sets one (config: DATELINE_VIEW_FLUSH_MS). */
const FLUSH_MS = 1000;
/** The store's upkeep (folding the hourly totals, dropping old data) runs this often. */
const UPKEEP_MS = 60_000;
/** While the store is unreachable, candidates wait up to this many; beyond it the newest are dropped. */
export const MAX_QUEUED = 200_000;
/**
 * Candidates admitted at a time, with a turn of the event loop between chunks. The embedded gate admits in memory,
 * synchronously, about a microsecond a candidate: under the beacon bench's 35,000 a second, one flush held the
 * loop for some 25 ms once a second, and every request that came meanwhile (pages too) waited for it: the beacons'
 * p99 was 40-65 ms against 2 ms for a raw server (bench:views). A chunk holds it for a couple of milliseconds.
 */
export const FLUSH_CHUNK = 2000;
/** Counts read back from the log added to the windows at a time, likewise. */
const ADD_CHUNK = 5000;
/** How long a beacon waits for the day's salt before a stand-in is used (the store is away or stuck). */
const SALT_WAIT_MS = 1000;
/** Charts remembered per article for when the store cannot be asked: the desk shows a few dozen. */
const CHARTS_KEPT = 500;
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
  /**
   * Most-read articles of a window, site-wide (sectionId null) or of one top-level section; of one edition when
   * `editionId` is given (issue 13), else of all.
   */
  top(window: RankingWindow, sectionId: number | null, limit: number, editionId?: number): RankedEntry[];
  hourlyViews(articleId: number, hours: number): Promise<number[]>;
  saltFor(day: number): Promise<Buffer>;
  /**
   * The day's salt if saltFor had it from the store already, else undefined: what a beacon uses without
   * waiting (saltFor starts a deadline timer per call). A stand-in salt is never given here, so that the next
   * beacon asks the store again.
   */
  knownSalt(day: number): Buffer | undefined;
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
  /** Views the store admitted (their readers are marked seen) but did not log yet: logged before anything new. */
  let unappended: ViewCount[] = [];
  let dropped = 0;
  const trouble = createOutageReport(deps.onError);
  // Used only for a day whose shared salt the store cannot give: dedupe and caps then hold within this process.
  const standInSalts = createMemorySaltSource();
  /** The last day's salt the store gave: a day's salt never changes, so it can be reused until the day ends. */
  let storeSalt: { day: number; salt: Buffer } | null = null;
  const charts = new Map<string, number[]>();
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
    // Dropping these would lose the views for good: their readers count as seen for the next 30 minutes.
    if (unappended.length > 0) {
      await store.append(unappended);
      unappended = [];
    }
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const admitted: ViewCandidate[] = [];
    let at = 0;
    try {
      while (at < batch.length) {
        // Between chunks the requests that came meanwhile are answered (see FLUSH_CHUNK).
        if (at > 0) await turnOfTheLoop();
        const chunk = batch.slice(at, at + FLUSH_CHUNK);
        for (const c of await store.admit(chunk, nowSecond())) admitted.push(c);
        at += chunk.length;
      }
    } catch (error) {
      // What was admitted is counted (its readers are marked seen): it is logged before anything new. The rest
      // goes back to the front of the queue for the next tick. Beacons that arrived meanwhile may overflow it;
      // those are dropped, and counted as dropped for the log line.
      unappended = countCandidates(admitted);
      const merged = [...batch.slice(at), ...queue];
      dropped += Math.max(0, merged.length - MAX_QUEUED);
      queue = merged.slice(0, MAX_QUEUED);
      throw error;
    }
    const counted = countCandidates(admitted);
    unappended = counted;
    await store.append(counted);
    unappended = [];
  };
  const reportDrops = () => {
    if (dropped === 0) return;
    const error = new Error(`${dropped} views dropped: ${MAX_QUEUED} wait already while the view store fails`);
    dropped = 0;
    trouble.failed('queue full', error);
  };
  /**
   * Fetches today's and tomorrow's salts while the store answers, so that a short outage at midnight needs none, and
   * takes today's as the store now gives it (after a Redis restart every node settles on one salt: redis-view-store.ts).
   */
  const warmSalts = async () => {
    const today = dayOf(nowSecond());
    standInSalts.forgetBefore(today);
    const [salt] = await Promise.all([store.saltFor(today), store.saltFor(today + 1)]);
    if (storeSalt === null || today >= storeSalt.day) storeSalt = { day: today, salt };
  };
  const upkeep = () =>
    store
      .maintain(nowSecond())
      .then(warmSalts)
      .catch((error: unknown) => trouble.failed('upkeep', error));
  /** Whether the last flush failed: the first to go through after it runs the upkeep at once. */
  let failing = false;
  const tick = async () => {
    // One flush at a time: a slow store must not reorder or double-send batches.
    while (running) await running.catch(() => {});
    running = flushOnce()
      // The log's new rows are read back after a turn of the loop, for the same reason as FLUSH_CHUNK.
      .then(() => turnOfTheLoop())
      .then(() => tracker.sync())
      .then(
        () => {
          trouble.recovered();
          // The store may be one that came back empty (a Redis restarted without its data): mend it now, not in a minute.
          if (failing) void upkeep();
          failing = false;
        },
        (error: unknown) => {
          failing = true;
          trouble.failed('store', error);
        },
      )
      .finally(reportDrops);
    try {
      await running;
    } finally {
      running = null;
    }
  };

  const tracker: ViewTracker = {
    record(candidate) {
      if (queue.length < MAX_QUEUED) queue.push(candidate);
      else dropped++;
    },
    flush: () => tick(),
    async sync() {
      const now = nowSecond();
      const fresh = await store.readNew(now);
      // In chunks, each after a turn of the loop (see FLUSH_CHUNK): 20,000 counts took the windows 7-28 ms.
      counts.add(fresh.slice(0, ADD_CHUNK), now);
      for (let at = ADD_CHUNK; at < fresh.length; at += ADD_CHUNK) {
        await turnOfTheLoop();
        counts.add(fresh.slice(at, at + ADD_CHUNK), now);
      }
      // Ranking reads the directory synchronously: make sure every counted article is in it.
      await directory.ensure(counts.totalsOf('7d').keys());
      // Rank here, once a second, so that page requests read rankings from memory and never compute them.
      for (const key of [...cache.keys()]) {
        await turnOfTheLoop();
        const [w, scope, edition] = key.split(':') as [RankingWindow, string, string | undefined];
        tracker.top(w, scope === 'all' ? null : Number(scope), 1, edition === undefined ? undefined : Number(edition));
      }
    },
    top(window, sectionId, limit, editionId) {
      // Today's keys for every edition together; an edition's scope adds its id.
      const key = `${window}:${sectionId ?? 'all'}${editionId === undefined ? '' : `:${editionId}`}`;
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
      const entries = rankArticles(
        counts.totalsOf(window),
        (id) => directory.visible(id, nowMs),
        sectionId,
        depth,
        editionId,
      );
      cache.set(key, {
        countsVersion: counts.version,
        directoryVersion: directory.version,
        second,
        entries,
        complete: entries.length < depth,
      });
      return entries.slice(0, limit);
    },
    async hourlyViews(articleId, hours) {
      const key = `${articleId}:${hours}`;
      try {
        const series = await store.hourlyViews(articleId, nowSecond(), hours);
        charts.delete(key);
        charts.set(key, series);
        if (charts.size > CHARTS_KEPT) charts.delete(charts.keys().next().value!);
        return series;
      } catch (error) {
        // Like the rankings, a chart keeps its last value while the store is away.
        trouble.failed('chart', error);
        return charts.get(key) ?? new Array<number>(hours).fill(0);
      }
    },
    async saltFor(day) {
      try {
        const salt = await withDeadline(store.saltFor(day), SALT_WAIT_MS);
        if (storeSalt === null || day >= storeSalt.day) storeSalt = { day, salt };
        return salt;
      } catch (error) {
        trouble.failed('salt', error);
        return standInSalts.saltFor(day);
      }
    },
    knownSalt: (day) => (storeSalt?.day === day ? storeSalt.salt : undefined),
    async start() {
      await tracker.sync();
      await store.maintain(nowSecond());
      await warmSalts();
      const flushMs = deps.flushMs === undefined ? FLUSH_MS : deps.flushMs;
      // Without a flush loop the caller flushes; the minute job would otherwise move data behind its back.
      if (flushMs === null) return;
      timer = setInterval(() => void tick(), flushMs);
      timer.unref();
      upkeepTimer = setInterval(() => void upkeep(), UPKEEP_MS);
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

/** The promise's value, or a rejection once `ms` have passed without one. */
const withDeadline = <T>(promise: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the view store within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
};
