/**
 * A Ghost post's Lexical document (Ghost 5 and later; record 0027) turned into our body. `root.children` are
 * blocks: paragraphs, headings, quotes (and Ghost's `aside`), lists, and cards (ghost-cards.ts). Inside a block,
 * text nodes carry their styles as bit flags (1 bold, 2 italic, 4 strikethrough, 8 underline, 16 code…): bold and
 * italic become marks, the others plain words. Links keep their address where it is safe (as the HTML converter
 * decides), line breaks become spaces, nested lists join their parent list. Pure.
 */
import type { Inline, Mark } from './body-text.js';
import { card } from './ghost-cards.js';
import {
  createBodyOut,
  finish,
  heading,
  isRecord,
  jsonObject,
  linkedMarks,
  list,
  note,
  paragraph,
  quote,
  type BodyConversion,
  type BodyOut,
  type Payload,
} from './ghost-body-out.js';
import { createRunBuilder, withMark, type RunBuilder } from './html-to-body-runs.js';

const BOLD = 1;
const ITALIC = 2;
/** How deep inline nodes are followed; deeper ones are dropped (recursion must never overflow). */
const MAX_DEPTH = 64;

const childrenOf = (node: Payload): unknown[] => (Array.isArray(node.children) ? node.children : []);

const typeOf = (node: Payload): string => (typeof node.type === 'string' ? node.type : '');

/** The body of a Lexical document; null when the text is not one (the importer then tries the post's other forms). */
export function lexicalToBody(json: string, baseUrl: string | undefined): BodyConversion | null {
  const root = jsonObject(json)?.root;
  if (!isRecord(root) || !Array.isArray(root.children)) return null;
  const out = createBodyOut(baseUrl);
  for (const node of root.children) if (isRecord(node)) block(out, node);
  return finish(out);
}

function block(out: BodyOut, node: Payload): void {
  const type = typeOf(node);
  switch (type) {
    case 'paragraph':
      return paragraph(out, inline(out, childrenOf(node)));
    case 'heading':
    case 'extended-heading':
      return heading(out, typeof node.tag === 'string' ? node.tag : 'h2', inline(out, childrenOf(node)));
    case 'quote':
    case 'aside':
    case 'extended-quote':
      return quote(out, inline(out, childrenOf(node)));
    case 'list':
      return list(out, node.listType === 'number' || node.tag === 'ol', items(out, node, 0));
    case 'linebreak':
      return;
  }
  if (Array.isArray(node.children)) {
    note(out, `A "${type}" block was read as text`);
    return paragraph(out, inline(out, node.children));
  }
  card(out, type, node);
}

/** A list's items in order; a nested list's items follow the item that holds it (the body has no nesting). */
function items(out: BodyOut, listNode: Payload, depth: number): Inline[][] {
  const found: Inline[][] = [];
  for (const item of childrenOf(listNode)) {
    if (!isRecord(item)) continue;
    const nested = childrenOf(item).filter((c): c is Payload => isRecord(c) && typeOf(c) === 'list');
    found.push(
      inline(
        out,
        childrenOf(item).filter((c) => !nested.includes(c as Payload)),
      ),
    );
    for (const sub of nested) {
      if (depth >= MAX_DEPTH) {
        note(out, 'A list nested too deeply was dropped');
        continue;
      }
      note(out, 'A nested list was flattened into its parent list');
      found.push(...items(out, sub, depth + 1));
    }
  }
  return found;
}

function inline(out: BodyOut, nodes: unknown[]): Inline[] {
  const runs = createRunBuilder();
  gather(out, nodes, [], runs, 0);
  return runs.take();
}

function gather(out: BodyOut, nodes: unknown[], marks: readonly Mark[], runs: RunBuilder, depth: number): void {
  if (depth > MAX_DEPTH) return note(out, 'Text nested too deeply was dropped');
  for (const node of nodes) {
    if (!isRecord(node)) continue;
    const type = typeOf(node);
    if (type === 'linebreak') {
      runs.lineBreak();
    } else if (type === 'tab') {
      runs.text(' ', marks);
    } else if (type === 'link' || type === 'autolink' || type === 'at-link') {
      const href = typeof node.url === 'string' ? node.url : '';
      const linked = href === '' ? marks : linkedMarks(out, marks, href, node.target === '_blank');
      gather(out, childrenOf(node), linked, runs, depth + 1);
    } else if (typeof node.text === 'string') {
      runs.text(node.text, styled(marks, node.format));
    } else if (Array.isArray(node.children)) {
      gather(out, node.children, marks, runs, depth + 1);
    } else {
      note(out, `A "${type}" inside a paragraph was dropped`);
    }
  }
}

/** Bold and italic of a text node's flags as marks; the other styles have none in our body. */
function styled(marks: readonly Mark[], format: unknown): readonly Mark[] {
  if (typeof format !== 'number') return marks;
  let out = marks;
  if (format & BOLD) out = withMark(out, { type: 'strong' });
  if (format & ITALIC) out = withMark(out, { type: 'em' });
  return out;
}
