import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../domain/body.js';
import { BodyBlocks } from './BodyBlocks.js';

const linkTo = (href: string): Block[] => [
  { type: 'paragraph', content: [{ text: 'the report', marks: [{ type: 'link', href }] }] },
];

describe('links in an article body', () => {
  it('opens another site without giving it this page (noopener noreferrer)', () => {
    expect(renderToString(<BodyBlocks blocks={linkTo(' https://example.com/report')} media={new Map()} />)).toContain(
      'rel="noopener noreferrer"',
    );
  });

  it('links within the site without rel', () => {
    expect(renderToString(<BodyBlocks blocks={linkTo('/politics/')} media={new Map()} />)).toContain(
      '<p><a href="/politics/">the report</a></p>',
    );
  });

  it('opens a link marked for a new tab in one, never giving it this page', () => {
    const blocks = (href: string): Block[] => [
      { type: 'paragraph', content: [{ text: 'the map', marks: [{ type: 'link', href, newTab: true }] }] },
    ];
    expect(renderToString(<BodyBlocks blocks={blocks('/map/')} media={new Map()} />)).toContain(
      '<p><a href="/map/" target="_blank" rel="noopener">the map</a></p>',
    );
    expect(renderToString(<BodyBlocks blocks={blocks('https://example.com/map')} media={new Map()} />)).toContain(
      '<a href="https://example.com/map" target="_blank" rel="noopener noreferrer">',
    );
  });

  it('keeps the words but drops a link that would leave the site through a backslash', () => {
    expect(renderToString(<BodyBlocks blocks={linkTo('/\\evil.example')} media={new Map()} />)).toContain(
      '<p>the report</p>',
    );
  });
});
