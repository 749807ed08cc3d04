import type { FastifyInstance } from 'fastify';
import { PNG_ICONS, webManifest, type PngIconPath } from '../../domain/site-icons.js';
import { iconSourceKey, renderIconSet } from '../../services/site-icons.js';
import type { Db } from '../../storage/database.js';
import { makeEntry, type CachedResponse } from '../page-cache.js';
import { IgnoredQuery, typed } from '../route-schemas.js';
import { sendCached } from '../send-cached.js';
import type { SiteState } from '../site-state.js';

/** The favicon, app icons and web manifest: drawn from Settings' icon or logo, or from the initials. */
export interface IconRouteDeps {
  db: Db;
  site: Pick<SiteState, 'current'>;
}

/** Icon addresses never change when the logo does, so browsers are asked to check back within a day. */
const ICON_CACHE_CONTROL = 'public, max-age=86400';

type IconEntries = Map<string, CachedResponse>;

const entriesOf = async (deps: IconRouteDeps): Promise<IconEntries> => {
  const { settings } = deps.site.current().context;
  const icons = await renderIconSet(deps.db, settings);
  const entry = (body: string | Buffer, contentType: string) =>
    makeEntry(body, { contentType, cacheControl: ICON_CACHE_CONTROL, expiresAt: Number.POSITIVE_INFINITY });
  const entries: IconEntries = new Map();
  for (const [path, png] of icons.png) entries.set(path, entry(png, 'image/png'));
  entries.set('/favicon.ico', entry(icons.ico, 'image/x-icon'));
  entries.set('/manifest.webmanifest', entry(JSON.stringify(webManifest(settings)), 'application/manifest+json'));
  return entries;
};

export const registerIconRoutes = (scope: FastifyInstance, deps: IconRouteDeps): void => {
  const app = typed(scope);
  // One set is kept, for the settings that drew it: the first request after a change draws the next.
  let kept: { key: string; entries: Promise<IconEntries> } | null = null;
  const currentEntries = (): Promise<IconEntries> => {
    const { settings } = deps.site.current().context;
    // The manifest also names the publication: its names and language are part of the key.
    const key = JSON.stringify([
      iconSourceKey(settings),
      settings.publicationName,
      settings.shortName,
      settings.language,
    ]);
    if (kept?.key !== key) {
      const entries = entriesOf(deps);
      kept = { key, entries };
      // A failed drawing is not kept: the next request tries again.
      entries.catch(() => {
        if (kept?.entries === entries) kept = null;
      });
    }
    return kept.entries;
  };

  const paths: string[] = ['/favicon.ico', '/manifest.webmanifest', ...(Object.keys(PNG_ICONS) as PngIconPath[])];
  for (const path of paths) {
    app.get(path, { schema: { querystring: IgnoredQuery } }, async (req, reply) =>
      sendCached(req, reply, (await currentEntries()).get(path)!, 'HIT'),
    );
  }
};
