import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';

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
  `);
  return db;
};
