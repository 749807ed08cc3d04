import { randomBytes } from 'node:crypto';
import type { Db } from '../storage/database.js';

/**
 * A per-installation secret (e.g. the key that signs view tokens), created on first use and shared by every
 * node through the database. Insert-if-absent then read, so nodes starting together agree on one value.
 */
export const loadOrCreateSecret = async (db: Db, name: string): Promise<Buffer> => {
  const key = `secret.${name}`;
  await db
    .insertInto('setting')
    .values({ key, value: JSON.stringify(randomBytes(32).toString('base64')) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return Buffer.from(JSON.parse(row.value) as string, 'base64');
};
