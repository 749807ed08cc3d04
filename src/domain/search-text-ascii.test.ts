import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexTokens, normaliseText, segmentedWordTokens } from './search-text.js';

describe('the ASCII shortcut', () => {
  it('gives the same tokens as the segmenter for any ASCII text', () => {
    const asciiText = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) }),
      fc.string({ unit: fc.constantFrom(...'ab Z9.,-_\'’:;/@#$%&*()"!?\n\t'.split('')) }),
    );
    fc.assert(
      fc.property(asciiText, (text) => {
        expect(indexTokens(text)).toEqual(segmentedWordTokens(normaliseText(text)));
      }),
      { numRuns: 2000 },
    );
  });
});
