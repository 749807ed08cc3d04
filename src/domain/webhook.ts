/**
 * What a webhook is in words every layer shares: the events it may listen for, and a delivery as the newsroom lists
 * it (services/webhooks.ts reads them; views/newsroom/IntegrationWebhooks.tsx shows them).
 */

/** The events a webhook may listen for (issue 16), as Ghost names them. */
export const WEBHOOK_EVENTS = [
  'post.published',
  'post.published.edited',
  'post.unpublished',
  'post.scheduled',
  'post.deleted',
  'page.published',
  'page.published.edited',
  'page.unpublished',
  'tag.added',
  'site.changed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** One queued or finished delivery, as the newsroom lists it. */
export interface WebhookDeliveryListing {
  id: number;
  webhookId: string;
  event: string;
  attempts: number;
  state: 'sent' | 'waiting' | 'failed';
  lastStatus: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  lastAttemptAt: Date | null;
  createdAt: Date;
}
