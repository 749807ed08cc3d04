import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Body } from './body.js';
import { bodyToTiptap, tiptapToBody } from './tiptap-body.js';

const SAMPLE: Body = [
  {
    type: 'paragraph',
    content: [
      { text: 'Plain, ' },
      { text: 'bold', marks: [{ type: 'strong' }] },
      { text: ' and ' },
      { text: 'a link', marks: [{ type: 'link', href: 'https://example.com/' }] },
      { text: ' and one in a new tab', marks: [{ type: 'link', href: '/elsewhere', newTab: true }] },
    ],
  },
  { type: 'heading', level: 3, content: [{ text: 'Background' }] },
  { type: 'quote', content: [{ text: 'We will reopen.' }], cite: 'The mayor' },
  { type: 'list', ordered: true, items: [[{ text: 'one' }], [{ text: 'two', marks: [{ type: 'em' }] }]] },
  { type: 'image', mediaId: 7, alt: 'Ferry at dawn', caption: 'The first crossing', credit: 'Staff' },
  { type: 'image', mediaId: 8, alt: 'A chart' },
  { type: 'embed', url: 'https://example.com/vote', title: 'The vote, live' },
];

describe('tiptap and body documents', () => {
  it('round-trips every block the editor offers', () => {
    expect(tiptapToBody(bodyToTiptap(SAMPLE))).toEqual(SAMPLE);
  });

  it('drops empty paragraphs and unknown marks, keeping their text', () => {
    expect(
      tiptapToBody({
        type: 'doc',
        content: [
          { type: 'paragraph' },
          { type: 'paragraph', content: [{ type: 'text', text: 'struck', marks: [{ type: 'strike' }] }] },
          { type: 'codeBlock', content: [{ type: 'text', text: 'raw <b>' }] },
        ],
      }),
    ).toEqual([
      { type: 'paragraph', content: [{ text: 'struck' }] },
      { type: 'paragraph', content: [{ text: 'raw <b>' }] },
    ]);
  });

  it('drops an image node without a library id or alt text', () => {
    expect(
      tiptapToBody({
        type: 'doc',
        content: [
          { type: 'bodyImage', attrs: { mediaId: 3, alt: '  ' } },
          { type: 'bodyImage', attrs: { mediaId: 'x', alt: 'Ferry' } },
          { type: 'bodyImage', attrs: { mediaId: 4, alt: ' Ferry ', caption: '' } },
        ],
      }),
    ).toEqual([{ type: 'image', mediaId: 4, alt: 'Ferry' }]);
  });

  it('round-trips any plain paragraphs', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1 }).filter((s) => s.trim() !== '' && !/^[—-]/.test(s)),
          { maxLength: 5 },
        ),
        (texts) => {
          const body: Body = texts.map((text) => ({ type: 'paragraph', content: [{ text }] }));
          expect(tiptapToBody(bodyToTiptap(body))).toEqual(body);
        },
      ),
    );
  });
});
