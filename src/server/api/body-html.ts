import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { absoluteUrls } from '../../domain/feed-items.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { BodyHtml } from '../../services/webhook-payloads.js';
import { BodyBlocks } from '../../views/reader/BodyBlocks.js';

/** How BodyBlocks opens the article page's body (views/reader/BodyBlocks.tsx). */
const BODY_OPEN = '<div class="article-body">';

/**
 * Ghost's `html` of a post or page, the one drawing the Content API, the Admin API and webhooks share: the article
 * page's body (BodyBlocks, plugins' blocks included, slots not) without the page's own wrapper, which a front end
 * adds, and with every address of ours made absolute. Services may not import views, so the server hands this down.
 */
export const bodyHtmlRenderer = (plugins: PluginRegistry | undefined): BodyHtml => {
  // Plugin blocks are content, so `html` draws them; slots (ads, widgets) stay on the pages.
  const bodyPlugins = plugins && plugins.blocks.size > 0 ? { registry: plugins } : undefined;
  return (body, media, baseUrl) => {
    const drawn = renderToString(h(BodyBlocks, { blocks: body, media, plugins: bodyPlugins }));
    const inner = drawn.startsWith(BODY_OPEN) && drawn.endsWith('</div>') ? drawn.slice(BODY_OPEN.length, -6) : drawn;
    return absoluteUrls(inner, baseUrl);
  };
};
