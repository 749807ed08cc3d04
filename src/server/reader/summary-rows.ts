import type { ArticleSummary } from '../../domain/article.js';
import { editionSummaries } from '../../services/article-summaries.js';
import type { SiteContext } from '../../services/site-context.js';
import type { ArticleSummaryRow } from '../../storage/repositories/article.repository.js';

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
