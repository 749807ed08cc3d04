import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_QUERY_CHARS,
  MAX_QUERY_TERMS,
  MAX_TOKEN_CHARS,
  type QueryTerm,
  indexTokens,
  isSearchToken,
  normaliseText,
  parseQuery,
} from './search-text.js';

const tokensOfTerms = (terms: QueryTerm[]): string[] =>
  terms.flatMap((term) => (term.kind === 'token' ? [term.token] : term.tokens));

/** True when `part` appears in `whole` as a contiguous run, in order. */
function containsRun(whole: string[], part: string[]): boolean {
  for (let start = 0; start + part.length <= whole.length; start++) {
    if (part.every((token, i) => whole[start + i] === token)) return true;
  }
  return false;
}

// Strings that mix what articles hold: English with accents, Japanese of every script, digits, punctuation,
// the query operators of FTS5 and tsquery, and control characters.
const ARTICLE_CHARS = [
  ...'abcXYZéÉßøñ019 ',
  ...'防衛省弾道国会々ミサイルーカタｶﾀﾅがかんの。、「」',
  ...'한국어ＡＢＣ１２３',
  ...'"“”*()-:^\\%_\'’.,\n\t\u0000\u00AD\u0301',
];
const articleText = fc.array(fc.constantFrom(...ARTICLE_CHARS), { maxLength: 60 }).map((chars) => chars.join(''));
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), articleText);

describe('normaliseText', () => {
  it('turns full-width letters and digits into ASCII and half-width katakana into full-width', () => {
    expect(normaliseText('ＡＢＣ１２３')).toBe('abc123');
    expect(normaliseText('ｶﾀｶﾅ')).toBe('カタカナ');
    expect(normaliseText('ﾊﾟﾝ')).toBe('パン');
  });

  it('folds accents on Latin letters and spells out ß', () => {
    expect(normaliseText('Café Crème Ångström naïve Straße Ærø')).toBe('cafe creme angstrom naive strasse aero');
  });

  it('keeps the voicing marks of Japanese kana, which change the word', () => {
    expect(normaliseText('がん')).toBe('がん');
    expect(normaliseText('がん')).not.toBe(normaliseText('かん'));
  });

  it('turns control characters into spaces and drops soft hyphens', () => {
    expect(normaliseText('one\ntwo\u0000three')).toBe('one two three');
    expect(normaliseText('co\u00ADoperate')).toBe('cooperate');
  });
});

describe('indexTokens', () => {
  it('gives refuel, refueled and refueling one stem', () => {
    const [refuel] = indexTokens('refuel');
    expect(refuel).toBe('refuel');
    expect(indexTokens('refueled refueling Refuels')).toEqual([refuel, refuel, refuel]);
  });

  it('stems English words and splits at punctuation', () => {
    expect(indexTokens('Ballistic missiles: the F-35 was launched.')).toEqual([
      'ballist',
      'missil',
      'the',
      'f',
      '35',
      'wa',
      'launch',
    ]);
  });

  it("joins a word's apostrophe instead of leaving a stray letter", () => {
    expect(indexTokens("don't nation’s")).toEqual(['dont', 'nation']);
  });

  it('makes overlapping bigrams of a Japanese run', () => {
    expect(indexTokens('防衛省')).toEqual(['防衛', '衛省']);
    expect(indexTokens('弾道ミサイル')).toEqual(['弾道', '道ミ', 'ミサ', 'サイ', 'イル']);
  });

  it('keeps a run of one character as it is', () => {
    expect(indexTokens('1万円')).toEqual(['1', '万円']);
    expect(indexTokens('円 安')).toEqual(['円', '安']);
  });

  it('keeps the long vowel mark and 々 inside a run, and breaks runs at Japanese punctuation', () => {
    expect(indexTokens('データ')).toEqual(['デー', 'ータ']);
    expect(indexTokens('人々、国会')).toEqual(['人々', '国会']);
  });

  it('indexes half-width katakana and full-width letters as their ordinary forms', () => {
    expect(indexTokens('ｶﾀｶﾅ')).toEqual(indexTokens('カタカナ'));
    expect(indexTokens('ＡＢＣ１２３')).toEqual(['abc123']);
  });

  it('indexes accented and plain spellings the same', () => {
    expect(indexTokens('Café Müller')).toEqual(indexTokens('cafe muller'));
  });

  it('reads mixed English and Japanese in order', () => {
    expect(indexTokens('防衛省は refueling を発表')).toEqual(['防衛', '衛省', '省は', 'refuel', 'を発', '発表']);
    expect(indexTokens('日本のiPhone15が売れた')).toEqual(['日本', '本の', 'iphone15', 'が売', '売れ', 'れた']);
  });

  it('makes bigrams of Korean too', () => {
    expect(indexTokens('한국어 뉴스')).toEqual(['한국', '국어', '뉴스']);
  });

  it('cuts a very long word to its first characters', () => {
    const [token] = indexTokens('x'.repeat(500));
    expect(token).toBe('x'.repeat(MAX_TOKEN_CHARS));
  });

  it('gives no tokens for punctuation and space', () => {
    expect(indexTokens(' "*()-:^\\%_ 。、 \n ')).toEqual([]);
  });

  it('gives only tokens of the alphabet, for any text', () => {
    fc.assert(fc.property(anyText, (text) => indexTokens(text).every(isSearchToken)));
  });
});

describe('isSearchToken', () => {
  it('takes lower-case letters and digits of any script', () => {
    for (const token of ['refuel', 'f35', '防衛', 'ミサ', 'हिन्दी', 'привет']) expect(isSearchToken(token)).toBe(true);
  });

  it('refuses anything a query language or a space-separated list could read as syntax', () => {
    for (const bad of ['', 'a b', 'a"b', "a'b", 'a*', 'or)', '-a', 'a:b', 'a^2', 'a\\b', 'a%', 'a_b', 'A', '\u0301a'])
      expect(isSearchToken(bad)).toBe(false);
    expect(isSearchToken('x'.repeat(MAX_TOKEN_CHARS + 1))).toBe(false);
  });
});

describe('parseQuery', () => {
  it('reads words as tokens, stemmed as the index is', () => {
    expect(parseQuery('Refueled jets')).toEqual({
      terms: [
        { kind: 'token', token: 'refuel' },
        { kind: 'token', token: 'jet' },
      ],
      cut: false,
    });
  });

  it('reads text in double quotes as a phrase', () => {
    expect(parseQuery('"ballistic missiles" launch').terms).toEqual([
      { kind: 'phrase', tokens: ['ballist', 'missil'] },
      { kind: 'token', token: 'launch' },
    ]);
  });

  it('reads curly quotes and an unclosed quote as a phrase too', () => {
    expect(parseQuery('“prime minister”').terms).toEqual([{ kind: 'phrase', tokens: ['prime', 'minist'] }]);
    expect(parseQuery('cabinet "prime minister').terms).toEqual([
      { kind: 'token', token: 'cabinet' },
      { kind: 'phrase', tokens: ['prime', 'minist'] },
    ]);
  });

  it('reads a two-character Japanese query as one token', () => {
    expect(parseQuery('防衛').terms).toEqual([{ kind: 'token', token: '防衛' }]);
  });

  it('reads a longer Japanese run as its bigrams in order', () => {
    expect(parseQuery('弾道ミサイル').terms).toEqual([
      { kind: 'phrase', tokens: ['弾道', '道ミ', 'ミサ', 'サイ', 'イル'] },
    ]);
  });

  it('finds half-width katakana and full-width letters as their ordinary forms', () => {
    expect(parseQuery('ｶﾀｶﾅ')).toEqual(parseQuery('カタカナ'));
    expect(parseQuery('ＡＢＣ１２３').terms).toEqual([{ kind: 'token', token: 'abc123' }]);
  });

  it('reads a piece that makes several tokens as a phrase', () => {
    expect(parseQuery('well-known').terms).toEqual([{ kind: 'phrase', tokens: ['well', 'known'] }]);
  });

  it('treats FTS5 and tsquery operators as plain punctuation', () => {
    expect(parseQuery('tax OR -budget NEAR(a b) *x* ^y col:z (\\%_)').terms).toEqual([
      { kind: 'token', token: 'tax' },
      { kind: 'token', token: 'or' },
      { kind: 'token', token: 'budget' },
      { kind: 'phrase', tokens: ['near', 'a'] },
      { kind: 'token', token: 'b' },
      { kind: 'token', token: 'x' },
      { kind: 'token', token: 'y' },
      { kind: 'phrase', tokens: ['col', 'z'] },
    ]);
  });

  it('gives no terms for an empty or all-punctuation query', () => {
    for (const query of ['', '   ', '""', '*', '"*" -() :^ \\ % _', '\u0000\u0001\n', '。「」']) {
      expect(parseQuery(query)).toEqual({ terms: [], cut: false });
    }
  });

  it('keeps a repeated term once', () => {
    expect(parseQuery('tax taxes TAX').terms).toEqual([{ kind: 'token', token: 'tax' }]);
  });

  it(`cuts a query longer than ${MAX_QUERY_CHARS} characters and says so`, () => {
    const query = parseQuery('word '.repeat(10) + 'x'.repeat(10_000));
    expect(query.cut).toBe(true);
    expect(query.terms).toEqual([
      { kind: 'token', token: 'word' },
      { kind: 'token', token: 'x'.repeat(MAX_TOKEN_CHARS) },
    ]);
  });

  it(`keeps the first ${MAX_QUERY_TERMS} terms and says it cut the rest`, () => {
    const words = Array.from({ length: MAX_QUERY_TERMS + 5 }, (_, i) => `w${i}`);
    const query = parseQuery(words.join(' '));
    expect(query.cut).toBe(true);
    expect(tokensOfTerms(query.terms)).toEqual(words.slice(0, MAX_QUERY_TERMS));
    expect(parseQuery(words.slice(0, MAX_QUERY_TERMS).join(' ')).cut).toBe(false);
  });

  it('reads a 10,000-character query of operators and control characters as cut data', () => {
    const query = parseQuery('"NEAR(a* OR -b:^c) \\%_\u0000'.repeat(400).slice(0, 10_000));
    expect(query.cut).toBe(true);
    expect(query.terms.length).toBeGreaterThan(0);
    expect(tokensOfTerms(query.terms).every(isSearchToken)).toBe(true);
  });

  it('never throws and gives only tokens of the alphabet, within the limits, for any query', () => {
    fc.assert(
      fc.property(anyText, (query) => {
        const { terms } = parseQuery(query);
        return (
          terms.length <= MAX_QUERY_TERMS &&
          tokensOfTerms(terms).every(isSearchToken) &&
          terms.every((term) => term.kind === 'token' || term.tokens.length > 1)
        );
      }),
    );
  });

  it('finds a phrase of a document in the tokens of that document', () => {
    fc.assert(
      fc.property(articleText, articleText, articleText, (before, words, after) => {
        const phrase = words.replace(/["“”„＂]/gu, ' ');
        const document = indexTokens(`${before} ${phrase} ${after}`);
        const { terms } = parseQuery(`"${phrase}"`);
        return terms.every((term) => containsRun(document, term.kind === 'token' ? [term.token] : term.tokens));
      }),
    );
  });

  it('finds each word of a document in the tokens of that document', () => {
    fc.assert(
      fc.property(articleText, (text) => {
        const document = indexTokens(text);
        return text
          .split(/\s+/u)
          .slice(0, MAX_QUERY_TERMS)
          .every((word) =>
            parseQuery(word.replace(/["“”„＂]/gu, ' ')).terms.every((term) =>
              containsRun(document, term.kind === 'token' ? [term.token] : term.tokens),
            ),
          );
      }),
    );
  });
});

describe('a query cut at its limit', () => {
  it('drops the word the cut falls inside instead of searching for its first letters', () => {
    const { terms, cut } = parseQuery(`keeper ${'lighthouse '.repeat(2000)}`);
    expect(cut).toBe(true);
    expect(tokensOfTerms(terms)).toEqual(['keeper', 'lighthous']);
  });

  it('keeps a Japanese run the cut falls inside, as its first characters are found wherever it is', () => {
    const { terms } = parseQuery(`防衛 ${'弾道ミサイル'.repeat(100)}`);
    expect(tokensOfTerms(terms).slice(0, 3)).toEqual(['防衛', '弾道', '道ミ']);
  });

  it('keeps a word that ends exactly at the cut', () => {
    const query = `${'a'.repeat(MAX_QUERY_CHARS - 7)} keeper more`;
    expect(tokensOfTerms(parseQuery(query).terms)).toContain('keeper');
  });
});
