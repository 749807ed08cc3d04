import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { limitPageCache } from './sqlite-page-cache.js';

/**
 * View counts live in their own SQLite file beside the content database: they are written every second,
 * may use synchronous=NORMAL (a power cut may lose the last second, never corrupt), and never contend with
 * the newsroom's writes. Plain better-sqlite3 statements: the hot path is a single prepared insert.
 */
export const openViewsDatabase = (dataDir: string): SQLite.Database => {
  mkdirSync(dataDir, { recursive: true });
  const db = new SQLite(join(dataDir, 'views.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  limitPageCache(db);
  db.exec(`
    create table if not exists view_log (
      id integer primary key autoincrement,
      first_second integer not null,
      counts blob not null
    );
    create index if not exists view_log_first_second on view_log (first_second);
    create table if not exists view_hour (
      hour integer not null,
      article_id integer not null,
      views integer not null,
      primary key (hour, article_id)
    ) without rowid;
    create table if not exists view_hour_folded (
      id integer primary key check (id = 1),
      last_log_id integer not null
    );
  `);
  // Hourly totals are folded from the log up to this watermark (sqlite-view-store.ts). A new file starts at 0: the
  // whole log is folded. A file from before the watermark already holds hourly totals for its log, added from
  // memory, so it starts at the log's end instead of counting those views twice.
  db.exec('insert or ignore into view_hour_folded (id, last_log_id) select 1, coalesce(max(id), 0) from view_log');
  return db;
};
