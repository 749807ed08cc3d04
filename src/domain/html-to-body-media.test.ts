import { describe, expect, it } from 'vitest';
import { htmlToBody } from './html-to-body.js';

const blocksOf = (html: string, baseUrl?: string) => htmlToBody(html, baseUrl ? { baseUrl } : {}).blocks;
const notesOf = (html: string) => htmlToBody(html).notes.join('\n');
const para = (text: string) => ({ type: 'paragraph', content: [{ text }] });
const source = (src: string, alt: string, more: { caption?: string; credit?: string } = {}) => ({
  type: 'image-source',
  image: { src, alt, ...more },
});

describe('images', () => {
  it('reads a block-editor image figure with its caption', () => {
    expect(
      blocksOf(
        '<figure class="wp-block-image size-large"><img src="https://old.example/up/pier.jpg" alt="The pier at dusk"/><figcaption class="wp-element-caption">The pier, rebuilt in 1998.</figcaption></figure>',
      ),
    ).toEqual([
      source('https://old.example/up/pier.jpg', 'The pier at dusk', { caption: 'The pier, rebuilt in 1998.' }),
    ]);
  });

  it('takes a credit from a <small> in the caption or an element whose class names a credit', () => {
    expect(
      blocksOf(
        '<figure><img src="/a.jpg" alt="Gulls"><figcaption>Gulls nesting. <small>Photo: R. Okafor</small></figcaption></figure>',
      ),
    ).toEqual([source('/a.jpg', 'Gulls', { caption: 'Gulls nesting.', credit: 'Photo: R. Okafor' })]);
    expect(
      blocksOf(
        '<figure><img src="/b.jpg" alt="Nets"><span class="photo-credit">L. Marsh</span><figcaption>Nets drying</figcaption></figure>',
      ),
    ).toEqual([source('/b.jpg', 'Nets', { caption: 'Nets drying', credit: 'L. Marsh' })]);
  });

  it('splits a paragraph around an image in it, linked or not', () => {
    expect(blocksOf('<p>Before <a href="/full.jpg"><img src="/thumb.jpg" alt="Boat"></a> after</p>')).toEqual([
      para('Before'),
      source('/thumb.jpg', 'Boat'),
      para('after'),
    ]);
  });

  it('resolves a relative source against the base address, and prefers a lazy-loaded real source', () => {
    expect(blocksOf('<img src="up/c.png" alt="">', 'https://old.example/2020/')).toEqual([
      source('https://old.example/2020/up/c.png', ''),
    ]);
    expect(
      blocksOf('<img src="data:image/gif;base64,R0lGOD" data-src="https://cdn.example/d.jpg" alt="Dock">'),
    ).toEqual([source('https://cdn.example/d.jpg', 'Dock')]);
  });

  it('drops an image written into the HTML as data:, and says so', () => {
    const html = '<p>Map:</p><img src="data:image/png;base64,iVBORw0KGgo=" alt="map">';
    expect(blocksOf(html)).toEqual([para('Map:')]);
    expect(notesOf(html)).toContain('data:');
  });

  it('reads a gallery as its images, each with its own caption, then the gallery caption', () => {
    const html =
      '<figure class="wp-block-gallery"><figure class="wp-block-image"><img src="/1.jpg" alt="One"><figcaption>First</figcaption></figure><figure class="wp-block-image"><img src="/2.jpg" alt="Two"></figure><figcaption>Harbour day</figcaption></figure>';
    expect(blocksOf(html)).toEqual([
      source('/1.jpg', 'One', { caption: 'First' }),
      source('/2.jpg', 'Two'),
      para('Harbour day'),
    ]);
  });
});

describe('embeds', () => {
  it('reads a block-editor embed figure, its caption as the title', () => {
    const html =
      '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=Abc123xyz"} --><figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=Abc123xyz\n</div><figcaption>Launch of the lifeboat</figcaption></figure><!-- /wp:embed -->';
    expect(blocksOf(html)).toEqual([
      { type: 'embed', url: 'https://www.youtube.com/watch?v=Abc123xyz', title: 'Launch of the lifeboat' },
    ]);
  });

  it('reads frames of YouTube and Vimeo players as the pages readers open', () => {
    expect(
      blocksOf(
        '<iframe src="//www.youtube.com/embed/Qw3rty_12" title="Council meeting"></iframe><iframe src="https://player.vimeo.com/video/76543?h=1"></iframe>',
      ),
    ).toEqual([
      { type: 'embed', url: 'https://www.youtube.com/watch?v=Qw3rty_12', title: 'Council meeting' },
      { type: 'embed', url: 'https://vimeo.com/76543', title: 'Embedded from Vimeo' },
    ]);
  });

  it('makes a known provider address alone on its line an embed, and leaves any other as a paragraph', () => {
    expect(blocksOf('Watch this:\n\nhttps://x.com/harbourdesk/status/1234567\n\nhttps://example.org/page')).toEqual([
      para('Watch this:'),
      { type: 'embed', url: 'https://x.com/harbourdesk/status/1234567', title: 'Embedded from X' },
      para('https://example.org/page'),
    ]);
  });

  it("reads a tweet's embed code as an embed of the post, dropping its script", () => {
    const html =
      '<blockquote class="twitter-tweet"><p lang="en">Ferry cancelled tonight.</p>&mdash; Harbour Desk (@harbourdesk) <a href="https://twitter.com/harbourdesk/status/998877">May 4</a></blockquote><script async src="https://platform.twitter.com/widgets.js"></script>';
    const result = htmlToBody(html);
    expect(result.blocks).toEqual([
      {
        type: 'embed',
        url: 'https://twitter.com/harbourdesk/status/998877',
        title: 'Ferry cancelled tonight. — Harbour Desk (@harbourdesk) May 4',
      },
    ]);
    expect(result.notes.join()).toContain('<script>');
  });

  it('reads a video with a source as an embed', () => {
    expect(blocksOf('<video controls><source src="https://media.example/tide.mp4" type="video/mp4"></video>')).toEqual([
      { type: 'embed', url: 'https://media.example/tide.mp4', title: 'Embedded from media.example' },
    ]);
  });

  it('drops a frame with no web address (srcdoc, javascript:), and says so', () => {
    const html = '<iframe srcdoc="<p>hi</p>"></iframe><iframe src="javascript:alert(1)"></iframe>';
    expect(blocksOf(html)).toEqual([]);
    expect(notesOf(html)).toContain('srcdoc');
    expect(notesOf(html)).toContain('<iframe> without a web address');
  });
});

describe('WordPress shortcodes', () => {
  it('reads [caption] with its caption beside the image', () => {
    expect(
      blocksOf(
        '[caption id="attachment_7" align="alignleft" width="300"]<img src="/up/quay.jpg" alt="Quay"> The old quay[/caption]',
      ),
    ).toEqual([source('/up/quay.jpg', 'Quay', { caption: 'The old quay' })]);
  });

  it("reads old WordPress's caption attribute", () => {
    expect(
      blocksOf('[caption id="" caption="Lighthouse &amp; keeper"]<img src="/l.jpg" alt="Light">[/caption]'),
    ).toEqual([source('/l.jpg', 'Light', { caption: 'Lighthouse & keeper' })]);
  });

  it('reads [embed] as an embed and removes [gallery], saying so', () => {
    const html = '[embed]https://vimeo.com/24680[/embed]\n\n[gallery ids="3,4,5"]\n\nAfter.';
    const result = htmlToBody(html);
    expect(result.blocks).toEqual([
      { type: 'embed', url: 'https://vimeo.com/24680', title: 'Embedded from Vimeo' },
      para('After.'),
    ]);
    expect(result.notes.join()).toContain('[gallery]');
  });
});
