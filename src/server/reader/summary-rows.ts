import type { Db } from '../../storage/database.js';
import type { ArticleSummary } from '../../domain/article.js';
import { editionSummaries } from '../../services/article-summaries.js';
import type { SiteContext } from '../../services/site-context.js';
import type { ArticleSummaryRow } from '../../storage/repositories/article.repository.js';
import { summaryRowsByFewIds } from '../../storage/repositories/few-summaries.repository.js';

/** Rows kept at most: about 2 MB of summaries; past it the memo starts again. */
const MAX_ROWS = 5_000;

/**
 * Summary rows of live articles by id, kept while the content version stays the same: the Related lists of kept
 * article pages name the same few hundred recent stories again and again, and asking for them was the largest query
 * of an archive page's answer (140 µs under load, and as much again for Kysely to build it). Every write readers
 * could see moves the content version, which drops them all; a row once live stays live until such a write. An id
 * not live when asked is asked again next time (it may go live by the clock).
 */
export const createSummaryRows = (db: Db) => {
  let version = -1;
  let kept = new Map<number, ArticleSummaryRow>();
  return (contentVersion: number) =>
    async (ids: number[], now: Date): Promise<ArticleSummaryRow[]> => {
      if (contentVersion !== version || kept.size > MAX_ROWS) {
        version = contentVersion;
        kept = new Map();
      }
      const map = kept;
      const missing = ids.filter((id) => !map.has(id));
      if (missing.length > 0)
        for (const row of await summaryRowsByFewIds(db, missing, now.getTime())) map.set(row.id, row);
      return ids.flatMap((id) => map.get(id) ?? []);
    };
};

/**
 * editionSummaries kept per content version: the end lists of kept pages show the same stories again and again,
 * and making each summary (its address from the section and the date in the site's zone) was work every answer
 * repeated. A row of the same id and version makes the same summary; a row for another edition makes none.
 */
export const createEditionSummaries = () => {
  let version = -1;
  let kept = new Map<string, ArticleSummary | null>();
  return (contentVersion: number) =>
    (ctx: SiteContext, rows: ArticleSummaryRow[]): ArticleSummary[] => {
      if (contentVersion !== version || kept.size > MAX_ROWS) {
        version = contentVersion;
        kept = new Map();
      }
      const out: ArticleSummary[] = [];
      for (const row of rows) {
        const key = `${ctx.edition.id} ${row.id}`;
        let summary = kept.get(key);
        if (summary === undefined) {
          summary = editionSummaries(ctx, [row])[0] ?? null;
          kept.set(key, summary);
        }
        if (summary) out.push(summary);
      }
      return out;
    };
};
