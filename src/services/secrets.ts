import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../storage/database.js';
import { insertSettingRowIfAbsent, readSettingValue } from '../storage/repositories/site.repository.js';

const StoredSecret = z.base64().min(1);

/**
 * A per-installation secret (e.g. the key that signs view tokens), created on first use and shared by every
 * node through the database. Insert-if-absent then read, so nodes starting together agree on one value.
 */
export const loadOrCreateSecret = async (db: Db, name: string): Promise<Buffer> => {
  const key = `secret.${name}`;
  await insertSettingRowIfAbsent(db, key, randomBytes(32).toString('base64'));
  const stored = await readSettingValue(db, key);
  if (stored === undefined) throw new Error(`the secret ${name} was not stored`);
  const parsed = StoredSecret.safeParse(JSON.parse(stored));
  if (!parsed.success) throw new Error(`the stored secret ${name} is not base64 text: ${parsed.error.message}`);
  return Buffer.from(parsed.data, 'base64');
};
