import type { Db } from '../storage/database.js';
import { listenedEventRows } from '../storage/repositories/webhook.repository.js';
import type { SiteContext } from './site-context.js';
import { ghostStatus, webhookPageOf, webhookPostOf } from './webhook-payloads.js';
import { enqueueWebhookEvent, type WebhookEvent } from './webhooks.js';

/**
 * Which webhook events a change of status is (issue 16): going live, an edit while live, leaving the site, being
 * scheduled; and `site.changed` for anything that changes what readers see. Pure, so it is tested on its own.
 */
export const webhookEventsOf = (
  kind: 'post' | 'page',
  before: string | null,
  after: string | null,
): WebhookEvent[] => {
  const events: WebhookEvent[] = [];
  if (after === 'published') events.push(before === 'published' ? `${kind}.published.edited` : `${kind}.published`);
  else if (before === 'published') events.push(`${kind}.unpublished`);
  if (kind === 'post' && after === 'scheduled' && before !== 'scheduled') events.push('post.scheduled');
  if (before === 'published' || after === 'published') events.push('site.changed');
  return events;
};

/** Ghost's `previous`: only what we know changed, the status when it did (we keep no copy of the text before). */
const previousOf = (before: string | null, after: string | null): Record<string, unknown> =>
  ghostStatus(before) === ghostStatus(after) ? {} : { status: ghostStatus(before) };

const queue = async (
  db: Db,
  kind: 'post' | 'page',
  change: { before: string | null; after: string | null; at: Date },
  current: () => Promise<Record<string, unknown> | null>,
): Promise<void> => {
  const wanted = webhookEventsOf(kind, change.before, change.after);
  const listened = new Set((await listenedEventRows(db, wanted)).map((r) => r.event));
  if (listened.size === 0) return;
  const object = wanted.some((e) => e !== 'site.changed' && listened.has(e)) ? await current() : null;
  for (const event of wanted) {
    if (!listened.has(event)) continue;
    // Ghost's site.changed carries no object.
    if (event === 'site.changed') await enqueueWebhookEvent(db, event, {}, change.at);
    else if (object)
      await enqueueWebhookEvent(
        db,
        event,
        { [kind]: { current: object, previous: previousOf(change.before, change.after) } },
        change.at,
      );
  }
};

/** Queues the webhooks a committed change of an article's status (from `before` to its stored one) calls for. */
export const queueArticleWebhooks = async (
  db: Db,
  site: SiteContext,
  change: { id: number; before: string | null; after: string | null; at: Date },
): Promise<void> => queue(db, 'post', change, () => webhookPostOf(db, site, change.id, change.at.getTime()));

/** Queues the webhooks a committed change of a publication page calls for. */
export const queuePageWebhooks = async (
  db: Db,
  site: SiteContext,
  change: { id: number; before: string | null; after: string; at: Date },
): Promise<void> => queue(db, 'page', change, () => webhookPageOf(db, site, change.id));
