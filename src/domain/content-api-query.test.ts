import { describe, expect, it } from 'vitest';
import { paginationOf, parseContentQuery, pickFields, type ContentQuery } from './content-api-query.js';

const parsed = (resource: Parameters<typeof parseContentQuery>[0], raw: Record<string, unknown>): ContentQuery => {
  const result = parseContentQuery(resource, raw);
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result.query;
};

const refused = (raw: Record<string, unknown>) => {
  const result = parseContentQuery('posts', raw);
  return result.ok ? null : result.refusal.message;
};

describe('parseContentQuery', () => {
  it('reads an empty query as Ghost’s defaults: 15 newest first, html only', () => {
    expect(parsed('posts', {})).toEqual({
      limit: 15,
      page: 1,
      order: [{ field: 'published_at', direction: 'desc' }],
      fields: null,
      include: [],
      formats: ['html'],
      filter: null,
    });
    expect(parsed('tags', {}).order).toEqual([{ field: 'name', direction: 'asc' }]);
  });

  it('caps limit at 100, for "all" too', () => {
    expect(parsed('posts', { limit: 'all' }).limit).toBe(100);
    expect(parsed('posts', { limit: '500' }).limit).toBe(100);
    expect(parsed('posts', { limit: '7' }).limit).toBe(7);
  });

  it('refuses a limit or page that is not a whole number from 1', () => {
    for (const raw of [{ limit: '0' }, { limit: '2.5' }, { limit: 'ten' }, { page: '0' }, { page: '-1' }]) {
      expect(refused(raw)).toMatch(/cannot read/);
    }
  });

  it('reads several order terms, a missing direction as asc, and refuses fields it cannot sort by', () => {
    expect(parsed('posts', { order: 'title, updated_at DESC' }).order).toEqual([
      { field: 'title', direction: 'asc' },
      { field: 'updated_at', direction: 'desc' },
    ]);
    expect(refused({ order: 'headline desc' })).toMatch(/order/);
    expect(refused({ order: 'title sideways' })).toMatch(/order/);
    expect(refused({ order: 'title asc extra' })).toMatch(/order/);
    expect(parseContentQuery('tags', { order: 'published_at desc' }).ok).toBe(false);
  });

  it('reads a filter with the fields each resource takes, status only in the Admin API, and refuses a malformed one', () => {
    expect(parsed('posts', { filter: 'tag:politics' }).filter).toEqual({
      kind: 'match',
      field: 'tag',
      op: 'eq',
      values: ['politics'],
    });
    expect(refused({ filter: 'tag:(' })).toBe('Error parsing filter');
    expect(parseContentQuery('tags', { filter: 'name:Politics' })).toMatchObject({ ok: true });
    expect(parseContentQuery('tags', { filter: 'author:mei' })).toMatchObject({ ok: false });
    expect(parseContentQuery('pages', { filter: 'tag:politics' })).toMatchObject({ ok: false });
    expect(parseContentQuery('posts', { filter: 'status:draft' })).toMatchObject({ ok: false });
    expect(parseContentQuery('posts', { filter: 'status:draft' }, 'admin')).toMatchObject({ ok: true });
    expect(parseContentQuery('pages', { filter: 'status:[draft,published]' }, 'admin')).toMatchObject({ ok: true });
    expect(parseContentQuery('posts', { filter: 'constructor:x' })).toMatchObject({ ok: false });
  });

  it('keeps the includes the resource has and drops the others', () => {
    expect(parsed('posts', { include: 'tags,authors,count.posts,tiers' }).include).toEqual(['tags', 'authors']);
    expect(parsed('authors', { include: 'count.posts' }).include).toEqual(['count.posts']);
  });

  it('reads a repeated parameter as its values joined, as Ghost’s client joins a list', () => {
    expect(parsed('posts', { include: ['tags', 'authors'] }).include).toEqual(['tags', 'authors']);
  });

  it('reads formats, sending html when none it knows is asked for', () => {
    expect(parsed('posts', { formats: 'plaintext' }).formats).toEqual(['plaintext']);
    expect(parsed('posts', { formats: 'mobiledoc' }).formats).toEqual(['html']);
  });

  it('refuses a parameter too long to be a query', () => {
    expect(refused({ fields: 'a,'.repeat(600) })).toMatch(/too long/);
  });
});

describe('paginationOf', () => {
  it('counts pages and names the next and previous ones', () => {
    expect(paginationOf({ limit: 5, page: 2 }, 12)).toEqual({
      page: 2,
      limit: 5,
      pages: 3,
      total: 12,
      next: 3,
      prev: 1,
    });
  });

  it('gives an empty list one page', () => {
    expect(paginationOf({ limit: 15, page: 1 }, 0)).toEqual({
      page: 1,
      limit: 15,
      pages: 1,
      total: 0,
      next: null,
      prev: null,
    });
  });
});

describe('pickFields', () => {
  it('keeps the named fields that exist, and all of them without a list', () => {
    const post = { id: '1', title: 'T', url: 'u' };
    expect(pickFields(post, ['title', 'nope'])).toEqual({ title: 'T' });
    expect(pickFields(post, null)).toBe(post);
  });
});
