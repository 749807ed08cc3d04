import type { Db } from '../database.js';

export const listSectionRows = (db: Db) =>
  db.selectFrom('section').selectAll().orderBy('position').orderBy('id').execute();

export const findSectionRowBySlug = (db: Db, slug: string) =>
  db.selectFrom('section').selectAll().where('slug', '=', slug).executeTakeFirst();

type SectionValues = { slug: string; name: string; parent_id: number | null; position: number };

export const insertSectionRow = async (db: Db, values: SectionValues): Promise<number> =>
  (await db.insertInto('section').values(values).returning('id').executeTakeFirstOrThrow()).id;

export const updateSectionRow = (db: Db, id: number, values: SectionValues) =>
  db.updateTable('section').set(values).where('id', '=', id).execute();

/** Creates the section, or renames and re-parents the one with that slug. Returns its id. */
export const upsertSectionRow = async (db: Db, values: SectionValues): Promise<number> => {
  const existing = await findSectionRowBySlug(db, values.slug);
  if (!existing) return insertSectionRow(db, values);
  await updateSectionRow(db, existing.id, values);
  return existing.id;
};

export const nextSectionPosition = async (db: Db): Promise<number> => {
  const row = await db
    .selectFrom('section')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
};
