import { describe, expect, it } from 'vitest';
import { parseGhostExport, type GhostExport } from './ghost-export.js';

const data = {
  posts: [{ id: 'p1', title: 'Tides', slug: 'tides', status: 'published', featured: 1, published_at: 1714550400000 }],
  tags: [
    { id: 't1', name: 'Sea', slug: 'sea' },
    { id: 't2', name: 'Moon', slug: 'moon' },
  ],
  posts_tags: [
    { post_id: 'p1', tag_id: 't2', sort_order: 1 },
    { post_id: 'p1', tag_id: 't1', sort_order: 0 },
  ],
  users: [{ id: 1, name: 'Ana', slug: 'ana' }],
  posts_authors: [{ post_id: 'p1', author_id: 1, sort_order: 0 }],
  settings: [
    { key: 'title', value: 'The Tide' },
    { key: 'navigation', value: [] },
  ],
};
const meta = { exported_on: 1714550400000, version: '5.82.1' };

const read = (text: string): GhostExport => {
  const result = parseGhostExport(text);
  if (!result.ok) throw new Error(result.message);
  return result.export;
};
const refusal = (text: string) => {
  const result = parseGhostExport(text);
  return result.ok ? 'read' : `${result.line}:${result.column}: ${result.message}`;
};

describe('a Ghost export', () => {
  it('reads the { db: [ { meta, data } ] } wrapping and the bare { meta, data } alike', () => {
    const wrapped = read(JSON.stringify({ db: [{ meta, data }] }));
    const bare = read(JSON.stringify({ meta, data }));
    expect(bare).toEqual(wrapped);
    expect(wrapped.major).toBe(5);
    expect(wrapped.title).toBe('The Tide');
  });

  it('keeps each post’s tags and authors in their sort order, and reads 0/1 flags and epoch times', () => {
    const ghost = read(JSON.stringify({ meta, data }));
    expect(ghost.tagsOf.get('p1')).toEqual(['t1', 't2']);
    expect(ghost.authorsOf.get('p1')).toEqual(['1']);
    expect(ghost.users.get('1')?.name).toBe('Ana');
    expect(ghost.posts[0]!.featured).toBe(true);
    expect(ghost.posts[0]!.published_at?.toISOString()).toBe('2024-05-01T08:00:00.000Z');
  });
});

describe('what is not a Ghost export', () => {
  it('says a cut file stops too soon, at its end', () => {
    const whole = JSON.stringify({ db: [{ meta, data }] }, null, 2);
    expect(refusal(whole.slice(0, 200))).toMatch(
      /^\d+:\d+: the JSON ends before it is complete: the file is cut short$/,
    );
  });

  it('sends a WordPress export to its own importer, and names HTML for what it is', () => {
    const wxr = '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel/></rss>';
    expect(refusal(wxr)).toBe(
      '1:1: this is a WordPress export (XML), not a Ghost export: import it with `dateline import wordpress`',
    );
    expect(refusal('\n  <!doctype html><p>Hi</p>')).toBe(
      '2:3: this is XML or HTML, not a Ghost export (Ghost exports its content as JSON)',
    );
  });

  it('refuses JSON of another shape, naming what is missing or wrong', () => {
    expect(refusal('')).toBe('0:0: the file is empty, not a Ghost export');
    expect(refusal('[1, 2]')).toBe('0:0: this is JSON, but not a Ghost export (no "db" or "data")');
    expect(refusal('{"name":"a-package","version":"1.0.0"}')).toBe(
      '0:0: this is JSON, but not a Ghost export: it has no meta.version and data',
    );
    const noId = { ...data, posts: [...data.posts, { title: 'Nameless' }] };
    expect(refusal(JSON.stringify({ db: [{ meta, data: noId }] }))).toMatch(
      /^0:0: this is not a Ghost export Dateline can read: db\[0\]\.data\.posts\[1\]\.id: /,
    );
  });

  it('points at the place where the JSON goes wrong', () => {
    expect(refusal('{\n "a": 1,\n "b" 2}')).toMatch(/^3:6: this is not valid JSON \([^\n]+\)$/);
  });
});
