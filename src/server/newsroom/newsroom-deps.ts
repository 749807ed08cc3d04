import type { AddressInfo } from 'node:net';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { ApiKeyService } from '../../services/api-keys.js';
import type { ViewTracker } from '../../ranking/view-tracker.js';
import type { Db } from '../../storage/database.js';
import type { SiteState } from '../site-state.js';
import type { StaticAssets } from '../static-assets.js';

/** What the newsroom's routes use, and nothing more: the app hands these over when it registers the plugin. */
export interface NewsroomDeps {
  db: Db;
  clock: () => Date;
  site: SiteState;
  assets: Pick<StaticAssets, 'href' | 'builtHref'>;
  /** The desk's "being read now" box. */
  tracker: Pick<ViewTracker, 'top' | 'hourlyViews'>;
  /** How often the editor autosaves a draft, in milliseconds. */
  autosaveMs: number;
  /** The loaded plugins: their custom fields in the editor (issue 14); NO_PLUGINS when there are none. */
  plugins: PluginRegistry;
  /** Keys of the Ghost-compatible APIs, made and revoked on the Integrations page (issue 16). */
  apiKeys: ApiKeyService;
  /**
   * Where the process's server listens (its `address()`): a server reachable from other machines asks for the setup
   * code before it makes the first owner. The newsroom's own app never listens (hand-over.ts), so it is told.
   */
  listenAddress: () => AddressInfo | string | null;
}
