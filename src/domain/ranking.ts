import type { RankingWindow } from './ranking-window.js';

/** What ranking needs to know of a published article. */
export interface RankedArticleMeta {
  id: number;
  /** Top-level section: section rankings gather subsections into their parent. */
  sectionId: number;
  publishedAt: number;
  /** The edition it is in (issue 13): a view read there counts in that edition's rankings. Absent: the first. */
  editionId?: number;
}

export interface RankedEntry {
  articleId: number;
  views: number;
}

/** Where rankings come from, as the page services see it: memory, already computed. */
export interface RankingSource {
  /** Scopes are (window, edition[, section]); no edition: every edition's articles, as on a site of one edition. */
  top(window: RankingWindow, sectionId: number | null, limit: number, editionId?: number): RankedEntry[];
}

/** Most views first; ties to the more recent publication, then the higher id: the same order on every node. */
const before = (a: RankedEntry & { publishedAt: number }, b: RankedEntry & { publishedAt: number }): boolean =>
  a.views !== b.views
    ? a.views > b.views
    : a.publishedAt !== b.publishedAt
      ? a.publishedAt > b.publishedAt
      : a.articleId > b.articleId;

/**
 * The `limit` most-read articles, site-wide (sectionId null) or in one top-level section. A bounded selection,
 * not a sort of everything: most articles are rejected by one comparison with the current last place.
 * Articles not (or no longer) visible are left out.
 */
export const rankArticles = (
  totals: ReadonlyMap<number, number>,
  visible: (articleId: number) => RankedArticleMeta | undefined,
  sectionId: number | null,
  limit = Number.POSITIVE_INFINITY,
  editionId?: number,
): RankedEntry[] => {
  const top: (RankedEntry & { publishedAt: number })[] = [];
  for (const [articleId, views] of totals) {
    if (top.length >= limit && views < top[top.length - 1]!.views) continue;
    const meta = visible(articleId);
    if (!meta || (sectionId !== null && meta.sectionId !== sectionId)) continue;
    if (editionId !== undefined && meta.editionId !== editionId) continue;
    const entry = { articleId, views, publishedAt: meta.publishedAt };
    if (top.length >= limit && !before(entry, top[top.length - 1]!)) continue;
    let i = top.length;
    while (i > 0 && before(entry, top[i - 1]!)) i--;
    top.splice(i, 0, entry);
    if (top.length > limit) top.pop();
  }
  return top.map(({ articleId, views }) => ({ articleId, views }));
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
