import { randomBytes } from 'node:crypto';
import type { Db } from '../storage/database.js';
import {
  claimDueDeliveries,
  hasDueDelivery,
  findWebhookRow,
  recordDeliveryAttempt,
  updateWebhookRow,
  type WebhookDeliveryRow,
} from '../storage/repositories/webhook.repository.js';
import type { Resolve } from './webhook-address.js';
import { sendWebhook } from './webhook-sender.js';

/**
 * Sends the queued webhook deliveries (issue 16; docs/architecture/0022-webhooks.md). Every serving process runs
 * one: it polls the queue, claims due rows in one statement (two nodes never take the same row), sends at most
 * `maxInFlight` at once and writes how each went. Deliveries queued by the CLI, or by a process that died, are sent
 * by whichever server polls next; a claim outlives a send, so a dead process's claims expire and are taken again.
 */
export interface WebhookDeliveryOptions {
  db: Db;
  clock: () => Date;
  /** How often the queue is looked at: the first attempt goes out within this (plus the send) of the change. */
  pollMs: number;
  maxInFlight: number;
  timeoutMs: number;
  /** The first retry waits this long; each next one twice as long, up to maxRetryMs. */
  retryBaseMs: number;
  maxRetryMs: number;
  /** After this long since it was queued, a delivery that never went through is given up. */
  giveUpAfterMs: number;
  /** DATELINE_WEBHOOKS_ALLOW_PRIVATE: send to loopback and private addresses too (a test, an intranet). */
  allowPrivate: boolean;
  resolve?: Resolve;
  log?: (level: 'info' | 'warn', facts: Record<string, unknown>, message: string) => void;
  onError?: (error: unknown) => void;
}

export const DELIVERY_DEFAULTS = {
  pollMs: 250,
  maxInFlight: 8,
  timeoutMs: 10_000,
  retryBaseMs: 10_000,
  maxRetryMs: 2 * 3600_000,
  giveUpAfterMs: 24 * 3600_000,
} as const;

/** When the attempt after `attempts` failed ones is due; null when that would be past the give-up time. */
export const nextAttemptAt = (
  attempts: number,
  now: number,
  createdAt: number,
  o: Pick<WebhookDeliveryOptions, 'retryBaseMs' | 'maxRetryMs' | 'giveUpAfterMs'>,
): number | null => {
  const wait = Math.min(o.retryBaseMs * 2 ** Math.max(0, attempts - 1), o.maxRetryMs);
  const at = now + wait;
  return at > createdAt + o.giveUpAfterMs ? null : at;
};

export const createWebhookDelivery = (o: WebhookDeliveryOptions) => {
  const claim = randomBytes(8).toString('hex');
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | null = null;

  const deliver = async (row: WebhookDeliveryRow): Promise<void> => {
    const hook = await findWebhookRow(o.db, row.webhook_id);
    // Deleted meanwhile: its deliveries went with it (cascade); nothing to send or write.
    if (!hook) return;
    const result = await sendWebhook(hook.target_url, row.body, hook.secret, {
      timeoutMs: o.timeoutMs,
      allowPrivate: o.allowPrivate,
      ...(o.resolve ? { resolve: o.resolve } : {}),
      now: () => o.clock().getTime(),
    });
    const now = o.clock().getTime();
    const attempts = row.attempts + 1;
    const next = result.ok || result.final ? null : nextAttemptAt(attempts, now, Number(row.created_at), o);
    await recordDeliveryAttempt(o.db, row.id, claim, {
      attempts,
      next_attempt_at: next,
      last_status: result.status,
      last_error: result.error,
      last_duration_ms: result.durationMs,
      last_attempt_at: now,
      sent_at: result.ok ? now : null,
    });
    await updateWebhookRow(o.db, hook.id, {
      last_triggered_at: now,
      last_triggered_status: result.status,
      last_triggered_error: result.error,
    });
    const facts = {
      webhook: hook.id,
      delivery: row.id,
      event: row.event,
      status: result.status,
      ms: result.durationMs,
      attempts,
    };
    if (result.ok) o.log?.('info', facts, 'webhook delivered');
    else
      o.log?.(
        'warn',
        { ...facts, error: result.error, retryAt: next === null ? null : new Date(next).toISOString() },
        next === null ? 'webhook delivery given up' : 'webhook delivery failed; will retry',
      );
  };

  /** Claims what is due (up to the free places) and starts sending it; returns the sends started. */
  const claimAndSend = async (): Promise<Promise<void>[]> => {
    const free = o.maxInFlight - inFlight.size;
    if (free <= 0) return [];
    const now = o.clock().getTime();
    // Held past the send's own timeout, so a claim never lapses while its send may still be under way.
    const until = now + o.timeoutMs + 30_000;
    // A read first: most looks find nothing due, and a claim is a write (on SQLite, the database's one writer).
    if (!(await hasDueDelivery(o.db, now))) return [];
    const rows = await claimDueDeliveries(o.db, { now, until, claim, limit: free });
    return rows.map((row) => {
      const sending: Promise<void> = deliver(row)
        .catch((error: unknown) => o.onError?.(error))
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
      return sending;
    });
  };

  const tick = () => {
    // A tick waits for its claim, not for the sends: the next tick fills places that came free.
    polling ??= claimAndSend()
      .then(() => {})
      .catch((error: unknown) => o.onError?.(error))
      .finally(() => {
        polling = null;
      });
  };

  return {
    /** One look at the queue, and the sends it started: for tests and for `start`'s first tick. */
    runOnce: async (): Promise<void> => {
      await Promise.all(await claimAndSend());
    },
    start(): void {
      if (timer) return;
      timer = setInterval(tick, o.pollMs);
      timer.unref();
      tick();
    },
    /** Stops polling and waits for the sends under way (each bounded by the timeout). */
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await polling;
      await Promise.allSettled([...inFlight]);
    },
  };
};

export type WebhookDelivery = ReturnType<typeof createWebhookDelivery>;
