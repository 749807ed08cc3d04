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
  await db
    .insertInto('home_top')
    .values(articleIds.map((article_id, position) => ({ article_id, position })))
    .execute();
};

/** The home page's top stories as the desk ordered them. */
export const homeTopIdRows = (db: Db) =>
  db.selectFrom('home_top').select(['article_id', 'position']).orderBy('position').execute();

/** A section's pinned articles as the desk ordered them. */
export const sectionPinIdRows = (db: Db, sectionId: number) =>
  db
    .selectFrom('section_pin')
    .select(['article_id', 'position'])
    .where('section_id', '=', sectionId)
    .orderBy('position')
    .execute();
