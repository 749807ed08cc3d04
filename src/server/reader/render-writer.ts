import {
  storeArticleRenderRows,
  updateArticleRenderMeta,
  type ArticleRenderRow,
} from '../../storage/repositories/article-render.repository.js';
import type { Db } from '../../storage/database.js';

/** How long rows wait to be written together, and how many make a write at once. */
const WRITE_DELAY_MS = 200;
const WRITE_BATCH = 200;

export interface RenderWriter {
  /** Keeps a page rendered under content version `version`: written only if no content changed since. */
  keep(row: ArticleRenderRow, version: number): void;
  /** A kept page's meta chosen again (its Related), if it is still kept under `siteStamp`. */
  keepMeta(articleId: number, meta: string, siteStamp: string): void;
  /** Writes what waits; at a clean stop. */
  flush(): Promise<void>;
}

/**
 * Pages rendered on a miss are kept for the next reader in batches, off the answer's path: a walk through the archive
 * renders hundreds of pages a second, and one write transaction each would cost more than the renders (SQLite has
 * one writer). A batch written under a content version that has moved since is dropped whole
 * (storeArticleRenderRows): its pages may show what a write changed meanwhile.
 */
export const createRenderWriter = (db: Db, onError: (error: unknown) => void): RenderWriter => {
  let rows = new Map<number, { row: ArticleRenderRow; version: number }>();
  let metas = new Map<number, { meta: string; siteStamp: string }>();
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  const write = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const [batch, metaBatch] = [rows, metas];
    rows = new Map();
    metas = new Map();
    const byVersion = new Map<number, ArticleRenderRow[]>();
    for (const { row, version } of batch.values()) byVersion.set(version, [...(byVersion.get(version) ?? []), row]);
    for (const [version, list] of byVersion) await storeArticleRenderRows(db, list, version);
    for (const [id, { meta, siteStamp }] of metaBatch) await updateArticleRenderMeta(db, id, meta, siteStamp);
  };
  const flush = (): Promise<void> => {
    writing = writing.then(write).catch(onError);
    return writing;
  };
  const schedule = () => {
    if (rows.size + metas.size >= WRITE_BATCH) void flush();
    else if (!timer) {
      timer = setTimeout(() => void flush(), WRITE_DELAY_MS);
      timer.unref();
    }
  };
  return {
    keep(row, version) {
      rows.set(row.article_id, { row, version });
      schedule();
    },
    keepMeta(articleId, meta, siteStamp) {
      metas.set(articleId, { meta, siteStamp });
      schedule();
    },
    flush,
  };
};
