import { parseQuery } from '../src/domain/search-text.js';
import type { SearchRequest } from '../src/storage/search/search-index.js';
import { searchIndexOf } from '../src/storage/search/search-indexing.js';
import type { BenchDatabase } from './search-database.js';
import type { BenchQuery, QueryKind } from './search-queries.js';

/** Runs the search benchmark's queries against one database, through the index and as a LIKE scan, timed. */

export const RESULTS_PER_PAGE = 20;

export interface Timed {
  kind: QueryKind;
  ms: number;
  /** Matches in all, counted up to SEARCH_COUNT_LIMIT (the index), or rows on the page (LIKE). */
  found: number;
}

/**
 * The request the reader's search (services/reader-search.ts, runReaderSearch) sends for a query: live articles
 * and pages of the query's edition as of now, only articles with a section filter, 20 a page; the query parsed as
 * the route parses it, inside the timing.
 */
export const readerRequest = (bench: BenchDatabase, query: BenchQuery, now: number): SearchRequest => ({
  query: parseQuery(query.q),
  editionId: bench.editionIds[query.edition],
  liveAt: now,
  ...(query.sections ? { kinds: ['article'], sectionIds: query.sections.map((i) => bench.sectionIds[i]!) } : {}),
  ...(query.from !== undefined ? { from: query.from, to: query.to } : {}),
  sort: query.sort,
  offset: (query.page - 1) * RESULTS_PER_PAGE,
  limit: RESULTS_PER_PAGE,
});

export const runIndexQueries = async (bench: BenchDatabase, queries: readonly BenchQuery[]): Promise<Timed[]> => {
  const index = searchIndexOf(bench.db);
  const timed: Timed[] = [];
  for (const query of queries) {
    const started = performance.now();
    const result = await index.search(bench.db, readerRequest(bench, query, Date.now()));
    timed.push({ kind: query.kind, ms: performance.now() - started, found: result.total });
  }
  return timed;
};

/**
 * What a site without an index does (WordPress core, today's newsroom list): `LIKE '%word%'` over the
 * headline and the plain body text of the edition's live articles, newest first, one page. SQLite's LIKE
 * ignores ASCII case; on PostgreSQL ILIKE does the same. A kind stops early after `budgetMs` (a scan that
 * finds little reads the whole table, seconds a query at a million), once it has `minimum` timings.
 */
export const runLikeScans = async (
  bench: BenchDatabase,
  queries: readonly BenchQuery[],
  budgetMs: number,
  minimum: number,
): Promise<Timed[]> => {
  const timed: Timed[] = [];
  const spent = new Map<QueryKind, number>();
  for (const query of queries) {
    const already = timed.filter((t) => t.kind === query.kind).length;
    if ((spent.get(query.kind) ?? 0) > budgetMs && already >= minimum) continue;
    const pattern = `%${query.q}%`;
    const like = bench.backend === 'postgres' ? 'ilike' : 'like';
    const started = performance.now();
    const rows = await bench.db
      .selectFrom('article')
      .select('id')
      .where('edition_id', '=', bench.editionIds[query.edition])
      .where('status', '=', 'published')
      .where('published_at', '<=', Date.now())
      .where((eb) => eb.or([eb('headline', like, pattern), eb('body_text', like, pattern)]))
      .orderBy('published_at', 'desc')
      .limit(RESULTS_PER_PAGE)
      .execute();
    const ms = performance.now() - started;
    spent.set(query.kind, (spent.get(query.kind) ?? 0) + ms);
    timed.push({ kind: query.kind, ms, found: rows.length });
  }
  return timed;
};

/** The value below which `share` of the sorted values lie (nearest rank). */
export const percentile = (values: readonly number[], share: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
};
