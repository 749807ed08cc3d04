import type { Config } from '../config.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { rebuildSearchIndex } from '../storage/search/search-indexing.js';
import { type CliIo, UsageError, withStorage } from './cli-support.js';

/** `dateline search rebuild`: the whole index again, in one transaction, so readers keep the old one until it commits. */
export const runSearchRebuild = async (config: Config, args: string[], io: CliIo): Promise<number> => {
  if (args.length > 0) throw new UsageError(`search rebuild takes no arguments (got "${args[0]}")`);
  const started = performance.now();
  const counts = await withStorage(config, (db) =>
    db.transaction().execute(async (trx) => {
      const rebuilt = await rebuildSearchIndex(trx, ({ kind, done, total }) => {
        if (done % 5_000 === 0 || done === total) io.stderr(`search rebuild: ${done} of ${total} ${kind}s`);
      });
      // Search pages are cached like every other: the new index shows once they are drawn again.
      await bumpContentVersion(trx);
      return rebuilt;
    }),
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stdout(`Rebuilt the search index: ${counts.articles} articles and ${counts.pages} pages in ${seconds} s.`);
  return 0;
};
