import { describe, expect, it } from 'vitest';
import { shareLinks } from './share-links.js';

const URL_WITH_PATH = 'https://news.example.com/politics/defense-security/20260121-7/';
const HEADLINE = 'Tax & Spend: “Why” 50% + More?';

const byName = (url: string, headline: string) => new Map(shareLinks(url, headline).map((l) => [l.name, l]));

describe('shareLinks', () => {
  it('offers X, Facebook, LinkedIn, LINE, Bluesky and email, in that order', () => {
    expect(shareLinks(URL_WITH_PATH, HEADLINE).map((l) => l.name)).toEqual([
      'X',
      'Facebook',
      'LinkedIn',
      'LINE',
      'Bluesky',
      'Email',
    ]);
  });

  it('encodes the address and the headline so each arrives whole, with spaces as %20', () => {
    const links = byName(URL_WITH_PATH, HEADLINE);
    const url = encodeURIComponent(URL_WITH_PATH);
    expect(url).toBe('https%3A%2F%2Fnews.example.com%2Fpolitics%2Fdefense-security%2F20260121-7%2F');
    const title = 'Tax%20%26%20Spend%3A%20%E2%80%9CWhy%E2%80%9D%2050%25%20%2B%20More%3F';
    expect(links.get('X')!.href).toBe(`https://x.com/intent/tweet?text=${title}&url=${url}`);
    expect(links.get('Facebook')!.href).toBe(`https://www.facebook.com/sharer/sharer.php?u=${url}`);
    expect(links.get('LinkedIn')!.href).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${url}`);
    expect(links.get('LINE')!.href).toBe(`https://social-plugins.line.me/lineit/share?url=${url}`);
    expect(links.get('Bluesky')!.href).toBe(`https://bsky.app/intent/compose?text=${title}%20${url}`);
    expect(links.get('Email')!.href).toBe(`mailto:?subject=${title}&body=${url}`);
  });

  it('gives back the exact headline and address when a service decodes its parameters', () => {
    const x = new URL(byName(URL_WITH_PATH, HEADLINE).get('X')!.href);
    expect(x.searchParams.get('text')).toBe(HEADLINE);
    expect(x.searchParams.get('url')).toBe(URL_WITH_PATH);
    const bluesky = new URL(byName(URL_WITH_PATH, HEADLINE).get('Bluesky')!.href);
    expect(bluesky.searchParams.get('text')).toBe(`${HEADLINE} ${URL_WITH_PATH}`);
  });

  it('opens the other sites in a new tab and leaves email to the mail client', () => {
    expect(shareLinks(URL_WITH_PATH, HEADLINE).map((l) => [l.name, l.external])).toEqual([
      ['X', true],
      ['Facebook', true],
      ['LinkedIn', true],
      ['LINE', true],
      ['Bluesky', true],
      ['Email', false],
    ]);
  });
});
