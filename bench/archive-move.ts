import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { exportSite } from '../src/services/site-archive-export.js';
import { importSite } from '../src/services/site-archive-import.js';
import { createStorage, type Db } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import {
  insertArchiveRows,
  moveSequencesPastIds,
  tableRowPages,
} from '../src/storage/repositories/site-archive.repository.js';
import { tableColumns, type ArchivedTable } from '../src/storage/repositories/site-archive-tables.repository.js';

/**
 * The generated SQLite archive moved into a PostgreSQL schema the way an operator moves a site (docs/deploy,
 * "Moving from SQLite to PostgreSQL"): `dateline export`'s exportSite, then `dateline import site`'s importSite,
 * which checks the file, loads every table with its ids and builds the search index. Writing 100,000 articles one
 * at a time through the newsroom's write path on PostgreSQL took 15 minutes (about 110 a second); this takes a
 * few, and the PostgreSQL walk then reads exactly the site the SQLite walk read.
 */

/** Tables the archive leaves out that the generator writes: copied as they are, so both databases hold the same. */
export const QUEUE_TABLES: readonly ArchivedTable[] = [
  { name: 'purge_request', key: ['id'] },
  { name: 'content_state', key: ['id'] },
];
/** Rows per insert of a queue table: a few short columns each, far below PostgreSQL's 65,535 parameters. */
const QUEUE_BATCH = 2_000;

export interface MovedTable {
  name: string;
  rows: number;
  ms: number;
}

export interface ArchiveMove {
  exportMs: number;
  /** The import's first reading of the whole file, checking it before anything is written. */
  checkMs: number;
  importMs: number;
  /** The import's own lines, each with the time since the last: rows per table, then the search index. */
  tables: MovedTable[];
  searchIndexMs: number;
  queueMs: number;
  archiveMb: number;
}

/**
 * A copy of the generated SQLite database, taken before any server opens it (a first start and the walks write
 * settings, kept pages and queue rows of their own): what the PostgreSQL archive is moved from, and compared to.
 */
export const snapshotArchive = async (dataDir: string, intoDir: string): Promise<void> => {
  mkdirSync(intoDir, { recursive: true });
  const db = new SQLite(join(dataDir, 'content.db'), { readonly: true });
  try {
    await db.backup(join(intoDir, 'content.db'));
  } finally {
    db.close();
  }
};

/**
 * Moves the SQLite archive in `sqliteDir` into the empty schema `postgres` names (migrated here first), through a
 * site archive written in `workDir` and removed after.
 */
export const moveArchiveToPostgres = async (opts: {
  sqliteDir: string;
  workDir: string;
  dataDir: string;
  postgres: { url: string; schema: string };
  onLine?: (line: string) => void;
}): Promise<ArchiveMove> => {
  const say = opts.onLine ?? (() => {});
  const file = join(opts.workDir, `site-${process.pid}-${Date.now().toString(36)}.tar`);
  const from = createStorage({ dataDir: opts.sqliteDir, databaseUrl: null });
  const to = createStorage({
    dataDir: opts.dataDir,
    databaseUrl: opts.postgres.url,
    postgresSchema: opts.postgres.schema,
  });
  try {
    let started = performance.now();
    await exportSite(from.db, 'sqlite', file);
    const exportMs = performance.now() - started;
    const archiveMb = statSync(file).size / (1024 * 1024);
    say(`export: ${(exportMs / 1000).toFixed(1)} s, ${archiveMb.toFixed(0)} MB`);

    await migrateToLatest(to.db, 'postgres', opts.postgres.schema);
    started = performance.now();
    let last = started;
    let checkMs = 0;
    let searchIndexMs = 0;
    const tables: MovedTable[] = [];
    await importSite(to.db, 'postgres', opts.dataDir, file, {
      onProgress: (line) => {
        const now = performance.now();
        const ms = now - last;
        last = now;
        const rows = /^([a-z_]+): (\d+) rows$/.exec(line);
        if (rows) tables.push({ name: rows[1]!, rows: Number(rows[2]), ms });
        else if (line.startsWith('search index')) searchIndexMs = ms;
        else if (line.startsWith('checked')) checkMs = ms;
        if (!rows || rows[2] !== '0') say(`import: ${line} (${(ms / 1000).toFixed(1)} s)`);
      },
    });
    const importMs = performance.now() - started;

    started = performance.now();
    await copyQueueTables(from.db, to.db);
    const queueMs = performance.now() - started;
    return { exportMs, checkMs, importMs, tables, searchIndexMs, queueMs, archiveMb };
  } finally {
    await from.close();
    await to.close();
    rmSync(file, { force: true });
  }
};

/** The queue tables' rows as they are; content_state's one row replaces the one a migration made. */
const copyQueueTables = async (from: Db, to: Db): Promise<void> => {
  await to.transaction().execute(async (trx) => {
    for (const table of QUEUE_TABLES) {
      const columns = await tableColumns(from, 'sqlite', table.name);
      await trx.deleteFrom(table.name as 'purge_request').execute();
      for await (const page of tableRowPages(from, table, columns, QUEUE_BATCH))
        await insertArchiveRows(trx, table.name, page);
    }
    await moveSequencesPastIds(trx, 'postgres', QUEUE_TABLES);
  });
};
