import { describe, expect, it } from 'vitest';
import type { ArticleInput } from './article.js';
import { paragraph } from './body.js';
import { parseRevisionSnapshot, serializeRevisionSnapshot, SNAPSHOT_VERSION } from './revision-snapshot.js';

const input: ArticleInput = {
  slug: 'harbour-opens',
  headline: 'Harbour opens',
  standfirst: null,
  body: [paragraph('The harbour opened on Monday.')],
  sectionId: 2,
  authorIds: [4, 1],
  tags: ['port'],
  photo: { mediaId: 9, caption: 'The quay', credit: null, alt: 'A quay at dawn' },
  status: 'published',
  publishedAt: new Date('2026-01-21T04:01:00.000Z'),
  updatedAt: null,
  createdBy: 3,
  reviewNote: null,
};

describe('revision snapshots', () => {
  it('read back what was written, dates as dates', () => {
    const read = parseRevisionSnapshot(serializeRevisionSnapshot(input));
    expect(read).toEqual({ ok: true, input });
  });

  it('are written with their version', () => {
    expect(JSON.parse(serializeRevisionSnapshot(input))).toMatchObject({ version: SNAPSHOT_VERSION });
  });

  it('read the snapshots stored before the version field existed', () => {
    const legacy = JSON.stringify(input);
    expect(JSON.parse(legacy)).not.toHaveProperty('version');
    expect(parseRevisionSnapshot(legacy)).toEqual({ ok: true, input });
  });

  it('read a legacy snapshot without the optional fields', () => {
    const { createdBy: _c, reviewNote: _r, ...bare } = input;
    expect(parseRevisionSnapshot(JSON.stringify(bare))).toEqual({ ok: true, input: bare });
  });

  it('name the fields that no longer fit', () => {
    const broken = { ...JSON.parse(serializeRevisionSnapshot(input)), status: 'archived', authorIds: ['x'] };
    expect(parseRevisionSnapshot(JSON.stringify(broken))).toEqual({
      ok: false,
      problem: "its stored copy does not fit today's rules (authorIds, status)",
    });
  });

  it('refuse a date that is not one', () => {
    const broken = { ...JSON.parse(serializeRevisionSnapshot(input)), publishedAt: 'yesterday' };
    expect(parseRevisionSnapshot(JSON.stringify(broken))).toMatchObject({ ok: false });
  });

  it('refuse text that is not JSON', () => {
    expect(parseRevisionSnapshot('{"slug":')).toEqual({ ok: false, problem: 'its stored copy is not readable JSON' });
  });

  it('keep custom field values, and write nothing for an article without any', () => {
    const withFields: ArticleInput = { ...input, customFields: { sponsor: 'Bayside', exclusive: false } };
    expect(parseRevisionSnapshot(serializeRevisionSnapshot(withFields))).toEqual({ ok: true, input: withFields });
    expect(serializeRevisionSnapshot({ ...input, customFields: {} })).toBe(serializeRevisionSnapshot(input));
    const broken = { ...JSON.parse(serializeRevisionSnapshot(withFields)), customFields: { sponsor: 3 } };
    expect(parseRevisionSnapshot(JSON.stringify(broken))).toMatchObject({ ok: false });
  });

  it('refuse a snapshot from a newer version', () => {
    const newer = JSON.stringify({ ...JSON.parse(serializeRevisionSnapshot(input)), version: SNAPSHOT_VERSION + 1 });
    expect(parseRevisionSnapshot(newer)).toEqual({
      ok: false,
      problem: `it was saved by a newer version of Dateline (snapshot version ${SNAPSHOT_VERSION + 1})`,
    });
  });
});
