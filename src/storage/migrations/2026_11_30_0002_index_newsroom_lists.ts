import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * The desk and the article list read the newest changes, overall, by status or by writer: without these, every
 * load sorted the whole archive.
 */
export const up = async (db: Kysely<unknown>, _dialect: Dialect): Promise<void> => {
  await db.schema.createIndex('article_modified').on('article').columns(['modified_at', 'id']).execute();
  await db.schema
    .createIndex('article_status_modified')
    .on('article')
    .columns(['status', 'modified_at', 'id'])
    .execute();
  await db.schema
    .createIndex('article_created_by_modified')
    .on('article')
    .columns(['created_by', 'modified_at', 'id'])
    .execute();
};
