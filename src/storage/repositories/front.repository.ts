import type { Db } from '../database.js';
import { inEdition, visible, type ArticleSummaryRow } from './article.repository.js';
import { summaryRowsByFewIds } from './few-summaries.repository.js';

/**
 * What section fronts and the home page list besides the newest articles: a front's count, a section's pinned
 * stories, the home page's curated ones. `editionId` narrows each to one edition's articles (issue 13); none
 * given, every article counts, as on a site of one edition.
 */

export const countPublishedRows = async (
  db: Db,
  opts: { now: number; sectionIds: number[]; editionId?: number },
): Promise<number> => {
  const row = await db
    .selectFrom('article')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(visible(opts.now))
    .where('article.section_id', 'in', opts.sectionIds.length ? opts.sectionIds : [-1])
    .$call(inEdition(opts.editionId))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};

/**
 * The pinned and curated lists are read in two steps, their few ids in order and then those articles by id: as one
 * join, SQLite without the planner's statistics (an archive written by an import or a generator, never analyzed)
 * walked every published article by date and probed the few pins for each, 120 ms a list at 100,000 articles
 * against a fraction of a millisecond. Hidden articles and other editions' are left out as the join left them out.
 */
const inListOrder = async (
  db: Db,
  ids: number[],
  now: number,
  editionId: number | undefined,
): Promise<ArticleSummaryRow[]> => {
  if (ids.length === 0) return [];
  const byId = new Map((await summaryRowsByFewIds(db, ids, now)).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row && (editionId === undefined || row.edition_id === editionId) ? [row] : [];
  });
};

export const pinnedRows = async (db: Db, sectionId: number, now: number, editionId?: number) => {
  const pins = await db
    .selectFrom('section_pin')
    .select('article_id')
    .where('section_id', '=', sectionId)
    .orderBy('position')
    .execute();
  return inListOrder(
    db,
    pins.map((p) => p.article_id),
    now,
    editionId,
  );
};

export const homeTopRows = async (db: Db, now: number, editionId?: number) => {
  const tops = await db.selectFrom('home_top').select('article_id').orderBy('position').execute();
  return inListOrder(
    db,
    tops.map((t) => t.article_id),
    now,
    editionId,
  );
};
