import { definePlugin, SLOT_NAMES, type SlotName, type SlotRenderer } from '../../plugins/contract.js';
import { escapeHtml, IMMUTABLE, loadPluginAsset, serveAssets } from '../plugin-asset.js';
import { boxesCss, heightsOf, parseHeightsQuery, renderBoxes } from './ad-boxes.js';
import { AD_SLOTS_DEFAULTS, adSlotsSettingsOf, adSlotsSettingsSchema, parseAdScriptUrl } from './ad-slots-settings.js';

/**
 * The ad-slots plugin: boxes of reserved height in the slots its settings name, and the ad script (from
 * DATELINE_AD_SCRIPT_URL) loaded by ad-slots.js once the reader grants advertising through the consent plugin.
 * The script's origin goes into the reader pages' CSP (script, connect, img and frame sources: ad scripts draw from
 * their own origin). A missing or bad URL stops the start with the reason.
 */
export const createAdSlotsPlugin = (env: Record<string, string | undefined>) => {
  const scriptUrl = parseAdScriptUrl(env.DATELINE_AD_SCRIPT_URL);
  if (!scriptUrl.ok) throw new Error(scriptUrl.message);
  const origin = scriptUrl.value.origin;
  const script = loadPluginAsset('ad-slots', 'ad-slots.js');
  const style = loadPluginAsset('ad-slots', 'ad-slots.css');

  // Every slot but head may hold boxes: which ones do is in the settings, which may change while the process
  // runs, whereas the registry learns the slots a plugin uses once, at load. A slot without a placement is empty.
  const slots: Partial<Record<SlotName, SlotRenderer>> = {
    head: (ctx) => {
      const heights = heightsOf(adSlotsSettingsOf(ctx.settings));
      return (
        `<link rel="stylesheet" href="${escapeHtml(style.href)}">` +
        (heights.length > 0
          ? `<link rel="stylesheet" href="/plugins/ad-slots/boxes.css?h=${heights.join(',')}">`
          : '') +
        `<script src="${escapeHtml(script.href)}" data-ad-script="${escapeHtml(scriptUrl.value.href)}" defer></script>`
      );
    },
  };
  for (const slot of SLOT_NAMES)
    if (slot !== 'head') slots[slot] = (ctx) => renderBoxes(adSlotsSettingsOf(ctx.settings), slot, ctx);

  return definePlugin({
    name: 'ad-slots',
    version: '1.0.0',
    settings: { schema: adSlotsSettingsSchema, defaults: AD_SLOTS_DEFAULTS },
    csp: { scriptSrc: [origin], connectSrc: [origin], imgSrc: [origin], frameSrc: [origin] },
    slots,
    routes: (app) => {
      serveAssets(app, [script, style]);
      app.get('/boxes.css', (req, reply) => {
        const heights = parseHeightsQuery((req.query as Record<string, unknown>).h);
        if (!heights.ok)
          return reply
            .code(400)
            .header('cache-control', 'no-store')
            .type('text/plain; charset=utf-8')
            .send(heights.message);
        // The answer depends on the address alone, so it may be kept as long as the files with a hash in their name.
        return reply.header('cache-control', IMMUTABLE).type('text/css; charset=utf-8').send(boxesCss(heights.value));
      });
    },
  });
};
