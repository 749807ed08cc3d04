import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { createResponseCache } from '../../src/server/page-cache.js';
import { createSiteState, type SiteState } from '../../src/server/site-state.js';
import { loadStaticAssets } from '../../src/server/static-assets.js';
import type { Db } from '../../src/storage/database.js';

export interface TestApp {
  app: FastifyInstance;
  site: SiteState;
  /** Moves the clock the app sees. */
  setNow(date: Date): void;
}

/** The real app over a real database, with a controllable clock and no listening socket. */
export const buildTestApp = async (db: Db, now: Date): Promise<TestApp> => {
  let current = now;
  const assets = loadStaticAssets();
  const pageCache = createResponseCache(16 * 1024 * 1024);
  const site = await createSiteState(db, {
    cssHref: assets.href('site.css'),
    onChange: () => pageCache.clear(),
    onError: (e) => { throw e; },
  });
  const app = buildApp({
    db, clock: () => current, site, pageCache, mediaCache: createResponseCache(16 * 1024 * 1024), assets,
  });
  await app.ready();
  return { app, site, setNow: (d) => { current = d; pageCache.clear(); } };
};
