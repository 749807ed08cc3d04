import type { ArticleSummary } from '../../domain/article.js';
import { editionSummaries } from '../../services/article-summaries.js';
import type { SiteContext } from '../../services/site-context.js';
import type { Db } from '../../storage/database.js';
import type { ArticleSummaryRow } from '../../storage/repositories/article.repository.js';
import { summaryRowsByFewIds } from '../../storage/repositories/few-summaries.repository.js';

/** Rows kept at most: about 2 MB of summaries; past it the memo starts again. */
const MAX_ROWS = 5_000;

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

/**
 * The summary rows of stories known to be live (a kept page's Related, whose statement says which are), kept per
 * content version: they recur from page to page, and a row does not change within a version. Ids not kept yet are
 * asked for in one statement. A version that moves while rows are being read leaves them in the old version's map.
 */
export const createLiveRows = (db: Db) => {
  let version = -1;
  let kept = new Map<number, ArticleSummaryRow>();
  return async (contentVersion: number, ids: readonly number[], now: number): Promise<ArticleSummaryRow[]> => {
    if (contentVersion !== version || kept.size > MAX_ROWS) {
      version = contentVersion;
      kept = new Map();
    }
    const rows = kept;
    const missing = ids.filter((id) => !rows.has(id));
    if (missing.length > 0) for (const row of await summaryRowsByFewIds(db, missing, now)) rows.set(row.id, row);
    return ids.flatMap((id) => rows.get(id) ?? []);
  };
};
