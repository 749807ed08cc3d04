import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines } from './text-diff.js';

describe('diffLines', () => {
  it('marks unchanged, removed and added lines', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
    ]);
  });

  it('rebuilds both sides from any diff', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd')),
        fc.array(fc.constantFrom('a', 'b', 'c', 'd')),
        (x, y) => {
          const d = diffLines(x.join('\n'), y.join('\n'));
          expect(
            d
              .filter((l) => l.kind !== 'added')
              .map((l) => l.text)
              .join('\n'),
          ).toBe(x.join('\n'));
          expect(
            d
              .filter((l) => l.kind !== 'removed')
              .map((l) => l.text)
              .join('\n'),
          ).toBe(y.join('\n'));
        },
      ),
    );
  });
});
