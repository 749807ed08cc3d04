import type { Db } from '../database.js';

/** Ids of the scheduled articles whose publish time is `now` or earlier. */
export const dueScheduledIds = async (db: Db, now: number): Promise<number[]> =>
  (
    await db
      .selectFrom('article')
      .select('id')
      .where('status', '=', 'scheduled')
      .where('published_at', '<=', now)
      .execute()
  ).map((row) => row.id);

/**
 * Publishes the article if it is still scheduled; returns whether this call did it. The condition in the UPDATE
 * is the lock: of several processes racing on one article, exactly one changes a row.
 */
export const publishIfScheduled = async (db: Db, id: number, now: number): Promise<boolean> => {
  const result = await db
    .updateTable('article')
    .set((eb) => ({
      status: 'published',
      first_published_at: eb.fn.coalesce('first_published_at', 'published_at'),
      modified_at: now,
    }))
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};
