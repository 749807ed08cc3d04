import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createViewCounting, type ViewCounting } from '../../src/ranking/create-view-counting.js';
import { createSqliteViewStore } from '../../src/ranking/sqlite-view-store.js';
import type { ViewStore } from '../../src/ranking/view-store.js';
import { buildApp } from '../../src/server/app.js';
import { createResponseCache } from '../../src/server/page-cache.js';
import { createSiteState, type SiteState } from '../../src/server/site-state.js';
import { loadStaticAssets } from '../../src/server/static-assets.js';
import type { Db } from '../../src/storage/database.js';
import { openViewsDatabase } from '../../src/storage/views-database.js';

export interface TestApp {
  app: FastifyInstance;
  site: SiteState;
  views: ViewCounting;
  /** Moves the clock the app and its view counting see; drops cached pages. */
  setNow(date: Date): void;
  close(): Promise<void>;
}

/**
 * The real app over a real database, with a controllable clock and no listening socket. Views are counted
 * in a fresh SQLite views file unless a store is given; nothing flushes on a timer, tests call flush().
 */
export const buildTestApp = async (db: Db, now: Date, opts: { viewStore?: ViewStore } = {}): Promise<TestApp> => {
  let current = now;
  const assets = loadStaticAssets();
  const pageCache = createResponseCache(16 * 1024 * 1024);
  let views: ViewCounting | undefined;
  const site = await createSiteState(db, {
    cssHref: assets.href('site.css'),
    onChange: () => {
      pageCache.clear();
      void views?.directory.refresh(site.current().context.sections);
    },
    onError: (e) => { throw e; },
  });
  const store = opts.viewStore ?? createSqliteViewStore(openViewsDatabase(mkdtempSync(join(tmpdir(), 'dateline-views-'))));
  views = await createViewCounting({
    db, store, sections: site.current().context.sections, clock: () => current.getTime(),
    onError: (e) => { throw e; },
  });
  await views.tracker.sync();
  const app = buildApp({
    db, clock: () => current, site, pageCache, mediaCache: createResponseCache(16 * 1024 * 1024), assets, views,
  });
  await app.ready();
  return {
    app,
    site,
    views,
    setNow: (d) => { current = d; pageCache.clear(); },
    close: async () => {
      await app.close();
      if (!opts.viewStore) await store.close();
    },
  };
};
