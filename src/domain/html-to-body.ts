/**
 * HTML from elsewhere (WordPress's classic and block editors, Ghost's html, the Admin API's `?source=html`) turned
 * into our structured body (body-text.ts), never kept as HTML: record 0020. The HTML is parsed by parse5 as a
 * browser would parse it, then walked once (html-to-body-walk.ts): paragraphs, headings, lists, quotes, images
 * (left for the caller to find in the media library) and embeds come out; what the body cannot hold gives its words
 * as text or is dropped, and each change is said in a note. Every result fits the body schema (body.ts).
 */
import { parseFragment } from 'parse5';
import type { Block } from './body-text.js';
import { expandShortcodes } from './html-to-body-shortcodes.js';
import { LIMITS, createRunBuilder } from './html-to-body-runs.js';
import { flush, textOf, type Scope, type State } from './html-to-body-tree.js';
import { walkNode } from './html-to-body-walk.js';
import { groupDigits } from './digits.js';

export interface HtmlImage {
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
}
/** A block of the body, or an image still to be found in the media library (the caller resolves or drops it). */
export type ConvertedBlock = Block | { type: 'image-source'; image: HtmlImage };
export interface HtmlConversion {
  blocks: ConvertedBlock[];
  /** Human-readable notes of what was dropped or changed (unknown elements made text, scripts removed...). */
  notes: string[];
  /** Index in blocks where `<!--more-->` stood, when it did. */
  moreAt?: number;
}

export function htmlToBody(html: string, options: { baseUrl?: string } = {}): HtmlConversion {
  try {
    return convert(String(html), options.baseUrl);
  } catch {
    // Nothing known throws here (deep nesting is read as text, addresses are parsed in try); should something new,
    // the caller gets a clear note rather than an import or a request that fails.
    return { blocks: [], notes: ['The HTML could not be read, so nothing of it was kept.'] };
  }
}

/** Titles and excerpts: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToPlainText(html: string): string {
  try {
    // A title's no-break spaces are collapsed too: a headline is one line of plain words.
    return textOf(parseFragment(String(html)).childNodes)
      .replace(/\s+/g, ' ')
      .trim();
  } catch {
    return '';
  }
}

function convert(html: string, baseUrl: string | undefined): HtmlConversion {
  const shortcodes = expandShortcodes(html);
  const st: State = {
    baseUrl: undefined,
    blocks: [],
    notes: new Map(),
    moreAt: undefined,
    moreAfterBlock: false,
    skip: new Set(),
    walk: walkNode,
  };
  if (baseUrl !== undefined) st.baseUrl = usableBase(baseUrl, st);
  for (const text of shortcodes.notes) st.notes.set(text, (st.notes.get(text) ?? 0) + 1);
  const root: Scope = {
    flow: true,
    runs: createRunBuilder(),
    marks: [],
    pre: false,
    depth: 0,
    emit: (block) => {
      st.blocks.push(block);
      if (st.moreAfterBlock) {
        st.moreAt = st.blocks.length;
        st.moreAfterBlock = false;
      }
    },
  };
  for (const node of parseFragment(shortcodes.html).childNodes) walkNode(node, root, st);
  flush(root, st);
  return finish(st);
}

/** The base address when it is an absolute http(s) one; any other is ignored, and said so. */
function usableBase(baseUrl: string, st: State): string | undefined {
  try {
    if (/^https?:$/.test(new URL(baseUrl).protocol)) return baseUrl;
  } catch {
    // Said below.
  }
  st.notes.set('The base address is not an http(s) address, so relative links were not made absolute', 1);
  return undefined;
}

function finish(st: State): HtmlConversion {
  let blocks = st.blocks;
  if (blocks.length > LIMITS.blocks) {
    st.notes.set(`The body was cut to its first ${groupDigits(LIMITS.blocks)} blocks`, 1);
    blocks = blocks.slice(0, LIMITS.blocks);
  }
  const notes = [...st.notes].map(([text, count]) => (count > 1 ? `${text} (${count} times).` : `${text}.`));
  if (st.moreAfterBlock) st.moreAt = st.blocks.length;
  const moreAt = st.moreAt !== undefined && st.moreAt <= blocks.length ? st.moreAt : undefined;
  return moreAt === undefined ? { blocks, notes } : { blocks, notes, moreAt };
}
