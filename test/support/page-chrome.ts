import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import type { PageChrome } from '../../src/views/shared/Layout.js';

/** The chrome of a site of one edition with default settings, no sections in its menu and no footer pages. */
export const plainChrome: PageChrome = {
  settings: DEFAULT_SETTINGS,
  nav: [],
  pages: [],
  cssHref: '/static/site.css',
  menuScriptHref: '/static/section-menu.js',
};
