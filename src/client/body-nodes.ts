/**
 * The two body blocks the rich editor holds as single, uneditable-in-place units (ProseMirror "atoms"):
 * an image from the library and an embed. Their attributes are exactly the stored block's fields, so
 * domain/tiptap-body.ts translates them without loss; the preview image is looked up by library id.
 */
import { Node } from '@tiptap/core';

const attr = (name: string, fallback: string | number | null = '') => ({
  [name]: { default: fallback, rendered: false },
});

export const bodyImageNode = (previews: Map<number, string>) =>
  Node.create({
    name: 'bodyImage',
    group: 'block',
    atom: true,
    selectable: true,
    addAttributes: () => ({ ...attr('mediaId', null), ...attr('alt'), ...attr('caption'), ...attr('credit') }),
    parseHTML: () => [
      {
        tag: 'figure[data-media-id]',
        getAttrs: (el: HTMLElement) => ({
          mediaId: Number(el.dataset.mediaId),
          alt: el.dataset.alt ?? '',
          caption: el.dataset.caption ?? '',
          credit: el.dataset.credit ?? '',
        }),
      },
    ],
    renderHTML: ({ node }) => {
      const { mediaId, alt, caption, credit } = node.attrs as {
        mediaId: number;
        alt: string;
        caption: string;
        credit: string;
      };
      const src = previews.get(mediaId);
      const line = [caption, credit ? `Photo: ${credit}` : ''].filter(Boolean).join(' — ');
      return [
        'figure',
        {
          class: 'nr-body-image',
          'data-media-id': String(mediaId),
          'data-alt': alt,
          'data-caption': caption,
          'data-credit': credit,
        },
        src ? ['img', { src, alt }] : ['span', { class: 'nr-body-image-missing' }, `Image ${mediaId}: ${alt}`],
        ['figcaption', {}, line || `Alt text: ${alt}`],
      ];
    },
  });

export const bodyEmbedNode = Node.create({
  name: 'bodyEmbed',
  group: 'block',
  atom: true,
  selectable: true,
  addAttributes: () => ({ ...attr('url'), ...attr('title') }),
  parseHTML: () => [
    {
      tag: 'div[data-embed-url]',
      getAttrs: (el: HTMLElement) => ({ url: el.dataset.embedUrl ?? '', title: el.dataset.title ?? '' }),
    },
  ],
  renderHTML: ({ node }) => {
    const { url, title } = node.attrs as { url: string; title: string };
    return [
      'div',
      { class: 'nr-body-embed', 'data-embed-url': url, 'data-title': title },
      `Embedded: ${title} (${url})`,
    ];
  },
});
