import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../database.js';
import type { WebhookDeliveryTable, WebhookTable } from '../tables/webhook.table.js';

export type WebhookRow = Selectable<WebhookTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;

export const insertWebhookRow = (db: Db, row: Insertable<WebhookTable>) =>
  db.insertInto('webhook').values(row).execute();

export const findWebhookRow = (db: Db, id: string): Promise<WebhookRow | undefined> =>
  db.selectFrom('webhook').selectAll().where('id', '=', id).executeTakeFirst();

/** The webhooks of one key, or of every key, oldest first (the order they were added in). */
export const listWebhookRows = (db: Db, apiKeyId?: string): Promise<WebhookRow[]> => {
  let q = db.selectFrom('webhook').selectAll();
  if (apiKeyId !== undefined) q = q.where('api_key_id', '=', apiKeyId);
  return q.orderBy('created_at').orderBy('id').execute();
};

export const updateWebhookRow = (db: Db, id: string, patch: Updateable<WebhookTable>) =>
  db.updateTable('webhook').set(patch).where('id', '=', id).executeTakeFirst();

/** Deletes the webhook and (cascade) its deliveries; true when there was one. */
export const deleteWebhookRow = async (db: Db, id: string): Promise<boolean> =>
  (await db.deleteFrom('webhook').where('id', '=', id).executeTakeFirst()).numDeletedRows > 0n;

/** The webhooks listening for `event` whose key is not revoked: a revoked integration sends nothing. */
export const webhookRowsForEvent = (db: Db, event: string) =>
  db
    .selectFrom('webhook')
    .innerJoin('api_key', 'api_key.id', 'webhook.api_key_id')
    .select(['webhook.id'])
    .where('webhook.event', '=', event)
    .where('api_key.revoked_at', 'is', null)
    .execute();

export const insertDeliveryRows = async (db: Db, rows: Insertable<WebhookDeliveryTable>[]): Promise<void> => {
  if (rows.length > 0) await db.insertInto('webhook_delivery').values(rows).execute();
};

export const findDeliveryRow = (db: Db, id: number): Promise<WebhookDeliveryRow | undefined> =>
  db.selectFrom('webhook_delivery').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Takes up to `limit` due deliveries for this process until `until`, marked with `claim`, and returns them. One
 * statement: on SQLite writes are serial; on PostgreSQL a row another transaction claimed meanwhile is read again
 * after its commit and fails the repeated conditions, so two nodes never take the same row.
 */
/** Whether any delivery is due and unclaimed at `now`: one indexed read, before a claim is tried. */
export const hasDueDelivery = async (db: Db, now: number): Promise<boolean> =>
  (await db
    .selectFrom('webhook_delivery')
    .select('id')
    .where('next_attempt_at', '<=', now)
    .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', now)]))
    .limit(1)
    .executeTakeFirst()) !== undefined;

export const claimDueDeliveries = (db: Db, opts: { now: number; until: number; claim: string; limit: number }) =>
  db
    .updateTable('webhook_delivery')
    .set({ claimed_until: opts.until, claim: opts.claim })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('webhook_delivery')
        .select('id')
        .where('next_attempt_at', '<=', opts.now)
        .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', opts.now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(opts.limit),
    )
    .where('next_attempt_at', '<=', opts.now)
    .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', opts.now)]))
    .returningAll()
    .execute();

/** Writes how an attempt went and lets the row go, only while this process still holds it. */
export const recordDeliveryAttempt = (
  db: Db,
  id: number,
  claim: string,
  patch: Pick<
    Updateable<WebhookDeliveryTable>,
    'attempts' | 'next_attempt_at' | 'last_status' | 'last_error' | 'last_duration_ms' | 'last_attempt_at' | 'sent_at'
  >,
) =>
  db
    .updateTable('webhook_delivery')
    .set({ ...patch, claimed_until: null, claim: null })
    .where('id', '=', id)
    .where('claim', '=', claim)
    .executeTakeFirst();

/** The newest deliveries of these webhooks, newest first. */
export const recentDeliveryRows = (db: Db, webhookIds: readonly string[], limit: number) =>
  webhookIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('webhook_delivery')
        .select([
          'id',
          'webhook_id',
          'event',
          'attempts',
          'next_attempt_at',
          'last_status',
          'last_error',
          'last_duration_ms',
          'last_attempt_at',
          'sent_at',
          'created_at',
        ])
        .where('webhook_id', 'in', [...webhookIds])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();

/** Which of `events` some webhook (of a key not revoked) listens for: a change nobody listens for costs one read. */
export const listenedEventRows = (db: Db, events: readonly string[]) =>
  events.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('webhook')
        .innerJoin('api_key', 'api_key.id', 'webhook.api_key_id')
        .select('webhook.event')
        .distinct()
        .where('webhook.event', 'in', [...events])
        .where('api_key.revoked_at', 'is', null)
        .execute();
