import { sql } from 'kysely';
import { createStorage, type Db } from '../src/storage/database.js';
import {
  ARCHIVED_TABLES,
  listTables,
  tableColumns,
  type ArchivedTable,
} from '../src/storage/repositories/site-archive-tables.repository.js';
import { QUEUE_TABLES } from './archive-move.js';

/**
 * Whether a PostgreSQL archive holds what the SQLite one does (bench/archive-move.ts): every table's row count,
 * and a sample of rows (a few windows spread over each table, in key order) read on both sides and compared
 * column by column. The search index is stored differently by each backend (FTS5 tables against tsvector
 * columns), so its entries are compared by what both keep: key, kind and id.
 */

export interface TableCheck {
  name: string;
  sqlite: number;
  postgres: number;
  /** Rows read on both sides and compared. */
  sampled: number;
  /** The first difference found, in words; null when none. */
  difference: string | null;
}

/** Windows of rows compared per table, spread over it, and their length. */
const WINDOWS = 5;
const WINDOW_ROWS = 20;

/** article_render (kept pages) is compared when asked: the bench copies it after the SQLite run's pages render. */
export const KEPT_PAGES: ArchivedTable = { name: 'article_render', key: ['article_id'] };
const SEARCH_ENTRY: ArchivedTable = { name: 'search_entry', key: ['key'] };

export const compareArchives = async (
  sqlite: Db,
  postgres: Db,
  opts: { keptPages?: boolean } = {},
): Promise<TableCheck[]> => {
  const present = await listTables(sqlite, 'sqlite');
  const tables = [...ARCHIVED_TABLES, ...QUEUE_TABLES, ...(opts.keptPages ? [KEPT_PAGES] : [])].filter((t) =>
    present.includes(t.name),
  );
  const checks: TableCheck[] = [];
  for (const table of tables) {
    const columns = await tableColumns(sqlite, 'sqlite', table.name);
    const theirs = await tableColumns(postgres, 'postgres', table.name);
    const missing = columns.filter((c) => !theirs.includes(c));
    checks.push(await compareTable(sqlite, postgres, table, missing.length > 0 ? [] : columns));
    if (missing.length > 0) checks.at(-1)!.difference = `PostgreSQL lacks ${missing.join(', ')}`;
  }
  checks.push(await compareTable(sqlite, postgres, SEARCH_ENTRY, ['key', 'kind', 'ref_id']));
  return checks;
};

const countOf = async (db: Db, table: string): Promise<number> =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);

/** Numbers as PostgreSQL's int8 may come (text) and bytes as hex, so equal values print equal. */
const plain = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value as string | number);
};

const compareTable = async (
  sqlite: Db,
  postgres: Db,
  table: ArchivedTable,
  columns: readonly string[],
): Promise<TableCheck> => {
  const check: TableCheck = {
    name: table.name,
    sqlite: await countOf(sqlite, table.name),
    postgres: await countOf(postgres, table.name),
    sampled: 0,
    difference: null,
  };
  if (check.sqlite !== check.postgres) check.difference = 'row counts differ';
  if (columns.length === 0 || check.sqlite === 0) return check;
  const key = sql.join(table.key.map((k) => sql.ref(k)));
  const selected = sql.join(columns.map((c) => sql.ref(c)));
  const starts = new Set(
    Array.from({ length: WINDOWS }, (_, i) =>
      Math.floor((i * Math.max(0, check.sqlite - WINDOW_ROWS)) / Math.max(1, WINDOWS - 1)),
    ),
  );
  for (const start of starts) {
    const ours = (
      await sql<Record<string, unknown>>`select ${selected} from ${sql.table(table.name)}
        order by ${key} limit ${WINDOW_ROWS} offset ${start}`.execute(sqlite)
    ).rows;
    // Found on PostgreSQL by key, not by position: text keys sort by another collation there.
    const wanted = sql.join(ours.map((row) => sql`(${sql.join(table.key.map((k) => row[k]))})`));
    const theirs = (
      await sql<Record<string, unknown>>`select ${selected} from ${sql.table(table.name)}
        where (${key}) in (${wanted})`.execute(postgres)
    ).rows;
    const keyOf = (row: Record<string, unknown>) => JSON.stringify(table.key.map((k) => plain(row[k])));
    const byKey = new Map(theirs.map((row) => [keyOf(row), row]));
    for (const row of ours) {
      check.sampled++;
      const other = byKey.get(keyOf(row));
      if (!other) {
        check.difference ??= `row ${keyOf(row)} is missing`;
        continue;
      }
      const column = columns.find((c) => plain(row[c]) !== plain(other[c]));
      if (column !== undefined) check.difference ??= `row ${keyOf(row)} differs in ${column}`;
    }
  }
  return check;
};

/**
 * The SQLite archive in `sqliteDir` against the PostgreSQL schema: the checks when every table agrees, else an
 * error naming each table that does not, and how.
 */
export const expectSameArchive = async (
  sqliteDir: string,
  postgres: { url: string; schema: string; dataDir: string },
): Promise<TableCheck[]> => {
  const from = createStorage({ dataDir: sqliteDir, databaseUrl: null });
  const to = createStorage({ dataDir: postgres.dataDir, databaseUrl: postgres.url, postgresSchema: postgres.schema });
  try {
    const checks = await compareArchives(from.db, to.db);
    const wrong = checks.filter((c) => c.difference !== null);
    if (wrong.length > 0)
      throw new Error(
        `the PostgreSQL archive differs from the SQLite one: ${wrong
          .map((c) => `${c.name} (${c.sqlite} rows against ${c.postgres}: ${c.difference})`)
          .join('; ')}`,
      );
    return checks;
  } finally {
    await from.close();
    await to.close();
  }
};
