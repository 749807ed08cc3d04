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
 * Publishes the article if it is still scheduled, counting the change as a revision of the article; returns that
 * revision's number, or null when the article was not scheduled any more. The condition in the UPDATE is the lock:
 * of several processes racing on one article, exactly one changes a row. An editor's save begun from the scheduled
 * revision then meets a conflict (save-article.ts) instead of quietly scheduling the live article again.
 */
export const publishIfScheduled = async (db: Db, id: number, now: number): Promise<number | null> => {
  const row = await db
    .updateTable('article')
    .set((eb) => ({
      status: 'published',
      first_published_at: eb.fn.coalesce('first_published_at', 'published_at'),
      modified_at: now,
      revision: eb('revision', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .returning('revision')
    .executeTakeFirst();
  return row?.revision ?? null;
};

/** The newest revision's snapshot of an article: what the schedule's own revision copies. */
export const latestSnapshotRow = (db: Db, id: number) =>
  db
    .selectFrom('article_revision')
    .select('snapshot')
    .where('article_id', '=', id)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
