import type { Db } from '../database.js';

export const listSectionRows = (db: Db) =>
  db.selectFrom('section').selectAll().orderBy('position').orderBy('id').execute();

export const findSectionRowBySlug = (db: Db, slug: string) =>
  db.selectFrom('section').selectAll().where('slug', '=', slug).executeTakeFirst();

/** Creates the section, or renames and re-parents the one with that slug. Returns its id. */
export const upsertSectionRow = async (
  db: Db,
  values: { slug: string; name: string; parent_id: number | null; position: number },
): Promise<number> => {
  const existing = await findSectionRowBySlug(db, values.slug);
  if (existing) {
    await db.updateTable('section').set(values).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const row = await db.insertInto('section').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
};

export const nextSectionPosition = async (db: Db): Promise<number> => {
  const row = await db.selectFrom('section').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
};
