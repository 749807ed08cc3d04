import { SITE_KEY } from '../../domain/surrogate-keys.js';
import type { Db } from '../database.js';
import { queuePurge } from './purge.repository.js';

export const readSettingRows = (db: Db) => db.selectFrom('setting').selectAll().execute();

export const writeSettingRow = async (db: Db, key: string, value: unknown): Promise<void> => {
  const json = JSON.stringify(value);
  await db
    .insertInto('setting')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
};

/** Stores the value unless the key already has one; returns nothing either way. */
export const insertSettingRowIfAbsent = async (db: Db, key: string, value: unknown): Promise<void> => {
  await db
    .insertInto('setting')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
};

/**
 * Stores a setting only if it is absent and says whether this call stored it. Two transactions racing for the
 * same key cannot both win: the database's unique key decides.
 */
export const claimSettingRow = async (db: Db, key: string, value: unknown): Promise<boolean> => {
  const result = await db
    .insertInto('setting')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
};

/** The stored JSON text of one setting, or undefined. */
export const readSettingValue = async (db: Db, key: string): Promise<string | undefined> =>
  (await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst())?.value;

export const readContentVersion = async (db: Db): Promise<number> =>
  Number((await db.selectFrom('content_state').select('version').where('id', '=', 1).executeTakeFirst())?.version ?? 0);

/**
 * Call inside every transaction that changes what readers see. It also queues the purge of the cache in front:
 * `purge` names the surrogate keys the change made stale (domain/surrogate-keys.ts); by default every page, which is
 * never wrong, only coarse. A writer that knows better passes its keys (articles' own are queued where their kept
 * pages are forgotten, article-render.repository.ts).
 */
export const bumpContentVersion = async (db: Db, purge: readonly string[] = [SITE_KEY]): Promise<void> => {
  await db
    .updateTable('content_state')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute();
  await queuePurge(db, purge);
};
