import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockSchema } from '../domain/body.js';
import { parseBodyMarkup, serializeBodyMarkup } from '../domain/body-markup.js';
import { embedAddress, embedAddressProblem } from '../domain/embed-address.js';
import { embedTitleProblem } from './embed-dialog.js';

/** What a save makes of an embed the dialog gives: the editor's hidden field holds markup, the server reads it. */
const savedAs = (url: string, title: string) => {
  const [block, ...rest] = parseBodyMarkup(serializeBodyMarkup([{ type: 'embed', url, title }]));
  return { block, rest, valid: BlockSchema.safeParse(block).success };
};

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
