import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ViewCount } from '../../src/domain/ranking-window.js';
import { createViewCounting } from '../../src/ranking/create-view-counting.js';
import { createSqliteViewStore } from '../../src/ranking/sqlite-view-store.js';
import type { ViewStore } from '../../src/ranking/view-store.js';
import { dayOf, viewCandidateOf } from '../../src/ranking/visitor-key.js';
import { loadSiteContext } from '../../src/services/site-context.js';
import { openViewsDatabase } from '../../src/storage/views-database.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { VIEW_BACKENDS, type TestViewStore } from '../support/view-backends.js';

const FOLDER = new URL('../support/view-folder.ts', import.meta.url).pathname;
const NOW = FIXTURE_NOW.getTime() / 1000;
const CHART_HOURS = 48;

/** Many flushes' worth of counts over the last day, for three articles: entries for several fold steps. */
const manyFlushes = (articles: number[], flushes: number): ViewCount[][] =>
  Array.from({ length: flushes }, (_, i) => {
    const second = NOW - 86_000 + Math.floor((i * 86_000) / flushes);
    return articles.map((articleId, j) => ({ second, articleId, count: 1 + ((i + j) % 3) }));
  });

/** What the log holds per article, summed: what every chart must add up to. */
const logTotals = (flushes: ViewCount[][]): Map<number, number> => {
  const totals = new Map<number, number>();
  for (const c of flushes.flat()) totals.set(c.articleId, (totals.get(c.articleId) ?? 0) + c.count);
  return totals;
};

const chartTotal = async (store: ViewStore, articleId: number): Promise<number> =>
  (await store.hourlyViews(articleId, NOW, CHART_HOURS)).reduce((a, b) => a + b, 0);

const content = BACKENDS.find((b) => b.name === 'sqlite')!;

for (const backend of VIEW_BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`hourly totals from the view log on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let views: TestViewStore;
    beforeAll(async () => {
      storage = await content.open();
      ids = await loadNewsroomFixture(storage.db);
    });
    afterAll(async () => {
      await storage.destroy();
    });
    beforeEach(async () => {
      views = await backend.open();
    });
    afterEach(async () => {
      await views.destroy();
    });

    const tracker = async (store: ViewStore) => {
      const ctx = await loadSiteContext(storage.db);
      const counting = await createViewCounting({
        db: storage.db,
        store,
        sections: ctx.sections,
        clock: () => NOW * 1000,
        onError: (e) => {
          throw e;
        },
        flushMs: null,
      });
      await counting.tracker.start();
      return counting.tracker;
    };

    it('shows on the chart after a kill -9 every view the log holds', async () => {
      const first = await tracker(views.store);
      const salt = await first.saltFor(dayOf(NOW));
      for (const reader of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
        first.record(viewCandidateOf(salt, reader, 'Firefox', ids.reference, NOW));
      }
      await first.flush();
      // Killed here: no stop, no upkeep, the store left open. A new process starts on the same backend.
      const restarted = await tracker(await views.peer());
      const logged = (await (await views.peer()).readNew(NOW)).reduce((n, c) => n + c.count, 0);
      expect(logged).toBe(3);
      expect(await chartTotal(await views.peer(), ids.reference)).toBe(3);
      expect((await restarted.hourlyViews(ids.reference, 24))[23]).toBe(3);
    });

    it('counts each logged view once when two processes fold at the same time', async () => {
      const flushes = manyFlushes([ids.reference, ids.updated, ids.pinned], 2_500);
      for (const counts of flushes) await views.store.append(counts);
      const [a, b] = [await views.peer(), await views.peer()];
      await Promise.all([
        a.maintain(NOW),
        b.maintain(NOW),
        a.hourlyViews(ids.reference, NOW, 1),
        b.hourlyViews(ids.updated, NOW, 1),
      ]);
      for (const [articleId, total] of logTotals(flushes)) expect(await chartTotal(a, articleId)).toBe(total);
    });
  });
}

describe('hourly totals folded by two processes on one SQLite views file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-fold-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const folder = () => {
    const child = fork(FOLDER, [dir, String(NOW)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const message = (what: string) =>
      new Promise<void>((resolve, reject) => {
        child.once('message', (m: Record<string, unknown>) => (m[what] ? resolve() : reject(new Error(String(m)))));
        child.once('exit', (code) => reject(new Error(`folder exited with ${code} before ${what}`)));
      });
    return { child, ready: message('ready'), done: () => message('done') };
  };

  it('adds every log row to the hours exactly once', async () => {
    const store = createSqliteViewStore(openViewsDatabase(dir));
    // 20,000 rows: four fold transactions each, so the two processes' transactions interleave.
    const flushes = manyFlushes([1, 2, 3], 20_000);
    for (const counts of flushes) await store.append(counts);
    const folders = [folder(), folder()];
    await Promise.all(folders.map((f) => f.ready));
    const done = folders.map((f) => f.done());
    for (const f of folders) f.child.send('go');
    await Promise.all(done);
    for (const [articleId, total] of logTotals(flushes)) expect(await chartTotal(store, articleId)).toBe(total);
    await store.close();
  });
});
