import { sql } from 'kysely';
import type { Db, Dialect } from '../database.js';

/**
 * What the whole-site archive holds and leaves out, table by table (docs/architecture/0025-site-archive.md).
 * Listed in the order an import inserts them: every table after the ones its foreign keys point at. `key` is the
 * primary key, which reads walk in order (keyset pages) so a page never skips or repeats a row.
 */
export interface ArchivedTable {
  name: string;
  key: readonly string[];
}

export const ARCHIVED_TABLES: readonly ArchivedTable[] = [
  { name: 'edition', key: ['id'] },
  // section.parent_id points into the same table: an import inserts every row first, then sets the parents.
  { name: 'section', key: ['id'] },
  { name: 'section_name', key: ['section_id', 'edition_id'] },
  { name: 'media', key: ['id'] },
  // Its bytes travel as files of their own (media/{media_id}/{name}); the row keeps the rest.
  { name: 'media_variant', key: ['media_id', 'name'] },
  { name: 'user_account', key: ['id'] },
  { name: 'author', key: ['id'] },
  { name: 'article', key: ['id'] },
  { name: 'article_author', key: ['article_id', 'author_id'] },
  { name: 'article_tag', key: ['article_id', 'tag'] },
  { name: 'section_pin', key: ['section_id', 'article_id'] },
  { name: 'home_top', key: ['article_id'] },
  { name: 'article_revision', key: ['article_id', 'revision'] },
  { name: 'correction', key: ['id'] },
  { name: 'article_translation', key: ['article_id', 'translation_edition_id'] },
  { name: 'page', key: ['id'] },
  { name: 'page_revision', key: ['page_id', 'revision'] },
  { name: 'api_key', key: ['id'] },
  { name: 'webhook', key: ['id'] },
  { name: 'setting', key: ['key'] },
  // Tables other work adds are archived when the database has them (archivedTablesOf).
  { name: 'import_source', key: ['source', 'site', 'kind', 'source_id'] },
  { name: 'redirect', key: ['from_path'] },
];

/** Tables the archive leaves out on purpose, each with the reason the export's record gives. */
export const LEFT_OUT_TABLES: Readonly<Record<string, string>> = {
  user_session: 'sign-ins of the old site: everyone signs in again',
  login_failure: 'the sign-in throttle’s recent failures: short-lived',
  article_render: 'kept article pages: drawn again on demand or by `pages render`',
  content_state: 'the cache version: the import bumps it instead',
  webhook_delivery: 'the old site’s delivery queue and log: the old site sends what it queued',
  purge_request: 'the old site’s CDN purge queue: the new site starts with nothing cached',
};

/** The search index (search_entry and SQLite's FTS5 tables with their shadow tables): rebuilt after an import. */
const isSearchIndexTable = (name: string): boolean => name.startsWith('search_');
const isBookkeeping = (name: string): boolean => name.startsWith('kysely_') || name.startsWith('sqlite_');

/** The tables of the database's own schema (the connection's schema on PostgreSQL). */
export const listTables = async (db: Db, dialect: Dialect): Promise<string[]> => {
  const rows =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.rows.map((r) => r.name).sort();
};

/** Tables the archive does not know: neither archived, left out, the search index nor bookkeeping. */
export const unknownTables = (tables: readonly string[]): string[] =>
  tables.filter(
    (name) =>
      !ARCHIVED_TABLES.some((t) => t.name === name) &&
      !(name in LEFT_OUT_TABLES) &&
      !isSearchIndexTable(name) &&
      !isBookkeeping(name),
  );

/** The archived tables this database has, in insertion order. */
export const archivedTablesOf = (tables: readonly string[]): ArchivedTable[] =>
  ARCHIVED_TABLES.filter((t) => tables.includes(t.name));

/** A table's columns, in the table's order. */
export const tableColumns = async (db: Db, dialect: Dialect, table: string): Promise<string[]> => {
  const rows =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`.execute(db)
      : await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
  return rows.rows.map((r) => r.name);
};

/**
 * Tables an import may not fill because they hold rows already. A new database has its first edition (made by
 * a migration) and may have settings (a first start writes some): those two are replaced, so they do not count.
 */
export const tablesWithRows = async (db: Db, tables: readonly ArchivedTable[]): Promise<string[]> => {
  const filled: string[] = [];
  for (const { name } of tables) {
    if (name === 'edition' || name === 'setting') continue;
    const row = await sql<{ one: number }>`select 1 as one from ${sql.table(name)} limit 1`.execute(db);
    if (row.rows.length > 0) filled.push(name);
  }
  return filled;
};

/** The migration the schema was last brought to: an archive names it, and a build that lacks it refuses the file. */
export const latestAppliedMigration = async (db: Db): Promise<string | null> => {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  return rows.rows[0]?.name ?? null;
};

/** Every migration this database has applied: an archive from a schema among them can be read into it. */
export const appliedMigrations = async (db: Db): Promise<string[]> =>
  (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name);
