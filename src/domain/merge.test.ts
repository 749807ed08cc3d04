import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeFields, mergeUnits } from './merge.js';

describe('mergeUnits', () => {
  const base = ['intro', 'vote', 'reaction', 'outlook'];

  it("takes each side's changes to different parts", () => {
    const mine = ['intro', 'vote', 'reaction, with quotes', 'outlook'];
    const theirs = ['new intro', 'vote', 'reaction', 'outlook', 'background'];
    expect(mergeUnits(base, mine, theirs)).toEqual({
      units: ['new intro', 'vote', 'reaction, with quotes', 'outlook', 'background'],
      takenFromTheirs: 2,
      conflicts: [],
    });
  });

  it('treats changes to neighbouring parts as one conflict, as line merges do', () => {
    const merged = mergeUnits(
      base,
      ['intro', 'vote passed', 'reaction', 'outlook'],
      ['new intro', 'vote', 'reaction', 'outlook'],
    );
    expect(merged.conflicts).toEqual([
      { base: ['intro', 'vote'], mine: ['intro', 'vote passed'], theirs: ['new intro', 'vote'] },
    ]);
  });

  it('keeps the same change made on both sides once', () => {
    const both = ['intro', 'vote', 'outlook'];
    expect(mergeUnits(base, both, both)).toEqual({ units: both, takenFromTheirs: 0, conflicts: [] });
  });

  it('keeps mine where both changed the same part differently, and reports it', () => {
    const mine = ['intro', 'vote passed', 'reaction', 'outlook'];
    const theirs = ['intro', 'vote postponed', 'reaction', 'outlook'];
    expect(mergeUnits(base, mine, theirs)).toEqual({
      units: mine,
      takenFromTheirs: 0,
      conflicts: [{ base: ['vote'], mine: ['vote passed'], theirs: ['vote postponed'] }],
    });
  });

  it('takes their deletion of a part I left alone', () => {
    expect(mergeUnits(base, [...base, 'mine at the end'], ['intro', 'reaction', 'outlook']).units).toEqual([
      'intro',
      'reaction',
      'outlook',
      'mine at the end',
    ]);
  });

  const unitLists = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 8 });

  it("gives one side's version when the other changed nothing, and never loses an unchanged part kept by both", () => {
    fc.assert(
      fc.property(unitLists, unitLists, (b, x) => {
        expect(mergeUnits(b, b, x).units).toEqual(x);
        expect(mergeUnits(b, x, b).units).toEqual(x);
        expect(mergeUnits(b, x, x).units).toEqual(x);
      }),
    );
  });

  it('holds every part of mine when there is a conflict-free merge of disjoint additions', () => {
    fc.assert(
      fc.property(unitLists, unitLists, unitLists, (b, m, t) => {
        const merged = mergeUnits(b, m, t);
        if (merged.conflicts.length === 0) {
          // Without conflicts, each side's changes are all in: what one side added appears in the result.
          for (const unit of m.filter((u) => !b.includes(u) && !t.includes(u))) expect(merged.units).toContain(unit);
        }
      }),
    );
  });
});

describe('mergeFields', () => {
  const split = {
    field: 'body' as const,
    split: (v: string) => v.split('\n\n'),
    join: (u: string[]) => u.join('\n\n'),
  };
  const fields = ['headline', 'tags', 'body'] as const;

  it('merges whole fields one way each, and the body by its blocks', () => {
    const base = { headline: 'Vote today', tags: 'council', body: 'One.\n\nTwo.\n\nThree.' };
    const mine = { headline: 'Vote today', tags: 'council, buses', body: 'One.\n\nTwo, revised.\n\nThree.' };
    const theirs = { headline: 'Council votes today', tags: 'council', body: 'One.\n\nTwo.\n\nThree.\n\nFour.' };
    expect(mergeFields(base, mine, theirs, fields, [split])).toEqual({
      values: {
        headline: 'Council votes today',
        tags: 'council, buses',
        body: 'One.\n\nTwo, revised.\n\nThree.\n\nFour.',
      },
      fromTheirs: ['headline', 'body'],
      conflicts: [],
    });
  });

  it('reports a field both changed, keeping mine', () => {
    const base = { headline: 'A', tags: '', body: 'x' };
    const merged = mergeFields(base, { ...base, headline: 'Mine' }, { ...base, headline: 'Theirs' }, fields, [split]);
    expect(merged.values.headline).toBe('Mine');
    expect(merged.conflicts).toEqual([{ field: 'headline', mine: 'Mine', theirs: 'Theirs', parts: [] }]);
  });
});
