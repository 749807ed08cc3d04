import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { MediaRef } from './article.js';
import type { Block } from './body-text.js';
import { htmlToBody, type ConvertedBlock } from './html-to-body.js';
// The converter's promise is about what readers get: this test draws its output with the reader's own renderer.
// eslint-disable-next-line no-restricted-imports -- a test of src/domain may render with src/views
import { BodyBlocks } from '../views/reader/BodyBlocks.js';

/** Attempts at script, written for this test: tags, handlers, schemes in disguise, foreign content, mutation tricks. */
const VECTORS: readonly string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://ok.example/a.jpg" onload="alert(1)" alt="pier">',
  '<p onclick="alert(1)">Tap here</p>',
  '<a href="javascript:alert(1)">go</a>',
  '<a href="JaVaScRiPt:alert(1)">go</a>',
  '<a href="   javascript:alert(1)">go</a>',
  '<a href="java&#x09;script:alert(1)">go</a>',
  '<a href="jav&#x0A;ascript:alert(1)">go</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">go</a>',
  '<a href="&#0000106&#0000097vascript:alert(1)">go</a>',
  '<a href="javascript&colon;alert(1)">go</a>',
  '<a href="\u0001javascript:alert(1)">go</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">go</a>',
  '<a href="DATA:text/html,<script>alert(1)</script>">go</a>',
  '<a href="vbscript:msgbox(1)">go</a>',
  '<a href="VBScript&#58;msgbox(1)">go</a>',
  '<a href="/\\evil.example/">go</a>',
  '<a href="https://ok.example/" onmouseover="alert(1)">ok</a>',
  '<a href="https://ok.example/&quot;onclick=&quot;alert(1)">quoted</a>',
  '<svg onload=alert(1)><circle r=5></circle></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>go</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math href="javascript:alert(1)">go</math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
  '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
  '<body onload=alert(1)><p>body</p>',
  '<style>@import "https://evil.example/x.css";</style><p style="background:url(javascript:alert(1))">styled</p>',
  '<!--<script>alert(1)</script>-->',
  '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<p>unclosed <b><i>nest <a href="javascript:alert(1)">x</b></i></a> tail',
  '<table><tr><td><script>alert(1)</script>cell</td></tr></table>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:/"><a href="x">relative</a>',
  '<video><source onerror="alert(1)"></video>',
  '<img src="javascript:alert(1)" alt="j">',
  '<img src=1 alt="x" onerror="alert(1)" data-src="javascript:alert(1)">',
  '<figure><img src="/a.jpg" alt="a&quot; onerror=&quot;alert(1)"><figcaption>cap<script>alert(1)</script></figcaption></figure>',
  '<div style="width:expression(alert(1))">ie</div>',
  '<isindex action=javascript:alert(1) type=image>',
  '<p>[caption]<img src=x onerror=alert(1)>[/caption]</p>',
  '[embed]javascript:alert(1)[/embed]',
  '<blockquote class="twitter-tweet"><a href="javascript:alert(1)">x</a></blockquote>',
  '<blockquote><p>q</p><cite><script>alert(1)</script>src</cite></blockquote>',
  '<ul><li><a href="javascript:alert(1)">item</a><ul><li onmouseover=alert(1)>deep</li></ul></li></ul>',
  '<h2><img src=x onerror=alert(1)>Head</h2>',
  '<a href="https://ok.example/"><script>alert(1)</script>link</a>',
  '<xmp><script>alert(1)</script></xmp>',
  '<textarea><script>alert(1)</script></textarea>',
  '<select><option><script>alert(1)</script></option></select>',
  '<details open ontoggle=alert(1)>toggle</details>',
  '<marquee onstart=alert(1)>scroll</marquee>',
  '<a href="https://ok.example/" target="_blank" rel="opener">tab</a>',
];

const MEDIA = new Map<number, MediaRef>([[1, { mediaId: 1, hash: 'abc123', width: 800, height: 600 }]]);

/** What a caller does with an image source: a library image (here always number 1) with alt text. */
const resolved = (blocks: ConvertedBlock[]): Block[] =>
  blocks.map((b) =>
    b.type === 'image-source' ? { type: 'image', mediaId: 1, alt: b.image.alt || 'image', ...captions(b.image) } : b,
  );
const captions = (image: { caption?: string; credit?: string }) => ({
  ...(image.caption ? { caption: image.caption } : {}),
  ...(image.credit ? { credit: image.credit } : {}),
});

type Node = DefaultTreeAdapterTypes.ChildNode;

/** Every element of some HTML as a browser parses it, with its attributes. */
const elementsOf = (html: string): DefaultTreeAdapterTypes.Element[] => {
  const found: DefaultTreeAdapterTypes.Element[] = [];
  const stack: Node[] = [...parseFragment(html).childNodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!('tagName' in node)) continue;
    found.push(node);
    stack.push(...node.childNodes);
    if ('content' in node) stack.push(...(node.content as DefaultTreeAdapterTypes.DocumentFragment).childNodes);
  }
  return found;
};

const SAFE_ADDRESS = /^(https?:\/\/|mailto:|\/(?![/\\]))/i;

describe.each([undefined, 'https://old.example/news/'])('the XSS corpus, converted with base %s', (baseUrl) => {
  it('has at least 40 vectors', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(VECTORS)('%s converts to blocks with only safe addresses', (html) => {
    const { blocks } = htmlToBody(html, baseUrl ? { baseUrl } : {});
    for (const block of blocks) {
      const runs =
        block.type === 'paragraph' || block.type === 'heading' || block.type === 'quote'
          ? block.content
          : block.type === 'list'
            ? block.items.flat()
            : [];
      for (const mark of runs.flatMap((r) => r.marks ?? []))
        if (mark.type === 'link') expect(mark.href).toMatch(baseUrl ? /^(https?:\/\/|mailto:)/i : SAFE_ADDRESS);
      if (block.type === 'embed') expect(block.url).toMatch(/^https?:\/\/[^/\\]/);
      if (block.type === 'image-source') expect(block.image.src).toMatch(SAFE_ADDRESS);
    }
  });

  it.each(VECTORS)('%s renders on the reader page with no script, handler or script address', (html) => {
    const { blocks } = htmlToBody(html, baseUrl ? { baseUrl } : {});
    const page = renderToString(<BodyBlocks blocks={resolved(blocks)} media={MEDIA} />);
    expect(page).not.toMatch(/<script/i);
    for (const el of elementsOf(page)) {
      expect(['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'form', 'base', 'meta']).not.toContain(
        el.tagName,
      );
      for (const { name, value } of el.attrs) {
        expect(name).not.toMatch(/^on/i);
        expect(name).not.toBe('style');
        expect(value).not.toMatch(/^\W*(javascript|vbscript|data):/i);
        if (name === 'href' || name === 'src') expect(value).toMatch(SAFE_ADDRESS);
      }
    }
  });
});

it('keeps the words of a disarmed link, and renders them as text', () => {
  const { blocks } = htmlToBody('<p>Read <a href="JaVa&#x09;ScRiPt:alert(1)">the report</a>.</p>');
  expect(renderToString(<BodyBlocks blocks={resolved(blocks)} media={MEDIA} />)).toBe(
    '<div class="article-body"><p>Read the report.</p></div>',
  );
});

it('renders markup written as text as escaped text, never as elements', () => {
  const { blocks } = htmlToBody('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  const page = renderToString(<BodyBlocks blocks={resolved(blocks)} media={MEDIA} />);
  expect(page).toBe('<div class="article-body"><p>&lt;script>alert(1)&lt;/script></p></div>');
});
