import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * A scheduled article going live is a change of the record like any save (issue 18): the scheduler writes a
 * revision for it, marked as the schedule's own so Activity says "published by the schedule" and no one looks for
 * the person who did it.
 */
export const up = async (db: Kysely<unknown>, _dialect: Dialect): Promise<void> => {
  await db.schema
    .alterTable('article_revision')
    .addColumn('by_schedule', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The revision list reads its index alone (2026_11_30_0003): the index takes the new column too.
  await db.schema.dropIndex('article_revision_list').execute();
  await db.schema
    .createIndex('article_revision_list')
    .on('article_revision')
    .columns(['article_id', 'revision', 'saved_by', 'saved_at', 'autosave', 'size', 'status', 'by_schedule'])
    .execute();
};
