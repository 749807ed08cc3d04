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

describe('diffLines on long texts', () => {
  const longText = (n: number, changedEvery: number) =>
    Array.from({ length: n }, (_, i) => (i % changedEvery === 0 ? `line ${i} (revised)` : `line ${i}`)).join('\n');

  it('compares two 5,000-line revisions with scattered changes in a few milliseconds, not half a second', () => {
    const before = longText(5_000, 5_001);
    const after = longText(5_000, 97);
    const started = performance.now();
    const d = diffLines(before, after);
    const took = performance.now() - started;
    // Line 0 is revised in both; lines 97, 194, … 4947 only after: 51 of them.
    expect(d.filter((l) => l.kind === 'added')).toHaveLength(51);
    expect(d.filter((l) => l.kind === 'removed')).toHaveLength(51);
    expect(took).toBeLessThan(150);
  });

  it('shows texts rewritten beyond its edit limit as all removed, then all added', () => {
    const before = Array.from({ length: 3_000 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 3_000 }, (_, i) => `new ${i}`).join('\n');
    const d = diffLines(before, after);
    expect(d.slice(0, 3_000).every((l) => l.kind === 'removed')).toBe(true);
    expect(d.slice(3_000).every((l) => l.kind === 'added')).toBe(true);
  });
});
