import { describe, expect, it } from 'vitest';
import { parseBodyMarkup, serializeBodyMarkup } from './body-markup.js';

describe('parseBodyMarkup', () => {
  it('splits paragraphs at blank lines and joins wrapped lines', () => {
    expect(parseBodyMarkup('First line\ncontinues.\n\nSecond.')).toEqual([
      { type: 'paragraph', content: [{ text: 'First line continues.' }] },
      { type: 'paragraph', content: [{ text: 'Second.' }] },
    ]);
  });

  it('reads headings, quotes with a source, and both kinds of list', () => {
    const body = parseBodyMarkup('## Background\n\n> We will rebuild.\n> — The mayor\n\n- one\n- two\n\n1. first\n2. second');
    expect(body.map((b) => b.type)).toEqual(['heading', 'quote', 'list', 'list']);
    expect(body[1]).toEqual({ type: 'quote', content: [{ text: 'We will rebuild.' }], cite: 'The mayor' });
    expect(body[3]).toMatchObject({ ordered: true, items: [[{ text: 'first' }], [{ text: 'second' }]] });
  });

  it('reads emphasis, strong words and links', () => {
    expect(parseBodyMarkup('A *quiet* and **firm** [reply](https://example.com/r).')[0]).toEqual({
      type: 'paragraph',
      content: [
        { text: 'A ' }, { text: 'quiet', marks: [{ type: 'em' }] }, { text: ' and ' },
        { text: 'firm', marks: [{ type: 'strong' }] }, { text: ' ' },
        { text: 'reply', marks: [{ type: 'link', href: 'https://example.com/r' }] }, { text: '.' },
      ],
    });
  });

  it('ignores Windows line endings and extra blank lines', () => {
    expect(parseBodyMarkup('\r\n\r\nOne.\r\n\r\n\r\nTwo.\r\n')).toHaveLength(2);
  });

  it('gives back what it serialized', () => {
    const text = '## Heading\n\nA *b* **c** [d](/e).\n\n> Quote.\n> — Someone\n\n- x\n- y\n\n1. p\n2. q';
    expect(serializeBodyMarkup(parseBodyMarkup(text))).toBe(text);
  });
});
