import type { ArticleSummary } from '../domain/article.js';
import type { RankingSource } from '../domain/ranking.js';
import { RANKING_WINDOWS, type RankingWindow } from '../domain/ranking-window.js';
import type { Db } from '../storage/database.js';
import { summaryRowsByIds } from '../storage/repositories/article.repository.js';
import { toSummaries } from './reader-pages.js';
import { editionFilter, type SiteContext } from './site-context.js';

export interface RankingList {
  window: RankingWindow;
  entries: { rank: number; views: number; article: ArticleSummary }[];
}

/** The most-read lists of the /ranking page and API: real counts only, no fallbacks, so an empty list says so. */
export const loadRankingLists = async (
  db: Db,
  ctx: SiteContext,
  ranking: RankingSource,
  sectionId: number | null,
  limit: number,
  now: Date,
  windows: readonly RankingWindow[] = RANKING_WINDOWS,
): Promise<RankingList[]> => {
  // An edition's lists rank its own articles: a view counts in the edition it was read in (issue 13).
  const tops = windows.map((w) => ({ window: w, entries: ranking.top(w, sectionId, limit, editionFilter(ctx)) }));
  const ids = [...new Set(tops.flatMap((t) => t.entries.map((e) => e.articleId)))];
  const byId = new Map(toSummaries(ctx, await summaryRowsByIds(db, ids, now.getTime())).map((s) => [s.id, s]));
  return tops.map(({ window, entries }) => ({
    window,
    entries: entries
      .filter((e) => byId.has(e.articleId))
      .map((e, i) => ({ rank: i + 1, views: e.views, article: byId.get(e.articleId)! })),
  }));
};
