import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely's SQLite dialect, except that a transaction takes the write lock when it begins (BEGIN IMMEDIATE).
 *
 * Kysely begins DEFERRED: the transaction reads under a snapshot and asks for the write lock only at its first
 * write. If another process (a second worker, `dateline import-page`) holds the lock then, SQLite cannot wait
 * for it, since the snapshot would be stale once the other commits; it fails at once with "database is
 * locked" and the busy timeout never applies. With DATELINE_WORKERS=2, 19 of 717 newsroom saves failed so, and
 * import-page beside a busy newsroom failed 4 times in 5; test/integration/sqlite-writers.test.ts (two
 * processes, 300 read-then-write transactions each) saw 411 to 494 of 600 fail, and 3 of 10 import-page runs
 * beside a loop of saves failed. Taking the lock at BEGIN, where nothing has been read yet, lets the busy
 * timeout queue the writers instead: 0 of 600 fail, 0 of 10 imports (beside 5,940 saves in 20 s).
 *
 * A transaction asked for as read only keeps the deferred begin: it never needs the lock and must not hold
 * writers up.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  // Kysely passes the transaction's settings to every driver; SqliteDriver's own signature leaves them out.
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    const begin = settings?.accessMode === 'read only' ? 'begin deferred' : 'begin immediate';
    await connection.executeQuery(CompiledQuery.raw(begin));
  }

  /**
   * After SQLITE_FULL, SQLITE_IOERR or SQLITE_NOMEM, SQLite may already have rolled the transaction back by
   * itself. Kysely then asks for a rollback anyway, and the "no transaction is active" that SQLite answers would
   * replace the error that matters: a full disk showed up as "cannot rollback - no transaction is active". So
   * that answer is taken for what it says (nothing left to undo) and the original error goes on to the caller.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (error) {
      if (!isNothingToRollBack(error)) throw error;
    }
  }
}

const isNothingToRollBack = (error: unknown): boolean =>
  error instanceof Error && /no transaction is active/.test(error.message);
