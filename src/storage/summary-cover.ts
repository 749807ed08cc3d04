import { PostgresAdapter, type CompiledQuery } from 'kysely';
import type { Db } from './database.js';

/** The SQLite index that holds every column of an article's summary (migration 2026_12_04_0001). */
export const SUMMARY_COVER_INDEX = 'article_summary_cover';

/** The article table joined to its photo, as `summaries` (article.repository.ts) compiles it. */
const ARTICLE_WITH_PHOTO = /(from|cross join) "article"(?= left join "media")/g;

/**
 * A compiled statement that reads summaries by article id, told on SQLite to read them from the covering index. With
 * statistics SQLite's planner takes that index itself; without them (a new database, or before the first analysis)
 * it read each row by its primary key, overflow pages and all. Kysely has no index hints, so the hint is written into
 * the compiled text; a statement of another shape is refused at once, when it is first compiled, rather than run
 * without it. PostgreSQL's statement is left as it is.
 */
export const readSummariesFromCover = <R>(db: Db, compiled: CompiledQuery<R>): CompiledQuery<R> => {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return compiled;
  const found = compiled.sql.match(ARTICLE_WITH_PHOTO) ?? [];
  if (found.length !== 1) throw new Error(`readSummariesFromCover: ${found.length} article tables in ${compiled.sql}`);
  return { ...compiled, sql: compiled.sql.replace(ARTICLE_WITH_PHOTO, `$& indexed by "${SUMMARY_COVER_INDEX}"`) };
};
