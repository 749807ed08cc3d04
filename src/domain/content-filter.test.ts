import { describe, expect, it } from 'vitest';
import { deniedBy, matchesFilter, parseFilter, parsePostFilter, type PostFilter } from './content-filter.js';

const read = (text: string): PostFilter => {
  const result = parsePostFilter(text);
  if (!result.ok) throw new Error(`refused: ${result.context}`);
  return result.filter;
};

const refusal = (text: string): string | null => {
  const result = parsePostFilter(text);
  return result.ok ? null : result.context;
};

describe('parsePostFilter', () => {
  it('reads the long spellings of tags and authors as the short ones', () => {
    expect(read('tags.slug:news')).toEqual(read('tag:news'));
    expect(read('authors.slug:mei')).toEqual({ kind: 'match', field: 'author', op: 'eq', values: ['mei'] });
  });

  it('reads and, or, lists and negation into one tree', () => {
    expect(read('(tag:a1,tag:b1)+author:-[x1,y1]')).toEqual({
      kind: 'and',
      of: [
        {
          kind: 'or',
          of: [
            { kind: 'match', field: 'tag', op: 'eq', values: ['a1'] },
            { kind: 'match', field: 'tag', op: 'eq', values: ['b1'] },
          ],
        },
        { kind: 'match', field: 'author', op: 'nin', values: ['x1', 'y1'] },
      ],
    });
  });

  it('reads a quoted date as UTC epoch milliseconds, with or without a time', () => {
    expect(read("published_at:>='2026-01-21'")).toEqual({
      kind: 'match',
      field: 'published_at',
      op: 'gte',
      values: [Date.UTC(2026, 0, 21)],
    });
    expect(read("updated_at:<'2026-01-21 04:01:00'")).toMatchObject({ values: [Date.UTC(2026, 0, 21, 4, 1)] });
  });

  it('refuses what it cannot answer: other fields, comparisons of non-dates, bad dates, null, text search', () => {
    expect(refusal('title:News')).toMatch(/cannot be filtered by title/);
    expect(refusal('tag:>news')).toMatch(/Only dates/);
    expect(refusal('published_at:>tomorrow')).toMatch(/not a date/);
    expect(refusal('featured:yes')).toMatch(/true or false/);
    expect(refusal('tag:null')).toMatch(/takes a value/);
    expect(refusal('slug:~news')).toMatch(/Query Error/);
  });
});

describe('matchesFilter', () => {
  const page = (field: string) =>
    (
      ({ slug: ['about-us'], id: ['7'], status: ['draft'], published_at: [Date.UTC(2026, 0, 2)] }) as Record<
        string,
        (string | number)[]
      >
    )[field] ?? [];
  const holds = (text: string, list: 'adminPages' | 'tags' = 'adminPages') => {
    const result = parseFilter(text, list);
    if (!result.ok) throw new Error(`refused: ${result.context}`);
    return matchesFilter(result.filter, page);
  };

  it('reads equality, lists, negation, and and or as the SQL of posts does', () => {
    expect(holds('slug:about-us')).toBe(true);
    expect(holds('slug:-about-us')).toBe(false);
    expect(holds('id:[3,7]+status:draft')).toBe(true);
    expect(holds('status:published,slug:about-us')).toBe(true);
    expect(holds('status:-[draft,scheduled]')).toBe(false);
  });

  it('compares dates, and a field without a value matches no comparison but every negation', () => {
    expect(holds("published_at:>'2026-01-01'")).toBe(true);
    expect(holds("published_at:<'2026-01-01'")).toBe(false);
    expect(holds("updated_at:>'2026-01-01'")).toBe(false);
    expect(holds('name:-Politics', 'tags')).toBe(true);
  });
});

describe('deniedBy', () => {
  it('names what a filter of negations leaves out, as one positive filter', () => {
    expect(deniedBy(read('id:-5'))).toEqual(read('id:5'));
    expect(deniedBy(read('tag:-[a1,b1]'))).toEqual(read('tag:[a1,b1]'));
    expect(deniedBy(read('id:-5+slug:-x1'))).toEqual(read('id:5,slug:x1'));
  });

  it('has nothing to say of a filter with any positive part', () => {
    expect(deniedBy(read('id:5'))).toBeNull();
    expect(deniedBy(read('id:-5+tag:news'))).toBeNull();
    expect(deniedBy(read('id:-5,id:-6'))).toBeNull();
    expect(deniedBy(read("published_at:>'2026-01-01'"))).toBeNull();
  });

  it('keeps exactly the objects the negation keeps, for any object and values', () => {
    const filters = ['id:-5', 'tag:-[a1,b1]', 'id:-5+slug:-x1', 'author:-[x1,y1]+tag:-a1'].map(read);
    const objects = [
      { id: ['5'], slug: ['x1'], tag: ['a1'], author: [] },
      { id: ['6'], slug: ['y1'], tag: ['b1', 'c1'], author: ['x1'] },
      { id: ['7'], slug: ['z1'], tag: [], author: ['z1'] },
    ];
    for (const filter of filters) {
      for (const o of objects) {
        const values = (field: string) => (o as Record<string, string[]>)[field] ?? [];
        expect(matchesFilter(filter, values)).toBe(!matchesFilter(deniedBy(filter)!, values));
      }
    }
  });
});
