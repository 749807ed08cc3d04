import type { RankingWindow } from './ranking-window.js';

/** What ranking needs to know of a published article. */
export interface RankedArticleMeta {
  id: number;
  /** Top-level section: section rankings gather subsections into their parent. */
  sectionId: number;
  publishedAt: number;
}

export interface RankedEntry {
  articleId: number;
  views: number;
}

/** Where rankings come from, as the page services see it: memory, already computed. */
export interface RankingSource {
  top(window: RankingWindow, sectionId: number | null, limit: number): RankedEntry[];
}

/**
 * Orders articles by views, most first. Ties go to the more recently published article, then the higher id,
 * so every node computes the same order from the same counts. Articles not (or no longer) published are left out.
 */
export const rankArticles = (
  totals: ReadonlyMap<number, number>,
  visible: (articleId: number) => RankedArticleMeta | undefined,
  sectionId: number | null,
): RankedEntry[] => {
  const entries: (RankedEntry & { publishedAt: number })[] = [];
  for (const [articleId, views] of totals) {
    const meta = visible(articleId);
    if (!meta || (sectionId !== null && meta.sectionId !== sectionId)) continue;
    entries.push({ articleId, views, publishedAt: meta.publishedAt });
  }
  entries.sort((a, b) => b.views - a.views || b.publishedAt - a.publishedAt || b.articleId - a.articleId);
  return entries.map(({ articleId, views }) => ({ articleId, views }));
};

/** The windows to try, in order, when a box must be filled: the asked one, then longer ones. */
export const fallbackWindows = (window: RankingWindow): RankingWindow[] =>
  window === '1h' ? ['1h', '24h', '7d'] : window === '24h' ? ['24h', '7d'] : ['7d'];

/**
 * Fills `n` places from lists in order of preference, skipping repeats and excluded ids: e.g. pinned, then
 * most-read in 24 hours, then in 7 days, then latest. A box is never empty while any list has an article.
 */
export const fillBox = (n: number, lists: number[][], exclude: ReadonlySet<number> = new Set()): number[] => {
  const out: number[] = [];
  const seen = new Set(exclude);
  for (const list of lists) {
    for (const id of list) {
      if (out.length === n) return out;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
    }
  }
  return out;
};
