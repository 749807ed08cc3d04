import { describe, expect, it } from 'vitest';
import { htmlToBody, htmlToPlainText } from './html-to-body.js';

const blocksOf = (html: string, baseUrl?: string) => htmlToBody(html, baseUrl ? { baseUrl } : {}).blocks;
const notesOf = (html: string) => htmlToBody(html).notes.join('\n');
const para = (text: string) => ({ type: 'paragraph', content: [{ text }] });

describe('paragraphs', () => {
  it('reads a classic post, whose paragraphs are blank lines without <p>', () => {
    expect(blocksOf('The ferry left late.\n\nIt arrived at dawn,\nwith the mail.')).toEqual([
      para('The ferry left late.'),
      para('It arrived at dawn, with the mail.'),
    ]);
  });

  it('collapses whitespace and decodes entities', () => {
    expect(blocksOf('<p>  Fish &amp; chips\n   cost &pound;4 &#8212; &quot;cheap&quot;  </p>')).toEqual([
      para('Fish & chips cost £4 — "cheap"'),
    ]);
  });

  it('drops paragraphs that show nothing', () => {
    expect(blocksOf('<p>&nbsp;</p><p> </p><p><span></span></p><p>Kept.</p>')).toEqual([para('Kept.')]);
  });

  it('makes one <br> a space and two a paragraph break', () => {
    expect(blocksOf('<p>Harbour Road<br>Eastfield<br><br>Open daily</p>')).toEqual([
      para('Harbour Road Eastfield'),
      para('Open daily'),
    ]);
  });

  it('gives divs, sections, articles and unknown elements their words as paragraphs', () => {
    expect(
      blocksOf('<div>Tide tables</div><section><article>Moon phases</article></section><x-widget>Wind</x-widget>'),
    ).toEqual([para('Tide tables'), para('Moon phases'), para('Wind')]);
  });

  it('reads a table as one paragraph per row', () => {
    const html =
      '<table><caption>Results</caption><tr><th>Team</th><th>Goals</th></tr><tr><td>Rovers</td><td>3</td></tr></table>';
    expect(blocksOf(html)).toEqual([para('Results'), para('Team | Goals'), para('Rovers | 3')]);
    expect(notesOf(html)).toContain('table');
  });

  it('reads preformatted text as one paragraph per line', () => {
    expect(blocksOf('<pre>line one\nline two</pre>')).toEqual([para('line one'), para('line two')]);
  });
});

describe('headings', () => {
  it('maps h1 and h2 to level 2 and h3 to h6 to level 3', () => {
    const levels = blocksOf('<h1>A</h1><h2>B</h2><h3>C</h3><h4>D</h4><h5>E</h5><h6>F</h6>').map((b) =>
      b.type === 'heading' ? b.level : null,
    );
    expect(levels).toEqual([2, 2, 3, 3, 3, 3]);
  });

  it('drops an empty heading', () => {
    expect(blocksOf('<h2> </h2><p>Text</p>')).toEqual([para('Text')]);
  });
});

describe('inline marks', () => {
  it('reads em and i as emphasis, strong and b as strong, nested ones combined', () => {
    expect(blocksOf('<p><i>Quiet</i> and <b>loud, <em>both</em></b></p>')).toEqual([
      {
        type: 'paragraph',
        content: [
          { text: 'Quiet', marks: [{ type: 'em' }] },
          { text: ' and ' },
          { text: 'loud, ', marks: [{ type: 'strong' }] },
          { text: 'both', marks: [{ type: 'strong' }, { type: 'em' }] },
        ],
      },
    ]);
  });

  it('keeps http(s) and mailto links, and a target of _blank as a new tab', () => {
    const [block] = blocksOf(
      '<p><a href="https://example.org/a">one</a> <a href="mailto:desk@example.org">two</a> <a href="http://example.net" target="_blank">three</a></p>',
    );
    expect(block).toEqual({
      type: 'paragraph',
      content: [
        { text: 'one', marks: [{ type: 'link', href: 'https://example.org/a' }] },
        { text: ' ' },
        { text: 'two', marks: [{ type: 'link', href: 'mailto:desk@example.org' }] },
        { text: ' ' },
        { text: 'three', marks: [{ type: 'link', href: 'http://example.net', newTab: true }] },
      ],
    });
  });

  it('makes relative links absolute against the base address, and keeps site paths when there is none', () => {
    const html = '<p><a href="/sport/">Sport</a> <a href="../archive?y=2019">Archive</a></p>';
    const marksOf = (base?: string) =>
      blocksOf(html, base).flatMap((b) => (b.type === 'paragraph' ? b.content.map((i) => i.marks ?? []) : []));
    expect(marksOf('https://old.example/news/today/')).toEqual([
      [{ type: 'link', href: 'https://old.example/sport/' }],
      [],
      [{ type: 'link', href: 'https://old.example/news/archive?y=2019' }],
    ]);
    // Without a base, the second link's words join the plain words before them.
    expect(marksOf()).toEqual([[{ type: 'link', href: '/sport/' }], []]);
  });

  it('drops a javascript: or data: link but keeps its words, and says so', () => {
    const html = '<p><a href="javascript:void(0)">Click</a> and <a href="data:text/html,hi">this</a></p>';
    expect(blocksOf(html)).toEqual([para('Click and this')]);
    expect(notesOf(html)).toMatch(/javascript:/);
  });
});

describe('quotes', () => {
  it("takes the block editor's cite as the source", () => {
    expect(
      blocksOf('<blockquote class="wp-block-quote"><p>We build bridges.</p><cite>The mayor</cite></blockquote>'),
    ).toEqual([{ type: 'quote', content: [{ text: 'We build bridges.' }], cite: 'The mayor' }]);
  });

  it('takes a footer as the source, without its dash', () => {
    expect(
      blocksOf(
        '<blockquote><p>Rain by noon.</p><p>Then sun.</p><footer>— <cite>Forecaster</cite></footer></blockquote>',
      ),
    ).toEqual([{ type: 'quote', content: [{ text: 'Rain by noon. Then sun.' }], cite: 'Forecaster' }]);
  });

  it('keeps a quote without a source', () => {
    expect(blocksOf('<blockquote>Plain words</blockquote>')).toEqual([
      { type: 'quote', content: [{ text: 'Plain words' }] },
    ]);
  });
});

describe('lists', () => {
  it('keeps ordered and unordered lists', () => {
    expect(blocksOf('<ol><li>First</li><li>Second</li></ol><ul><li><strong>Bold</strong> item</li></ul>')).toEqual([
      { type: 'list', ordered: true, items: [[{ text: 'First' }], [{ text: 'Second' }]] },
      { type: 'list', ordered: false, items: [[{ text: 'Bold', marks: [{ type: 'strong' }] }, { text: ' item' }]] },
    ]);
  });

  it('flattens nested lists into their parent, in reading order', () => {
    const html =
      '<ul><li>Fruit<ol><li>Apples</li><li>Pears<ul><li>Conference</li></ul></li></ol></li><li>Bread</li></ul>';
    expect(blocksOf(html)).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [
          [{ text: 'Fruit' }],
          [{ text: 'Apples' }],
          [{ text: 'Pears' }],
          [{ text: 'Conference' }],
          [{ text: 'Bread' }],
        ],
      },
    ]);
    expect(notesOf(html)).toContain('flattened');
  });

  it('drops empty items and joins an item of several paragraphs', () => {
    expect(blocksOf('<ul><li></li><li><p>One</p><p>two</p></li></ul>')).toEqual([
      { type: 'list', ordered: false, items: [[{ text: 'One two' }]] },
    ]);
  });
});

describe('what is removed', () => {
  it.each(['script', 'style', 'noscript', 'template', 'object', 'form'])(
    'drops <%s> with what it holds, and says so',
    (tag) => {
      const html = `<p>Before</p><${tag}>hidden words</${tag}><p>After</p>`;
      expect(blocksOf(html)).toEqual([para('Before'), para('After')]);
      expect(notesOf(html)).toContain(`<${tag}>`);
    },
  );

  it('strips block-editor comments silently', () => {
    const result = htmlToBody('<!-- wp:paragraph {"align":"left"} --><p>Only this</p><!-- /wp:paragraph -->');
    expect(result).toEqual({ blocks: [para('Only this')], notes: [] });
  });

  it('marks where <!--more--> stood', () => {
    expect(htmlToBody('<p>Teaser.</p><!--more--><p>Rest.</p><p>End.</p>').moreAt).toBe(1);
    expect(htmlToBody('Teaser words <!--more--> the rest').moreAt).toBe(1);
    expect(htmlToBody('<p>No marker</p>').moreAt).toBeUndefined();
  });

  it('drops <!--nextpage--> and says so', () => {
    const result = htmlToBody('<p>Page one</p><!--nextpage--><p>Page two</p>');
    expect(result.blocks).toEqual([para('Page one'), para('Page two')]);
    expect(result.notes.join()).toContain('nextpage');
  });
});

describe('the body limits', () => {
  it('splits a list over 200 items into several lists', () => {
    const html = `<ul>${'<li>x</li>'.repeat(450)}</ul>`;
    expect(blocksOf(html).map((b) => (b.type === 'list' ? b.items.length : 0))).toEqual([200, 200, 50]);
  });

  it('cuts a body over 2,000 blocks, and says so', () => {
    const result = htmlToBody('<p>x</p>'.repeat(2100));
    expect(result.blocks).toHaveLength(2000);
    expect(result.notes.join()).toContain('2,000');
  });

  it('splits text longer than a run may be, losing nothing', () => {
    const [block] = blocksOf(`<p>${'a'.repeat(45_000)}</p>`);
    expect(block?.type === 'paragraph' && block.content.map((r) => r.text.length)).toEqual([20_000, 20_000, 5000]);
  });

  it("cuts a quote's long source to 300 characters", () => {
    const [block] = blocksOf(`<blockquote><p>Words</p><cite>${'n'.repeat(400)}</cite></blockquote>`);
    expect(block?.type === 'quote' && block.cite?.length).toBe(300);
  });
});

describe('htmlToPlainText', () => {
  it('drops tags, decodes entities and collapses whitespace', () => {
    expect(htmlToPlainText('  Storm &amp; <em>surge</em>\n hit&nbsp;the <b>coast</b>&#8230; ')).toBe(
      'Storm & surge hit the coast…',
    );
  });

  it('leaves out scripts and styles', () => {
    expect(htmlToPlainText('Budget <script>alert(1)</script><style>p{}</style>vote')).toBe('Budget vote');
  });

  it('keeps a literal less-than sign as text', () => {
    expect(htmlToPlainText('3 &lt; 4 and 5 < 6')).toBe('3 < 4 and 5 < 6');
  });
});
