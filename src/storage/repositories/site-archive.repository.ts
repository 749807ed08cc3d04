import { sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { Db, Dialect } from '../database.js';
import type { ArchivedTable } from './site-archive-tables.repository.js';

/** One row as the archive carries it: column name → text, number or null (bytes travel as files). */
export type ArchiveRow = Record<string, unknown>;

/** The archive moves tables it names at run time; their row types are the archive's, not the Database interface's. */
type AnyTableDb = Kysely<Record<string, ArchiveRow>>;

/**
 * Runs `read` in one consistent snapshot that never holds writers up. PostgreSQL: a read-only REPEATABLE READ
 * transaction. SQLite: a deferred (read-only) transaction, whose snapshot is taken at its first read and kept, in
 * WAL mode, while other processes go on writing (immediate-sqlite-dialect.ts keeps such transactions deferred).
 */
export const inReadSnapshot = <T>(db: Db, dialect: Dialect, read: (snapshot: Db) => Promise<T>): Promise<T> => {
  const transaction = db.transaction().setAccessMode('read only');
  return (dialect === 'postgres' ? transaction.setIsolationLevel('repeatable read') : transaction).execute(read);
};

/**
 * The rows of one table in key order, a page at a time, with the columns asked for (the key among them). Keyset
 * pages (`where (key) > (last key)`) cost the same at the end of a large table as at its start, unlike offsets.
 */
export async function* tableRowPages(
  db: Db,
  table: ArchivedTable,
  columns: readonly string[],
  pageSize: number,
): AsyncGenerator<ArchiveRow[]> {
  const key = sql.join(table.key.map((k) => sql.ref(k)));
  const selected = sql.join(columns.map((c) => sql.ref(c)));
  let after: unknown[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = after ? sql`where (${key}) > (${sql.join(after)})` : sql``;
    const page: QueryResult<ArchiveRow> =
      await sql<ArchiveRow>`select ${selected} from ${sql.table(table.name)} ${where}
      order by ${key} limit ${pageSize}`.execute(db);
    if (page.rows.length > 0) yield page.rows;
    if (page.rows.length < pageSize) return;
    const last: ArchiveRow = page.rows.at(-1)!;
    after = table.key.map((k) => last[k]);
  }
}

/** Inserts rows as they are, ids included. */
export const insertArchiveRows = async (db: Db, table: string, rows: readonly ArchiveRow[]): Promise<void> => {
  if (rows.length === 0) return;
  await (db as unknown as AnyTableDb).insertInto(table).values(rows).execute();
};

/** section.parent_id, set once every section exists (the column points into its own table). */
export const setSectionParent = async (db: Db, id: number, parentId: number): Promise<void> => {
  await db.updateTable('section').set({ parent_id: parentId }).where('id', '=', id).execute();
};

/** A media variant's bytes, which arrive after its row (the row is inserted with none). */
export const setMediaVariantBytes = async (db: Db, mediaId: number, name: string, bytes: Uint8Array) =>
  Number(
    (
      await db
        .updateTable('media_variant')
        .set({ bytes })
        .where('media_id', '=', mediaId)
        .where('name', '=', name)
        .executeTakeFirst()
    ).numUpdatedRows,
  );

/** Variants whose bytes never arrived: an archive must carry a file for every row. */
export const countVariantsWithoutBytes = async (db: Db): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('media_variant')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(sql<number>`length(bytes)`, '=', 0)
        .executeTakeFirstOrThrow()
    ).n,
  );

/**
 * Empties the two tables a new database fills by itself (its first edition, from a migration; settings from a
 * first start), which the archive's rows replace.
 */
export const clearReplacedTables = async (db: Db): Promise<void> => {
  await db.deleteFrom('setting').execute();
  await db.deleteFrom('edition').execute();
};

/**
 * PostgreSQL's serial sequences know nothing of ids inserted by hand: each is moved past the table's largest id,
 * or the next row made would collide. SQLite's AUTOINCREMENT remembers the largest id inserted by itself.
 */
export const moveSequencesPastIds = async (db: Db, dialect: Dialect, tables: readonly ArchivedTable[]) => {
  if (dialect !== 'postgres') return;
  for (const table of tables) {
    if (table.key.length !== 1 || table.key[0] !== 'id') continue;
    const found = await sql<{ seq: string | null }>`select pg_get_serial_sequence(${table.name}, 'id') as seq`.execute(
      db,
    );
    const sequence = found.rows[0]?.seq;
    // Text ids (API keys, webhooks) have no sequence.
    if (!sequence) continue;
    await sql`select setval(${sequence}::regclass, coalesce((select max(id) from ${sql.table(table.name)}), 0) + 1, false)`.execute(
      db,
    );
  }
};
