import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Dialect, Db } from './database.js';
import * as createContent from './migrations/2026_11_25_0001_create_content.js';
import * as createNewsroom from './migrations/2026_11_25_0002_create_newsroom.js';
import * as indexRevisionTime from './migrations/2026_11_26_0001_index_revision_time.js';
import * as indexExpiry from './migrations/2026_11_30_0001_index_expiry.js';
import * as indexNewsroomLists from './migrations/2026_11_30_0002_index_newsroom_lists.js';
import * as revisionAutosave from './migrations/2026_11_30_0003_revision_autosave.js';
import * as authorProfiles from './migrations/2026_12_01_0001_author_profiles.js';
import * as tagSlugs from './migrations/2026_12_01_0002_tag_slugs.js';
import * as publicationPages from './migrations/2026_12_01_0003_publication_pages.js';
import * as indexFirstPublication from './migrations/2026_12_01_0004_index_first_publication.js';
import * as editions from './migrations/2026_12_01_0005_editions.js';
import * as editionsSwitchOver from './migrations/2026_12_01_0006_editions_switch_over.js';
import * as articleCustomFields from './migrations/2026_12_01_0007_article_custom_fields.js';
import * as searchIndex from './migrations/2026_12_01_0008_search_index.js';
import * as articleRender from './migrations/2026_12_02_0001_article_render.js';
import * as apiKeys from './migrations/2026_12_02_0002_api_keys.js';
import * as webhooks from './migrations/2026_12_03_0001_webhooks.js';
import * as revisionSavedByKey from './migrations/2026_12_03_0002_revision_saved_by_key.js';
import * as revisionBySchedule from './migrations/2026_12_03_0009_revision_by_schedule.js';
import * as purgeQueue from './migrations/2026_12_03_0010_purge_queue.js';
import * as importSource from './migrations/2026_12_03_0020_import_source.js';
import * as redirects from './migrations/2026_12_03_0030_redirects.js';
import * as articleSummaryCover from './migrations/2026_12_04_0001_article_summary_cover.js';

type DialectMigration = { up: (db: Kysely<unknown>, dialect: Dialect) => Promise<void> };

// Listed in order; names sort the same way Kysely expects.
const MIGRATIONS: Record<string, DialectMigration> = {
  '2026_11_25_0001_create_content': createContent,
  '2026_11_25_0002_create_newsroom': createNewsroom,
  '2026_11_26_0001_index_revision_time': indexRevisionTime,
  '2026_11_30_0001_index_expiry': indexExpiry,
  '2026_11_30_0002_index_newsroom_lists': indexNewsroomLists,
  '2026_11_30_0003_revision_autosave': revisionAutosave,
  '2026_12_01_0001_author_profiles': authorProfiles,
  '2026_12_01_0002_tag_slugs': tagSlugs,
  '2026_12_01_0003_publication_pages': publicationPages,
  '2026_12_01_0004_index_first_publication': indexFirstPublication,
  '2026_12_01_0005_editions': editions,
  '2026_12_01_0006_editions_switch_over': editionsSwitchOver,
  '2026_12_01_0007_article_custom_fields': articleCustomFields,
  '2026_12_01_0008_search_index': searchIndex,
  '2026_12_02_0001_article_render': articleRender,
  '2026_12_02_0002_api_keys': apiKeys,
  '2026_12_03_0001_webhooks': webhooks,
  '2026_12_03_0002_revision_saved_by_key': revisionSavedByKey,
  '2026_12_03_0009_revision_by_schedule': revisionBySchedule,
  '2026_12_03_0010_purge_queue': purgeQueue,
  '2026_12_03_0020_import_source': importSource,
  '2026_12_03_0030_redirects': redirects,
  '2026_12_04_0001_article_summary_cover': articleSummaryCover,
};

export class MigrationError extends Error {}

/**
 * Brings the schema up to date. On PostgreSQL Kysely takes a lock, so nodes may migrate at once; on SQLite its lock
 * does nothing, so the cluster primary migrates before it forks workers (which then find nothing pending).
 *
 * Nearly every start finds nothing to do, and Kysely's migrator still looks its tables up through the database's
 * introspection, checks its lock row and takes its lock before reading the same list (14-18 ms of a loaded machine's
 * start, and a single-process server runs it twice: record 0030). One read of that list comes first, and the
 * migrator runs only when the list is not exactly this build's, in this build's order: a pending migration is then
 * run by it, and a database that a newer build migrated (a name this build does not know) is refused by it, as
 * before. Skipping is safe beside a process that is migrating at that moment, because a name is only recorded once
 * its migration has been applied (in the same transaction on PostgreSQL, after it on SQLite).
 */
export const migrateToLatest = async (db: Db, dialect: Dialect, schema?: string): Promise<number> => {
  if (await upToDate(db, schema)) return 0;
  return resultOf(await migratorFor(db, dialect, schema).migrateToLatest());
};

/** Whether the database records exactly this build's migrations, in the order the migrator would check. */
const upToDate = async (db: Db, schema: string | undefined): Promise<boolean> => {
  const applied = await appliedMigrations(db, schema).catch(() => null);
  // No table yet (a new database) or a read that failed: the migrator creates the table or reports the failure.
  if (applied === null) return false;
  const known = Object.keys(MIGRATIONS).sort();
  return applied.length === known.length && applied.every((name, i) => name === known[i]);
};

/**
 * Migration names by their characters, as Kysely sorts the list it is given. Kysely's default for migrations applied in
 * the same millisecond is localeCompare, whose collator maps some 3 MB of ICU into every process at start, for names
 * that are ASCII (record 0030, "Later: dates without ICU").
 */
const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The names in Kysely's migration table in the order Kysely checks them against its list: by the time each was
 * applied, and by name for equal times.
 */
const appliedMigrations = async (db: Db, schema?: string): Promise<string[]> => {
  const table = sql.table(schema ? `${schema}.kysely_migration` : 'kysely_migration');
  const { rows } = await sql<{ name: string; timestamp: string }>`select name, timestamp from ${table}`.execute(db);
  return rows
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || compareNames(a.name, b.name))
    .map((row) => row.name);
};

/**
 * The migrations this build knows that the database has not applied (readiness, server/health.ts): one read of
 * Kysely's own table, found through the connection's search path. Migrations a newer build applied are not ours to
 * judge and are left out.
 */
export const pendingMigrations = async (db: Db): Promise<string[]> => {
  const applied = new Set(await appliedMigrations(db));
  return Object.keys(MIGRATIONS).filter((name) => !applied.has(name));
};

/**
 * Brings the schema up to the named migration and stops there: a test of a data migration starts from a database
 * as it was before, fills it, then migrates to the latest.
 */
export const migrateUpTo = async (db: Db, dialect: Dialect, name: string, schema?: string): Promise<number> => {
  if (!(name in MIGRATIONS)) throw new MigrationError(`no migration is called ${name}`);
  return resultOf(await migratorFor(db, dialect, schema).migrateTo(name));
};

const migratorFor = (db: Db, dialect: Dialect, schema: string | undefined): Migrator => {
  const migrations: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(MIGRATIONS)) migrations[name] = { up: (d) => m.up(d, dialect) };
  // Kysely looks for its own tables in every schema unless told which: with several schemas in one database
  // (one per test file), another schema's lock table would be taken for ours.
  return new Migrator({
    db: schema && dialect === 'postgres' ? withTablesOfSchema(db, schema) : db,
    provider: { getMigrations: async () => migrations },
    nameComparator: compareNames,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
};

/**
 * The database as the migrator sees it, its introspection limited to one schema's table names. Kysely's own reads
 * every column of every schema (and each one's serial sequence), which fails with "schema … does not exist" when
 * another schema is dropped meanwhile, as test files sharing a database do; the migrator only asks whether its two
 * tables exist in its schema. Everything else is the database itself.
 */
const withTablesOfSchema = (db: Db, schema: string): Db => {
  const introspection = {
    getSchemas: () => db.introspection.getSchemas(),
    getMetadata: () => db.introspection.getMetadata(),
    getTables: async () =>
      (
        await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = ${schema}`.execute(db)
      ).rows.map((row) => ({ name: row.name, schema, isView: false, columns: [] })),
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      // Kysely keeps its state in private fields: its methods must run on the instance itself, not the proxy.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};

const resultOf = ({ error, results }: MigrationResultSet): number => {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return results?.length ?? 0;
};

/** Samples about 1,000 rows of each index: enough for the planner, and milliseconds even on a large archive. */
const limitAnalysis = (db: Db) => sql`PRAGMA analysis_limit = 1000`.execute(db);

/**
 * Refreshes the query planner's statistics, at start-up. SQLite has none until ANALYZE runs, and without them
 * it may walk the status index over every published article to find five pinned ones. PostgreSQL's
 * autovacuum keeps its own statistics.
 *
 * A full ANALYZE when the schema just changed (a new index has no statistics) or `full` is asked; otherwise the
 * same check as the hourly top-up, which analyzes only tables that have none or have grown many-fold. A restart
 * used to run a full ANALYZE every time: about 35 ms at 10,000 articles on a busy machine and more from a cold
 * disk cache at 100,000, all of it before the server listens (cold start), for statistics that had not moved.
 */
export const refreshPlannerStatistics = async (
  db: Db,
  dialect: Dialect,
  opts: { full: boolean } = { full: true },
): Promise<void> => {
  if (dialect !== 'sqlite') return;
  await limitAnalysis(db);
  if (opts.full) await sql`ANALYZE`.execute(db);
  else await sql`PRAGMA optimize(0x10002)`.execute(db);
};

/**
 * The periodic top-up for a running server: `PRAGMA optimize` analyzes again only the tables whose size has
 * changed several-fold since their statistics were taken, or that have none yet. A full ANALYZE reads every
 * index of the archive (about 15 ms at 100,000 articles, 100 ms from a cold cache), and SQLite calls block
 * every request meanwhile; this costs a fraction of a millisecond when nothing moved. Mask 0x10002: analyze
 * where needed, checking every table, with our analysis_limit rather than the pragma's own, so the statistics
 * are the same as start-up's.
 */
export const topUpPlannerStatistics = async (db: Db, dialect: Dialect): Promise<void> => {
  if (dialect === 'postgres') return topUpPostgresStatistics(db);
  await limitAnalysis(db);
  await sql`PRAGMA optimize(0x10002)`.execute(db);
};

/**
 * PostgreSQL's autovacuum analyzes a table a while after it changes (a minute's nap, then a share of its rows
 * changed), so an archive just imported is planned without statistics meanwhile: a kept page's statement then
 * read every published article (0.8 ms against 0.12 at 2,000 articles). The same check as SQLite's top-up: the
 * tables of this schema never analyzed, or changed by more rows than they hold, are analyzed now.
 */
const topUpPostgresStatistics = async (db: Db): Promise<void> => {
  const { rows } = await sql<{ relname: string }>`select relname from pg_stat_user_tables
    where schemaname = current_schema()
      and (coalesce(last_analyze, last_autoanalyze) is null or n_mod_since_analyze > greatest(n_live_tup, 1000))
    order by relname`.execute(db);
  for (const { relname } of rows) await sql`analyze ${sql.id(relname)}`.execute(db);
};
