import type SQLite from 'better-sqlite3';

/**
 * SQLite's own cache of database pages, per connection: 2 MB, SQLite's stock default. better-sqlite3 builds SQLite
 * with 16 MB (SQLITE_DEFAULT_CACHE_SIZE=-16000), which a server reading its archive fills: after the archive walk of
 * a 10,000-article site the content connection held most of that, for pages the kernel's file cache holds anyway
 * (docs/architecture/0030-cold-start-and-memory.md, "Later: a third less resident memory"). With 2 MB the same walk
 * ran as fast.
 */
export const SQLITE_PAGE_CACHE_KIB = 2000;

/** Sets the connection's page cache to SQLITE_PAGE_CACHE_KIB (a negative cache_size counts KiB, not pages). */
export const limitPageCache = (db: SQLite.Database): void => {
  db.pragma(`cache_size = -${SQLITE_PAGE_CACHE_KIB}`);
};
