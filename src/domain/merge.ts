import { commonPairs } from './text-diff.js';

/** Where two people changed the same part differently: the merge keeps "mine" there and shows "theirs". */
export interface MergeConflict {
  base: string[];
  mine: string[];
  theirs: string[];
}

export interface MergedUnits {
  units: string[];
  /** How many changed parts came from their version alone. */
  takenFromTheirs: number;
  conflicts: MergeConflict[];
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A three-way merge of two edits of one list of units (the body's blocks): the parts only one side changed
 * come from that side; parts both changed alike are kept; parts both changed differently keep mine and are
 * reported. Stable anchors are the base units both versions still hold in place (diff3).
 */
export const mergeUnits = (
  base: readonly string[],
  mine: readonly string[],
  theirs: readonly string[],
): MergedUnits => {
  const inMine = new Map(commonPairs(base, mine));
  const inTheirs = new Map(commonPairs(base, theirs));
  const out: string[] = [];
  const conflicts: MergeConflict[] = [];
  let takenFromTheirs = 0;
  let [o, m, t] = [0, 0, 0];
  for (;;) {
    let anchor = o;
    while (anchor < base.length && !(inMine.has(anchor) && inTheirs.has(anchor))) anchor++;
    const end = anchor === base.length;
    const chunk = {
      base: base.slice(o, anchor),
      mine: mine.slice(m, end ? mine.length : inMine.get(anchor)!),
      theirs: theirs.slice(t, end ? theirs.length : inTheirs.get(anchor)!),
    };
    if (same(chunk.mine, chunk.base)) {
      out.push(...chunk.theirs);
      if (!same(chunk.theirs, chunk.base)) takenFromTheirs++;
    } else if (same(chunk.theirs, chunk.base) || same(chunk.mine, chunk.theirs)) {
      out.push(...chunk.mine);
    } else {
      out.push(...chunk.mine);
      conflicts.push(chunk);
    }
    if (end) break;
    out.push(base[anchor]!);
    [o, m, t] = [anchor + 1, inMine.get(anchor)! + 1, inTheirs.get(anchor)! + 1];
  }
  return { units: out, takenFromTheirs, conflicts };
};

/** A field-by-field merge of form values; `blocks` fields merge by their parts, the others as a whole. */
export const mergeFields = <K extends string>(
  base: Record<K, string>,
  mine: Record<K, string>,
  theirs: Record<K, string>,
  fields: readonly K[],
  blocks: { field: K; split: (v: string) => string[]; join: (units: string[]) => string }[],
) => {
  const values = { ...mine };
  const fromTheirs: K[] = [];
  const conflicts: { field: K; mine: string; theirs: string; parts: MergeConflict[] }[] = [];
  for (const field of fields) {
    const [b, me, th] = [base[field], mine[field], theirs[field]];
    if (me === th || th === b) continue;
    if (me === b) {
      values[field] = th;
      fromTheirs.push(field);
      continue;
    }
    const split = blocks.find((x) => x.field === field);
    if (!split) {
      conflicts.push({ field, mine: me, theirs: th, parts: [] });
      continue;
    }
    const merged = mergeUnits(split.split(b), split.split(me), split.split(th));
    values[field] = split.join(merged.units);
    if (merged.takenFromTheirs > 0) fromTheirs.push(field);
    if (merged.conflicts.length > 0) conflicts.push({ field, mine: me, theirs: th, parts: merged.conflicts });
  }
  return { values, fromTheirs, conflicts };
};
