import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * A save made through the Admin API (issue 16; docs/architecture/0021-admin-api.md) is made by an integration, not a
 * newsroom account: its revision names the API key that signed the request, so Activity can say which integration
 * changed an article. Text, as the key's id is; no foreign key, so revoking (or one day removing) a key keeps the
 * history of what it did.
 */
export const up = async (db: Kysely<unknown>, _dialect: Dialect): Promise<void> => {
  await db.schema.alterTable('article_revision').addColumn('saved_by_key', 'text').execute();
  await db.schema.alterTable('page_revision').addColumn('saved_by_key', 'text').execute();
};
