import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockSchema } from '../domain/body.js';
import { parseBodyMarkup, serializeBodyMarkup } from '../domain/body-markup.js';
import { embedAddress, embedAddressProblem, embedTitleProblem } from './embed-dialog.js';

/** What a save makes of an embed the dialog gives: the editor's hidden field holds markup, the server reads it. */
const savedAs = (url: string, title: string) => {
  const [block, ...rest] = parseBodyMarkup(serializeBodyMarkup([{ type: 'embed', url, title }]));
  return { block, rest, valid: BlockSchema.safeParse(block).success };
};

describe("the Embed dialog's address", () => {
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

describe("the Embed dialog's title", () => {
  it('asks for a title, and keeps it to 300 characters', () => {
    expect(embedTitleProblem(' ')).toBe('Write a title: readers see it as the link to what is embedded.');
    expect(embedTitleProblem('x'.repeat(300))).toBeNull();
    expect(embedTitleProblem('x'.repeat(301))).toBe('Keep the title to 300 characters; it has 301.');
  });
});

describe('what the Embed dialog takes, a save keeps', () => {
  it('as the same embed block, for any address and title it accepts', () => {
    const address = fc
      .tuple(
        fc.constantFrom('https://', 'http://', 'HTTPS://'),
        fc.domain(),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
      )
      .map(([scheme, host, rest]) => `${scheme}${host}/${rest}`);
    const title = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 320 });
    fc.assert(
      fc.property(address, title, (rawUrl, rawTitle) => {
        if (embedAddressProblem(rawUrl) || embedTitleProblem(rawTitle)) return;
        const url = embedAddress(rawUrl);
        const saved = savedAs(url, rawTitle.trim());
        expect(saved.rest).toEqual([]);
        expect(saved.block).toEqual({ type: 'embed', url, title: rawTitle.trim() });
        expect(saved.valid).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
