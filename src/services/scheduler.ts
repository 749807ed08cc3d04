import type { Db } from '../storage/database.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';

/**
 * Publishes scheduled articles whose time has come. Each is flipped by a conditional UPDATE, so with several
 * processes (or nodes) racing, exactly one of them publishes it; the state lives in the database, so a
 * restart in between changes nothing. Returns the ids this call published.
 */
export const publishDueArticles = async (db: Db, now: Date): Promise<number[]> => {
  const due = await db
    .selectFrom('article')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now.getTime())
    .execute();
  const published: number[] = [];
  for (const { id } of due) {
    const flipped = await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('article')
        .set((eb) => ({
          status: 'published',
          first_published_at: eb.fn.coalesce('first_published_at', 'published_at'),
          modified_at: now.getTime(),
        }))
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await bumpContentVersion(trx);
      return true;
    });
    if (flipped) published.push(id);
  }
  return published;
};
