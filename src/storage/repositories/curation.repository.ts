import type { Db } from '../database.js';

export const replaceSectionPinRows = async (db: Db, sectionId: number, articleIds: number[]): Promise<void> => {
  await db.deleteFrom('section_pin').where('section_id', '=', sectionId).execute();
  if (articleIds.length === 0) return;
  await db
    .insertInto('section_pin')
    .values(articleIds.map((article_id, position) => ({ section_id: sectionId, article_id, position })))
    .execute();
};

export const replaceHomeTopRows = async (db: Db, articleIds: number[]): Promise<void> => {
  await db.deleteFrom('home_top').execute();
  if (articleIds.length === 0) return;
  await db.insertInto('home_top').values(articleIds.map((article_id, position) => ({ article_id, position }))).execute();
};
