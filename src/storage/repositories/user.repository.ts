import type { Db } from '../database.js';

const ACCOUNT_COLUMNS = ['id', 'email', 'name', 'role', 'disabled'] as const;

export const countAccountRows = async (db: Db): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('user_account')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

export const findAccountRowById = (db: Db, id: number) =>
  db.selectFrom('user_account').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();

export const findAccountRowByEmail = (db: Db, email: string) =>
  db.selectFrom('user_account').select(ACCOUNT_COLUMNS).where('email', '=', email).executeTakeFirst();

/** The account with its password hash: only sign-in and password checks read the hash. */
export const findCredentialRowByEmail = (db: Db, email: string) =>
  db.selectFrom('user_account').selectAll().where('email', '=', email).executeTakeFirst();

export const findPasswordHash = async (db: Db, id: number): Promise<string | undefined> =>
  (await db.selectFrom('user_account').select('password_hash').where('id', '=', id).executeTakeFirst())?.password_hash;

export const listAccountRows = (db: Db) =>
  db.selectFrom('user_account').select(ACCOUNT_COLUMNS).orderBy('name').orderBy('id').execute();

/** Inserts an account; undefined when its email is taken, also by an insert that committed a moment earlier. */
export const insertAccountRow = (
  db: Db,
  values: { email: string; name: string; role: string; password_hash: string; created_at: number },
) =>
  db
    .insertInto('user_account')
    .values(values)
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(ACCOUNT_COLUMNS)
    .executeTakeFirst();

/** Returns whether the account exists. */
export const updatePasswordHash = async (db: Db, id: number, passwordHash: string): Promise<boolean> => {
  const result = await db
    .updateTable('user_account')
    .set({ password_hash: passwordHash })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
};

export const updateAccountRole = (db: Db, id: number, role: string) =>
  db.updateTable('user_account').set({ role }).where('id', '=', id).execute();

export const updateAccountDisabled = (db: Db, id: number, disabled: boolean) =>
  db
    .updateTable('user_account')
    .set({ disabled: disabled ? 1 : 0 })
    .where('id', '=', id)
    .execute();

/**
 * Ids of the enabled admins, locked for the rest of the transaction. It is a write that changes nothing, not a
 * read, because only a write takes row locks in PostgreSQL (SELECT … FOR UPDATE is not SQLite) and the write lock
 * at once in SQLite: of two admins demoting each other at the same moment, the second waits for the first to
 * commit and then sees what the first left.
 */
export const lockEnabledAdminIds = async (db: Db): Promise<number[]> =>
  (
    await db
      .updateTable('user_account')
      .set((eb) => ({ disabled: eb.ref('disabled') }))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .returning('id')
      .execute()
  ).map((row) => row.id);

export const insertSessionRow = (
  db: Db,
  values: { token_hash: string; user_id: number; csrf_token: string; created_at: number; expires_at: number },
) => db.insertInto('user_session').values(values).execute();

/** The session with the account it belongs to. */
export const findSessionRow = (db: Db, tokenHash: string) =>
  db
    .selectFrom('user_session')
    .innerJoin('user_account', 'user_account.id', 'user_session.user_id')
    .select([
      'user_account.id',
      'user_account.email',
      'user_account.name',
      'user_account.role',
      'user_account.disabled',
      'user_session.csrf_token',
      'user_session.expires_at',
    ])
    .where('user_session.token_hash', '=', tokenHash)
    .executeTakeFirst();

export const deleteExpiredSessionRows = (db: Db, now: number) =>
  db.deleteFrom('user_session').where('expires_at', '<=', now).execute();

export const deleteSessionRow = (db: Db, tokenHash: string) =>
  db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();

/** Ends every session of the account, but the one whose hash is `keepTokenHash` when given. */
export const deleteSessionRowsOf = (db: Db, userId: number, keepTokenHash?: string) => {
  let query = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keepTokenHash !== undefined) query = query.where('token_hash', '!=', keepTokenHash);
  return query.execute();
};

/**
 * Failures under each key since `since`: how many and the latest. Keys without any are missing from the map.
 * One grouped query over the (key, at) index.
 */
export const tallyFailureRows = async (
  db: Db,
  keys: string[],
  since: number,
): Promise<Map<string, { count: number; lastAt: number }>> => {
  const rows = await db
    .selectFrom('login_failure')
    .select((eb) => ['key', eb.fn.countAll().as('n'), eb.fn.max('at').as('last')])
    .where('key', 'in', keys)
    .where('at', '>', since)
    .groupBy('key')
    .execute();
  return new Map(rows.map((r) => [r.key, { count: Number(r.n), lastAt: Number(r.last) }]));
};

export const insertFailureRows = (db: Db, keys: string[], at: number) =>
  db
    .insertInto('login_failure')
    .values(keys.map((key) => ({ key, at })))
    .execute();

/** Forgets exactly these keys' failures (a pair that signed in). */
export const deleteFailureRowsOfKeys = (db: Db, keys: string[]) =>
  db.deleteFrom('login_failure').where('key', 'in', keys).execute();

export const deleteFailureRowsUntil = (db: Db, until: number) =>
  db.deleteFrom('login_failure').where('at', '<=', until).execute();

/**
 * Keeps at most `maxRows` failures: the newest. Rows sharing the cut-off's millisecond go with it, so the
 * bound holds even when many failures arrive at once. The offset walks the `at` index, not the table.
 */
export const deleteFailureRowsBeyond = async (db: Db, maxRows: number): Promise<void> => {
  const cutoff = await db
    .selectFrom('login_failure')
    .select('at')
    .orderBy('at', 'desc')
    .limit(1)
    .offset(maxRows)
    .executeTakeFirst();
  if (cutoff) await db.deleteFrom('login_failure').where('at', '<=', cutoff.at).execute();
};

/**
 * Holds the account's row for the rest of the transaction (a write that changes nothing, as lockEnabledAdminIds
 * explains), so that sign-in attempts on one account are counted one after another, not all at once.
 */
export const lockAccountRowByEmail = (db: Db, email: string) =>
  db
    .updateTable('user_account')
    .set((eb) => ({ disabled: eb.ref('disabled') }))
    .where('email', '=', email)
    .execute();
