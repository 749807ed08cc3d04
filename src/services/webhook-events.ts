import type { WebhookEvent } from '../domain/webhook.js';
import type { Db } from '../storage/database.js';
import { listenedEventRows } from '../storage/repositories/webhook.repository.js';
import type { GhostObject } from './content-api-objects.js';
import type { SiteContext } from './site-context.js';
import { ghostStatus, webhookPageOf, webhookPostOf, type BodyHtml } from './webhook-payloads.js';
import { changedFields, previousPageOf, previousPostOf } from './webhook-previous.js';
import { enqueueWebhookEvent } from './webhooks.js';

/**
 * Which webhook events a change of status is (issue 16): going live, an edit while live, leaving the site, being
 * scheduled; and `site.changed` for anything that changes what readers see. Pure, so it is tested on its own.
 */
export const webhookEventsOf = (kind: 'post' | 'page', before: string | null, after: string | null): WebhookEvent[] => {
  const events: WebhookEvent[] = [];
  if (after === 'published') events.push(before === 'published' ? `${kind}.published.edited` : `${kind}.published`);
  else if (before === 'published') events.push(`${kind}.unpublished`);
  if (kind === 'post' && after === 'scheduled' && before !== 'scheduled') events.push('post.scheduled');
  if (before === 'published' || after === 'published') events.push('site.changed');
  return events;
};

/**
 * Ghost's `previous`: the changed fields' values before the save, read from the revision kept before it
 * (webhook-previous.ts); without one (a first save), only the status, when it changed.
 */
export const previousOf = (
  change: { before: string | null; after: string | null },
  current: GhostObject,
  earlier: GhostObject | null,
): GhostObject => {
  const previous = earlier ? changedFields(earlier, current) : {};
  if (ghostStatus(change.before) !== ghostStatus(change.after)) previous.status = ghostStatus(change.before);
  return previous;
};

interface Drawn {
  current: () => Promise<GhostObject | null>;
  earlier: () => Promise<GhostObject | null>;
}

const queue = async (
  db: Db,
  kind: 'post' | 'page',
  change: { before: string | null; after: string | null; at: Date },
  drawn: Drawn,
): Promise<void> => {
  const wanted = webhookEventsOf(kind, change.before, change.after);
  const listened = new Set((await listenedEventRows(db, wanted)).map((r) => r.event));
  if (listened.size === 0) return;
  const object = wanted.some((e) => e !== 'site.changed' && listened.has(e)) ? await drawn.current() : null;
  const previous = object ? previousOf(change, object, await drawn.earlier()) : {};
  for (const event of wanted) {
    if (!listened.has(event)) continue;
    // Ghost's site.changed carries no object.
    if (event === 'site.changed') await enqueueWebhookEvent(db, event, {}, change.at);
    else if (object) await enqueueWebhookEvent(db, event, { [kind]: { current: object, previous } }, change.at);
  }
};

/** Queues the webhooks a committed change of an article's status (from `before` to its stored one) calls for. */
export const queueArticleWebhooks = async (
  db: Db,
  site: SiteContext,
  change: { id: number; before: string | null; after: string | null; at: Date },
  html?: BodyHtml,
): Promise<void> => {
  const now = change.at.getTime();
  return queue(db, 'post', change, {
    current: () => webhookPostOf(db, site, change.id, now, html),
    earlier: () => previousPostOf(db, site, change.id, now, html),
  });
};

/**
 * Queues `post.deleted` for an article the Admin API deleted (it is unpublished, as 0021 records, and gone to
 * integrations): as Ghost sends it, `current` is empty and `previous` the post as it was before.
 */
export const queueDeletedArticleWebhooks = async (
  db: Db,
  site: SiteContext,
  change: { id: number; before: string | null; at: Date },
  html?: BodyHtml,
): Promise<void> => {
  if ((await listenedEventRows(db, ['post.deleted'])).length === 0) return;
  const now = change.at.getTime();
  const earlier = await previousPostOf(db, site, change.id, now, html);
  // No readable revision before the deletion: today's post, with the status it had.
  const was = earlier ?? (await webhookPostOf(db, site, change.id, now, html));
  if (!was) return;
  const previous = earlier ? was : { ...was, status: ghostStatus(change.before) };
  await enqueueWebhookEvent(db, 'post.deleted', { post: { current: {}, previous } }, change.at);
};

/**
 * Queues the webhooks a committed change of a publication page calls for. `gone`: the page as it was before the
 * Admin API removed it (its row is no more), sent as `current` with the status it now has to readers, a draft.
 */
export const queuePageWebhooks = async (
  db: Db,
  site: SiteContext,
  change: { id: number; before: string | null; after: string; at: Date; gone?: GhostObject | null },
  html?: BodyHtml,
): Promise<void> => {
  const { gone } = change;
  return queue(
    db,
    'page',
    change,
    gone
      ? { current: async () => ({ ...gone, status: ghostStatus(change.after) }), earlier: async () => gone }
      : {
          current: () => webhookPageOf(db, site, change.id, html),
          earlier: () => previousPageOf(db, site, change.id, html),
        },
  );
};
