import type { Body, BodyBlock, Inline, Mark } from './body.js';
import { inlineText, isPluginBlock, pluginBlockOf, pluginDataOf, pluginTypeOf } from './body-text.js';

/**
 * The rich-text editor (Tiptap, in the newsroom) speaks ProseMirror JSON; articles are stored as our own
 * block document. These two functions translate, both ways, for what the editor offers: paragraphs,
 * headings 2 and 3, quotes (after the quoted words, a last paragraph starting "— " is the source), lists, bold, italic,
 * links (target "_blank" is a link that opens in a new tab), and
 * three atom nodes of our own: bodyImage (a library image with alt text, caption and credit), bodyEmbed, and
 * pluginBlock (a plugin's block: its type as `blockType` and its data as `data`, kept whole).
 * Anything else the editor might hold (an unknown node or mark) is dropped to its text, never stored raw.
 */
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

const toMarks = (marks: PmNode['marks']): Mark[] => {
  const out: Mark[] = [];
  for (const m of marks ?? []) {
    if (m.type === 'bold') out.push({ type: 'strong' });
    else if (m.type === 'italic') out.push({ type: 'em' });
    else if (m.type === 'link' && typeof m.attrs?.href === 'string')
      out.push({ type: 'link', href: m.attrs.href, ...(m.attrs.target === '_blank' ? { newTab: true as const } : {}) });
  }
  return out;
};

const inlinesOf = (node: PmNode | undefined): Inline[] => {
  const out: Inline[] = [];
  for (const child of node?.content ?? []) {
    if (child.type === 'text' && typeof child.text === 'string') {
      const marks = toMarks(child.marks);
      out.push(marks.length ? { text: child.text, marks } : { text: child.text });
    } else if (child.type === 'hardBreak') {
      out.push({ text: ' ' });
    } else {
      out.push(...inlinesOf(child));
    }
  }
  return out;
};

const attrText = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** An image node without a library id or alt text is dropped: the server would refuse it anyway. */
const imageOf = (attrs: Record<string, unknown>): BodyBlock | null => {
  const mediaId = Number(attrs.mediaId);
  const alt = attrText(attrs.alt);
  if (!Number.isInteger(mediaId) || mediaId <= 0 || alt === '') return null;
  const caption = attrText(attrs.caption);
  const credit = attrText(attrs.credit);
  return { type: 'image', mediaId, alt, ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) };
};

export const tiptapToBody = (doc: PmNode): Body => {
  const blocks: BodyBlock[] = [];
  for (const node of doc.content ?? []) {
    switch (node.type) {
      case 'paragraph': {
        const content = inlinesOf(node);
        if (inlineText(content).trim() !== '') blocks.push({ type: 'paragraph', content });
        break;
      }
      case 'heading': {
        // An empty heading (Enter pressed, nothing typed) would publish as a gap: dropped.
        const content = inlinesOf(node);
        if (inlineText(content).trim() !== '')
          blocks.push({ type: 'heading', level: node.attrs?.level === 3 ? 3 : 2, content });
        break;
      }
      case 'blockquote': {
        const paragraphs = (node.content ?? []).map(inlinesOf).filter((p) => inlineText(p).trim() !== '');
        // The source is a last paragraph after the quoted words that starts with an em dash and a space, as
        // bodyToTiptap writes it; a quote of one paragraph has no source, whatever it starts with.
        const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1] : undefined;
        const cite = last && /^—\s+/.test(inlineText(last)) ? inlineText(last).replace(/^—\s+/, '') : undefined;
        const body = cite !== undefined ? paragraphs.slice(0, -1) : paragraphs;
        const content = body.flatMap((p, i) => (i === 0 ? p : [{ text: ' ' }, ...p]));
        blocks.push(cite !== undefined ? { type: 'quote', content, cite } : { type: 'quote', content });
        break;
      }
      case 'bodyImage': {
        const image = imageOf(node.attrs ?? {});
        if (image) blocks.push(image);
        break;
      }
      case 'bodyEmbed': {
        const { url, title } = node.attrs ?? {};
        if (typeof url === 'string' && typeof title === 'string' && url && title)
          blocks.push({ type: 'embed', url, title });
        break;
      }
      case 'pluginBlock': {
        const { blockType, data } = node.attrs ?? {};
        const block = typeof blockType === 'string' ? pluginBlockOf(blockType, data) : null;
        if (block) blocks.push(block);
        break;
      }
      case 'bulletList':
      case 'orderedList': {
        // Empty items (Enter pressed at the end of a list) are dropped; so is a list left with none.
        const items = (node.content ?? [])
          .map((item) => (item.content ?? []).flatMap((p) => inlinesOf(p)))
          .filter((item) => inlineText(item).trim() !== '');
        if (items.length > 0) blocks.push({ type: 'list', ordered: node.type === 'orderedList', items });
        break;
      }
      default: {
        const content = inlinesOf(node);
        if (inlineText(content).trim() !== '') blocks.push({ type: 'paragraph', content });
      }
    }
  }
  return blocks;
};

const fromInlines = (content: Inline[]): PmNode[] =>
  content
    .filter((i) => i.text.length > 0)
    .map((i) => {
      const marks = (i.marks ?? []).map((m) =>
        m.type === 'strong'
          ? { type: 'bold' }
          : m.type === 'em'
            ? { type: 'italic' }
            : { type: 'link', attrs: m.newTab ? { href: m.href, target: '_blank' } : { href: m.href } },
      );
      return marks.length ? { type: 'text', text: i.text, marks } : { type: 'text', text: i.text };
    });

const paragraph = (content: Inline[]): PmNode => {
  const inner = fromInlines(content);
  return inner.length ? { type: 'paragraph', content: inner } : { type: 'paragraph' };
};

export const bodyToTiptap = (body: Body): PmNode => ({
  type: 'doc',
  content: body.flatMap((b): PmNode[] => {
    if (isPluginBlock(b))
      return [{ type: 'pluginBlock', attrs: { blockType: pluginTypeOf(b), data: pluginDataOf(b) } }];
    switch (b.type) {
      case 'paragraph':
        return [paragraph(b.content)];
      case 'heading':
        return [{ type: 'heading', attrs: { level: b.level }, content: fromInlines(b.content) }];
      case 'quote':
        return [
          {
            type: 'blockquote',
            content: [paragraph(b.content), ...(b.cite ? [paragraph([{ text: `— ${b.cite}` }])] : [])],
          },
        ];
      case 'list':
        return [
          {
            type: b.ordered ? 'orderedList' : 'bulletList',
            content: b.items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
          },
        ];
      case 'image':
        return [
          {
            type: 'bodyImage',
            attrs: { mediaId: b.mediaId, alt: b.alt, caption: b.caption ?? '', credit: b.credit ?? '' },
          },
        ];
      case 'embed':
        return [{ type: 'bodyEmbed', attrs: { url: b.url, title: b.title } }];
    }
  }),
});
