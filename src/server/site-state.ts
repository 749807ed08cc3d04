import type { OriginRule } from '../domain/public-origin.js';
import { sectionPath } from '../domain/section.js';
import { applyPluginSettings } from '../services/plugin-settings.js';
import { readSettingRows } from '../storage/repositories/site.repository.js';
import { loadFooterPages } from '../services/publication-pages.js';
import { loadSiteContext, type SiteContext } from '../services/site-context.js';
import type { Db } from '../storage/database.js';
import { readContentVersion } from '../storage/repositories/site.repository.js';
import type { PageChrome } from '../views/shared/Layout.js';
import type { PluginRegistry } from '../plugins/registry.js';

export interface SiteSnapshot {
  version: number;
  /** The site's own context: its first edition's. Every edition's is in `context.editions`. */
  context: SiteContext;
  /** The first edition's page frame. */
  chrome: PageChrome;
  /** Each edition's page frame, by edition id (the first's is `chrome`). */
  chromes: ReadonlyMap<number, PageChrome>;
}

/** The page frame of an edition's context. */
export const chromeOf = (snap: SiteSnapshot, ctx: SiteContext): PageChrome =>
  snap.chromes.get(ctx.edition.id) ?? snap.chrome;

export interface SiteState {
  current(): SiteSnapshot;
  /**
   * Reads the content version; when another process (or this one) changed content, reloads and notifies. Whatever
   * was committed before the call is seen once it resolves.
   */
  refresh(): Promise<boolean>;
  /** Polls refresh() every `intervalMs` until stop(). */
  start(intervalMs: number): void;
  /** Stops polling; resolves once a refresh in flight has ended, so the database can close after it. */
  stop(): Promise<void>;
}

/**
 * Every process keeps the settings, the section tree and its rendered pages in memory. A single-row
 * version counter, moved in the same transaction as every content write, tells each process when to drop
 * them: it works the same for SQLite shared by the importer CLI and for PostgreSQL shared by many nodes.
 */
export const createSiteState = async (
  db: Db,
  opts: {
    cssHref: string;
    /** The phone's Sections menu script (static/section-menu.js), fingerprinted. */
    menuScriptHref: string;
    onChange: () => void;
    onError: (error: unknown) => void;
    /** DATELINE_BASE_URL and the server's own address; by default neither (the stored setting or port 3000). */
    origin?: OriginRule;
    /** The plugins whose slots every page frame renders; by default none. */
    plugins?: PluginRegistry;
    /** DATELINE_THEME's stylesheets' addresses and components; by default the default design. */
    theme?: PageChrome['theme'];
    /** Told when a plugin's stored settings no longer fit its schema (it keeps its defaults). */
    onPluginSettingsRefused?: (plugin: string, reason: string) => void;
  },
): Promise<SiteState> => {
  const load = async (version: number): Promise<SiteSnapshot> => {
    // Read once for the site's settings and the plugins' (Newsroom → Settings → Plugins).
    const settingRows = readSettingRows(db);
    const [context, pages] = await Promise.all([loadSiteContext(db, opts.origin, settingRows), loadFooterPages(db)]);
    // Each plugin's saved settings, in every process, with each content version: applied once the version loaded.
    if (opts.plugins) applyPluginSettings(await settingRows, opts.plugins, opts.onPluginSettingsRefused);
    const chromes = new Map<number, PageChrome>(
      context.editions.map((ctx, i) => [
        ctx.edition.id,
        {
          settings: { ...ctx.settings, dateStyle: ctx.edition.dateStyle },
          nav: ctx.sections.top.map((s) => ({ name: s.name, slug: s.slug, path: sectionPath(ctx.sections, s) })),
          // The publication's pages (About, Contact…) are the first edition's.
          pages: i === 0 ? pages : [],
          cssHref: opts.cssHref,
          menuScriptHref: opts.menuScriptHref,
          edition: ctx.edition,
          labels: ctx.labels,
          ...(opts.plugins ? { plugins: opts.plugins } : {}),
          ...(opts.theme ? { theme: opts.theme } : {}),
        },
      ]),
    );
    return { version, context, chrome: chromes.get(context.edition.id)!, chromes };
  };
  let snapshot = await load(await readContentVersion(db));
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<boolean> | null = null;
  let queued: Promise<boolean> | null = null;

  const runOnce = async (): Promise<boolean> => {
    const version = await readContentVersion(db);
    if (version === snapshot.version) return false;
    snapshot = await load(version);
    opts.onChange();
    return true;
  };

  const refresh = (): Promise<boolean> => {
    if (!running) {
      running = runOnce().finally(() => {
        running = null;
      });
      return running;
    }
    // The run in flight may have read the version before the caller's write committed, so the caller waits for one
    // more run after it. Everyone who asks meanwhile shares that one: overlapping polls still load once each.
    queued ??= running
      .catch(() => {})
      .then(() => {
        queued = null;
        return refresh();
      });
    return queued;
  };

  return {
    current: () => snapshot,
    refresh,
    start(intervalMs) {
      timer ??= setInterval(() => void refresh().catch(opts.onError), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      // Their failures were reported to onError by the polls that started them.
      await queued?.catch(() => {});
      await running?.catch(() => {});
    },
  };
};
