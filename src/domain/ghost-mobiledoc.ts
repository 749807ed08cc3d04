/**
 * A Ghost post's Mobiledoc document (Ghost 1 to 4, and posts not yet opened in Ghost 5's editor; record 0027) turned
 * into our body. Mobiledoc 0.3 keeps its markups, atoms and cards in tables that sections point into: a markup
 * section (`[1, "p", markers]`: paragraphs, headings, quotes), an image section (`[2, src]`), a list
 * (`[3, "ul", items]`) and a card (`[10, index]`, ghost-cards.ts). A marker opens markups by index, gives its text
 * (or an atom's: Ghost's soft-return is a line break) and closes the last N it opened. Pure.
 */
import type { Inline, Mark } from './body-text.js';
import { card } from './ghost-cards.js';
import {
  createBodyOut,
  finish,
  heading,
  image,
  isRecord,
  jsonObject,
  linkedMarks,
  list,
  note,
  paragraph,
  quote,
  type BodyConversion,
  type BodyOut,
} from './ghost-body-out.js';
import { createRunBuilder, withMark } from './html-to-body-runs.js';

interface Doc {
  markups: unknown[];
  atoms: unknown[];
  cards: unknown[];
}

const MARKUP_SECTION = 1;
const IMAGE_SECTION = 2;
const LIST_SECTION = 3;
const CARD_SECTION = 10;
const TEXT_MARKER = 0;
const ATOM_MARKER = 1;

const arrayAt = (value: unknown, i: number): unknown[] =>
  Array.isArray(value) && Array.isArray(value[i]) ? (value[i] as unknown[]) : [];
const stringAt = (value: unknown, i: number): string =>
  Array.isArray(value) && typeof value[i] === 'string' ? (value[i] as string) : '';

/** The body of a Mobiledoc 0.3 document; null when the text is not one (the importer then tries the post's HTML). */
export function mobiledocToBody(json: string, baseUrl: string | undefined): BodyConversion | null {
  const parsed = jsonObject(json);
  if (!parsed || !Array.isArray(parsed.sections)) return null;
  if (typeof parsed.version !== 'string' || !parsed.version.startsWith('0.3')) return null;
  const doc: Doc = {
    markups: Array.isArray(parsed.markups) ? parsed.markups : [],
    atoms: Array.isArray(parsed.atoms) ? parsed.atoms : [],
    cards: Array.isArray(parsed.cards) ? parsed.cards : [],
  };
  const out = createBodyOut(baseUrl);
  for (const s of parsed.sections) if (Array.isArray(s)) section(out, doc, s);
  return finish(out);
}

function section(out: BodyOut, doc: Doc, s: unknown[]): void {
  const tag = stringAt(s, 1).toLowerCase();
  switch (s[0]) {
    case MARKUP_SECTION:
      return markupSection(out, tag, markers(out, doc, arrayAt(s, 2)));
    case IMAGE_SECTION:
      return image(out, { src: stringAt(s, 1), alt: '', caption: '' });
    case LIST_SECTION:
      return list(
        out,
        tag === 'ol',
        arrayAt(s, 2).map((item) => markers(out, doc, Array.isArray(item) ? item : [])),
      );
    case CARD_SECTION: {
      const found = typeof s[1] === 'number' ? doc.cards[s[1]] : undefined;
      const payload = Array.isArray(found) && isRecord(found[1]) ? found[1] : {};
      if (Array.isArray(found) && typeof found[0] === 'string') return card(out, found[0], payload);
      return note(out, 'A card missing from the document was dropped');
    }
  }
  note(out, 'A section of an unknown kind was dropped');
}

function markupSection(out: BodyOut, tag: string, runs: Inline[]): void {
  if (/^h[1-6]$/.test(tag)) return heading(out, tag, runs);
  if (tag === 'blockquote' || tag === 'aside' || tag === 'pull-quote') return quote(out, runs);
  if (tag !== 'p') note(out, `A "${tag}" section was read as a paragraph`);
  paragraph(out, runs);
}

/** A section's markers as runs: each opens markups (by index), gives its words, then closes the last N opened. */
function markers(out: BodyOut, doc: Doc, list: unknown[]): Inline[] {
  const runs = createRunBuilder();
  const open: (readonly Mark[])[] = [];
  for (const marker of list) {
    if (!Array.isArray(marker)) continue;
    for (const index of arrayAt(marker, 1)) {
      const markup = typeof index === 'number' ? doc.markups[index] : undefined;
      open.push(withMarkup(out, open.at(-1) ?? [], markup));
    }
    const marks = open.at(-1) ?? [];
    if (marker[0] === TEXT_MARKER) runs.text(stringAt(marker, 3), marks);
    else if (marker[0] === ATOM_MARKER) {
      const atom = typeof marker[3] === 'number' ? doc.atoms[marker[3]] : undefined;
      if (stringAt(atom, 0) === 'soft-return') runs.lineBreak();
      else runs.text(stringAt(atom, 1), marks);
    }
    const closed = typeof marker[2] === 'number' ? marker[2] : 0;
    open.splice(Math.max(0, open.length - closed), closed);
  }
  return runs.take();
}

/** The marks inside a markup: `a` links (its attributes a flat list: href, url, target, _blank), b/strong, i/em. */
function withMarkup(out: BodyOut, marks: readonly Mark[], markup: unknown): readonly Mark[] {
  switch (stringAt(markup, 0).toLowerCase()) {
    case 'a': {
      const attrs = arrayAt(markup, 1);
      const value = (name: string) => {
        const at = attrs.findIndex((a, i) => i % 2 === 0 && a === name);
        return at >= 0 && typeof attrs[at + 1] === 'string' ? (attrs[at + 1] as string) : '';
      };
      const href = value('href');
      return href === '' ? marks : linkedMarks(out, marks, href, value('target') === '_blank');
    }
    case 'b':
    case 'strong':
      return withMark(marks, { type: 'strong' });
    case 'i':
    case 'em':
      return withMark(marks, { type: 'em' });
    default:
      return marks;
  }
}
