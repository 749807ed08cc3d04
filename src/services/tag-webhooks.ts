import type { Section } from '../domain/article.js';
import { tagSlug } from '../domain/tag.js';
import type { Db } from '../storage/database.js';
import { carriedTagSlugs, holdTagSlugs } from '../storage/repositories/tag.repository.js';
import { listenedEventRows } from '../storage/repositories/webhook.repository.js';
import { plainTag, sectionTag, type GhostObject } from './content-api-objects.js';
import type { SiteContext } from './site-context.js';
import { enqueueWebhookEvent } from './webhooks.js';

/**
 * Ghost's `tag.added` (issue 16; record 0022). Our tags have no rows (record 0019): a tag comes into being when a save
 * gives some article a slug that no article carries and no section of the site's own edition has (such a slug is that
 * section's tag in the Content API). A new section is a new tag too: the Content API lists every section among its
 * tags. Each is queued in the transaction that makes it, as the Content API's tag object, `previous` empty as Ghost
 * sends it, and only when some webhook listens.
 */

/** The site's own (first) edition: the Content API's tags speak for it. */
const ownEdition = (site: SiteContext): SiteContext => site.editions[0] ?? site;

const announce = async (trx: Db, tag: GhostObject, at: Date): Promise<void> => {
  await enqueueWebhookEvent(trx, 'tag.added', { tag: { current: tag, previous: {} } }, at);
};

/** Queues `tag.added` for each of the tags an article is about to be given (as spelled) that is new to the site. */
export const queueNewTags = async (trx: Db, site: SiteContext, tags: readonly string[], at: Date): Promise<void> => {
  if (tags.length === 0 || (await listenedEventRows(trx, ['tag.added'])).length === 0) return;
  const own = ownEdition(site);
  // The first spelling of a slug is the one stored (replaceTagRows), so it is the one announced.
  const spelled = new Map<string, string>();
  for (const tag of tags) {
    const slug = tagSlug(tag);
    if (!own.sections.bySlug.has(slug) && !spelled.has(slug)) spelled.set(slug, tag);
  }
  if (spelled.size === 0) return;
  await holdTagSlugs(trx, [...spelled.keys()]);
  const carried = await carriedTagSlugs(trx, [...spelled.keys()]);
  for (const [slug, name] of spelled) if (!carried.has(slug)) await announce(trx, plainTag(own, name, slug), at);
};

/**
 * Queues `tag.added` for a section just added to the site, at its front's address; not when articles already carry a
 * tag of its slug (that tag was announced when it came, and is now the section's).
 */
export const queueNewSectionTag = async (trx: Db, site: SiteContext, section: Section, at: Date): Promise<void> => {
  if ((await listenedEventRows(trx, ['tag.added'])).length === 0) return;
  await holdTagSlugs(trx, [section.slug]);
  if ((await carriedTagSlugs(trx, [section.slug])).size > 0) return;
  await announce(trx, sectionTag(ownEdition(site), section), at);
};
