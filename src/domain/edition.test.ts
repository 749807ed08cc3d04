import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalLanguage,
  defaultEditionSettings,
  editionFinder,
  editionPath,
  firstEdition,
  mergeEditionSettings,
  prefixProblem,
  validateEdition,
  type PrefixContext,
} from './edition.js';

const names = { publicationName: 'Dateline News', shortName: 'DN', tagline: 'News', timeZoneLabel: 'JST' };
const japaneseForm = {
  ...defaultEditionSettings('ja', { ...names, publicationName: 'デイトライン新聞' }),
  language: 'ja',
  prefix: '/ja/',
};
const second: PrefixContext & { otherLanguages: string[] } = {
  isFirst: false,
  otherPrefixes: ['/'],
  otherLanguages: ['en'],
  takenSegments: new Set(['politics', 'tv']),
};

describe('validateEdition', () => {
  it('takes a Japanese edition at /ja/ with its language’s defaults', () => {
    const check = validateEdition(japaneseForm, second);
    expect(check).toEqual({ ok: true, edition: { ...japaneseForm } });
    expect(japaneseForm).toMatchObject({
      dateStyle: 'ja',
      topArticlesHeading: '{section}の注目記事',
      rankingHeading: 'アクセスランキング',
    });
  });

  it('writes the language tag in its canonical form', () => {
    const check = validateEdition({ ...japaneseForm, language: 'JA-jp' }, second);
    expect(check.ok && check.edition.language).toBe('ja-JP');
    expect(canonicalLanguage('zh-hant-tw')).toBe('zh-Hant-TW');
  });

  it('refuses what Intl does not take as a language tag, and extensions', () => {
    for (const language of ['', 'japanese', 'ja_JP', 'en-u-ca-gregory', 'x-private', 'und', 'e'.repeat(40)]) {
      const check = validateEdition({ ...japaneseForm, language }, second);
      expect(check, language).toEqual({
        ok: false,
        fields: { language: 'Give a language tag such as en, ja or zh-Hant.' },
      });
    }
  });

  it('refuses a second edition in a language that already has one', () => {
    const check = validateEdition({ ...japaneseForm, language: 'EN' }, second);
    expect(check).toEqual({ ok: false, fields: { language: 'Another edition is already in en.' } });
  });

  it('says what is wrong with each field at once', () => {
    const check = validateEdition(
      { ...japaneseForm, prefix: '/JA/', publicationName: ' ', topArticlesHeading: '注目記事', dateStyle: 'fr' },
      second,
    );
    expect(check.ok).toBe(false);
    expect(Object.keys(check.ok ? {} : check.fields).sort()).toEqual([
      'dateStyle',
      'prefix',
      'publicationName',
      'topArticlesHeading',
    ]);
    expect(!check.ok && check.fields.topArticlesHeading).toBe(
      'Put {section} in the wording once, where the name goes.',
    );
  });

  it('answers a body that is no object with field errors, not an exception', () => {
    const check = validateEdition(null, second);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.fields.language).toBe('Give a language tag such as en, ja or zh-Hant.');
  });
});

describe('prefixProblem', () => {
  it('keeps the first edition at / and only there', () => {
    expect(prefixProblem('/', { ...second, isFirst: true })).toBeNull();
    expect(prefixProblem('/en/', { ...second, isFirst: true })).toBe(
      'The first edition is the site itself: its prefix is /.',
    );
    expect(prefixProblem('/', second)).toBe('Only the first edition is at /; give this one a prefix such as /ja/.');
  });

  it('takes one lowercase segment, with a hyphen for a script or region', () => {
    expect(prefixProblem('/ja/', second)).toBeNull();
    expect(prefixProblem('/zh-hant/', second)).toBeNull();
    for (const bad of ['ja', '/ja', 'ja/', '/JA/', '/ja/jp/', '/j/', '/日本/', '/ja-/', '//'])
      expect(prefixProblem(bad, second), bad).toMatch(/^Write the prefix as lowercase letters/);
  });

  it('refuses the site’s own addresses and the ones sections and pages hold', () => {
    expect(prefixProblem('/api/', second)).toBe('The site keeps /api/ for itself; choose another prefix.');
    expect(prefixProblem('/tag/', second)).toBe('The site keeps /tag/ for itself; choose another prefix.');
    expect(prefixProblem('/tv/', second)).toBe(
      'A section or page already has the address /tv/; choose another prefix.',
    );
  });

  it('refuses a prefix another edition has', () => {
    expect(prefixProblem('/ja/', { ...second, otherPrefixes: ['/', '/ja/'] })).toBe(
      'Another edition already has the prefix /ja/.',
    );
  });
});

describe('mergeEditionSettings', () => {
  it('keeps each stored value that validates and falls back field by field for the rest', () => {
    const base = defaultEditionSettings('en', names);
    const merged = mergeEditionSettings(
      { publicationName: 'The Evening Edition', topArticlesHeading: 'no placeholder', dateStyle: 'ja', extra: 1 },
      base,
    );
    expect(merged).toEqual({ ...base, publicationName: 'The Evening Edition', dateStyle: 'ja' });
  });

  it('falls back wholly for a stored value that is no object', () => {
    const base = defaultEditionSettings('en', names);
    expect(mergeEditionSettings('[', base)).toEqual(base);
    expect(mergeEditionSettings(null, base)).toEqual(base);
  });
});

const english = { id: 1, prefix: '/', position: 0 };
const japanese = { id: 2, prefix: '/ja/', position: 1 };

describe('editionFinder', () => {
  const find = editionFinder([english, japanese]);

  it('places the root, every English path and lookalikes in the first edition', () => {
    for (const path of ['/', '/politics/', '/politics/20260121-7/', '/jazz/', '/j', '/ranking/'])
      expect(find(path), path).toEqual({ edition: english, rest: path });
  });

  it('places /ja/ paths in the Japanese edition, with the prefix taken off', () => {
    expect(find('/ja/')).toEqual({ edition: japanese, rest: '/' });
    expect(find('/ja/politics/20260121-9/')).toEqual({ edition: japanese, rest: '/politics/20260121-9/' });
    expect(find('/ja')).toEqual({ edition: japanese, rest: '' });
  });

  it('needs an edition at /', () => {
    expect(() => editionFinder([japanese])).toThrow(/without an edition at \//);
  });

  it('names the first edition by position, wherever it is listed', () => {
    expect(firstEdition([japanese, english])).toBe(english);
    expect(firstEdition([])).toBeUndefined();
  });
});

// Editions as validation allows them: "/" plus any number of distinct one-segment prefixes.
const segment = fc.stringMatching(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/);
const editionLists = fc
  .uniqueArray(segment, { maxLength: 6 })
  .map((segments) => [
    { id: 1, prefix: '/', position: 0 },
    ...segments.map((s, i) => ({ id: i + 2, prefix: `/${s}/`, position: i + 1 })),
  ]);
// Paths that often start with one of the prefixes (or a near miss), and arbitrary text otherwise.
const pathsFor = (editions: { prefix: string }[]) =>
  fc.oneof(
    fc.string(),
    fc
      .tuple(fc.constantFrom(...editions.map((e) => e.prefix)), fc.constantFrom('', 'x/', '/', 'a', '20260121-7/'))
      .map(([prefix, tail]) => prefix + tail),
    fc.constantFrom(...editions.map((e) => e.prefix.slice(0, -1))),
  );

describe('property: every path has one edition, the longest prefix that fits', () => {
  it('is total, picks a matching prefix, and none longer matches', () => {
    fc.assert(
      fc.property(
        editionLists.chain((editions) => fc.tuple(fc.constant(editions), pathsFor(editions))),
        ([editions, path]) => {
          const { edition, rest } = editionFinder(editions)(path);
          expect(editions).toContain(edition);
          const fits = (prefix: string) => prefix === '/' || path.startsWith(prefix) || path === prefix.slice(0, -1);
          expect(fits(edition.prefix)).toBe(true);
          const longer = editions.filter((e) => fits(e.prefix) && e.prefix.length > edition.prefix.length);
          expect(longer).toEqual([]);
          // The prefix and the rest give back the path (a bare "/ja" is its prefix without the slash).
          expect(rest === '' ? edition.prefix.slice(0, -1) : editionPath(edition, rest)).toBe(path);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
