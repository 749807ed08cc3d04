import type { ComponentChildren } from 'preact';
import type { MediaRef } from '../../domain/article.js';
import { isSafeHref, type Block, type Inline } from '../../domain/body.js';
import { Picture } from '../shared/Picture.js';

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

const BlockView = ({ block, media }: { block: Block; media: Map<number, MediaRef> }) => {
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

export const BodyBlocks = ({ blocks, media }: { blocks: Block[]; media: Map<number, MediaRef> }) => (
  <div class="article-body">
    {blocks.map((block) => (
      <BlockView block={block} media={media} />
    ))}
  </div>
);
