/**
 * Where the Lexical and Mobiledoc converters (ghost-lexical.ts, ghost-mobiledoc.ts; record 0027) put what they read:
 * our body's blocks (body-text.ts), each held to the body schema's limits as the HTML converter holds them
 * (html-to-body-runs.ts), images left for the importer to find in the media library, and notes of what changed.
 */
import { inlineText, type Inline, type Mark } from './body-text.js';
import { bareEmbedUrl, embedTitle, imageSource, linkMark } from './html-to-body-embeds.js';
import { fitRuns, fitText, LIMITS, paragraphChunks, withMark } from './html-to-body-runs.js';
import { htmlToBody, htmlToPlainText, type ConvertedBlock, type HtmlConversion } from './html-to-body.js';
import { groupDigits } from './digits.js';

export type Payload = Record<string, unknown>;

/** A converted body: blocks (images still to load) and notes of what changed. */
export interface BodyConversion {
  blocks: ConvertedBlock[];
  notes: string[];
}

export const isRecord = (value: unknown): value is Payload =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A document kept as JSON text (a post's `lexical` or `mobiledoc`) as an object; null when it is none. */
export function jsonObject(text: string): Payload | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export interface BodyOut {
  /** The old site's address, for its relative links and images; undefined when not known. */
  baseUrl: string | undefined;
  blocks: ConvertedBlock[];
  notes: Map<string, number>;
  /** Notes the HTML converter wrote (html and markdown cards), as it wrote them. */
  htmlNotes: string[];
}

export const createBodyOut = (baseUrl: string | undefined): BodyOut => ({
  baseUrl,
  blocks: [],
  notes: new Map(),
  htmlNotes: [],
});

export const note = (out: BodyOut, text: string): void => {
  out.notes.set(text, (out.notes.get(text) ?? 0) + 1);
};

/** Ghost 4 and later export the site's own address as `__GHOST_URL__`: the old site's, or a path when unknown. */
export const siteAddresses = (text: string, baseUrl: string | undefined): string =>
  text.replaceAll('__GHOST_URL__', (baseUrl ?? '').replace(/\/+$/, ''));

/** A link's mark added to the marks, or the marks as they are when its address is not kept (said in a note). */
export const linkedMarks = (out: BodyOut, marks: readonly Mark[], href: string, newTab: boolean): readonly Mark[] => {
  const result = linkMark(siteAddresses(href, out.baseUrl), out.baseUrl, newTab);
  if ('mark' in result) return withMark(marks, result.mark);
  note(out, result.dropped);
  return marks;
};

/** A paragraph's runs: an embed when they are only a provider's address, else paragraphs the schema takes. */
export function paragraph(out: BodyOut, runs: Inline[]): void {
  if (runs.length === 0) return;
  const url = bareEmbedUrl(inlineText(runs));
  if (url) {
    out.blocks.push({ type: 'embed', url, title: embedTitle(undefined, url) });
    return;
  }
  for (const content of paragraphChunks(runs)) out.blocks.push({ type: 'paragraph', content });
  if (runs.length > LIMITS.runs) note(out, 'A very long paragraph was split in several');
}

/** h1 and h2 are the body's level 2 (the page's own h1 is the headline); h3 to h6 are its level 3. */
export function heading(out: BodyOut, tag: string, runs: Inline[]): void {
  if (runs.length === 0) return;
  const level = tag === 'h1' || tag === 'h2' ? 2 : 3;
  out.blocks.push({
    type: 'heading',
    level,
    content: fitRuns(runs, () => note(out, 'A very long heading was cut short')),
  });
}

export function quote(out: BodyOut, runs: Inline[]): void {
  if (runs.length === 0) return;
  out.blocks.push({ type: 'quote', content: fitRuns(runs, () => note(out, 'A very long quote was cut short')) });
}

/** A list; items beyond what one list block holds go on in another. */
export function list(out: BodyOut, ordered: boolean, items: Inline[][]): void {
  const kept = items
    .filter((item) => item.length > 0)
    .map((item) => fitRuns(item, () => note(out, 'A very long list item was cut short')));
  for (let i = 0; i < kept.length; i += LIMITS.listItems)
    out.blocks.push({ type: 'list', ordered, items: kept.slice(i, i + LIMITS.listItems) });
}

/** An image for the importer to find or load; its caption is HTML in Ghost, read as plain words. */
export function image(out: BodyOut, raw: { src: string; alt: string; caption: string }): void {
  const src = raw.src.trim() === '' ? null : imageSource(siteAddresses(raw.src, out.baseUrl), out.baseUrl);
  if (src === null) return note(out, 'An image whose address is not a web address was dropped');
  const cutShort = (what: string) => () => note(out, `An image's ${what} was cut short`);
  const caption = fitText(htmlToPlainText(raw.caption), LIMITS.caption, cutShort('caption'));
  out.blocks.push({
    type: 'image-source',
    image: {
      src,
      alt: fitText(raw.alt, LIMITS.alt, cutShort('alt text')),
      ...(caption !== '' ? { caption } : {}),
    },
  });
}

/** HTML (an html card, a caption, a callout's text) through the HTML converter, its blocks and notes kept. */
export function html(out: BodyOut, source: string): HtmlConversion['blocks'] {
  const converted = htmlToBody(siteAddresses(source, out.baseUrl), out.baseUrl ? { baseUrl: out.baseUrl } : {});
  out.blocks.push(...converted.blocks);
  out.htmlNotes.push(...converted.notes);
  return converted.blocks;
}

/** The body, cut to what the schema holds, and every note once (with its count). */
export function finish(out: BodyOut): BodyConversion {
  let blocks = out.blocks;
  if (blocks.length > LIMITS.blocks) {
    note(out, `The body was cut to its first ${groupDigits(LIMITS.blocks)} blocks`);
    blocks = blocks.slice(0, LIMITS.blocks);
  }
  const own = [...out.notes].map(([text, count]) => (count > 1 ? `${text} (${count} times).` : `${text}.`));
  return { blocks, notes: [...new Set([...own, ...out.htmlNotes])] };
}
