import { describe, expect, it } from 'vitest';
import { embedAddress, embedAddressProblem } from './embed-address.js';
import { embedUrl } from './html-to-body-embeds.js';

describe("an embed's address (the Embed dialog's words)", () => {
  it('takes a full address on another site', () => {
    for (const url of [
      'https://video.example/watch?v=1',
      'http://maps.example.org/harbour',
      'https://en.wikipedia.org/wiki/Mercury_(planet)',
    ])
      expect(embedAddressProblem(url), url).toBeNull();
  });

  it('asks for an address when none is written', () => {
    expect(embedAddressProblem('  ')).toBe('Write the address of what to embed.');
  });

  it('says to add https:// to an address written without it', () => {
    expect(embedAddressProblem('video.example/watch')).toBe(
      'Start the address with https:// (https://video.example/watch).',
    );
  });

  it('refuses a path on this site, an email, a script or a double-slash address, saying what is taken', () => {
    for (const url of ['/politics/', 'mailto:desk@example.com', 'javascript:alert(1)', '//evil.example/x'])
      expect(embedAddressProblem(url), url).toBe(
        'An embed shows something from another site: use its full address, starting with https:// or http://.',
      );
  });

  it('refuses an address with a space or a line break in it, or no site name', () => {
    expect(embedAddressProblem('https://video.example/my clip')).toBe(
      'An address has no spaces or line breaks in it: copy it again from the page to embed.',
    );
    expect(embedAddressProblem('https://video.example/a\tb')).toMatch(/^An address has no spaces/);
    expect(embedAddressProblem('https://')).toBe(
      "Write the site's name after https://, as in https://example.com/video.",
    );
    expect(embedAddressProblem('http:///path')).toBe(
      "Write the site's name after http://, as in https://example.com/video.",
    );
  });

  it('refuses an address longer than the body keeps', () => {
    const url = `https://video.example/${'a'.repeat(2048)}`;
    expect(embedAddressProblem(url)).toBe(
      `The address is ${url.length.toLocaleString('en')} characters long; an embed takes at most 2,048.`,
    );
    expect(embedAddressProblem(url.slice(0, 2048))).toBeNull();
  });

  it('writes a capitalised scheme in lower case, as the body reads it, and drops spaces around the address', () => {
    expect(embedAddress('  HTTPS://Video.example/Watch ')).toBe('https://Video.example/Watch');
    expect(embedAddressProblem('HTTPS://Video.example/Watch')).toBeNull();
  });
});

describe('an embed in converted HTML', () => {
  it('keeps only an address the Embed dialog takes', () => {
    for (const url of ['https://video.example/watch?v=1', 'HTTPS://Video.example/Watch', 'http://maps.example.org/a'])
      expect(embedUrl(url), url).toBe(embedAddress(url));
    for (const url of [
      'video.example/watch',
      '/politics/',
      'https://video.example/my clip',
      'https://',
      'http:///path',
    ])
      expect(embedUrl(url), url).toBeNull();
    expect(embedUrl(`https://video.example/${'a'.repeat(2048)}`)).toBeNull();
  });

  it('reads a protocol-relative address as https, which the dialog asks to be written out', () => {
    expect(embedAddressProblem('//video.example/x')).not.toBeNull();
    expect(embedUrl('//video.example/x')).toBe('https://video.example/x');
  });
});
