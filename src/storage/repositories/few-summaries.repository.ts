import type { CompiledQuery } from 'kysely';
import type { Db } from '../database.js';
import { prepared } from '../prepared-statements.js';
import { readSummariesFromCover } from '../summary-cover.js';
import { summaries, summaryRowsByIds, visible, type ArticleSummaryRow } from './article.repository.js';

/** How many ids summaryRowsByFewIds asks for at once: a Related list's six, with room. */
const FEW_IDS = 8;
const fewIdsQuery = new WeakMap<Db, CompiledQuery<ArticleSummaryRow>>();

/**
 * summaryRowsByIds for a short list (an article page's Related), by a statement compiled once per database handle:
 * on an archive page's answer, building and compiling the query cost as much as running it. The list is padded
 * with 0, which is no article's id; a longer list is asked in the ordinary way.
 */
export const summaryRowsByFewIds = async (db: Db, ids: number[], now: number): Promise<ArticleSummaryRow[]> => {
  if (ids.length === 0 || ids.length > FEW_IDS) return summaryRowsByIds(db, ids, now);
  let compiled = fewIdsQuery.get(db);
  if (!compiled) {
    compiled = summaries(db)
      .where(
        'article.id',
        'in',
        Array.from({ length: FEW_IDS }, () => 0),
      )
      .where(visible(0))
      .compile();
    // The ids first, then the visibility's status and time, in the order they were given.
    if (compiled.parameters.length !== FEW_IDS + 2 || compiled.parameters[FEW_IDS] !== 'published')
      throw new Error('summaryRowsByFewIds: unexpected parameters');
    compiled = prepared(readSummariesFromCover(db, compiled));
    fewIdsQuery.set(db, compiled);
  }
  const parameters = [...ids, ...Array.from({ length: FEW_IDS - ids.length }, () => 0), 'published', now];
  return (await db.executeQuery<ArticleSummaryRow>({ ...compiled, parameters })).rows;
};
