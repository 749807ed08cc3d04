import type { ComponentChildren } from 'preact';
import type { MediaRef } from '../../domain/article.js';
import {
  isPluginBlock,
  isSafeHref,
  pluginDataOf,
  pluginTypeOf,
  type Body,
  type BodyBlock,
  type Inline,
} from '../../domain/body.js';
import type { SlotContext } from '../../plugins/contract.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { PageChrome } from '../shared/Layout.js';
import { Picture } from '../shared/Picture.js';
import { rawHtml } from '../shared/raw-html.js';
import { contextOf, type SlotPage } from '../shared/Slot.js';

const InlineContent = ({ content }: { content: Inline[] }) => (
  <>
    {content.map((inline) => {
      let node: ComponentChildren = inline.text;
      for (const mark of inline.marks ?? []) {
        if (mark.type === 'em') node = <em>{node}</em>;
        else if (mark.type === 'strong') node = <strong>{node}</strong>;
        // Unsafe schemes (javascript:, data:) lose the link and keep the words.
        else if (mark.type === 'link' && isSafeHref(mark.href)) {
          // Whatever is not a path on this site is another site's, and gets neither this page nor its address;
          // a page of ours opened in a new tab still does not get this one (noopener).
          const external = !mark.href.trim().startsWith('/');
          const rel = external ? 'noopener noreferrer' : mark.newTab ? 'noopener' : undefined;
          node = (
            <a href={mark.href} target={mark.newTab ? '_blank' : undefined} rel={rel}>
              {node}
            </a>
          );
        }
      }
      return node;
    })}
  </>
);

/** What the body tells plugins: their block renderers and the `article-inline` slot. */
export interface BodyPlugins {
  registry: Pick<PluginRegistry, 'has' | 'render' | 'renderBlock' | 'blocks'>;
  /**
   * The page's slot context (its article among it); asked for only when a plugin block or the slot is drawn. None
   * in a feed: its blocks are drawn with no article, and no slot is asked (ads and widgets belong to pages).
   */
  context?: () => Omit<SlotContext, 'slot' | 'settings'>;
}

/**
 * The body's plugins on a page: none when no loaded plugin draws a block or fills `article-inline`, so such a body
 * renders as it always has. The context is contextOf's, made once per page.
 */
export const bodyPluginsOf = (chrome: PageChrome, page: SlotPage): BodyPlugins | undefined => {
  const registry = chrome.plugins;
  if (!registry || (registry.blocks.size === 0 && !registry.has('article-inline'))) return undefined;
  return { registry, context: () => contextOf(chrome, page) };
};

const BlockView = ({
  block,
  media,
  plugins,
}: {
  block: BodyBlock;
  media: Map<number, MediaRef>;
  plugins: BodyPlugins | undefined;
}) => {
  if (isPluginBlock(block)) {
    // A block whose plugin is gone (or that cannot draw it) leaves no hole, as a deleted image does.
    if (!plugins) return null;
    const html = plugins.registry.renderBlock(pluginTypeOf(block), pluginDataOf(block), {
      article: plugins.context?.().article ?? null,
    });
    return html === '' ? null : rawHtml(html);
  }
  switch (block.type) {
    case 'paragraph':
      return (
        <p>
          <InlineContent content={block.content} />
        </p>
      );
    case 'heading':
      return block.level === 2 ? (
        <h2>
          <InlineContent content={block.content} />
        </h2>
      ) : (
        <h3>
          <InlineContent content={block.content} />
        </h3>
      );
    case 'quote':
      return (
        <blockquote>
          <p>
            <InlineContent content={block.content} />
          </p>
          {block.cite ? <footer>— {block.cite}</footer> : null}
        </blockquote>
      );
    case 'list': {
      const items = block.items.map((item) => (
        <li>
          <InlineContent content={item} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'image': {
      const ref = media.get(block.mediaId);
      // An image deleted from the library leaves no hole: the block simply disappears.
      if (!ref) return null;
      return (
        <figure class="body-image">
          <Picture photo={{ ...ref, alt: block.alt }} sizes="(min-width: 44rem) 40rem, 100vw" width={800} />
          {block.caption || block.credit ? (
            <figcaption>
              {block.caption}
              {block.credit ? <span class="credit"> {block.credit}</span> : null}
            </figcaption>
          ) : null}
        </figure>
      );
    }
    case 'embed':
      // No third-party script runs on our pages: an embed is a plain link to the original.
      return isSafeHref(block.url) ? (
        <p class="embed">
          <a href={block.url} rel="noopener noreferrer">
            {block.title}
          </a>
        </p>
      ) : null;
  }
};

/**
 * The article's body. With `plugins`, plugin blocks are drawn by their plugins, and the `article-inline` slot is
 * asked for after each paragraph (counting paragraphs only, from 1), so an ad can follow the 3rd and the 8th; a body
 * with no plugin in that slot renders exactly as before.
 */
export const BodyBlocks = ({
  blocks,
  media,
  plugins,
}: {
  blocks: Body;
  media: Map<number, MediaRef>;
  plugins?: BodyPlugins | undefined;
}) => {
  const inline = plugins?.context && plugins.registry.has('article-inline') ? plugins : undefined;
  let paragraphs = 0;
  return (
    <div class="article-body">
      {blocks.map((block) => {
        const view = <BlockView block={block} media={media} plugins={plugins} />;
        if (!inline || block.type !== 'paragraph') return view;
        paragraphs += 1;
        const html = inline.registry.render('article-inline', { ...inline.context!(), paragraph: paragraphs });
        return html === '' ? (
          view
        ) : (
          <>
            {view}
            {rawHtml(html)}
          </>
        );
      })}
    </div>
  );
};
