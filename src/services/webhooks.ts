import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { WEBHOOK_EVENTS, type WebhookDeliveryListing, type WebhookEvent } from '../domain/webhook.js';
import type { Db } from '../storage/database.js';
import { findApiKeyRowById } from '../storage/repositories/api-key.repository.js';
import {
  deleteWebhookRow,
  findDeliveryRow,
  findWebhookRow,
  insertDeliveryRows,
  insertWebhookRow,
  listWebhookRows,
  recentDeliveryRows,
  updateWebhookRow,
  webhookRowsForEvent,
  type WebhookRow,
} from '../storage/repositories/webhook.repository.js';
import { fieldErrorsOf, InvalidInput, NotFound } from './errors.js';

export interface WebhookDeps {
  db: Db;
  clock: () => Date;
}

/** A webhook as the newsroom and the Admin API show it (Ghost shows the secret to those who manage integrations). */
export interface Webhook {
  id: string;
  apiKeyId: string;
  event: WebhookEvent;
  targetUrl: string;
  name: string | null;
  secret: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastTriggeredAt: Date | null;
  lastTriggeredStatus: number | null;
  lastTriggeredError: string | null;
}

const TargetUrl = z
  .string({ error: 'Give the address to send to.' })
  .trim()
  .min(1, 'Give the address to send to.')
  .max(2000, 'Keep the address under 2,000 characters.')
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.username;
    } catch {
      return false;
    }
  }, 'The address is a full http:// or https:// URL, without a user name or password.');

const Fields = {
  event: z.enum(WEBHOOK_EVENTS, { error: `The event is one of ${WEBHOOK_EVENTS.join(', ')}.` }),
  target_url: TargetUrl,
  name: z.string().trim().max(191, 'Keep the name under 191 characters.').nullish(),
  secret: z.string().trim().max(191, 'Keep the secret under 191 characters.').nullish(),
};
export const WebhookInput = z.object({
  ...Fields,
  api_key_id: z.string({ error: 'Name the integration (API key).' }).regex(/^[0-9a-f]{24}$/, 'No such API key.'),
});
export const WebhookEdit = z.object(Fields).partial();

const parse = <T>(schema: z.ZodType<T>, input: unknown): T => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidInput(fieldErrorsOf(parsed.error));
  return parsed.data;
};

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(Number(ms)));
const emptyToNull = (v: string | null | undefined): string | null => (v ? v : null);

const webhookOf = (row: WebhookRow): Webhook => ({
  id: row.id,
  apiKeyId: row.api_key_id,
  event: row.event as WebhookEvent,
  targetUrl: row.target_url,
  name: row.name,
  secret: row.secret,
  createdAt: new Date(Number(row.created_at)),
  updatedAt: new Date(Number(row.updated_at)),
  lastTriggeredAt: dateOrNull(row.last_triggered_at),
  lastTriggeredStatus: row.last_triggered_status,
  lastTriggeredError: row.last_triggered_error,
});

/** A fresh secret for a webhook made without one in the newsroom: 32 hex digits, shown beside the webhook. */
export const newWebhookSecret = (): string => randomBytes(16).toString('hex');

/** Adds a webhook to a live (not revoked) API key. InvalidInput names the field at fault. */
export const addWebhook = async (deps: WebhookDeps, input: unknown): Promise<Webhook> => {
  const data = parse(WebhookInput, input);
  const key = await findApiKeyRowById(deps.db, data.api_key_id);
  if (!key || key.revoked_at !== null) throw new InvalidInput({ api_key_id: 'No such API key.' });
  const now = deps.clock().getTime();
  const row: WebhookRow = {
    id: randomBytes(12).toString('hex'),
    api_key_id: key.id,
    event: data.event,
    target_url: data.target_url,
    name: emptyToNull(data.name),
    secret: emptyToNull(data.secret),
    created_at: now,
    updated_at: now,
    last_triggered_at: null,
    last_triggered_status: null,
    last_triggered_error: null,
  };
  await insertWebhookRow(deps.db, row);
  return webhookOf(row);
};

const existing = async (db: Db, id: string): Promise<WebhookRow> => {
  const row = await findWebhookRow(db, id);
  if (!row) throw new NotFound('webhook', `There is no webhook with the id ${id}.`);
  return row;
};

/** Changes what is given of a webhook's event, address, name and secret. */
export const editWebhook = async (deps: WebhookDeps, id: string, input: unknown): Promise<Webhook> => {
  const data = parse(WebhookEdit, input);
  const row = await existing(deps.db, id);
  const patch = {
    ...(data.event !== undefined ? { event: data.event } : {}),
    ...(data.target_url !== undefined ? { target_url: data.target_url } : {}),
    ...(data.name !== undefined ? { name: emptyToNull(data.name) } : {}),
    ...(data.secret !== undefined ? { secret: emptyToNull(data.secret) } : {}),
    updated_at: deps.clock().getTime(),
  };
  await updateWebhookRow(deps.db, id, patch);
  return webhookOf({ ...row, ...patch });
};

/** Deletes a webhook with its queued and logged deliveries. */
export const deleteWebhook = async (deps: Pick<WebhookDeps, 'db'>, id: string): Promise<void> => {
  if (!(await deleteWebhookRow(deps.db, id))) throw new NotFound('webhook', `There is no webhook with the id ${id}.`);
};

export const findWebhook = async (deps: Pick<WebhookDeps, 'db'>, id: string): Promise<Webhook> =>
  webhookOf(await existing(deps.db, id));

/** The webhooks of one API key, or of all of them. */
export const listWebhooks = async (deps: Pick<WebhookDeps, 'db'>, apiKeyId?: string): Promise<Webhook[]> =>
  (await listWebhookRows(deps.db, apiKeyId)).map(webhookOf);

/**
 * Queues `event` for every webhook listening for it (of a key not revoked): one row each, due at once. The body is
 * made here, once, and sent as it is: a retry or "send again" sends the same bytes. Returns how many were queued.
 */
export const enqueueWebhookEvent = async (
  db: Db,
  event: WebhookEvent,
  body: Record<string, unknown>,
  at: Date = new Date(),
): Promise<number> => {
  const hooks = await webhookRowsForEvent(db, event);
  const json = JSON.stringify(body);
  const now = at.getTime();
  await insertDeliveryRows(
    db,
    hooks.map((h) => ({ webhook_id: h.id, event, body: json, next_attempt_at: now, created_at: now })),
  );
  return hooks.length;
};

/** Queues the same body again to the same webhook, as a new delivery due at once (the old one stays in the log). */
export const resendDelivery = async (deps: WebhookDeps, deliveryId: number): Promise<void> => {
  const row = await findDeliveryRow(deps.db, deliveryId);
  if (!row) throw new NotFound('webhook delivery', `There is no webhook delivery ${deliveryId}.`);
  const now = deps.clock().getTime();
  await insertDeliveryRows(deps.db, [
    { webhook_id: row.webhook_id, event: row.event, body: row.body, next_attempt_at: now, created_at: now },
  ]);
};

/** The newest deliveries of these webhooks, newest first, at most `limit` in all. */
export const recentDeliveries = async (
  deps: Pick<WebhookDeps, 'db'>,
  webhookIds: readonly string[],
  limit = 50,
): Promise<WebhookDeliveryListing[]> =>
  (await recentDeliveryRows(deps.db, webhookIds, limit)).map((r) => ({
    id: r.id,
    webhookId: r.webhook_id,
    event: r.event,
    attempts: r.attempts,
    state: r.sent_at !== null ? 'sent' : r.next_attempt_at !== null ? 'waiting' : 'failed',
    lastStatus: r.last_status,
    lastError: r.last_error,
    lastDurationMs: r.last_duration_ms,
    lastAttemptAt: dateOrNull(r.last_attempt_at),
    createdAt: new Date(Number(r.created_at)),
  }));
