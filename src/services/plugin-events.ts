import { articlePath } from '../domain/article-path.js';
import { parseStoredCustomFields } from '../domain/custom-fields.js';
import { publicationPagePath } from '../domain/publication-page.js';
import type { HookName, PluginArticle } from '../plugins/contract.js';
import { toPluginArticle } from '../plugins/plugin-article.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { Db } from '../storage/database.js';
import { findArticleRow, tagRowsForArticle } from '../storage/repositories/article.repository.js';
import { bylineRowsForArticle } from '../storage/repositories/author.repository.js';
import { authorFromRow } from './author-from-row.js';
import { mainPhotoFromRow } from './main-photo-from-row.js';
import { contextOfEdition, type SiteContext } from './site-context.js';
import type { GhostObject } from './content-api-objects.js';
import { queueArticleWebhooks, queueDeletedArticleWebhooks, queuePageWebhooks } from './webhook-events.js';
import type { BodyHtml } from './webhook-payloads.js';

/**
 * Plugins' hooks (issue 14): called after a change commits, in the process that made it, by the code that made it
 * (the newsroom's routes, the scheduler, the CLI). A failing hook is logged by the registry with its plugin's name;
 * a failure to read what the event carries is told to `onError`. Neither ever fails the change, which is stored.
 */
export interface PluginEvents {
  plugins: PluginRegistry;
  source: 'server' | 'cli';
  onError?: (error: unknown) => void;
  /** Draws webhook bodies' `html` as the Content API does (server/api/body-html.ts); without it, html is null. */
  html?: BodyHtml;
}

/** Reports what stopped an event from being built (a failing database read), on the request's log. */
export const hookFailed =
  (req: { log: { error(obj: object, msg: string): void } }) =>
  (err: unknown): void =>
    req.log.error({ err }, "plugins' hooks were not told of a change");

/**
 * Which event a change of an article's or a publication page's status is: going live, a change while live, or
 * leaving the site (none for a change that is not live before or after).
 */
const hookOf = (kind: 'article' | 'page', before: string | null, after: string | null): HookName | null => {
  if (after === 'published') return before === 'published' ? `${kind}.updated` : `${kind}.published`;
  return before === 'published' ? `${kind}.unpublished` : null;
};

const listens = (plugins: PluginRegistry, name: HookName): boolean =>
  plugins.plugins.some((p) => typeof p.hooks?.[name] === 'function');

/** The article as hooks get it (toPluginArticle), with its absolute canonical URL; null when it is gone. */
const pluginArticleOf = async (
  db: Db,
  site: SiteContext,
  row: NonNullable<Awaited<ReturnType<typeof findArticleRow>>>,
): Promise<PluginArticle | null> => {
  const ctx = contextOfEdition(site, row.edition_id);
  const section = ctx.sections.byId.get(row.section_id);
  if (!section) return null;
  const [bylines, tags] = await Promise.all([bylineRowsForArticle(db, row.id), tagRowsForArticle(db, row.id)]);
  const firstPublished = row.first_published_at ?? row.published_at;
  return toPluginArticle(
    {
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      standfirst: row.standfirst,
      section,
      bylines: bylines.map(authorFromRow),
      tags: tags.map((t) => t.tag),
      publishedAt: row.published_at === null ? null : new Date(row.published_at),
      updatedAt: row.updated_at === null ? null : new Date(row.updated_at),
      mainPhoto: mainPhotoFromRow(row),
      customFields: parseStoredCustomFields(row.custom_fields),
    },
    {
      baseUrl: ctx.settings.baseUrl,
      // An article never published has no address yet (an unpublished one keeps the one it had).
      path: firstPublished === null ? null : articlePath(ctx, section, new Date(firstPublished), row.id),
    },
  );
};

/**
 * Tells plugins what a committed save did to an article whose status was `before`: published, updated while
 * live, or unpublished (nothing for a draft's save), and queues the webhooks it calls for.
 */
export const emitArticleChange = async (
  db: Db,
  site: SiteContext,
  events: PluginEvents,
  change: { id: number; before: string | null; at: Date; name?: HookName; deleted?: boolean },
): Promise<void> => {
  try {
    const row = await findArticleRow(db, change.id);
    if (!row) return;
    // Webhooks are queued first, in the database (webhook-events.ts): a failing hook cannot keep them from going.
    const { id, before, at } = { id: row.id, before: change.before, at: change.at };
    await queueArticleWebhooks(db, site, { id, before, after: row.status, at }, events.html).catch((error: unknown) =>
      events.onError?.(error),
    );
    // Deleted through the Admin API: also Ghost's post.deleted.
    if (change.deleted) {
      await queueDeletedArticleWebhooks(db, site, { id, before, at }, events.html).catch((error: unknown) =>
        events.onError?.(error),
      );
    }
    if (!change.name && !HOOKED_ARTICLE_EVENTS.some((n) => listens(events.plugins, n))) return;
    const name = change.name ?? hookOf('article', change.before, row.status);
    if (name === null || !listens(events.plugins, name)) return;
    const article = await pluginArticleOf(db, site, row);
    if (!article) return;
    await events.plugins.emit(name, { at: change.at.toISOString(), source: events.source, article });
  } catch (error) {
    events.onError?.(error);
  }
};

const HOOKED_ARTICLE_EVENTS: readonly HookName[] = ['article.published', 'article.updated', 'article.unpublished'];

/** Tells plugins a publication page was published, updated while live or unpublished; queues its webhooks. */
export const emitPageChange = async (
  db: Db,
  site: SiteContext,
  events: PluginEvents,
  change: {
    before: string | null;
    after: string;
    at: Date;
    page: { id: number; slug: string; title: string };
    /** The page as webhooks showed it before the Admin API removed it (its row is gone). */
    gone?: GhostObject | null;
  },
): Promise<void> => {
  const { before, after, at, gone } = change;
  await queuePageWebhooks(db, site, { id: change.page.id, before, after, at, gone }, events.html).catch(
    (error: unknown) => events.onError?.(error),
  );
  const name = hookOf('page', change.before, change.after);
  if (name === null || !listens(events.plugins, name)) return;
  const { id, slug, title } = change.page;
  const page = { id: String(id), slug, title, url: site.settings.baseUrl + publicationPagePath(slug) };
  await events.plugins.emit(name, { at: change.at.toISOString(), source: events.source, page });
};
