import { setImmediate as turnOfTheLoop } from 'node:timers/promises';
import type { Config } from '../config.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { LoadedTheme } from '../plugins/theme.js';
import { composeWorker } from '../server/compose-worker.js';
import { editionSummaries } from '../services/reader-pages.js';
import { summaryRowsByIds } from '../storage/repositories/article.repository.js';
import {
  forgetAllArticleRenders,
  liveArticleIdsWithoutRender,
} from '../storage/repositories/article-render.repository.js';
import { type CliIo, parseOptions, UsageError, withStorage } from './cli-support.js';

/** Articles asked for at a time; progress is printed every this many. */
const BATCH = 500;

/**
 * Asks for each path in turn, letting the event loop turn after each. On SQLite every read resolves within the same
 * turn, so without the pause the loop never reached its check phase: each answer's setImmediate stayed queued,
 * holding its response, some 85 KB a page, and a 100,000-article archive ran out of heap.
 */
export const askInTurn = async <T>(paths: readonly string[], ask: (path: string) => Promise<T>): Promise<T[]> => {
  const out: T[] = [];
  for (const path of paths) {
    out.push(await ask(path));
    await turnOfTheLoop();
  }
  return out;
};

/**
 * `dateline pages render [--all]`: renders and keeps the page of every live article not yet kept under the current
 * site stamp (after an upgrade, an import, or a change of theme or settings), so that the archive is answered from
 * kept pieces from its first reader on (record 0009). Each page is asked of the reader routes themselves, in this
 * process, with the same configuration (plugins, theme) a server has, so it is kept exactly as a server would keep
 * it. A server running meanwhile goes on answering; it renders on demand what is not kept yet.
 */
export const runPagesRender = async (
  config: Config,
  args: string[],
  io: CliIo,
  plugins: PluginRegistry,
  theme: LoadedTheme | undefined,
): Promise<number> => {
  const { values, positionals } = parseOptions({
    args,
    allowPositionals: true,
    options: { all: { type: 'boolean' } },
  });
  if (positionals.length > 0) throw new UsageError(`pages render takes no arguments (got "${positionals[0]}")`);
  const started = performance.now();
  const result = await withStorage(config, async (db) => {
    const worker = await composeWorker(config, {
      db,
      logger: null,
      timers: false,
      plugins,
      ...(theme ? { theme } : {}),
    });
    try {
      await worker.start();
      // With --all every kept page is forgotten first, so each is rendered anew (a running server renders on demand
      // what it is asked for meanwhile).
      if (values.all) await forgetAllArticleRenders(db);
      const stamp = worker.articleStamp();
      let rendered = 0;
      let failed = 0;
      let after = 0;
      for (;;) {
        const now = Date.now();
        const ids = await liveArticleIdsWithoutRender(db, stamp, now, after, BATCH);
        if (ids.length === 0) break;
        after = ids[ids.length - 1]!;
        const rows = await summaryRowsByIds(db, ids, now);
        const paths = worker.site
          .current()
          .context.editions.flatMap((ctx) => editionSummaries(ctx, rows).map((a) => a.path));
        const statuses = await askInTurn(paths, async (path) => {
          const res = await worker.app.inject({ method: 'GET', url: path });
          return res.statusCode;
        });
        for (const status of statuses) {
          if (status === 200) rendered++;
          else failed++;
        }
        // Nothing here is read again: the copies would only push each other out.
        worker.pageCache.clear();
        io.stderr(`pages render: ${rendered} rendered${failed ? `, ${failed} not answered` : ''}`);
      }
      return { rendered, failed };
    } finally {
      // Closing writes what waits to be kept.
      await worker.close();
    }
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stdout(`Rendered and kept ${result.rendered} article pages in ${seconds} s.`);
  return result.failed > 0 ? 1 : 0;
};
