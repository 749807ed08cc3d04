import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../database.js';
import type { RedirectTable } from '../tables/redirect.table.js';

export type RedirectRow = Selectable<RedirectTable>;

/** Rows of these old addresses, whichever exist (a batch is read in slices: SQL has a limit on parameters). */
export const findRedirectRows = async (db: Db, fromPaths: readonly string[]): Promise<RedirectRow[]> => {
  const rows: RedirectRow[] = [];
  for (let i = 0; i < fromPaths.length; i += 500) {
    const slice = fromPaths.slice(i, i + 500);
    rows.push(...(await db.selectFrom('redirect').selectAll().where('from_path', 'in', slice).execute()));
  }
  return rows;
};

/** The target of one old address: the reader's single lookup by primary key. */
export const findRedirectTarget = async (db: Db, fromPath: string): Promise<string | undefined> =>
  (await db.selectFrom('redirect').select('to_path').where('from_path', '=', fromPath).executeTakeFirst())?.to_path;

/** Rows pointing at one of these targets, as stored. */
export const findRedirectRowsTo = async (db: Db, toPaths: readonly string[]): Promise<RedirectRow[]> => {
  const rows: RedirectRow[] = [];
  for (let i = 0; i < toPaths.length; i += 500) {
    const slice = toPaths.slice(i, i + 500);
    rows.push(...(await db.selectFrom('redirect').selectAll().where('to_path', 'in', slice).execute()));
  }
  return rows;
};

export const insertRedirectRow = (db: Db, row: Insertable<RedirectTable>) =>
  db.insertInto('redirect').values(row).execute();

export const updateRedirectRow = (
  db: Db,
  fromPath: string,
  set: { to_path: string; source?: string | null; updated_at: number },
) => db.updateTable('redirect').set(set).where('from_path', '=', fromPath).execute();

export const deleteRedirectRow = async (db: Db, fromPath: string): Promise<boolean> => {
  const result = await db.deleteFrom('redirect').where('from_path', '=', fromPath).executeTakeFirst();
  return result.numDeletedRows > 0n;
};

/** One page of redirects, newest first; `needle` (lower-cased) is looked for in either address. */
export const listRedirectRows = async (
  db: Db,
  opts: { limit: number; offset: number; needle?: string },
): Promise<{ rows: RedirectRow[]; total: number }> => {
  let query = db.selectFrom('redirect');
  if (opts.needle) {
    const like = `%${opts.needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // ESCAPE said out loud: SQLite has no default escape character, PostgreSQL's is the same backslash.
    query = query.where(
      sql<boolean>`(lower(from_path) like ${like} escape '\\' or lower(to_path) like ${like} escape '\\')`,
    );
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('from_path')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
};
