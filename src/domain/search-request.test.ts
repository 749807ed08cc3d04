import { describe, expect, it } from 'vitest';
import { readerLabels } from './edition-labels.js';
import {
  readSearchParams,
  searchCacheKey,
  searchHref,
  searchInEdition,
  searchNote,
  searchProblemText,
  searchSectionOptions,
  searchTermsOf,
  type SearchParams,
} from './search-request.js';
import { buildSectionTree } from './section.js';

const SECTIONS = buildSectionTree([
  { id: 1, slug: 'politics', name: 'Politics', position: 1, parentId: null },
  { id: 2, slug: 'diplomacy', name: 'Diplomacy', position: 2, parentId: 1 },
  { id: 3, slug: 'business', name: 'Business', position: 3, parentId: null },
]);
const TOKYO = { sections: SECTIONS, settings: { timeZone: 'Asia/Tokyo' } };

const params = (raw: Record<string, unknown>): SearchParams => {
  const read = readSearchParams(raw);
  if (!read.ok) throw new Error(`refused: ${JSON.stringify(read.problems)}`);
  return read.params;
};

const problemsOf = (raw: Record<string, unknown>) => {
  const read = readSearchParams(raw);
  return read.ok ? [] : read.problems;
};

describe('reading a search request', () => {
  it('reads no parameters as nothing to search for, on page 1, by relevance', () => {
    expect(params({})).toMatchObject({
      text: '',
      textCut: false,
      section: null,
      author: null,
      from: null,
      to: null,
      sort: 'relevance',
      page: 1,
    });
  });

  it('reads empty fields, as a form without JavaScript sends them, as absent', () => {
    expect(params({ q: 'budget', section: '', author: '', from: '', to: '', sort: '', page: '' })).toMatchObject({
      section: null,
      author: null,
      from: null,
      to: null,
      sort: 'relevance',
      page: 1,
    });
  });

  it('shows the query with control characters and runs of spaces made one space', () => {
    expect(params({ q: '  budget\u0000\t\n vote  ' }).text).toBe('budget vote');
  });

  it('cuts a long query to its first 200 characters and says so', () => {
    const read = params({ q: 'a'.repeat(10_000) });
    expect([...read.text]).toHaveLength(1000);
    const { cut } = searchTermsOf(read);
    expect(cut).toBe('characters');
    expect(searchNote(cut, readerLabels('en'))).toBe('Your search was shortened to its first 200 characters.');
  });

  it('searches for whole words of a query cut inside a word', () => {
    const words = Array.from({ length: 19 }, (_, i) => `lighthouse${i}`);
    const { query, cut } = searchTermsOf(params({ q: words.join(' ') }));
    expect(cut).toBe('characters');
    expect(query.terms.map((t) => (t.kind === 'token' ? t.token : ''))).toEqual(words.slice(0, query.terms.length));
  });

  it('says a query of more than 20 words was cut to its first 20 words', () => {
    const terms = searchTermsOf(params({ q: Array.from({ length: 25 }, (_, i) => `w${i}`).join(' ') }));
    expect(terms.query.terms).toHaveLength(20);
    expect(terms.cut).toBe('words');
  });

  it('searches for what the text says, and says nothing was cut from a short query', () => {
    expect(searchTermsOf(params({ q: '"budget vote" Tokyo' }))).toEqual({
      query: {
        terms: [
          { kind: 'phrase', tokens: ['budget', 'vote'] },
          { kind: 'token', token: 'tokyo' },
        ],
        cut: false,
      },
      cut: null,
    });
  });

  it('reads filters trimmed, slugs in lower case, dates as days', () => {
    expect(
      params({
        q: 'x',
        section: ' Politics ',
        author: 'Mei-Aoki',
        from: '2024-02-29',
        to: '2024-03-01',
        sort: 'newest',
        page: '3',
      }),
    ).toMatchObject({
      section: 'politics',
      author: 'mei-aoki',
      from: { year: 2024, month: 2, day: 29 },
      to: { year: 2024, month: 3, day: 1 },
      sort: 'newest',
      page: 3,
    });
  });

  it.each([
    [{ page: '0' }, [{ field: 'page', kind: 'page' }]],
    [{ page: '1.5' }, [{ field: 'page', kind: 'page' }]],
    [{ sort: 'oldest' }, [{ field: 'sort', kind: 'sort' }]],
    [{ from: '2026-02-29' }, [{ field: 'from', kind: 'date' }]],
    [{ to: '2026-13-01' }, [{ field: 'to', kind: 'date' }]],
    [{ from: '26-01-01' }, [{ field: 'from', kind: 'date' }]],
    [{ from: '0099-01-01' }, [{ field: 'from', kind: 'date' }]],
    [{ from: '2026-01-20', to: '2026-01-19' }, [{ field: 'to', kind: 'date-order' }]],
    [{ q: ['a', 'b'] }, [{ field: 'q', kind: 'repeated' }]],
  ])('refuses %j', (raw, problems) => {
    expect(problemsOf(raw)).toEqual(problems);
  });

  it('gives every problem at once, and the form as sent to be mended', () => {
    const read = readSearchParams({ q: 'budget', sort: 'x', page: '-1', from: 'soon' });
    expect(read).toEqual({
      ok: false,
      form: { q: 'budget', section: '', author: '', from: 'soon', to: '', sort: 'x' },
      problems: [
        { field: 'page', kind: 'page' },
        { field: 'sort', kind: 'sort' },
        { field: 'from', kind: 'date' },
      ],
    });
  });

  it('words each problem in the edition’s language', () => {
    const problem = { field: 'section', kind: 'unknown-section', slug: 'gardening' } as const;
    expect(searchProblemText(problem, readerLabels('en'))).toBe('There is no section “gardening”.');
    expect(searchProblemText(problem, readerLabels('ja'))).toBe('「gardening」というジャンルはありません。');
  });
});

describe('placing a search in an edition', () => {
  it('takes in a section’s subsections', () => {
    const placed = searchInEdition(TOKYO, params({ q: 'x', section: 'politics' }));
    expect(placed.ok && placed.search.sectionIds).toEqual([1, 2]);
    const sub = searchInEdition(TOKYO, params({ q: 'x', section: 'diplomacy' }));
    expect(sub.ok && sub.search.sectionIds).toEqual([2]);
  });

  it('refuses a section the edition does not have', () => {
    expect(searchInEdition(TOKYO, params({ q: 'x', section: 'gardening' }))).toEqual({
      ok: false,
      problems: [{ field: 'section', kind: 'unknown-section', slug: 'gardening' }],
    });
  });

  it('reads days in the site’s time zone, the last day included to its end', () => {
    const placed = searchInEdition(TOKYO, params({ from: '2026-01-15', to: '2026-01-31' }));
    expect(placed.ok && [placed.search.from, placed.search.to]).toEqual([
      Date.UTC(2026, 0, 14, 15, 0),
      Date.UTC(2026, 0, 31, 15, 0),
    ]);
  });
});

describe('what is made from an understood search', () => {
  const keyOf = (raw: Record<string, unknown>, prefix = '/') => {
    const placed = searchInEdition(TOKYO, params(raw));
    if (!placed.ok) throw new Error('refused');
    return searchCacheKey('page', prefix, placed.search);
  };

  it('gives every spelling of one search the same cache key', () => {
    const key = keyOf({ q: 'budget vote', section: 'politics' });
    expect(keyOf({ q: '  budget   vote ', section: 'POLITICS', sort: 'relevance', page: '1', utm_source: 'x' })).toBe(
      key,
    );
  });

  it('gives different searches different keys', () => {
    const key = keyOf({ q: 'budget' });
    const others = [
      keyOf({ q: 'budgets' }),
      keyOf({ q: 'budget', page: '2' }),
      keyOf({ q: 'budget', sort: 'newest' }),
      keyOf({ q: 'budget', section: 'diplomacy' }),
      keyOf({ q: 'budget', author: 'mei-aoki' }),
      keyOf({ q: 'budget', from: '2026-01-01' }),
      keyOf({ q: 'budget', to: '2026-01-01' }),
      keyOf({ q: 'budget' }, '/ja/'),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });

  it('writes the address of another page of the same search, and of it without its author', () => {
    const p = params({ q: 'budget & vote', author: 'mei-aoki', from: '2026-01-01', sort: 'newest', page: '2' });
    expect(searchHref('/ja/search', p, 3)).toBe(
      '/ja/search?q=budget+%26+vote&author=mei-aoki&from=2026-01-01&sort=newest&page=3',
    );
    expect(searchHref('/search', p, 1, false)).toBe('/search?q=budget+%26+vote&from=2026-01-01&sort=newest');
    expect(searchHref('/search', params({}), 1)).toBe('/search');
  });

  it('offers each section followed by its subsections, named under it', () => {
    expect(searchSectionOptions(SECTIONS)).toEqual([
      { slug: 'politics', name: 'Politics' },
      { slug: 'diplomacy', name: 'Politics › Diplomacy' },
      { slug: 'business', name: 'Business' },
    ]);
  });
});
