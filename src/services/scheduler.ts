import { LISTS_KEY } from '../domain/surrogate-keys.js';
import type { Db } from '../storage/database.js';
import { publishedBySchedule } from '../domain/revision-snapshot.js';
import { insertRevisionRow } from '../storage/repositories/revision.repository.js';
import { dueScheduledIds, latestSnapshotRow, publishIfScheduled } from '../storage/repositories/schedule.repository.js';
import { forgetRendersOfTranslationGroups } from '../storage/repositories/article-render.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { indexArticle } from '../storage/search/search-indexing.js';

/**
 * Publishes scheduled articles whose time has come, each with a revision of its own saying the schedule did it. Each is flipped by a conditional UPDATE, so with several
 * processes (or nodes) racing, exactly one of them publishes it; the state lives in the database, so a
 * restart in between changes nothing. Returns the ids this call published.
 */
export const publishDueArticles = async (db: Db, now: Date): Promise<number[]> => {
  const published: number[] = [];
  for (const id of await dueScheduledIds(db, now.getTime())) {
    const flipped = await db.transaction().execute(async (trx) => {
      const before = await latestSnapshotRow(trx, id);
      const revision = await publishIfScheduled(trx, id, now.getTime());
      if (revision === null) return false;
      // The going live is in the record, in the same transaction: a revision marked as the schedule's.
      const snapshot = before ? publishedBySchedule(before.snapshot) : null;
      if (snapshot !== null) {
        await insertRevisionRow(
          trx,
          id,
          { revision, saved_by: null, saved_at: now.getTime(), snapshot, status: 'published', by_schedule: 1 },
          false,
        );
      }
      await bumpContentVersion(trx, [LISTS_KEY]);
      // Live now: its group's pages link to it from now on.
      await forgetRendersOfTranslationGroups(trx, [id]);
      await indexArticle(trx, id);
      return true;
    });
    if (flipped) published.push(id);
  }
  return published;
};
