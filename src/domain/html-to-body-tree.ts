/**
 * What the HTML converter's steps share (html-to-body.ts and its -walk, -blocks and -media modules): the parsed
 * tree's node types and how to read them, the walk's state and scopes, notes, and the two moves every block
 * makes: end the paragraph being gathered (flush) and gather a block's words on their own (collect).
 */
import type { DefaultTreeAdapterTypes } from 'parse5';
import { inlineText, type Inline, type Mark } from './body-text.js';
import { bareEmbedUrl, embedTitle } from './html-to-body-embeds.js';
import { createRunBuilder, paragraphChunks, type RunBuilder } from './html-to-body-runs.js';
import type { ConvertedBlock } from './html-to-body.js';

export type Node = DefaultTreeAdapterTypes.ChildNode;
export type Element = DefaultTreeAdapterTypes.Element;

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * Elements dropped with all they hold: script and what runs or styles, forms, and what names media outside the
 * HTML. SVG and MathML (any element outside HTML's namespace) are dropped too, in isHtml's callers.
 */
// prettier-ignore
export const DROPPED: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'object', 'embed', 'applet', 'param', 'form', 'input', 'button',
  'select', 'option', 'optgroup', 'datalist', 'textarea', 'output', 'progress', 'meter', 'canvas', 'map', 'area',
  'frame', 'frameset', 'noframes', 'noembed', 'title', 'meta', 'link', 'base', 'head', 'dialog', 'slot', 'portal',
  'source', 'track',
]);

/** Elements whose words run on in the line around them; any other element is a block of its own. */
// prettier-ignore
const INLINE: ReadonlySet<string> = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark',
  'q', 'rp', 'rt', 'ruby', 'rb', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt',
  'u', 'var', 'wbr', 'big', 'nobr', 'label', 'img', 'picture',
]);

/** How deep the walk follows nesting; anything deeper is read as plain text (recursion must never overflow). */
export const MAX_DEPTH = 256;

export const isElement = (node: Node): node is Element => 'tagName' in node;
export const isHtml = (el: Element): boolean => el.namespaceURI === HTML_NS;
export const isInline = (el: Element): boolean => INLINE.has(el.tagName);

export const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;

export const hasClass = (el: Element, part: string): boolean =>
  (attr(el, 'class') ?? '')
    .toLowerCase()
    .split(/\s+/)
    .some((c) => c.includes(part));

/** The HTML elements under `el` (not `el` itself) that `pick` wants, in order; `enter` says where to look inside. */
export const descendants = (
  el: Element,
  pick: (e: Element) => boolean,
  enter: (e: Element) => boolean = () => true,
): Element[] => {
  const found: Element[] = [];
  const stack: Node[] = [...el.childNodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node) || !isHtml(node) || DROPPED.has(node.tagName)) continue;
    if (pick(node)) found.push(node);
    if (enter(node)) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return found;
};

/** The words of some nodes, as a reader sees them: dropped elements left out, blocks apart, spaces collapsed. */
export const textOf = (nodes: readonly Node[], skip: (e: Element) => boolean = () => false): string => {
  const parts: string[] = [];
  const stack: (Node | null)[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) parts.push(' ');
    else if (node.nodeName === '#text' && 'value' in node) parts.push(node.value);
    else if (isElement(node)) {
      if (!isHtml(node) || DROPPED.has(node.tagName) || skip(node)) continue;
      const apart = !isInline(node);
      if (apart) stack.push(null);
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
      if (apart || node.tagName === 'br') stack.push(null);
    }
  }
  return parts
    .join('')
    .replace(/[ \t\n\f\r]+/g, ' ')
    .trim();
};

/** Where the walk is: how its words are gathered, with which marks, and where its blocks go. */
export interface Scope {
  /** True where loose words make paragraphs and blocks go out in place; false inside a heading, item or quote. */
  flow: boolean;
  runs: RunBuilder;
  marks: readonly Mark[];
  emit: (block: ConvertedBlock) => void;
  /** Inside <pre>: each line break ends a paragraph. */
  pre: boolean;
  depth: number;
}

export interface State {
  baseUrl: string | undefined;
  blocks: ConvertedBlock[];
  notes: Map<string, number>;
  moreAt: number | undefined;
  /** A <!--more--> inside a heading, item or quote: it counts after the block that holds it. */
  moreAfterBlock: boolean;
  /** Elements already read by another (a figure's credit, a quote's cite): the walk passes them by. */
  skip: Set<Element>;
  walk: (node: Node, scope: Scope, st: State) => void;
}

export const note = (st: State, text: string): void => {
  st.notes.set(text, (st.notes.get(text) ?? 0) + 1);
};

export const children = (el: Element | readonly Node[], scope: Scope, st: State): void => {
  const inner = { ...scope, depth: scope.depth + 1 };
  for (const child of Array.isArray(el) ? el : (el as Element).childNodes) st.walk(child, inner, st);
};

/** Ends the paragraph being gathered (in flow), or leaves a word break (inside a block). */
export const flush = (scope: Scope, st: State): void => {
  if (!scope.flow) return scope.runs.space();
  const runs = scope.runs.take();
  if (runs.length === 0) return;
  const url = bareEmbedUrl(inlineText(runs));
  if (url) return scope.emit({ type: 'embed', url, title: embedTitle(undefined, url) });
  for (const content of paragraphChunks(runs)) scope.emit({ type: 'paragraph', content });
  if (runs.length > 500) note(st, 'A very long paragraph was split in several');
};

/** A block element walked as a box of words and blocks: what came before ends, its own words, then it ends. */
export const container = (el: Element, scope: Scope, st: State): void => {
  flush(scope, st);
  children(el, scope, st);
  flush(scope, st);
};

/** Gathers one block's words on their own; what cannot be inside it (images, embeds) comes back to follow it. */
export const collect = (
  st: State,
  depth: number,
  fill: (scope: Scope) => void,
): { runs: Inline[]; deferred: ConvertedBlock[] } => {
  const deferred: ConvertedBlock[] = [];
  const runs = createRunBuilder();
  fill({ flow: false, runs, marks: [], emit: (b) => deferred.push(b), pre: false, depth });
  return { runs: runs.take(), deferred };
};
