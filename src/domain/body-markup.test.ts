import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paragraph, pluginBlockOf, type Body, type Inline, type Mark } from './body.js';
import { mergeRuns, parseBodyMarkup, pluginBlockProblem, serializeBodyMarkup } from './body-markup.js';

describe('parseBodyMarkup', () => {
  it('splits paragraphs at blank lines and joins wrapped lines', () => {
    expect(parseBodyMarkup('First line\ncontinues.\n\nSecond.')).toEqual([
      { type: 'paragraph', content: [{ text: 'First line continues.' }] },
      { type: 'paragraph', content: [{ text: 'Second.' }] },
    ]);
  });

  it('reads headings, quotes with a source, and both kinds of list', () => {
    const body = parseBodyMarkup(
      '## Background\n\n> We will rebuild.\n> — The mayor\n\n- one\n- two\n\n1. first\n2. second',
    );
    expect(body.map((b) => b.type)).toEqual(['heading', 'quote', 'list', 'list']);
    expect(body[1]).toEqual({ type: 'quote', content: [{ text: 'We will rebuild.' }], cite: 'The mayor' });
    expect(body[3]).toMatchObject({ ordered: true, items: [[{ text: 'first' }], [{ text: 'second' }]] });
  });

  it('reads emphasis, strong words and links', () => {
    expect(parseBodyMarkup('A *quiet* and **firm** [reply](https://example.com/r).')[0]).toEqual({
      type: 'paragraph',
      content: [
        { text: 'A ' },
        { text: 'quiet', marks: [{ type: 'em' }] },
        { text: ' and ' },
        { text: 'firm', marks: [{ type: 'strong' }] },
        { text: ' ' },
        { text: 'reply', marks: [{ type: 'link', href: 'https://example.com/r' }] },
        { text: '.' },
      ],
    });
  });

  it('reads a link that opens in a new tab, and gives it back spelt the same', () => {
    const text = 'See [the report](https://example.com/r_(1) new-tab) and [the map](/map).';
    expect(parseBodyMarkup(text)[0]).toEqual({
      type: 'paragraph',
      content: [
        { text: 'See ' },
        { text: 'the report', marks: [{ type: 'link', href: 'https://example.com/r_(1)', newTab: true }] },
        { text: ' and ' },
        { text: 'the map', marks: [{ type: 'link', href: '/map' }] },
        { text: '.' },
      ],
    });
    expect(serializeBodyMarkup(parseBodyMarkup(text))).toBe(text);
    // Any other words after the address leave the brackets as typed text, as before.
    expect(parseBodyMarkup('[a](https://example.com/ new-window)')[0]).toEqual({
      type: 'paragraph',
      content: [{ text: '[a](https://example.com/ new-window)' }],
    });
  });

  it('keeps the same words linked to one address in and out of a new tab as two links', () => {
    const body: Body = [
      {
        type: 'paragraph',
        content: [
          { text: 'here', marks: [{ type: 'link', href: '/a' }] },
          { text: 'there', marks: [{ type: 'link', href: '/a', newTab: true }] },
        ],
      },
    ];
    expect(serializeBodyMarkup(body)).toBe('[here](/a)[there](/a new-tab)');
    expect(parseBodyMarkup(serializeBodyMarkup(body))).toEqual(body);
  });

  it('keeps typographic quotes and apostrophes as they are', () => {
    const text = '“It’s ‘ours’,” she said. "Straight" too.';
    expect(parseBodyMarkup(text)).toEqual([{ type: 'paragraph', content: [{ text }] }]);
    expect(serializeBodyMarkup(parseBodyMarkup(text))).toBe(text);
  });

  it('ignores Windows line endings and extra blank lines', () => {
    expect(parseBodyMarkup('\r\n\r\nOne.\r\n\r\n\r\nTwo.\r\n')).toHaveLength(2);
  });

  it('gives back what it serialized', () => {
    const text = '## Heading\n\nA _b_ **c** [d](/e).\n\n> Quote.\n> — Someone\n\n- x\n- y\n\n1. p\n2. q';
    expect(serializeBodyMarkup(parseBodyMarkup(text))).toBe(text);
  });

  it('reads images with caption and credit, and embeds', () => {
    expect(
      parseBodyMarkup(
        '![Boats at the quay](media:12)\nCaption: Morning at the harbour\nCredit: Staff\n\n@[Council vote](https://example.com/v)',
      ),
    ).toEqual([
      { type: 'image', mediaId: 12, alt: 'Boats at the quay', caption: 'Morning at the harbour', credit: 'Staff' },
      { type: 'embed', title: 'Council vote', url: 'https://example.com/v' },
    ]);
    // Not an image: a stray line under it, or no library id.
    expect(parseBodyMarkup('![Boats](media:12)\nSomething else')[0]!.type).toBe('paragraph');
    expect(parseBodyMarkup('![Boats](https://example.com/b.jpg)')[0]!.type).toBe('paragraph');
  });

  it('reads nested marks and keeps backslashed symbols as text', () => {
    expect(parseBodyMarkup('[**bold _and_ linked**](/x) 5 \\* 3 \\_id\\_')[0]).toEqual({
      type: 'paragraph',
      content: [
        { text: 'bold ', marks: [{ type: 'strong' }, { type: 'link', href: '/x' }] },
        { text: 'and', marks: [{ type: 'em' }, { type: 'strong' }, { type: 'link', href: '/x' }] },
        { text: ' linked', marks: [{ type: 'strong' }, { type: 'link', href: '/x' }] },
        { text: ' 5 * 3 _id_' },
      ],
    });
  });

  it('escapes text that would otherwise read as markup', () => {
    const body: Body = [
      { type: 'paragraph', content: [{ text: '## not a heading' }] },
      { type: 'paragraph', content: [{ text: '- not a list, 2 * 3 = 6, snake_case, [brackets]' }] },
      { type: 'paragraph', content: [{ text: '1. not numbered' }] },
      { type: 'paragraph', content: [{ text: '![not](media:1) an image' }] },
      { type: 'quote', content: [{ text: '— not a source' }] },
    ];
    expect(parseBodyMarkup(serializeBodyMarkup(body))).toEqual(body);
  });
});

const TEXT = fc.string({
  unit: fc.constantFrom('a', 'b', ' ', '*', '_', '[', ']', '(', ')', '\\', '#', '>', '-', '!', '@', '1', '.', '—', 'é'),
  minLength: 1,
  maxLength: 12,
});
const MARKS = fc.subarray<Mark>([
  { type: 'em' },
  { type: 'strong' },
  { type: 'link', href: 'https://example.com/a_(b)' },
]);
const RUNS = fc.array(fc.record({ text: TEXT, marks: MARKS }), { minLength: 1, maxLength: 5 });

/** One spelling per meaning: marks sorted, neighbours with equal marks joined, outer spaces of a block dropped. */
const normal = (content: Inline[]): Inline[] => {
  let runs = mergeRuns(
    content.map((r) => ({ text: r.text, marks: [...(r.marks ?? [])].sort((a, b) => a.type.localeCompare(b.type)) })),
  );
  // Trimming may empty a run and expose the next one's spaces, so repeat until nothing changes.
  for (let before = ''; before !== JSON.stringify(runs);) {
    before = JSON.stringify(runs);
    runs = mergeRuns(
      runs.map((r, i) => ({
        ...r,
        text: (i === 0 ? r.text.trimStart() : r.text).replace(i === runs.length - 1 ? /\s+$/ : /$^/, ''),
      })),
    );
  }
  return runs.map((r) => (r.marks?.length ? r : { text: r.text }));
};

describe('body markup round trip', () => {
  it('keeps an embed title and an image’s alt text that hold a line or paragraph separator (U+2028, U+2029)', () => {
    const body: Body = [
      { type: 'embed', title: 'Vote\u2028count', url: 'https://example.com/v' },
      { type: 'image', mediaId: 5, alt: 'Diet\u2029building' },
    ];
    expect(parseBodyMarkup(serializeBodyMarkup(body))).toEqual(body);
  });

  it('gives back any paragraph of marked text', () => {
    fc.assert(
      fc.property(RUNS, (runs) => {
        const content = runs.map((r) => (r.marks.length ? { text: r.text, marks: r.marks } : { text: r.text }));
        fc.pre(normal(content).length > 0);
        const back = parseBodyMarkup(serializeBodyMarkup([{ type: 'paragraph', content }]));
        expect(back).toHaveLength(1);
        expect(normal((back[0] as { content: Inline[] }).content)).toEqual(normal(content));
      }),
      { numRuns: 2000 },
    );
  });

  it('is stable: serializing what it parsed changes nothing more', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', ' ', '*', '_', '[', ']', '(', ')', '\\', '#', '>', '-', '\n', '1', '.'),
          maxLength: 40,
        }),
        (text) => {
          const once = serializeBodyMarkup(parseBodyMarkup(text));
          expect(serializeBodyMarkup(parseBodyMarkup(once))).toBe(once);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("a plugin's block in the markup", () => {
  const poll = pluginBlockOf('poll', { question: 'Which bridge?', options: ['North', 'South'], note: 'a\n\nb' })!;

  it('is one line: the type after "::", then its data as JSON', () => {
    expect(serializeBodyMarkup([paragraph('Before.'), poll])).toBe(
      'Before.\n\n::poll{"question":"Which bridge?","options":["North","South"],"note":"a\\n\\nb"}',
    );
  });

  it('reads back as the same block, its line breaks inside the data kept', () => {
    expect(parseBodyMarkup(serializeBodyMarkup([poll, paragraph('After.')]))).toEqual([poll, paragraph('After.')]);
  });

  it('may be typed across lines', () => {
    expect(parseBodyMarkup('::poll{\n  "question": "Which bridge?",\n  "options": ["North", "South"]\n}')).toEqual([
      { type: 'poll', question: 'Which bridge?', options: ['North', 'South'] },
    ]);
  });

  it('is never a core type, nor data that is not one JSON object', () => {
    expect(parseBodyMarkup('::paragraph{"content":[]}')).toEqual([paragraph('::paragraph{"content":[]}')]);
    expect(parseBodyMarkup('::poll["a"]')).toEqual([paragraph('::poll["a"]')]);
  });

  it('keeps a paragraph that starts with "::" a paragraph', () => {
    const body = [paragraph('::poll{"question":"x"}'), paragraph('::')];
    expect(serializeBodyMarkup(body)).toBe('\\::poll{"question":"x"}\n\n\\::');
    expect(parseBodyMarkup(serializeBodyMarkup(body))).toEqual(body);
  });

  it('is named when its data is not JSON, so the save can say so', () => {
    expect(pluginBlockProblem('Words.\n\n::poll{"question": "Which?",}')).toBe(
      'The "poll" block\'s data is not one JSON object: check its quotes, commas and braces.',
    );
    expect(pluginBlockProblem(serializeBodyMarkup([poll, paragraph('::poll{')]))).toBeNull();
  });
});
