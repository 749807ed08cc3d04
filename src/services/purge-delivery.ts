import { randomBytes } from 'node:crypto';
import { SITE_KEY } from '../domain/surrogate-keys.js';
import type { Db } from '../storage/database.js';
import { claimDuePurges, prunePurges, recordPurgeAttempt } from '../storage/repositories/purge.repository.js';
import type { Purger } from './purgers.js';

/**
 * Delivers the purge queue (issue 18; docs/architecture/0026-purge-on-change.md). Every serving process runs one:
 * with a purger it polls the queue, claims the due rows in one statement (two nodes never send the same row), sends
 * their keys as one purge (twice: see settleMs) (only `site` when one of them is `site`: it covers the rest), and records how it went;
 * a failure is retried with backoff for an hour. Without a purger it only prunes: rows queued a day ago go, sent or
 * not, so a site with no cache in front does not collect them.
 */
export interface PurgeDeliveryOptions {
  db: Db;
  clock: () => Date;
  purger: Purger | null;
  /** How often the queue is looked at: a change reaches the cache within this (plus settleMs and the purge). */
  pollMs: number;
  /**
   * How old a queued change must be before it is sent: every node's own page cache must have dropped the stale page
   * first (they notice a change within DATELINE_CONTENT_POLL_MS), or the proxy would fetch it again from a node
   * that has not and keep it. Each purge is sent once more REPEAT_MS later, for a node that was slow to notice.
   */
  settleMs: number;
  log?: (level: 'info' | 'warn', facts: Record<string, unknown>, message: string) => void;
  onError?: (error: unknown) => void;
}

const CLAIM_MS = 30_000;
const BATCH = 200;
const RETRY_BASE_MS = 1_000;
const MAX_RETRY_MS = 60_000;
const GIVE_UP_AFTER_MS = 3600_000;
const KEEP_MS = 24 * 3600_000;
const REPEAT_MS = 2_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/** When the attempt after `attempts` failed ones is due; null once past the hour a purge is tried for. */
export const nextPurgeAt = (attempts: number, now: number, createdAt: number): number | null => {
  const at = now + Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
  return at > createdAt + GIVE_UP_AFTER_MS ? null : at;
};

/** The keys of several queued rows as one purge: deduplicated, and `site` alone when present. */
export const keysOf = (rows: readonly { keys: string }[]): string[] => {
  const keys = new Set(rows.flatMap((r) => r.keys.split(' ')).filter((k) => k !== ''));
  return keys.has(SITE_KEY) ? [SITE_KEY] : [...keys];
};

export const createPurgeDelivery = (o: PurgeDeliveryOptions) => {
  const claim = randomBytes(8).toString('hex');
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let lastPrune = 0;

  /** One round: prune when due, then send what is due. Resolves to the number of rows sent. */
  const runOnce = async (): Promise<number> => {
    const now = o.clock().getTime();
    if (now - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = now;
      await prunePurges(o.db, now - KEEP_MS);
    }
    if (!o.purger) return 0;
    const rows = await claimDuePurges(o.db, {
      now,
      until: now + CLAIM_MS,
      claim,
      limit: BATCH,
      queuedBefore: now - o.settleMs,
    });
    if (rows.length === 0) return 0;
    const keys = keysOf(rows);
    try {
      await o.purger(keys);
      const sentAt = o.clock().getTime();
      const first = rows.filter((r) => r.sent_at === null).map((r) => r.id);
      const again = rows.filter((r) => r.sent_at !== null).map((r) => r.id);
      await recordPurgeAttempt(o.db, first, claim, { sentAt, nextAttemptAt: sentAt + REPEAT_MS });
      await recordPurgeAttempt(o.db, again, claim, { sentAt, nextAttemptAt: null });
      return rows.length;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      o.log?.('warn', { keys: keys.slice(0, 20), rows: rows.length, reason }, 'purging the cache in front failed');
      // Rows are retried together; each keeps its own give-up time.
      for (const row of rows) {
        await recordPurgeAttempt(o.db, [row.id], claim, {
          error: reason.slice(0, 500),
          nextAttemptAt: nextPurgeAt(row.attempts + 1, now, row.created_at),
        });
      }
      return 0;
    }
  };

  const tick = () => {
    running ??= runOnce()
      .then(
        () => undefined,
        (error: unknown) => o.onError?.(error),
      )
      .finally(() => {
        running = null;
      });
  };

  return {
    runOnce,
    start() {
      timer = setInterval(tick, o.pollMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
};

export type PurgeDelivery = ReturnType<typeof createPurgeDelivery>;
