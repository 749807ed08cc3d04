import { describe, expect, it } from 'vitest';
import { lexicalToBody } from './ghost-lexical.js';

const text = (t: string, format = 0) => ({ type: 'extended-text', text: t, format });
const para = (...children: object[]) => ({ type: 'paragraph', children });
const doc = (...children: object[]) => JSON.stringify({ root: { type: 'root', children } });
const read = (json: string, baseUrl?: string) => lexicalToBody(json, baseUrl)!;
const blocksOf = (...children: object[]) => read(doc(...children)).blocks;
const notesOf = (...children: object[]) => read(doc(...children)).notes.join('\n');

describe('Lexical text', () => {
  it('turns bold and italic flags into marks and keeps other styles as plain words', () => {
    expect(
      blocksOf(para(text('Tides '), text('rise', 1), text(' and '), text('fall', 3), text(' daily', 8 | 16))),
    ).toEqual([
      {
        type: 'paragraph',
        content: [
          { text: 'Tides ' },
          { text: 'rise', marks: [{ type: 'strong' }] },
          { text: ' and ' },
          { text: 'fall', marks: [{ type: 'strong' }, { type: 'em' }] },
          { text: ' daily' },
        ],
      },
    ]);
  });

  it('keeps safe links, makes the old site’s own addresses absolute, and drops script addresses', () => {
    const link = (url: string, words: string) => ({ type: 'link', url, children: [text(words)] });
    const [p] = read(
      doc(
        para(
          link('https://port.example/times', 'times'),
          text(', '),
          link('__GHOST_URL__/ferries/', 'ferries'),
          text(', '),
          link('javascript:alert(1)', 'trap'),
        ),
      ),
      'https://courier.example',
    ).blocks;
    expect(p).toEqual({
      type: 'paragraph',
      content: [
        { text: 'times', marks: [{ type: 'link', href: 'https://port.example/times' }] },
        { text: ', ' },
        { text: 'ferries', marks: [{ type: 'link', href: 'https://courier.example/ferries/' }] },
        { text: ', trap' },
      ],
    });
  });

  it('makes a line break a space, and reads Japanese and Greek as written', () => {
    expect(blocksOf(para(text('港の朝'), { type: 'linebreak' }, text('Καλημέρα & <καλό>')))).toEqual([
      { type: 'paragraph', content: [{ text: '港の朝 Καλημέρα & <καλό>' }] },
    ]);
  });
});

describe('Lexical blocks', () => {
  it('reads headings, quotes, asides and lists, flattening a nested list into its parent', () => {
    const item = (...children: object[]) => ({ type: 'listitem', children });
    expect(
      blocksOf(
        { type: 'extended-heading', tag: 'h1', children: [text('Top')] },
        { type: 'heading', tag: 'h4', children: [text('Low')] },
        { type: 'quote', children: [text('Said')] },
        { type: 'aside', children: [text('Aside')] },
        {
          type: 'list',
          listType: 'number',
          children: [item(text('One'), { type: 'list', listType: 'bullet', children: [item(text('One a'))] }), item()],
        },
      ),
    ).toEqual([
      { type: 'heading', level: 2, content: [{ text: 'Top' }] },
      { type: 'heading', level: 3, content: [{ text: 'Low' }] },
      { type: 'quote', content: [{ text: 'Said' }] },
      { type: 'quote', content: [{ text: 'Aside' }] },
      { type: 'list', ordered: true, items: [[{ text: 'One' }], [{ text: 'One a' }]] },
    ]);
  });

  it('leaves images for the importer, with alt text and the caption’s words', () => {
    expect(
      blocksOf({
        type: 'image',
        src: '__GHOST_URL__/content/images/2024/05/quay.png',
        alt: 'Boats at dawn',
        caption: '<span>The <b>quay</b> &amp; its boats</span>',
      }),
    ).toEqual([
      {
        type: 'image-source',
        image: { src: '/content/images/2024/05/quay.png', alt: 'Boats at dawn', caption: 'The quay & its boats' },
      },
    ]);
  });

  it('makes embeds and bookmarks links to the original, titled by what Ghost kept of them', () => {
    expect(
      blocksOf(
        { type: 'embed', url: 'https://www.youtube.com/watch?v=abcdefghijk', metadata: { title: 'Harbour film' } },
        { type: 'bookmark', url: 'https://tides.example/today', metadata: { title: 'Tide tables' } },
      ),
    ).toEqual([
      { type: 'embed', url: 'https://www.youtube.com/watch?v=abcdefghijk', title: 'Harbour film' },
      { type: 'embed', url: 'https://tides.example/today', title: 'Tide tables' },
    ]);
  });

  it('reads html and markdown cards through the HTML converter, never keeping HTML', () => {
    const blocks = blocksOf(
      { type: 'html', html: '<p>Kept <em>words</em></p><script>alert(1)</script>' },
      {
        type: 'markdown',
        markdown: '## Wind\n\n**Strong** gusts, see [the forecast](https://met.example/).\n\n- one\n- two',
      },
    );
    expect(blocks).toEqual([
      { type: 'paragraph', content: [{ text: 'Kept ' }, { text: 'words', marks: [{ type: 'em' }] }] },
      { type: 'heading', level: 2, content: [{ text: 'Wind' }] },
      {
        type: 'paragraph',
        content: [
          { text: 'Strong', marks: [{ type: 'strong' }] },
          { text: ' gusts, see ' },
          { text: 'the forecast', marks: [{ type: 'link', href: 'https://met.example/' }] },
          { text: '.' },
        ],
      },
      { type: 'list', ordered: false, items: [[{ text: 'one' }], [{ text: 'two' }]] },
    ]);
  });

  it('turns callouts, buttons and toggles into text, and says so', () => {
    const json = doc(
      { type: 'callout', calloutEmoji: '⚓', calloutText: '<p>Berths are <b>free</b> today</p>' },
      { type: 'button', buttonText: 'Book a berth', buttonUrl: 'https://port.example/book' },
      { type: 'toggle', heading: '<span>Opening hours</span>', content: '<p>Nine to five.</p>' },
    );
    expect(read(json).blocks).toEqual([
      {
        type: 'paragraph',
        content: [{ text: '⚓ Berths are ' }, { text: 'free', marks: [{ type: 'strong' }] }, { text: ' today' }],
      },
      {
        type: 'paragraph',
        content: [{ text: 'Book a berth', marks: [{ type: 'link', href: 'https://port.example/book' }] }],
      },
      { type: 'heading', level: 3, content: [{ text: 'Opening hours' }] },
      { type: 'paragraph', content: [{ text: 'Nine to five.' }] },
    ]);
    expect(read(json).notes).toEqual([
      'A callout became a paragraph.',
      'A button became a link.',
      'A toggle became a heading and its text.',
    ]);
  });

  it('drops uploaded video, rules and cards it does not know, naming each in a note', () => {
    expect(
      blocksOf({ type: 'video', src: '/content/media/clip.mp4' }, { type: 'horizontalrule' }, { type: 'nft' }),
    ).toEqual([]);
    expect(notesOf({ type: 'video' }, { type: 'horizontalrule' }, { type: 'nft' }, { type: 'nft' })).toBe(
      [
        'A video uploaded to Ghost was dropped: the body holds images, not video files.',
        'A horizontal rule was dropped.',
        'A "nft" card was dropped: Dateline has nothing like it (2 times).',
      ].join('\n'),
    );
  });

  it('reads an element it does not know as text', () => {
    expect(blocksOf({ type: 'layout-box', children: [text('Inside')] })).toEqual([
      { type: 'paragraph', content: [{ text: 'Inside' }] },
    ]);
  });

  it('answers null for text that is not a Lexical document', () => {
    expect(lexicalToBody('{"root":', undefined)).toBeNull();
    expect(lexicalToBody('{"version":"0.3.1","sections":[]}', undefined)).toBeNull();
  });
});
