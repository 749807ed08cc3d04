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
};
