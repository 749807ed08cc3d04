import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../database.js';
import type { ApiKeyTable } from '../tables/api-key.table.js';

export type ApiKeyRow = Selectable<ApiKeyTable>;

export const insertApiKeyRow = (db: Db, row: Insertable<ApiKeyTable>) => db.insertInto('api_key').values(row).execute();

/** Every key, newest first, without the sealed secrets: a listing never needs them. */
export const listApiKeyRows = (db: Db) =>
  db
    .selectFrom('api_key')
    .select(['id', 'name', 'type', 'created_at', 'created_by', 'last_used_at', 'revoked_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();

export const findApiKeyRowById = (db: Db, id: string): Promise<ApiKeyRow | undefined> =>
  db.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst();

export const findApiKeyRowByContentKey = (db: Db, contentKey: string): Promise<ApiKeyRow | undefined> =>
  db.selectFrom('api_key').selectAll().where('content_key', '=', contentKey).executeTakeFirst();

/** Marks a key revoked once; true when this call revoked it (false: unknown, or revoked already). */
export const revokeApiKeyRow = async (db: Db, id: string, at: number): Promise<boolean> => {
  const result = await db
    .updateTable('api_key')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
};

/** Moves last_used_at forward only: two processes writing out of order never move it back. */
export const touchApiKeyRow = (db: Db, id: string, at: number) =>
  db
    .updateTable('api_key')
    .set({ last_used_at: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
    .execute();
