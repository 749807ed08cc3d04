import { createArticleDirectory } from '../src/ranking/article-directory.js';
import { createSqliteViewStore } from '../src/ranking/sqlite-view-store.js';
import type { ViewCandidate } from '../src/ranking/view-candidate.js';
import { createViewTracker } from '../src/ranking/view-tracker.js';
import { dayOf, viewCandidateOf } from '../src/ranking/visitor-key.js';
import { loadSiteContext } from '../src/services/site-context.js';
import { createStorage } from '../src/storage/database.js';
import { openViewsDatabase } from '../src/storage/views-database.js';
import { prng } from './generate-articles.js';

/**
 * Child of bench/views.bench.ts, run with --expose-gc for a clean heap: the real view tracker over a real
 * SQLite view store and a real article directory (over the generated content database), driven by a
 * simulated clock. It feeds VIEWS_TOTAL candidate views from VIEWS_VISITORS visitors over VIEWS_DAYS days,
 * flushing once per simulated minute as the server's timers would (flush + hourly buckets; maintenance every
 * simulated hour), and reports memory growth. Then, on that state, it times ranking reads, cached and
 * recomputed. Sends one JSON message over IPC.
 */

const env = (name: string, fallback?: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    if (fallback === undefined) throw new Error(`${name} is required`);
    return fallback;
  }
  return Number(raw);
};
const contentDir = process.env.VIEWS_CONTENT_DIR;
const viewsDir = process.env.VIEWS_DIR;
if (!contentDir || !viewsDir || !process.send || typeof globalThis.gc !== 'function') {
  process.stderr.write('views-memory: needs VIEWS_CONTENT_DIR, VIEWS_DIR, an IPC channel and --expose-gc\n');
  process.exit(2);
}
const TOTAL = env('VIEWS_TOTAL', 1_000_000);
const VISITORS = env('VIEWS_VISITORS', 200_000);
const DAYS = env('VIEWS_DAYS', 7);
const READ_CALLS = env('VIEWS_READ_CALLS', 100_000);
const READ_BATCH = env('VIEWS_READ_BATCH', 100);

const MB = 1024 * 1024;
const gc = globalThis.gc as () => void;

const memory = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return {
    rssMb: m.rss / MB,
    heapTotalMb: m.heapTotal / MB,
    heapUsedMb: m.heapUsed / MB,
    externalMb: m.external / MB,
    arrayBuffersMb: m.arrayBuffers / MB,
  };
};

const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!;
const stats = (samples: number[]) => {
  const a = Float64Array.from(samples).sort();
  return {
    calls: a.length,
    p50Us: percentile(a, 0.5) * 1000,
    p99Us: percentile(a, 0.99) * 1000,
    maxUs: a[a.length - 1]! * 1000,
  };
};

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
];

const main = async () => {
  const storage = createStorage({ dataDir: contentDir, databaseUrl: null });
  const { sections } = await loadSiteContext(storage.db);
  const articles = (await storage.db
    .selectFrom('article')
    .select(['id', 'published_at'])
    .where('status', '=', 'published')
    .where('published_at', 'is not', null)
    .orderBy('published_at')
    .execute()) as { id: number; published_at: number }[];
  if (articles.length === 0) throw new Error('no published articles in the content database');

  const endMs = Date.now();
  const startMs = endMs - DAYS * 86_400_000;
  let nowMs = startMs;
  let failure: unknown = null;
  const store = createSqliteViewStore(openViewsDatabase(viewsDir));
  const directory = createArticleDirectory(storage.db, sections);
  const tracker = createViewTracker({ store, directory, clock: () => nowMs, onError: (e) => (failure ??= e) });
  await tracker.sync();
  // Visitors: a few heavy readers and a long tail (index ~ r²); each has one address and one browser.
  const visitors = Array.from({ length: VISITORS }, (_, v) => ({
    ip: `10.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`,
    ua: USER_AGENTS[v % USER_AGENTS.length]!,
  }));
  const minutes = DAYS * 1440;
  // Daily rhythm: busiest late morning, quietest before dawn; normalised so the minutes sum to TOTAL.
  const weights = Array.from(
    { length: minutes },
    (_, m) => 1 + 0.7 * Math.sin((2 * Math.PI * ((m % 1440) / 60 - 5)) / 24),
  );
  // The bench's own scaffolding (article list, visitor pool) exists before the baseline is taken.
  const before = memory();

  const weightSum = weights.reduce((a, b) => a + b, 0);
  const r = prng(99);
  const salts = new Map<number, Buffer>();
  let fed = 0;
  let carry = 0;
  let newestVisible = 0;
  let hotStart = 0;
  let tenth: ({ views: number } & ReturnType<typeof memory>) | null = null;
  const feedStarted = performance.now();
  for (let m = 0; m < minutes; m++) {
    const minuteStart = Math.floor(startMs / 60_000 + m) * 60;
    const exact = (TOTAL * weights[m]!) / weightSum + carry;
    const n = m === minutes - 1 ? TOTAL - fed : Math.floor(exact);
    carry = exact - n;
    // Articles published by now: ids grow with time, so a pointer moves forward.
    while (newestVisible + 1 < articles.length && articles[newestVisible + 1]!.published_at <= minuteStart * 1000)
      newestVisible++;
    while (hotStart < newestVisible && articles[hotStart]!.published_at <= (minuteStart - 3 * 86_400) * 1000)
      hotStart++;
    const batch: ViewCandidate[] = [];
    for (let i = 0; i < n; i++) {
      const second = minuteStart + Math.floor(r() * 60);
      // 70% of reading goes to the last three days' stories (newest most), the rest over the whole archive.
      const index =
        r() < 0.7
          ? newestVisible - Math.floor(r() * r() * (newestVisible - hotStart + 1))
          : Math.floor(r() * (newestVisible + 1));
      const articleId = articles[index]!.id;
      const visitor = visitors[Math.floor(r() * r() * VISITORS)]!;
      const day = dayOf(second);
      let salt = salts.get(day);
      if (!salt) {
        salt = await tracker.saltFor(day);
        salts.set(day, salt);
      }
      batch.push(viewCandidateOf(salt, visitor.ip, visitor.ua, articleId, second));
    }
    batch.sort((a, b) => a.second - b.second);
    for (const c of batch) tracker.record(c);
    fed += n;
    nowMs = (minuteStart + 60) * 1000;
    // stop() is the server's per-second flush (admit, append, sync) plus its per-minute hourly-bucket flush;
    // it only clears timers this tracker never started, so it can be called every simulated minute.
    await tracker.stop();
    if ((m + 1) % 60 === 0) await store.maintain(Math.floor(nowMs / 1000));
    if (failure) throw failure;
    // A checkpoint at a tenth of the views separates what grows with views from what a process gains once.
    if (tenth === null && fed >= TOTAL / 10) tenth = { views: fed, ...memory() };
  }
  const feedMs = performance.now() - feedStarted;
  nowMs = Math.max(nowMs, endMs);
  await tracker.sync();
  let counted = 0;
  for (const v of tracker.counts.totalsOf('7d').values()) counted += v;
  const after = memory();

  // Ranking reads on that state. Every READ_BATCH calls a view is added, which invalidates the cache: the
  // first call of each batch recomputes the ranking, the others are served from the cache.
  const section = sections.bySlug.get('national') ?? sections.top[0]!;
  const reads = (sectionId: number | null) => {
    const cached: number[] = [];
    const recomputed: number[] = [];
    const now = Math.floor(nowMs / 1000);
    tracker.top('24h', sectionId, 5);
    for (let i = 0; i < READ_CALLS; i++) {
      if (i % READ_BATCH === 0)
        tracker.counts.add([{ second: now, articleId: articles[i % articles.length]!.id, count: 1 }], now);
      const t0 = performance.now();
      const top = tracker.top('24h', sectionId, 5);
      const t = performance.now() - t0;
      if (top.length === 0) throw new Error('empty ranking');
      (i % READ_BATCH === 0 ? recomputed : cached).push(t);
    }
    return { cached: stats(cached), recomputed: stats(recomputed) };
  };
  const site = reads(null);
  const sectionReads = reads(section.id);

  await store.close();
  await storage.close();
  return {
    ok: true,
    views: TOTAL,
    visitors: VISITORS,
    days: DAYS,
    articles: articles.length,
    counted,
    triples: tracker.counts.storedTriples,
    directorySize: directory.size,
    articlesIn24h: tracker.counts.totalsOf('24h').size,
    feedMs,
    before,
    tenth,
    after,
    reads: { site, section: { name: section.name, ...sectionReads } },
  };
};

// The parent going away (even killed) closes the channel: never outlive it.
process.on('disconnect', () => process.exit(1));
main().then(
  (result) => process.send!(result, () => process.exit(0)),
  (error: unknown) =>
    process.send!({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
      process.exit(1),
    ),
);
