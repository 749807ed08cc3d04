import type { Block, Body, Inline, Mark } from './body.js';

/**
 * A plain-text spelling of the structured body, for the newsroom's no-JavaScript editor and for tools:
 * blocks are separated by blank lines; "## " and "### " start headings, "> " a quote ("> — Name" its
 * source), "- " bulleted and "1. " numbered list items; inline, *emphasis*, **strong** and [words](url).
 * serialize(parse(x)) is stable, and parse(serialize(body)) gives the body back for what it can spell.
 */
export const parseBodyMarkup = (text: string): Body =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.length > 0)
    .map(parseBlock);

const parseBlock = (chunk: string): Block => {
  const lines = chunk.split('\n').map((l) => l.trim());
  const heading = /^(#{2,3}) (.*)$/s.exec(chunk);
  if (heading) return { type: 'heading', level: heading[1]!.length === 2 ? 2 : 3, content: parseInline(heading[2]!.replace(/\n/g, ' ')) };
  if (lines.every((l) => l.startsWith('>'))) {
    const body = lines.map((l) => l.replace(/^>\s?/, ''));
    const last = body[body.length - 1]!;
    const cite = /^[—-]{1,2} (.+)$/.exec(last);
    const text = (cite ? body.slice(0, -1) : body).join(' ');
    return { type: 'quote', content: parseInline(text), ...(cite ? { cite: cite[1]! } : {}) };
  }
  if (lines.every((l) => /^[-*] /.test(l))) return { type: 'list', ordered: false, items: lines.map((l) => parseInline(l.slice(2))) };
  if (lines.every((l) => /^\d+[.)] /.test(l))) {
    return { type: 'list', ordered: true, items: lines.map((l) => parseInline(l.replace(/^\d+[.)] /, ''))) };
  }
  return { type: 'paragraph', content: parseInline(lines.join(' ')) };
};

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export const parseInline = (text: string): Inline[] => {
  const out: Inline[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index! > at) out.push({ text: text.slice(at, m.index) });
    if (m[1] !== undefined) out.push({ text: m[1], marks: [{ type: 'strong' }] });
    else if (m[2] !== undefined) out.push({ text: m[2], marks: [{ type: 'em' }] });
    else out.push({ text: m[3]!, marks: [{ type: 'link', href: m[4]! }] });
    at = m.index! + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out.length > 0 ? out : [{ text: '' }];
};

const serializeInline = (content: Inline[]): string =>
  content
    .map((i) => {
      let t = i.text;
      for (const mark of i.marks ?? []) t = wrap(t, mark);
      return t;
    })
    .join('');

const wrap = (text: string, mark: Mark): string =>
  mark.type === 'strong' ? `**${text}**` : mark.type === 'em' ? `*${text}*` : `[${text}](${mark.href})`;

export const serializeBodyMarkup = (body: Body): string =>
  body
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
          return serializeInline(b.content);
        case 'heading':
          return `${'#'.repeat(b.level)} ${serializeInline(b.content)}`;
        case 'quote':
          return `> ${serializeInline(b.content)}${b.cite ? `\n> — ${b.cite}` : ''}`;
        case 'list':
          return b.items.map((item, n) => `${b.ordered ? `${n + 1}.` : '-'} ${serializeInline(item)}`).join('\n');
        case 'image':
          return `[image ${b.mediaId}: ${b.alt}]`;
        case 'embed':
          return `[${b.title}](${b.url})`;
      }
    })
    .join('\n\n');
