import type { Body, BodyBlock, Inline, Mark } from './body.js';
import { isPluginBlock } from './body-text.js';
import { parsePluginBlock, pluginBlockLine } from './plugin-block-markup.js';
import { MAX_ROW_ID } from './ids.js';

/**
 * A plain-text spelling of the structured body, for the newsroom's no-JavaScript editor, for the rich
 * editor's hidden field and for tools. Blocks are separated by blank lines:
 *
 *   ## Heading / ### Subheading       > quote lines, "> — Name" last for the source
 *   - bulleted item / 1. numbered item
 *   ![Alt text](media:12)             an image from the library; "Caption: …" and "Credit: …" lines may follow
 *   @[Title](https://…)               an embed
 *   ::poll{"question":"…"}            a plugin's block: its type, then its data as one JSON object
 *
 * Inline: **strong**, _emphasis_ (or *emphasis*), [words](https://link), and [words](https://link new-tab) for a
 * link that opens in a new tab. A backslash before any symbol
 * makes it plain text, and the serializer adds those escapes wherever text could be misread, so
 * parse(serialize(body)) gives the body back, and serialize(parse(x)) is stable.
 */
export const parseBodyMarkup = (text: string): Body => markupBlocks(text).map(parseBlock);

/** The markup of each block: the text between blank lines, trimmed. */
export const markupBlocks = (text: string): string[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.length > 0);

const IMAGE_LINE = /^!\[(.+)\]\(media:([1-9]\d{0,9})\)$/s;

const IMAGE_FIELD = /^(caption|credit):\s*(.*)$/i;
// The address runs to the line's last ")", so one with parentheses (Wikipedia's) survives.
// `s`: a title or alt text may hold U+2028 or U+2029, which `.` would not match otherwise (lines are split on \n).
const EMBED_LINE = /^@\[(.+)\]\((https?:\/\/\S+)\)$/s;
// A marker alone on its line is an empty item: the rich editor writes one when Enter starts a new item.
const BULLET_ITEM = /^[-*](?: |$)/;
const ORDERED_ITEM = /^\d+[.)](?: |$)/;

/**
 * What is wrong with the first chunk that starts like a plugin block (`::type{`) but is not one, or null: the parser
 * reads such a chunk as a paragraph, which the writer almost never means. For the save to say so.
 */
export const pluginBlockProblem = (text: string): string | null => {
  for (const chunk of markupBlocks(text)) {
    const start = /^::([a-z][a-z0-9-]*)\{/.exec(chunk);
    if (start && !parsePluginBlock(chunk))
      return `The "${start[1]}" block's data is not one JSON object: check its quotes, commas and braces.`;
  }
  return null;
};

const parseBlock = (chunk: string): BodyBlock => {
  const plugin = parsePluginBlock(chunk);
  if (plugin) return plugin;
  const lines = chunk.split('\n').map((l) => l.trim());
  const image = parseImage(lines);
  if (image) return image;
  const embed = lines.length === 1 ? EMBED_LINE.exec(lines[0]!) : null;
  if (embed) return { type: 'embed', title: unescape(embed[1]!), url: embed[2]! };
  const heading = /^(#{2,3})(?: (.*))?$/s.exec(chunk);
  if (heading)
    return {
      type: 'heading',
      level: heading[1]!.length === 2 ? 2 : 3,
      content: parseInline((heading[2] ?? '').replace(/\n/g, ' ')),
    };
  if (lines.every((l) => l.startsWith('>'))) {
    const body = lines.map((l) => l.replace(/^>\s?/, ''));
    const last = body[body.length - 1]!;
    const cite = body.length > 1 ? /^[—-]{1,2} (.+)$/.exec(last) : null;
    const text = (cite ? body.slice(0, -1) : body).join(' ').trim();
    return { type: 'quote', content: parseInline(text), ...(cite ? { cite: unescape(cite[1]!) } : {}) };
  }
  if (lines.every((l) => BULLET_ITEM.test(l)))
    return { type: 'list', ordered: false, items: lines.map((l) => parseInline(l.slice(2))) };
  if (lines.every((l) => ORDERED_ITEM.test(l))) {
    return { type: 'list', ordered: true, items: lines.map((l) => parseInline(l.replace(ORDERED_ITEM, ''))) };
  }
  return { type: 'paragraph', content: parseInline(lines.join(' ')) };
};

const parseImage = (lines: string[]): BodyBlock | null => {
  const head = IMAGE_LINE.exec(lines[0]!);
  if (!head || Number(head[2]) > MAX_ROW_ID) return null;
  const fields: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const field = IMAGE_FIELD.exec(line);
    if (!field) return null;
    fields[field[1]!.toLowerCase()] = field[2]!;
  }
  return {
    type: 'image',
    mediaId: Number(head[2]),
    alt: head[1]!,
    ...(fields.caption ? { caption: fields.caption } : {}),
    ...(fields.credit ? { credit: fields.credit } : {}),
  };
};

/** Characters a backslash can make plain: anything that is not a letter, digit or space. */
const ESCAPABLE = /[^\p{L}\p{N}\s]/u;
const unescape = (text: string): string => text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1');

/** Index of the next unescaped `token` in `text` at or after `from`, or -1. */
const findUnescaped = (text: string, token: string, from: number): number => {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length && ESCAPABLE.test(text[i + 1]!)) i++;
    else if (text.startsWith(token, i)) return i;
  }
  return -1;
};

/** Index of the `]` closing the `[` at `open`, counting nested brackets, or -1. */
const closingBracket = (text: string, open: number): number => {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length && ESCAPABLE.test(text[i + 1]!)) i++;
    else if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return i;
  }
  return -1;
};

/** What follows a link's address, inside its parentheses, when the link opens in a new tab. */
const NEW_TAB = ' new-tab)';

/**
 * "(address)" or "(address new-tab)" at `at`: no spaces in the address, parentheses inside only when balanced, as
 * in Wikipedia's addresses. The serializer percent-encodes an address's spaces, so " new-tab" can be nothing else.
 */
const linkTarget = (text: string, at: number): { href: string; newTab: boolean; end: number } | null => {
  if (text[at] !== '(') return null;
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i]!;
    const newTab = depth === 1 && i > at + 1 && text.startsWith(NEW_TAB, i);
    if (newTab) return { href: text.slice(at + 1, i), newTab, end: i + NEW_TAB.length };
    if (/\s/.test(c)) return null;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0)
      return i > at + 1 ? { href: text.slice(at + 1, i), newTab: false, end: i + 1 } : null;
  }
  return null;
};

/** An address as linkTarget reads it back: spaces and unbalanced parentheses percent-encoded. */
const spellHref = (href: string): string => {
  const clean = href.replace(/\s/g, encodeURIComponent);
  let depth = 0;
  for (const c of clean) {
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (depth < 0) break;
  }
  return depth === 0 ? clean : clean.replace(/[()]/g, encodeURIComponent);
};

const withMark = (inlines: Inline[], mark: Mark): Inline[] =>
  inlines.map((i) => ({ text: i.text, marks: [...(i.marks ?? []).filter((m) => m.type !== mark.type), mark] }));

const parseRuns = (text: string): Inline[] => {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && ESCAPABLE.test(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (text.startsWith('**', i)) {
      const end = findUnescaped(text, '**', i + 2);
      if (end > i + 2) {
        flush();
        out.push(...withMark(parseRuns(text.slice(i + 2, end)), { type: 'strong' }));
        i = end + 2;
        continue;
      }
    } else if (c === '_' || c === '*') {
      const end = findUnescaped(text, c, i + 1);
      if (end > i + 1 && !(c === '*' && text[end + 1] === '*')) {
        flush();
        out.push(...withMark(parseRuns(text.slice(i + 1, end)), { type: 'em' }));
        i = end + 1;
        continue;
      }
    } else if (c === '[') {
      const close = closingBracket(text, i);
      const target = close > i + 1 ? linkTarget(text, close + 1) : null;
      if (target) {
        flush();
        const link: Mark = { type: 'link', href: target.href, ...(target.newTab ? { newTab: true as const } : {}) };
        out.push(...withMark(parseRuns(text.slice(i + 1, close)), link));
        i = target.end;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
  return out;
};

export const parseInline = (text: string): Inline[] => {
  const out = mergeRuns(parseRuns(text));
  return out.length > 0 ? out : [{ text: '' }];
};

const sameMarks = (a: Inline, b: Inline): boolean => {
  const ka = (a.marks ?? []).map(markKey).sort().join(' ');
  const kb = (b.marks ?? []).map(markKey).sort().join(' ');
  return ka === kb;
};
const markKey = (m: Mark): string => (m.type === 'link' ? `link:${m.newTab ? 'new-tab:' : ''}${m.href}` : m.type);

/** Joins neighbouring runs with the same marks and drops empty ones: one spelling per meaning. */
export const mergeRuns = (content: Inline[]): Inline[] => {
  const out: Inline[] = [];
  for (const run of content) {
    if (run.text === '') continue;
    const last = out[out.length - 1];
    if (last && sameMarks(last, run)) out[out.length - 1] = { ...last, text: last.text + run.text };
    else out.push(run.marks?.length ? { text: run.text, marks: run.marks } : { text: run.text });
  }
  return out;
};

/** Backslashes before every symbol the inline syntax uses; line breaks become spaces. */
const escapeText = (text: string): string => text.replace(/\s*\n\s*/g, ' ').replace(/[\\*_[\]]/g, '\\$&');

/**
 * Inline runs as markup. Links are outermost, then strong, then emphasis, so nested marks never produce
 * ambiguous runs of asterisks; neighbouring runs that share a link are written inside one pair of brackets.
 */
const serializeInline = (content: Inline[]): string => {
  const runs = mergeRuns(content);
  let out = '';
  for (let i = 0; i < runs.length;) {
    const link = runs[i]!.marks?.find((m) => m.type === 'link');
    let j = i + 1;
    const key = link ? markKey(link) : '';
    while (link && j < runs.length && runs[j]!.marks?.some((m) => m.type === 'link' && markKey(m) === key)) j++;
    const inner = runs
      .slice(i, j)
      .map((r) => {
        let t = escapeText(r.text);
        if (r.marks?.some((m) => m.type === 'em')) t = `_${t}_`;
        if (r.marks?.some((m) => m.type === 'strong')) t = `**${t}**`;
        return t;
      })
      .join('');
    out += link ? `[${inner}](${spellHref(link.href)}${link.newTab ? NEW_TAB : ')'}` : inner;
    i = j;
  }
  return out;
};

/** A paragraph whose first characters would read as another block gets a backslash in front. */
const guardParagraph = (text: string): string =>
  /^(#{2,3}( |$)|>|[-*]( |$)|!\\?\[|@\\?\[|::)/.test(text)
    ? `\\${text}`
    : text.replace(/^(\d+)([.)])( |$)/, '$1\\$2$3');

export const serializeBodyMarkup = (body: Body): string =>
  body
    .map((b): string => {
      if (isPluginBlock(b)) return pluginBlockLine(b);
      switch (b.type) {
        case 'paragraph':
          return guardParagraph(serializeInline(b.content).trim());
        case 'heading':
          return `${'#'.repeat(b.level)} ${serializeInline(b.content)}`;
        case 'quote': {
          const text = serializeInline(b.content).trim();
          return `> ${/^[—-]/.test(text) ? `\\${text}` : text}${b.cite ? `\n> — ${escapeText(b.cite)}` : ''}`;
        }
        case 'list':
          return b.items.map((item, n) => `${b.ordered ? `${n + 1}.` : '-'} ${serializeInline(item)}`).join('\n');
        case 'image':
          return [
            `![${oneLine(b.alt)}](media:${b.mediaId})`,
            ...(b.caption ? [`Caption: ${oneLine(b.caption)}`] : []),
            ...(b.credit ? [`Credit: ${oneLine(b.credit)}`] : []),
          ].join('\n');
        case 'embed':
          return `@[${escapeText(b.title)}](${b.url.replace(/\s/g, encodeURIComponent)})`;
      }
    })
    .join('\n\n');

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();
