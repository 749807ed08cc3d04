import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import type { ViewCounting } from '../../src/ranking/create-view-counting.js';
import type { ViewStore } from '../../src/ranking/view-store.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import type { LoadedTheme } from '../../src/plugins/theme.js';
import type { ResponseCache } from '../../src/server/page-cache.js';
import type { SiteState } from '../../src/server/site-state.js';
import type { Db } from '../../src/storage/database.js';
import type { PluginRegistry } from '../../src/plugins/registry.js';

export interface TestApp {
  /** The worker itself, for what the fields below leave out (its kept pages' stamp, its beacon key). */
  worker: Worker;
  app: FastifyInstance;
  site: SiteState;
  views: ViewCounting;
  /** The reader pages' in-memory copies. */
  pageCache: ResponseCache;
  /** Moves the clock the app and its view counting see; drops cached pages. */
  setNow(date: Date): void;
  close(): Promise<void>;
}

/**
 * The real app, wired as `dateline serve` wires it (composeWorker), over the test's database, with a
 * controllable clock and no listening socket. Views are counted in a fresh SQLite views file unless a store is
 * given. Nothing runs on a timer: tests call site.refresh() and views.tracker.flush(). Without a logger, a
 * background failure is thrown rather than logged, so the test sees it.
 */
export const buildTestApp = async (
  db: Db,
  now: Date,
  opts: { viewStore?: ViewStore; plugins?: PluginRegistry; theme?: LoadedTheme } = {},
): Promise<TestApp> => {
  let current = now;
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-views-'));
  const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' });
  const worker = await composeWorker(config, {
    db,
    clock: () => current,
    logger: null,
    timers: false,
    ...(opts.viewStore ? { viewStore: opts.viewStore } : {}),
    ...(opts.plugins ? { plugins: opts.plugins } : {}),
    ...(opts.theme ? { theme: opts.theme } : {}),
  });
  await worker.start();
  return {
    worker,
    app: worker.app,
    site: worker.site,
    views: worker.views,
    pageCache: worker.pageCache,
    setNow: (d) => {
      current = d;
      worker.pageCache.clear();
    },
    close: async () => {
      await worker.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
