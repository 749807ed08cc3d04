import { createHash } from 'node:crypto';
import type { SiteSnapshot } from '../site-state.js';

/** Set by the bundle's banner (scripts/build-server-bundle.mjs): one name per build. */
declare const __datelineBuild: string | undefined;

/**
 * Run from the sources (tests, tsx), there is no build to name: the process's start stands for it, so a page kept by
 * an earlier run of changed code is never served.
 */
const BUILD = typeof __datelineBuild === 'string' ? __datelineBuild : `source ${process.pid} ${Date.now()}`;

/** Raised when what a kept page holds changes shape (the pieces, their holes or their meta). */
const RENDER_FORMAT = 1;

/** A function's own text, so that a theme's or a plugin's changed code changes the stamp. */
const codeOf = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'function') return value.toString();
  if (value === null || typeof value !== 'object' || depth > 2) return value;
  if (Array.isArray(value)) return value.map((v) => codeOf(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, codeOf(v, depth + 1)]));
};

/**
 * A digest of everything every article page depends on besides the article itself: the build, each edition's
 * settings, sections, navigation, footer pages and words, the theme's stylesheets and components, the plugins'
 * code and settings, and the addresses of the page's scripts. An article's kept rendering (the `article_render`
 * table) is served only under the stamp it was made with, so any of these changing makes every kept page
 * rendered again as it is next asked for, without anything having to forget them.
 */
export const siteStampOf = (snap: SiteSnapshot, scripts: { beacon: string; page: string }): string => {
  const plugins = snap.chrome.plugins?.plugins ?? [];
  const editions = snap.context.editions.map((ctx) => {
    const chrome = snap.chromes.get(ctx.edition.id) ?? snap.chrome;
    return {
      settings: chrome.settings,
      nav: chrome.nav,
      pages: chrome.pages,
      edition: chrome.edition,
      labels: codeOf(chrome.labels),
      sections: ctx.sections.all.map((s) => [s.id, s.slug, s.name, s.parentId]),
      css: [chrome.cssHref, chrome.menuScriptHref, ...(chrome.theme?.cssHrefs ?? [])],
      theme: codeOf(chrome.theme?.components ?? {}),
    };
  });
  const pluginState = plugins.map((p) => ({
    code: codeOf(p),
    settings: snap.chrome.plugins!.settingsOf(p.name),
  }));
  return createHash('sha256')
    .update(JSON.stringify([RENDER_FORMAT, BUILD, scripts, editions, pluginState]))
    .digest('base64url')
    .slice(0, 22);
};
