import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { h } from 'preact';
import { sectionPath } from '../../src/domain/section.js';
import { signViewToken } from '../../src/domain/view-token.js';
import type { PluginRegistry } from '../../src/plugins/registry.js';
import { loadTheme, type LoadedTheme } from '../../src/plugins/theme.js';
import type { Worker } from '../../src/server/compose-worker.js';
import { buildTestApp } from './app.js';
import { slotArticle } from '../../src/server/reader/slot-article.js';
import { chromeOf } from '../../src/server/site-state.js';
import { loadStaticAssets } from '../../src/server/static-assets.js';
import { loadArticlePage } from '../../src/services/reader-pages.js';
import type { Db } from '../../src/storage/database.js';
import { findArticleRenderRow } from '../../src/storage/repositories/article-render.repository.js';
import { renderDocument } from '../../src/views/render.js';
import { ArticlePage } from '../../src/views/reader/ArticlePage.js';
import { eventually } from './wait.js';

/** A worker as `dateline serve` makes one over the test's database, with a clock the test moves. */
export interface KeptPagesApp {
  worker: Worker;
  /** Moves the clock; drops the page cache, so the next answer is made again (from a kept row, if there is one). */
  setNow(date: Date): void;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export const keptPagesApp = async (
  db: Db,
  now: Date,
  opts: { plugins?: PluginRegistry; theme?: LoadedTheme } = {},
): Promise<KeptPagesApp> => {
  const test = await buildTestApp(db, now, opts);
  return {
    worker: test.worker,
    setNow: test.setNow,
    get: (url, headers = {}) => test.app.inject({ method: 'GET', url, headers }),
    // Closing writes what the render writer still holds.
    close: test.close,
  };
};

/** The article's kept row once the render writer has written it under the worker's current stamp. */
export const keptRow = (db: Db, worker: Worker, id: number) =>
  eventually(`article ${id}'s page being kept`, async () => {
    const row = await findArticleRenderRow(db, id);
    return row && row.site_stamp === worker.articleStamp() ? row : undefined;
  });

/** A theme of the test's own, loaded from a folder as DATELINE_THEME would be: three components and a stylesheet. */
export const loadTestTheme = async (): Promise<{ theme: LoadedTheme; remove(): void }> => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-kept-theme-'));
  writeFileSync(join(dir, 'kept.css'), '.kept-header { font-variant: small-caps; }\n');
  writeFileSync(
    join(dir, 'index.mjs'),
    `const esc = (t) => String(t).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
export default {
  name: 'kept',
  css: ['kept.css'],
  components: {
    ArticleHeader: ({ headline, standfirst, kicker }) =>
      '<header class="kept-header"><p>' + kicker.map((k) => esc(k.name)).join(' / ') + '</p><h1>' + esc(headline) +
      '</h1>' + (standfirst ? '<p class="kept-standfirst">' + esc(standfirst) + '</p>' : '') + '</header>',
    ArticleByline: ({ authors }) =>
      authors.length ? '<p class="kept-byline">' + authors.map((a) => esc(a.name)).join(' &amp; ') + '</p>' : null,
    Footer: ({ settings }) => '<footer class="kept-footer"><p>' + esc(settings.publicationName) + '</p></footer>',
  },
};
`,
  );
  const theme = await loadTheme(dir, { cwd: dir });
  return { theme, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

/** The scripts' addresses every page links: fingerprinted from the files, so any loading gives the same. */
const scripts = (() => {
  let hrefs: { beacon: string; page: string } | null = null;
  return () => {
    if (!hrefs) {
      const assets = loadStaticAssets(['view-beacon.js', 'article-page.js'], []);
      hrefs = { beacon: assets.href('view-beacon.js'), page: assets.href('article-page.js') };
    }
    return hrefs;
  };
})();

/**
 * The article's page rendered whole, as it was before pages were kept: the data loadArticlePage gives at `now` (with
 * its own lists, not the worker's shared ones), rendered by ArticlePage with every part in place, the beacon's token
 * signed with the worker's key at `now`. Null: no live article.
 */
export const wholeArticlePage = async (
  db: Db,
  worker: Worker,
  id: number,
  now: Date,
): Promise<{ path: string; html: string } | null> => {
  const snap = worker.site.current();
  // Asked in the article's own edition: loadArticlePage's own ranking loader stays with the edition it is given.
  const row = await db.selectFrom('article').select('edition_id').where('id', '=', id).executeTakeFirst();
  const ctx = snap.context.editions.find((e) => e.edition.id === row?.edition_id);
  if (!ctx) return null;
  const data = await loadArticlePage(db, ctx, worker.views.tracker, id, now);
  if (!data) return null;
  const chrome = chromeOf(snap, ctx);
  const html = renderDocument(
    h(ArticlePage, {
      chrome,
      ...data,
      sectionPath: sectionPath(ctx.sections, data.article.section),
      beacon: { src: scripts().beacon, token: signViewToken(worker.views.tokenKey, id, now.getTime()) },
      pageScript: scripts().page,
      pluginArticle: slotArticle(data.article, chrome.settings.baseUrl, data.canonicalPath),
    }),
  );
  return { path: data.canonicalPath, html };
};
