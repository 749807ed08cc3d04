import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { StorageHandle } from './database.js';

/**
 * The lock every process takes while it brings storage up to date (migrations, the demo's first load), so that any
 * number of nodes, workers and CLI commands may start at once on one database: the first does the work, the others
 * wait for it and then find nothing left to do.
 *
 * - PostgreSQL: a session advisory lock, held on one pinned connection of the pool while the work runs on the others.
 *   Its key names the schema, so two sites (or two test schemas) in one database do not wait on each other. A
 *   process that dies while holding it loses its session, and the lock with it.
 * - SQLite: SQLite's own locking, on a small lock database beside the content (`content.db.startup-lock`): an
 *   exclusive transaction on it is the lock. The content database itself stays free, because the work needs it.
 */

/** The first half of the PostgreSQL advisory lock's two-part key: ours, the second half names the schema. */
const ADVISORY_CLASS = 0x0da7e11e;

/** How long a process waits for another one's preparation before it gives up with a message. */
const DEFAULT_WAIT_MS = 10 * 60_000;
/** How often a waiting SQLite process tries the lock again. */
const SQLITE_RETRY_MS = 50;

export class StartupLockTimeout extends Error {}

export interface StartupLockOptions {
  /** Called once if the lock is held by another process, before waiting for it. */
  onWait?: () => void;
  waitMs?: number;
}

export const withStartupLock = async <T>(
  storage: StorageHandle,
  work: () => Promise<T>,
  options: StartupLockOptions = {},
): Promise<T> =>
  storage.dialect === 'postgres'
    ? withAdvisoryLock(storage, work, options)
    : withSqliteLock(`${storage.file ?? ':memory:'}.startup-lock`, work, options);

const withAdvisoryLock = <T>(storage: StorageHandle, work: () => Promise<T>, options: StartupLockOptions) =>
  storage.db.connection().execute(async (conn) => {
    const key = sql`${ADVISORY_CLASS}::int, hashtext(current_schema())`;
    const tried = await sql<{ got: boolean }>`select pg_try_advisory_lock(${key}) as got`.execute(conn);
    if (!tried.rows[0]?.got) {
      options.onWait?.();
      // A bound on the wait, so a node stuck behind a hung one says so instead of hanging for ever; the statement
      // timeout (DATABASE_STATEMENT_TIMEOUT_MS) is for queries, not for this wait.
      await sql`select set_config('lock_timeout', ${String(options.waitMs ?? DEFAULT_WAIT_MS)}, false)`.execute(conn);
      await sql`select set_config('statement_timeout', '0', false)`.execute(conn);
      try {
        await sql`select pg_advisory_lock(${key})`.execute(conn);
      } catch (error) {
        if ((error as { code?: string }).code === '55P03') throw timeoutError(options);
        throw error;
      } finally {
        await sql`reset lock_timeout`.execute(conn);
        await sql`reset statement_timeout`.execute(conn);
      }
    }
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });

const withSqliteLock = async <T>(file: string, work: () => Promise<T>, options: StartupLockOptions): Promise<T> => {
  if (file.startsWith(':memory:')) return work();
  const lock = new SQLite(file);
  try {
    // No waiting inside SQLite: a busy timeout would block the event loop; the loop below waits between tries.
    lock.pragma('busy_timeout = 0');
    const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
    let told = false;
    for (;;) {
      try {
        lock.exec('begin exclusive');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        if (Date.now() > deadline) throw timeoutError(options);
        if (!told) options.onWait?.();
        told = true;
        await new Promise((r) => setTimeout(r, SQLITE_RETRY_MS));
      }
    }
    try {
      return await work();
    } finally {
      lock.exec('rollback');
    }
  } finally {
    lock.close();
  }
};

const timeoutError = (options: StartupLockOptions) =>
  new StartupLockTimeout(
    `another process has been preparing the database for over ${Math.round((options.waitMs ?? DEFAULT_WAIT_MS) / 1000)} s; ` +
      'if none is running, it may be stuck: stop it and start again',
  );
