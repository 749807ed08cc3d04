import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Dialect, Db } from './database.js';
import * as createContent from './migrations/2026_11_25_0001_create_content.js';
import * as createNewsroom from './migrations/2026_11_25_0002_create_newsroom.js';

type DialectMigration = { up: (db: Kysely<any>, dialect: Dialect) => Promise<void> }; // eslint-disable-line @typescript-eslint/no-explicit-any

// Listed in order; names sort the same way Kysely expects.
const MIGRATIONS: Record<string, DialectMigration> = {
  '2026_11_25_0001_create_content': createContent,
  '2026_11_25_0002_create_newsroom': createNewsroom,
};

export class MigrationError extends Error {}

/** Brings the schema up to date. Safe to run from several processes: Kysely takes a lock. */
export const migrateToLatest = async (db: Db, dialect: Dialect): Promise<void> => {
  const migrations: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(MIGRATIONS)) migrations[name] = { up: (d) => m.up(d, dialect) };
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/**
 * Refreshes the query planner's statistics. SQLite has none until ANALYZE runs, and without them it may walk
 * the status index over every published article to find five pinned ones; with a row limit per index this
 * takes milliseconds even on a large archive. PostgreSQL's autovacuum keeps its own statistics.
 */
export const refreshPlannerStatistics = async (db: Db, dialect: Dialect): Promise<void> => {
  if (dialect !== 'sqlite') return;
  await sql`PRAGMA analysis_limit = 1000`.execute(db);
  await sql`ANALYZE`.execute(db);
};
