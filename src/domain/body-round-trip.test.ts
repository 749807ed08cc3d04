import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pluginBlockOf, type Block, type Body, type BodyBlock, type Inline, type Mark } from './body.js';
import { mergeRuns, parseBodyMarkup, serializeBodyMarkup } from './body-markup.js';
import { bodyToTiptap, tiptapToBody } from './tiptap-body.js';

/**
 * Every kind of block, with text over the characters the markup gives meaning to, goes through both ways a
 * body travels in the newsroom (the markup in the form, and the rich editor's document) and comes back the
 * same, up to one spelling per meaning.
 */
const SYMBOLS = [
  ...['a', 'b', ' ', '*', '_', '[', ']', '(', ')', '\\', '#', '>', '-', '—', '!', '@', '1', '.', ':', 'é'],
  // Typographic quotes, as the rich editor types them, and straight ones.
  ...['“', '”', '‘', '’', '"', "'"],
];
const word = (max: number) =>
  fc
    .string({ unit: fc.constantFrom(...SYMBOLS), minLength: 1, maxLength: max })
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
const MARKS = fc
  .tuple(
    fc.subarray<Mark>([{ type: 'em' }, { type: 'strong' }]),
    fc.option(
      fc.constantFrom<Mark>(
        { type: 'link', href: 'https://example.com/a_(b)' },
        { type: 'link', href: 'https://example.com/a_(b)', newTab: true },
        { type: 'link', href: '/new-tab', newTab: true },
      ),
      { nil: undefined },
    ),
  )
  .map(([marks, link]) => (link ? [...marks, link] : marks));
const runs = fc
  .array(
    fc.record({ text: fc.string({ unit: fc.constantFrom(...SYMBOLS), minLength: 1, maxLength: 8 }), marks: MARKS }),
    { minLength: 1, maxLength: 4 },
  )
  .map((rs) => rs.map((r): Inline => (r.marks.length ? { text: r.text, marks: r.marks } : { text: r.text })))
  .filter((content) => normal(content).length > 0);

/** A plugin's block: any JSON data (no "type" of its own), with keys and strings over the markup's symbols too. */
const pluginBlock: fc.Arbitrary<BodyBlock> = fc
  .tuple(
    fc.constantFrom('poll', 'fact-box', 'x9'),
    fc.dictionary(
      fc.oneof(fc.string({ unit: fc.constantFrom(...SYMBOLS), maxLength: 6 }), fc.constantFrom('question', 'lat')),
      fc.oneof(fc.jsonValue({ maxDepth: 2 }), word(10)),
      { maxKeys: 4 },
    ),
  )
  .filter(([, data]) => !Object.hasOwn(data, 'type'))
  // Stored data is JSON: what JSON cannot tell apart (-0 and 0) is one value.
  .map(([type, data]) => pluginBlockOf(type, JSON.parse(JSON.stringify(data)))!);

const block: fc.Arbitrary<BodyBlock> = fc.oneof(
  pluginBlock,
  runs.map((content): Block => ({ type: 'paragraph', content })),
  fc
    .tuple(fc.constantFrom(2 as const, 3 as const), runs)
    .map(([level, content]): Block => ({ type: 'heading', level, content })),
  fc
    .tuple(runs, fc.option(word(10), { nil: undefined }))
    .map(([content, cite]): Block =>
      cite === undefined ? { type: 'quote', content } : { type: 'quote', content, cite },
    ),
  fc
    .tuple(fc.boolean(), fc.array(runs, { minLength: 1, maxLength: 3 }))
    .map(([ordered, items]): Block => ({ type: 'list', ordered, items })),
  fc
    .record({
      mediaId: fc.integer({ min: 1, max: 2_147_483_647 }),
      alt: word(12),
      caption: fc.option(word(12), { nil: undefined }),
      credit: fc.option(word(8), { nil: undefined }),
    })
    .map((i): Block => ({
      type: 'image',
      mediaId: i.mediaId,
      alt: i.alt,
      ...(i.caption ? { caption: i.caption } : {}),
      ...(i.credit ? { credit: i.credit } : {}),
    })),
  fc
    .record({
      url: fc.constantFrom(
        'https://example.com/v',
        'https://en.wikipedia.org/wiki/Mercury_(planet)',
        'http://example.org/a?b=(c',
      ),
      title: word(12),
    })
    .map((e): Block => ({ type: 'embed', ...e })),
);

/** One spelling per meaning: marks sorted, neighbours with equal marks joined, outer spaces of a block dropped. */
function normal(content: Inline[]): Inline[] {
  let out = mergeRuns(
    content.map((r) => ({ text: r.text, marks: [...(r.marks ?? [])].sort((a, b) => a.type.localeCompare(b.type)) })),
  );
  for (let before = ''; before !== JSON.stringify(out);) {
    before = JSON.stringify(out);
    out = mergeRuns(
      out.map((r, i) => ({
        ...r,
        text: (i === 0 ? r.text.trimStart() : r.text).replace(i === out.length - 1 ? /\s+$/ : /$^/, ''),
      })),
    );
  }
  return out.map((r) => (r.marks?.length ? r : { text: r.text }));
}

const normalBody = (body: Body): Body =>
  body.map((b) => {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        return { ...b, content: normal(b.content) };
      case 'quote':
        return { ...b, content: normal(b.content) };
      case 'list':
        return { ...b, items: b.items.map(normal) };
      default:
        return b;
    }
  });

describe('a body of every kind of block', () => {
  const bodies = fc.array(block, { minLength: 1, maxLength: 6 });

  it('comes back the same through the markup', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        expect(normalBody(parseBodyMarkup(serializeBodyMarkup(body)))).toEqual(normalBody(body));
      }),
      { numRuns: 1500 },
    );
  });

  it("comes back the same through the rich editor's document", () => {
    fc.assert(
      fc.property(bodies, (body) => {
        expect(normalBody(tiptapToBody(bodyToTiptap(body)))).toEqual(normalBody(body));
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps empty list items and headings typed in the markup instead of turning the block into text', () => {
    expect(parseBodyMarkup('- Milk\n- ')).toEqual([
      { type: 'list', ordered: false, items: [[{ text: 'Milk' }], [{ text: '' }]] },
    ]);
    expect(parseBodyMarkup('1. a\n2. ')).toEqual([
      { type: 'list', ordered: true, items: [[{ text: 'a' }], [{ text: '' }]] },
    ]);
    expect(parseBodyMarkup('## ')).toEqual([{ type: 'heading', level: 2, content: [{ text: '' }] }]);
    expect(
      parseBodyMarkup(
        serializeBodyMarkup([
          { type: 'paragraph', content: [{ text: '##' }] },
          { type: 'paragraph', content: [{ text: '-' }] },
          { type: 'paragraph', content: [{ text: '3.' }] },
        ]),
      ),
    ).toEqual([
      { type: 'paragraph', content: [{ text: '##' }] },
      { type: 'paragraph', content: [{ text: '-' }] },
      { type: 'paragraph', content: [{ text: '3.' }] },
    ]);
  });

  it('drops the empty items and headings the rich editor leaves when Enter is pressed', () => {
    expect(
      tiptapToBody({
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 } },
          {
            type: 'bulletList',
            content: [
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Milk' }] }] },
              { type: 'listItem', content: [{ type: 'paragraph' }] },
            ],
          },
        ],
      }),
    ).toEqual([{ type: 'list', ordered: false, items: [[{ text: 'Milk' }]] }]);
  });
});
