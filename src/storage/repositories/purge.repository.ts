import type { Db } from '../database.js';

/**
 * The purge queue (migration 2026_12_03_0010). Writers queue keys inside their own transaction, so a change and its
 * purge commit together; any serving process with a purger claims due rows and sends them.
 */

/** Queues `keys` (deduplicated, in order) for purging; nothing for none. */
export const queuePurge = async (db: Db, keys: readonly string[], now = Date.now()): Promise<void> => {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return;
  await db
    .insertInto('purge_request')
    .values({ keys: unique.join(' '), created_at: now, next_attempt_at: now })
    .execute();
};

/**
 * Takes up to `limit` due rows for this process until `until`, marked with `claim`, and returns them, oldest
 * first. One statement, as claimDueDeliveries (webhook.repository.ts): two processes never take the same row.
 */
export const claimDuePurges = (
  db: Db,
  opts: { now: number; until: number; claim: string; limit: number; queuedBefore: number },
) =>
  db
    .updateTable('purge_request')
    .set({ claimed_until: opts.until, claim: opts.claim })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('purge_request')
        .select('id')
        .where('next_attempt_at', '<=', opts.now)
        .where('created_at', '<=', opts.queuedBefore)
        .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', opts.now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(opts.limit),
    )
    .where('next_attempt_at', '<=', opts.now)
    .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', opts.now)]))
    .returning(['id', 'keys', 'attempts', 'created_at', 'sent_at'])
    .execute();

/**
 * Records an attempt on rows this process holds and lets them go: sent (and due once more at `nextAttemptAt`, or
 * done with null), or failed and due again at `nextAttemptAt` (null: given up).
 */
export const recordPurgeAttempt = (
  db: Db,
  ids: readonly number[],
  claim: string,
  outcome: { sentAt: number; nextAttemptAt: number | null } | { error: string; nextAttemptAt: number | null },
) =>
  ids.length === 0
    ? Promise.resolve()
    : db
        .updateTable('purge_request')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          claimed_until: null,
          claim: null,
          ...('sentAt' in outcome
            ? { sent_at: outcome.sentAt, next_attempt_at: outcome.nextAttemptAt, last_error: null }
            : { last_error: outcome.error, next_attempt_at: outcome.nextAttemptAt }),
        }))
        .where('id', 'in', [...ids])
        .where('claim', '=', claim)
        .execute();

/** Removes rows queued before `before` (sent, given up, or never sent because no process has a purger). */
export const prunePurges = async (db: Db, before: number): Promise<number> =>
  Number((await db.deleteFrom('purge_request').where('created_at', '<', before).executeTakeFirst()).numDeletedRows);
