export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

/**
 * Line diff by longest common subsequence: enough for comparing two revisions of an article, whose bodies
 * are a few hundred lines at most. Quadratic in lines, so inputs beyond 5,000 lines fall back to
 * "all removed, all added".
 */
export const diffLines = (before: string, after: string): DiffLine[] => {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = lcsTable(a, b);
  if (!lcs) {
    return [
      ...a.map((text) => ({ kind: 'removed' as const, text })),
      ...b.map((text) => ({ kind: 'added' as const, text })),
    ];
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ kind: 'removed', text: a[i++]! });
    } else {
      out.push({ kind: 'added', text: b[j++]! });
    }
  }
  while (i < a.length) out.push({ kind: 'removed', text: a[i++]! });
  while (j < b.length) out.push({ kind: 'added', text: b[j++]! });
  return out;
};

/** Pairs [index in a, index in b] of one longest common subsequence, in order (none past the size limit). */
export const commonPairs = (a: readonly string[], b: readonly string[]): [number, number][] => {
  const lcs = lcsTable(a, b);
  const pairs: [number, number][] = [];
  if (!lcs) return pairs;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
};

/** lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..]; null when too large to compute. */
const lcsTable = (a: readonly string[], b: readonly string[]): Uint32Array[] | null => {
  if (a.length * b.length > 25_000_000) return null;
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  return lcs;
};
