import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Picture } from './Picture.js';

const photo = { mediaId: 7, hash: 'abc123', width: 1600, height: 900, alt: 'A harbour at dawn' };
const urlsIn = (html: string, type: string) => {
  const source = new RegExp(`<source type="${type}" srcset="([^"]*)"`).exec(html)?.[1] ?? '';
  return source.split(', ').map((c) => c.split(' ')[1]);
};

describe('Picture', () => {
  it('lists every variant width in AVIF, WebP and JPEG, AVIF first', () => {
    const html = renderToString(<Picture photo={photo} sizes="100vw" width={800} />);
    expect(html.indexOf('image/avif')).toBeLessThan(html.indexOf('image/webp'));
    expect(urlsIn(html, 'image/avif')).toEqual(['400w', '800w', '1200w']);
    expect(urlsIn(html, 'image/webp')).toEqual(['400w', '800w', '1200w']);
    expect(html).toContain('src="/media/7-abc123/w800.jpg"');
    expect(html).toContain('loading="lazy"');
  });

  it('leaves out widths a thumbnail never needs, keeping the smallest', () => {
    const thumb = renderToString(<Picture photo={photo} sizes="12rem" width={400} maxWidth={400} />);
    expect(urlsIn(thumb, 'image/avif')).toEqual(['400w']);
    expect(thumb).not.toContain('w800');
    expect(thumb).not.toContain('w1200');
    const tiny = renderToString(<Picture photo={photo} sizes="4rem" width={400} maxWidth={100} />);
    expect(urlsIn(tiny, 'image/webp')).toEqual(['400w']);
  });

  it('loads the first image above the fold at once and ahead of others', () => {
    const html = renderToString(<Picture photo={photo} sizes="100vw" width={800} priority />);
    expect(html).toContain('fetchpriority="high"');
    expect(html).toContain('loading="eager"');
  });
});
