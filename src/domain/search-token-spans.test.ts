import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { indexTokens, normaliseText } from './search-text.js';
import { STABLE_CHAR, tokenSpans } from './search-token-spans.js';

// What articles hold, and what normalising moves: accents as separate marks, ß, half-width kana with their
// voicing marks, soft hyphens, ligatures, the ellipsis, Hangul jamo, emoji.
const ARTICLE_CHARS = [
  ...'abcXYZéÉßøñ019 ',
  ...'防衛省弾道国会々ミサイルーカタｶﾀﾅﾞﾟがかんの。、「」・',
  ...'한국어ＡＢＣ１２３각',
  ...'"“”*()-:^\\%_\'’.,\n\t\u0000\u00AD\u0301\u3099ﬁ…½™İ😀',
];
const articleText = fc.array(fc.constantFrom(...ARTICLE_CHARS), { maxLength: 80 }).map((chars) => chars.join(''));
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), articleText);

const placed = (text: string) => {
  const { tokens, starts, ends } = tokenSpans(text);
  return tokens.map((token, i) => [token, text.slice(starts[i], ends[i])]);
};

describe('tokenSpans', () => {
  it('gives exactly the tokens the index is given, whatever the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(tokenSpans(text).tokens).toEqual(indexTokens(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('places every token inside the text, in order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { starts, ends } = tokenSpans(text);
        starts.forEach((start, i) => {
          expect(0 <= start && start < ends[i]! && ends[i]! <= text.length).toBe(true);
          if (i > 0) expect(start).toBeGreaterThanOrEqual(starts[i - 1]!);
        });
      }),
    );
  });

  it('places English words on the words as written', () => {
    expect(placed('The Refueling, don’t STOP.')).toEqual([
      ['the', 'The'],
      ['refuel', 'Refueling'],
      ['dont', 'don’t'],
      ['stop', 'STOP'],
    ]);
  });

  it('places Japanese bigrams on their two characters, half-width kana included', () => {
    expect(placed('防衛省 ﾐｻｲﾙ')).toEqual([
      ['防衛', '防衛'],
      ['衛省', '衛省'],
      ['ミサ', 'ﾐｻ'],
      ['サイ', 'ｻｲ'],
      ['イル', 'ｲﾙ'],
    ]);
    expect(placed('ﾊﾟﾝ')).toEqual([['パン', 'ﾊﾟﾝ']]);
  });

  it('places words that normalising lengthens or shortens on their original letters', () => {
    expect(placed('Straße co\u00ADoperate cafe\u0301 ﬁnal')).toEqual([
      ['strass', 'Straße'],
      ['cooper', 'co\u00ADoperate'],
      ['cafe', 'cafe\u0301'],
      ['final', 'ﬁnal'],
    ]);
  });

  it('has a class of characters that normalise in place, one unit for one', () => {
    const moved: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      if (!STABLE_CHAR.test(char)) continue;
      if (normaliseText(char).length !== 1 || /[\p{M}\p{Cf}]/u.test(char)) moved.push(code.toString(16));
    }
    expect(moved).toEqual([]);
  });
});
