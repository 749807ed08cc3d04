import { describe, expect, it } from 'vitest';
import { mobiledocToBody } from './ghost-mobiledoc.js';

interface Parts {
  markups?: unknown[];
  atoms?: unknown[];
  cards?: unknown[];
  sections: unknown[];
}
const doc = ({ markups = [], atoms = [], cards = [], sections }: Parts) =>
  JSON.stringify({ version: '0.3.1', markups, atoms, cards, sections });
const read = (parts: Parts, baseUrl?: string) => mobiledocToBody(doc(parts), baseUrl)!;

describe('Mobiledoc sections', () => {
  it('opens and closes markups marker by marker: links, bold, italic; other markups give plain words', () => {
    const { blocks } = read({
      markups: [['a', ['href', 'https://port.example/', 'target', '_blank']], ['strong'], ['em'], ['code']],
      sections: [
        [
          1,
          'p',
          [
            [0, [], 0, 'See '],
            [0, [0, 1], 1, 'the port'],
            [0, [2], 2, ' today'],
            [0, [3], 1, ' now'],
          ],
        ],
      ],
    });
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        content: [
          { text: 'See ' },
          {
            text: 'the port',
            marks: [{ type: 'link', href: 'https://port.example/', newTab: true }, { type: 'strong' }],
          },
          { text: ' today', marks: [{ type: 'link', href: 'https://port.example/', newTab: true }, { type: 'em' }] },
          { text: ' now' },
        ],
      },
    ]);
  });

  it('reads headings, quotes, pull quotes, lists and image sections', () => {
    const words = (t: string) => [[0, [], 0, t]];
    const { blocks } = read({
      sections: [
        [1, 'h2', words('Wind')],
        [1, 'H5', words('Detail')],
        [1, 'blockquote', words('Said')],
        [1, 'pull-quote', words('Pulled')],
        [3, 'ol', [words('First'), words('Second')]],
        [2, '__GHOST_URL__/content/images/map.png'],
      ],
    });
    expect(blocks).toEqual([
      { type: 'heading', level: 2, content: [{ text: 'Wind' }] },
      { type: 'heading', level: 3, content: [{ text: 'Detail' }] },
      { type: 'quote', content: [{ text: 'Said' }] },
      { type: 'quote', content: [{ text: 'Pulled' }] },
      { type: 'list', ordered: true, items: [[{ text: 'First' }], [{ text: 'Second' }]] },
      { type: 'image-source', image: { src: '/content/images/map.png', alt: '' } },
    ]);
  });

  it('makes a soft return a space and gives other atoms their text', () => {
    const { blocks } = read({
      atoms: [
        ['soft-return', '', {}],
        ['mention', '@harbourmaster', {}],
      ],
      sections: [
        [
          1,
          'p',
          [
            [0, [], 0, '港の朝'],
            [1, [], 0, 0],
            [0, [], 0, 'Ώρα '],
            [1, [], 0, 1],
          ],
        ],
      ],
    });
    expect(blocks).toEqual([{ type: 'paragraph', content: [{ text: '港の朝 Ώρα @harbourmaster' }] }]);
  });
});

describe('Mobiledoc cards', () => {
  it('reads image, gallery, markdown, html and embed cards, and drops the rule', () => {
    const { blocks, notes } = read(
      {
        cards: [
          ['image', { src: 'https://cdn.example/quay.jpg', alt: 'Quay', caption: 'At <i>dawn</i>' }],
          [
            'gallery',
            {
              images: [
                { src: '/content/images/a.jpg', alt: 'A' },
                { src: '/content/images/b.jpg', alt: 'B', caption: 'Second' },
              ],
            },
          ],
          ['card-markdown', { cardName: 'card-markdown', markdown: 'Plain *and* simple' }],
          ['html', { html: '<h3>Hours</h3><iframe src="https://www.youtube.com/embed/abcdefghijk"></iframe>' }],
          ['embed', { url: 'https://vimeo.com/123', html: '<iframe></iframe>', metadata: {} }],
          ['hr', {}],
        ],
        sections: [
          [10, 0],
          [10, 1],
          [10, 2],
          [10, 3],
          [10, 4],
          [10, 5],
        ],
      },
      'https://courier.example',
    );
    expect(blocks).toEqual([
      { type: 'image-source', image: { src: 'https://cdn.example/quay.jpg', alt: 'Quay', caption: 'At dawn' } },
      { type: 'image-source', image: { src: 'https://courier.example/content/images/a.jpg', alt: 'A' } },
      {
        type: 'image-source',
        image: { src: 'https://courier.example/content/images/b.jpg', alt: 'B', caption: 'Second' },
      },
      {
        type: 'paragraph',
        content: [{ text: 'Plain ' }, { text: 'and', marks: [{ type: 'em' }] }, { text: ' simple' }],
      },
      { type: 'heading', level: 3, content: [{ text: 'Hours' }] },
      { type: 'embed', url: 'https://www.youtube.com/watch?v=abcdefghijk', title: 'Embedded from YouTube' },
      { type: 'embed', url: 'https://vimeo.com/123', title: 'Embedded from Vimeo' },
    ]);
    expect(notes).toEqual(['A gallery became its images, one after another.', 'A horizontal rule was dropped.']);
  });

  it('says so when a section points at a card the document does not have', () => {
    expect(read({ sections: [[10, 7]] }).notes).toEqual(['A card missing from the document was dropped.']);
  });

  it('answers null for text that is not Mobiledoc 0.3', () => {
    expect(mobiledocToBody('{"version":"0.2.0","sections":[]}', undefined)).toBeNull();
    expect(mobiledocToBody('not json', undefined)).toBeNull();
  });
});
