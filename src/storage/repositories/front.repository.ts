import type { Db } from '../database.js';
import { inEdition, summaries, visible } from './article.repository.js';

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

export const pinnedRows = (db: Db, sectionId: number, now: number, editionId?: number) =>
  summaries(db)
    .innerJoin('section_pin', 'section_pin.article_id', 'article.id')
    .where('section_pin.section_id', '=', sectionId)
    .where(visible(now))
    .$call(inEdition(editionId))
    .orderBy('section_pin.position')
    .execute();

export const homeTopRows = (db: Db, now: number, editionId?: number) =>
  summaries(db)
    .innerJoin('home_top', 'home_top.article_id', 'article.id')
    .where(visible(now))
    .$call(inEdition(editionId))
    .orderBy('home_top.position')
    .execute();
