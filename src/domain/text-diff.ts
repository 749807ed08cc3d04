import { diffArrays } from 'diff';

export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

/**
 * Edits beyond which two texts are shown as "all removed, all added". Myers' diff (the `diff` package) costs
 * time in proportion to the edits, not to the product of the lengths: two 5,000-line revisions with scattered
 * changes compare in milliseconds, where the quadratic table took 0.45 s of the event loop and stalled every reader.
 * Rewriting most of a very long text costs at most this many steps.
 */
const MAX_EDITS = 2_000;

type Run = { kind: DiffLine['kind']; lines: string[] };

/** The runs of a line diff, or null when the texts differ by more than MAX_EDITS lines. */
const runsOf = (a: string[], b: string[]): Run[] | null => {
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDITS });
  if (!changes) return null;
  return changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', lines: c.value }));
};

/** A line diff for comparing two revisions of an article. */
export const diffLines = (before: string, after: string): DiffLine[] => {
  const a = before.split('\n');
  const b = after.split('\n');
  const runs = runsOf(a, b) ?? [
    { kind: 'removed', lines: a },
    { kind: 'added', lines: b },
  ];
  return runs.flatMap((r) => r.lines.map((text) => ({ kind: r.kind, text })));
};

/** Pairs [index in a, index in b] of a longest common subsequence, in order (none past the edit limit). */
export const commonPairs = (a: readonly string[], b: readonly string[]): [number, number][] => {
  const runs = runsOf([...a], [...b]);
  const pairs: [number, number][] = [];
  if (!runs) return pairs;
  let i = 0;
  let j = 0;
  for (const run of runs) {
    for (let k = 0; k < run.lines.length; k++) {
      if (run.kind === 'same') pairs.push([i++, j++]);
      else if (run.kind === 'removed') i++;
      else j++;
    }
  }
  return pairs;
};
