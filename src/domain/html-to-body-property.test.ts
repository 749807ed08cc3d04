import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodySchemaWith, bodyText } from './body.js';
import type { Block } from './body-text.js';
import { htmlToBody, htmlToPlainText, type ConvertedBlock } from './html-to-body.js';

/** The schema a save checks a body against (no plugins loaded: converted HTML holds core blocks only). */
const SAVED_BODY = bodySchemaWith(new Map());

/** A caller's resolution of each image source: a library image, alt text given when the HTML had none. */
const asSaved = (blocks: ConvertedBlock[]): Block[] =>
  blocks.map((b) =>
    b.type === 'image-source'
      ? {
          type: 'image',
          mediaId: 7,
          alt: b.image.alt || 'image',
          ...(b.image.caption === undefined ? {} : { caption: b.image.caption }),
          ...(b.image.credit === undefined ? {} : { credit: b.image.credit }),
        }
      : b,
  );

const TAGS = [
  'p', 'div', 'span', 'h1', 'h2', 'h3', 'h6', 'ul', 'ol', 'li', 'blockquote', 'cite', 'footer', 'figure',
  'figcaption', 'small', 'em', 'i', 'strong', 'b', 'a', 'table', 'tr', 'td', 'pre', 'section', 'svg', 'math',
  'script', 'style', 'template', 'noscript', 'iframe', 'video', 'source', 'textarea', 'select', 'form', 'x-card',
]; // prettier-ignore
const ATTRIBUTES = [
  'href="https://example.org/a"', 'href="javascript:alert(1)"', 'href="/path"', 'href="rel/ative"',
  'href="mailto:a@b.example"', 'src="https://www.youtube.com/embed/abcdef12"', 'src="data:x"', 'src="/i.jpg"',
  'alt="words"', 'class="wp-block-embed"', 'class="photo-credit"', 'class="twitter-tweet"', 'target="_blank"',
  'onclick="x()"', 'srcdoc="<b>x</b>"', 'title="T"',
]; // prettier-ignore
const PIECES = [
  '<!--more-->', '<!--nextpage-->', '<!-- wp:paragraph -->', '<!-- /wp:paragraph -->', '\n\n', '\n', '<br>',
  '<br><br>', '&nbsp;', '&amp;', '&lt;', '&#x1F600;', '&bogus;', ']]>', '<![CDATA[', '[caption]', '[/caption]',
  '[embed]https://vimeo.com/1[/embed]', '[gallery ids="1"]', 'https://x.com/a/status/1', '<hr>', '<img src="/a.jpg">',
]; // prettier-ignore

const tagSoup = fc
  .array(
    fc.oneof(
      fc
        .record({ tag: fc.constantFrom(...TAGS), attrs: fc.array(fc.constantFrom(...ATTRIBUTES), { maxLength: 3 }) })
        .map(({ tag, attrs }) => `<${[tag, ...attrs].join(' ')}>`),
      fc.constantFrom(...TAGS).map((tag) => `</${tag}>`),
      fc.constantFrom(...PIECES),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const checkConversion = (html: string) => {
  const result = htmlToBody(html);
  // The converter's last resort (an empty body and a note) must never be what an input gets.
  expect(result.notes.join()).not.toContain('could not be read');
  const saved = SAVED_BODY.safeParse(asSaved(result.blocks));
  expect(saved.success, JSON.stringify(saved.error?.issues[0])).toBe(true);
  if (result.moreAt !== undefined) expect(result.moreAt).toBeLessThanOrEqual(result.blocks.length);
  for (const block of result.blocks) {
    if (block.type === 'paragraph') expect(block.content.length).toBeGreaterThan(0);
  }
  expect(typeof htmlToPlainText(html)).toBe('string');
};

describe('htmlToBody on any input', () => {
  it('never throws on arbitrary strings, and gives a body a save accepts', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), checkConversion), { numRuns: 500 });
  });

  it('never throws on tag soup, and gives a body a save accepts', () => {
    fc.assert(fc.property(tagSoup, checkConversion), { numRuns: 1000 });
  });

  it('holds the schema for inputs past its limits (long text, many runs, items and blocks)', () => {
    const many = (n: number, piece: string) => piece.repeat(n);
    for (const html of [
      `<h2>${many(700, '<b>x</b>y')}</h2>`,
      `<blockquote>${many(700, '<i>a</i>b')}</blockquote>`,
      `<p>${many(700, '<b>x</b>y')}</p>`,
      `<ul><li>${many(700, '<b>x</b>y')}</li></ul>`,
      `<ol>${many(650, '<li>i</li>')}</ol>`,
      many(2300, '<p>p</p>'),
      `<figure><img src="/a.jpg" alt="${'a'.repeat(900)}"><figcaption>${'c'.repeat(1500)}<small>${'r'.repeat(400)}</small></figcaption></figure>`,
      `<a href="https://example.org/${'z'.repeat(3000)}">long</a>`,
      `<iframe src="https://example.org/${'z'.repeat(3000)}" title="${'t'.repeat(500)}"></iframe>`,
      '<div>'.repeat(20_000) + 'deep' + '</div>'.repeat(20_000),
      '<ul><li>'.repeat(5000) + 'deep list',
      '<blockquote>'.repeat(5000) + 'deep quote',
    ])
      checkConversion(html);
  });

  it('reads markup nested deeper than the walk follows as plain text', () => {
    for (const html of [
      '<div>'.repeat(20_000) + 'deep words',
      '<ul><li>'.repeat(5000) + 'deep words',
      '<blockquote>'.repeat(5000) + 'deep words',
      '<span><em>'.repeat(10_000) + 'deep words',
    ]) {
      const result = htmlToBody(html);
      expect(bodyText(asSaved(result.blocks))).toContain('deep words');
      expect(result.notes.join()).toContain('nested too deeply');
    }
  });
});
